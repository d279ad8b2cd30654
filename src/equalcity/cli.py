"""The ``equalcity`` console command: Django's management commands under one name.

``equalcity migrate``, ``equalcity load_demo``, ``equalcity serve`` and every other
management command. A configuration error is told in one sentence, not a traceback.
"""

import os
import sys


def main(argv: list[str] | None = None) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "equalcity.settings")
    from django.core.exceptions import ImproperlyConfigured

    argv = list(sys.argv if argv is None else argv)
    argv[0] = "equalcity"
    try:
        from django.core.management import execute_from_command_line

        execute_from_command_line(argv)
    except ImproperlyConfigured as error:
        print(f"equalcity: configuration error: {error}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
