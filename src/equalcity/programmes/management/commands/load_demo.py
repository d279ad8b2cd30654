import os

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from equalcity.programmes.demo import DEMO_ACCOUNTS, DEMO_PASSWORD, load_all_demo_data


class Command(BaseCommand):
    help = "Load the Equalcity demo programme (idempotent; refused in production mode)."

    def add_arguments(self, parser):
        parser.add_argument("--quiet-logins", action="store_true", help="Do not print the log-ins.")

    def handle(self, *args, quiet_logins=False, **options):
        if settings.PRODUCTION:
            raise CommandError(
                "load_demo refuses to run in production mode: the demo accounts have a "
                "published password."
            )
        programme = load_all_demo_data()
        self.stdout.write(self.style.SUCCESS(f"Demo programme '{programme}' is loaded."))
        if not quiet_logins:
            self.stdout.write(f"Demo log-ins (password for all: {DEMO_PASSWORD}):")
            for account in DEMO_ACCOUNTS:
                self.stdout.write(f"  {account.email:<40} {account.role}")
            port = os.environ.get("PORT", "8000")
            self.stdout.write(f"Sign in at http://127.0.0.1:{port}/en/accounts/login/")
