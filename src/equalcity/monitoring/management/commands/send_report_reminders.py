from django.core.management.base import BaseCommand
from django.utils import timezone

from equalcity.monitoring.services import send_report_reminders


class Command(BaseCommand):
    help = "E-mail partners whose quarterly report is due within N days or late (once each)."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=14, help="Due within this many days.")

    def handle(self, *args, days, **options):
        sent = send_report_reminders(today=timezone.localdate(), within_days=days)
        self.stdout.write(f"{sent} reminder(s) sent.")
