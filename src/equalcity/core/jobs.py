"""Background jobs by name, so that services queue work without importing the tasks.

A task module imports its app's services to do the work; if the services imported the
task back to queue it, the two layers would import each other. Instead each ``tasks``
module registers its tasks here under a name (``@jobs.register("referral.import")``), the
core app imports every ``tasks`` module at start-up, and a service asks for the work by
name once its transaction commits.
"""

from django.db import transaction

_registry: dict = {}


class UnknownJob(LookupError):
    """A service asked for a job no ``tasks`` module registered (a programming error)."""


def register(name: str):
    """Keep a django-tasks task under ``name``; returns the task unchanged."""

    def decorator(task):
        if _registry.get(name, task) is not task:
            raise ValueError(f"two tasks registered as {name!r}")
        _registry[name] = task
        return task

    return decorator


def get(name: str):
    try:
        return _registry[name]
    except KeyError:
        raise UnknownJob(name) from None


def enqueue_on_commit(name: str, *args) -> None:
    """Queue the job once the current transaction commits (at once outside of one)."""
    task = get(name)
    transaction.on_commit(lambda: task.enqueue(*args))
