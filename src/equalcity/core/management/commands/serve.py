"""Serve the platform: gunicorn for the web, and the background-task worker beside it."""

import os
import signal
import subprocess
import sys

from django.conf import settings
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Serve with gunicorn on 127.0.0.1 (PORT overrides the port) and a task worker."

    def add_arguments(self, parser):
        parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
        parser.add_argument("--port", default=os.environ.get("PORT", "8000"))
        parser.add_argument(
            "--workers", type=int, default=int(os.environ.get("WEB_CONCURRENCY", "2"))
        )
        parser.add_argument(
            "--no-task-worker",
            action="store_true",
            help="Do not start the background-task worker (run `equalcity db_worker` elsewhere).",
        )

    def handle(self, *args, host, port, workers, no_task_worker, **options):
        web = [
            sys.executable, "-m", "gunicorn", "equalcity.wsgi:application",
            "--bind", f"{host}:{port}",
            "--workers", str(workers),
            "--timeout", "60",
            "--graceful-timeout", "20",
            "--forwarded-allow-ips", os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1"),
        ]  # fmt: skip
        self.stdout.write(f"Serving Equalcity on http://{host}:{port}/ (Ctrl+C to stop)")
        if settings.DEBUG:
            self.stdout.write("DEBUG is on: never expose this server to others.")
        sys.stdout.flush()
        children = []
        if not no_task_worker:
            worker = [sys.executable, "-m", "equalcity", "db_worker", "--verbosity", "0"]
            children.append(subprocess.Popen(worker))  # noqa: S603 - our own command
        server = subprocess.Popen(web)  # noqa: S603 - our own command
        children.append(server)

        def stop(signum, frame):
            for child in children:
                if child.poll() is None:
                    child.send_signal(signal.SIGTERM)

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        try:
            code = server.wait()
        finally:
            stop(None, None)
            for child in children:
                try:
                    child.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    child.kill()
        sys.exit(code)
