from django.core.management.base import BaseCommand

from equalcity.toolboxes.services import send_review_reminders


class Command(BaseCommand):
    help = "E-mail reviewers whose open review invitations are due within N days (once each)."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=3, help="Due within this many days.")

    def handle(self, *args, days, **options):
        sent = send_review_reminders(within_days=days)
        self.stdout.write(f"{sent} reminder(s) sent.")
