"""How the results page of a survey scales from 200 to 5 000 submissions.

Prints the time per request and the number of queries at both sizes: queries must stay
constant and time should grow far slower than the data (the counts are grouped in the
database; only sensitive answers are decrypted in Python to be counted).

    .venv/bin/python bench/bench_surveys.py
"""

import sys
import uuid

import harness  # noqa: E402 - sets Django up before anything imports it

harness.setup_django()

from django.test import Client  # noqa: E402

from equalcity.accounts.models import User  # noqa: E402
from equalcity.programmes.demo import load_demo  # noqa: E402
from equalcity.surveys import demo as surveys_demo  # noqa: E402
from equalcity.surveys import services  # noqa: E402
from equalcity.surveys.models import Submission  # noqa: E402

REPEATS = 10
SIZES = (200, 5000)
CITIES = [city for city, _ in surveys_demo.CITY_SIZES]


def grow(survey, total: int) -> None:
    start = Submission.objects.filter(survey=survey).count()
    for index in range(start, total):
        city = CITIES[index % len(CITIES)]
        services.submit_response(
            survey=survey,
            public_id=uuid.uuid4(),
            data=surveys_demo.demo_answers(city, index),
            language="en",
            today=surveys_demo.DEMO_TODAY,
        )


def main() -> int:
    programme = load_demo()
    surveys_demo.load_demo(programme=programme)
    survey = programme.surveys.get(form_id=surveys_demo.FORM_ID)
    viewer = User.objects.get(email__startswith="viewer@")
    client = Client()
    client.force_login(viewer)
    path = f"/en/surveys/{programme.slug}/{survey.public_id}/results/?by=city"
    measured = []
    for size in SIZES:
        grow(survey, size)
        milliseconds, queries = harness.measure(client, path, repeats=REPEATS)
        measured.append((milliseconds, queries))
        print(f"{size:>6} submissions: {milliseconds:7.1f} ms, {queries} queries")
    (small_ms, small_q), (large_ms, large_q) = measured
    print(f"time ratio {large_ms / small_ms:.2f}, query ratio {large_q / small_q:.2f}")
    return 0 if large_q == small_q else 1


if __name__ == "__main__":
    sys.exit(main())
