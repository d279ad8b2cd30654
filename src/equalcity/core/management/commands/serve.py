"""Serve the platform: gunicorn for the web, and the background-task worker beside it."""

import os
import signal
import subprocess
import sys
import time

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
        worker_command = [sys.executable, "-m", "equalcity", "db_worker", "--verbosity", "0"]
        supervisor = Supervisor(web, None if no_task_worker else worker_command, self.stderr)
        signal.signal(signal.SIGTERM, supervisor.stop)
        signal.signal(signal.SIGINT, supervisor.stop)
        sys.exit(supervisor.run())


class Supervisor:
    """Runs gunicorn and the task worker; a worker that dies is started again.

    gunicorn restarts its own web workers; the task worker has nobody else watching it, so
    a crash (out of memory, a killed process) would leave every PDF and import queued for
    ever. It is restarted after a pause that doubles with each quick death (at most a
    minute), and the pause starts again from one second once a worker has lived a minute.
    """

    POLL_SECONDS = 1.0
    MAX_PAUSE = 60.0

    def __init__(self, web: list[str], worker: list[str] | None, log, *, popen=None):
        self.web_command, self.worker_command, self.log = web, worker, log
        self.popen = popen or subprocess.Popen
        self.stopping = False
        self.web = self.worker = None
        self.pause = 0.5  # doubled before the first restart
        self.worker_started = 0.0
        self.restarts = 0

    def start_worker(self) -> None:
        self.worker = self.popen(self.worker_command)
        self.worker_started = time.monotonic()

    def stop(self, signum=None, frame=None) -> None:
        self.stopping = True
        for child in (self.worker, self.web):
            if child is not None and child.poll() is None:
                child.send_signal(signal.SIGTERM)

    def check_worker(self) -> None:
        """Start the worker again if it died (called every POLL_SECONDS)."""
        if self.worker is None or self.stopping or self.worker.poll() is None:
            return
        lived = time.monotonic() - self.worker_started
        self.pause = 1.0 if lived >= 60 else min(self.pause * 2, self.MAX_PAUSE)
        self.log.write(
            f"equalcity serve: the task worker stopped (exit {self.worker.returncode}); "
            f"starting it again in {self.pause:.0f} s\n"
        )
        deadline = time.monotonic() + self.pause
        while not self.stopping and time.monotonic() < deadline:
            time.sleep(min(self.POLL_SECONDS, 0.2))
        if not self.stopping:
            self.restarts += 1
            self.start_worker()

    def run(self) -> int:
        if self.worker_command:
            self.start_worker()
        self.web = self.popen(self.web_command)
        try:
            while (code := self.web.poll()) is None:
                self.check_worker()
                time.sleep(self.POLL_SECONDS)
        finally:
            self.stop()
            for child in (self.worker, self.web):
                if child is None:
                    continue
                try:
                    child.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    child.kill()
        return code
