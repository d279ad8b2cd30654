from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from equalcity.programmes.models import Programme
from equalcity.surveys import services


class Command(BaseCommand):
    help = "Import an XLSForm workbook (.xlsx) as a survey of a programme; all or nothing."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)
        parser.add_argument("--programme", default="equalcity", help="the programme's short name")
        parser.add_argument("--open", action="store_true", help="open the survey for answers")
        parser.add_argument(
            "--not-anonymous", action="store_true", help="keep the respondent's account"
        )

    def handle(self, *args, path: Path, programme: str, open: bool, not_anonymous: bool, **kw):
        target = Programme.objects.filter(slug=programme).first()
        if target is None:
            raise CommandError(f"No programme with the short name {programme!r}.")
        if not path.is_file():
            raise CommandError(f"No file at {path}.")
        try:
            survey = services.import_xlsform(
                programme=target,
                content=path.read_bytes(),
                filename=path.name,
                anonymous=not not_anonymous,
                open_now=open,
            )
        except services.ImportRefused as refusal:
            lines = [str(refusal.message), *refusal.report.errors]
            raise CommandError("\n".join(lines)) from refusal
        for warning in survey.warnings:
            self.stderr.write(f"ignored: {warning}")
        self.stdout.write(f"Imported {survey.form_id} ({survey.public_id}).")
