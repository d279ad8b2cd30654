from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from equalcity.monitoring.iati import activity_xml
from equalcity.programmes.models import Programme


class Command(BaseCommand):
    help = "Write a programme as an IATI 2.03 activity file."

    def add_arguments(self, parser):
        parser.add_argument("--output", required=True, help="File to write.")
        parser.add_argument(
            "--programme", default="", help="Programme slug (default: the only one)."
        )

    def handle(self, *args, output, programme, **options):
        programmes = Programme.objects.all()
        if programme:
            programmes = programmes.filter(slug=programme)
        found = list(programmes[:2])
        if len(found) != 1:
            raise CommandError("Name one programme with --programme.")
        Path(output).write_bytes(activity_xml(found[0], today=timezone.localdate()))
        self.stdout.write(f"Wrote {output}.")
