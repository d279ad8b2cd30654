from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from equalcity.core.errors import DomainError
from equalcity.monitoring.iati import activity_xml
from equalcity.programmes.models import Programme


class Command(BaseCommand):
    help = "Write a programme as an IATI 2.03 activity file."

    def add_arguments(self, parser):
        parser.add_argument("--output", required=True, help="File to write.")
        parser.add_argument(
            "--programme",
            default="",
            help="Programme short name (slug); needed when there are several.",
        )

    def handle(self, *args, output, programme, **options):
        slugs = sorted(Programme.objects.values_list("slug", flat=True))
        if programme and programme not in slugs:
            raise CommandError(
                _("There is no programme “%(slug)s”. Programmes: %(known)s.")
                % {"slug": programme, "known": ", ".join(slugs) or _("none")}
            )
        if not programme and len(slugs) != 1:
            raise CommandError(
                _("Name the programme with --programme (one of: %(known)s).")
                % {"known": ", ".join(slugs) or _("none")}
            )
        found = Programme.objects.select_related("lead_organisation").get(
            slug=programme or slugs[0]
        )
        try:
            document = activity_xml(found, today=timezone.localdate())
        except DomainError as error:
            raise CommandError(str(error.message)) from None
        # Built in full before the file is opened: a refusal leaves no file behind.
        try:
            Path(output).write_bytes(document)
        except OSError as error:
            raise CommandError(
                _("Could not write %(path)s: %(reason)s")
                % {"path": output, "reason": error.strerror}
            ) from None
        self.stdout.write(_("Wrote %(path)s.") % {"path": output})
