"""``equalcity serve`` keeps its task worker alive: a killed worker is started again."""

import io
import signal
import sys
import threading
import time

from equalcity.core.management.commands.serve import Supervisor

SLEEPER = [sys.executable, "-c", "import time; time.sleep(60)"]


def test_a_killed_task_worker_is_started_again_and_everything_stops_with_the_web():
    web = [sys.executable, "-c", "import time; time.sleep(4)"]
    log = io.StringIO()
    supervisor = Supervisor(web, SLEEPER, log)
    supervisor.POLL_SECONDS = 0.05
    pids = []

    def kill_the_worker():
        time.sleep(1)
        pids.append(supervisor.worker.pid)
        supervisor.worker.send_signal(signal.SIGKILL)
        time.sleep(2)
        pids.append(supervisor.worker.pid)

    killer = threading.Thread(target=kill_the_worker)
    killer.start()
    code = supervisor.run()
    killer.join()

    assert code == 0
    assert supervisor.restarts == 1
    assert pids[0] != pids[1]
    assert "the task worker stopped (exit -9)" in log.getvalue()
    assert supervisor.worker.poll() is not None  # stopped with the web server


def test_a_worker_that_keeps_dying_is_restarted_with_growing_pauses():
    web = [sys.executable, "-c", "import time; time.sleep(3)"]
    dying = [sys.executable, "-c", "import sys; sys.exit(3)"]
    log = io.StringIO()
    supervisor = Supervisor(web, dying, log)
    supervisor.POLL_SECONDS = 0.05
    supervisor.run()
    pauses = [line.split(" in ")[1] for line in log.getvalue().splitlines()]
    assert pauses[:2] == ["1 s", "2 s"]
    assert supervisor.restarts >= 1


def test_stopping_ends_both_children():
    supervisor = Supervisor(SLEEPER, SLEEPER, io.StringIO())
    supervisor.POLL_SECONDS = 0.05
    threading.Timer(0.5, supervisor.stop).start()
    started = time.monotonic()
    supervisor.run()
    assert time.monotonic() - started < 15
    assert supervisor.web.poll() is not None and supervisor.worker.poll() is not None
