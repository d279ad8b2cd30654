"""Machine translation suggestions, behind a pluggable backend.

Off unless ``TRANSLATION_MACHINE_BACKEND`` names a class (dotted path) with a
``translate(text, *, source, target) -> str`` method. Suggestions are stored as *machine
drafts*, which readers never see until a person edits or reviews them.
"""

from typing import Protocol

from django.conf import settings
from django.utils.module_loading import import_string


class MachineBackend(Protocol):
    def translate(self, text: str, *, source: str, target: str) -> str: ...


def get_backend() -> MachineBackend | None:
    path = getattr(settings, "TRANSLATION_MACHINE_BACKEND", None)
    if not path:
        return None
    return import_string(path)()


class BracketBackend:
    """For tests and demos: marks the text with the target language, keeps everything else."""

    def translate(self, text: str, *, source: str, target: str) -> str:
        return f"[{target}] {text}"


def is_on() -> bool:
    """Whether a backend is configured: the translator's page offers suggestions only then."""
    return bool(getattr(settings, "TRANSLATION_MACHINE_BACKEND", None))
