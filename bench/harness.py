"""What every benchmark shares: a throw-away database, Django set up, one page measured.

A benchmark script starts with ``import harness; harness.setup_django()`` before it imports
anything from Django or the platform.
"""

import os
import statistics
import tempfile
import time
from pathlib import Path


def setup_django() -> Path:
    """Point the platform at a fresh SQLite file in a temporary folder, migrate, return it."""
    workdir = Path(tempfile.mkdtemp(prefix="equalcity-bench-"))
    os.environ.update(
        {
            "EQUALCITY_ENV": "test",
            "DJANGO_SETTINGS_MODULE": "equalcity.settings",
            "DATABASE_URL": f"sqlite:///{workdir / 'bench.sqlite3'}",
            "EQUALCITY_VAR_DIR": str(workdir),
            "ALLOWED_HOSTS": "testserver",
            "LOG_LEVEL": "WARNING",
        }
    )
    (workdir / "static").mkdir(exist_ok=True)

    import django

    django.setup()

    from django.core import signals
    from django.core.management import call_command
    from django.db import close_old_connections

    # As in Django's test runner: keep one connection, so its queries can be counted.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    call_command("migrate", verbosity=0)
    return workdir


def measure(client, path: str, *, repeats: int) -> tuple[float, int]:
    """Median milliseconds per request over ``repeats`` requests, and the queries of one."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(path)
    with CaptureQueriesContext(connection) as captured:
        client.get(path)
    queries = len(captured)  # read now: the next request resets the query log
    timings = []
    for _ in range(repeats):
        started = time.perf_counter()
        response = client.get(path)
        timings.append(time.perf_counter() - started)
        assert response.status_code == 200, (path, response.status_code)
    return statistics.median(timings) * 1000, queries
