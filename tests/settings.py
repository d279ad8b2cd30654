"""Settings for the test suite: the platform's own, in test mode."""

import os

os.environ["EQUALCITY_ENV"] = "test"
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

from equalcity.settings import *  # noqa: E402, F403

# whitenoise looks for the collected static folder even when it serves from the finders.
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405
