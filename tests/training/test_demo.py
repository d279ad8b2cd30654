"""The training demo: the four pilot cities, clearly synthetic, idempotent."""

import io

import pytest
from django.core.management import call_command

from equalcity.training.demo import load_demo
from equalcity.training.models import ChildParticipant, Enrolment, Session

pytestmark = pytest.mark.django_db


def snapshot() -> str:
    out = io.StringIO()
    call_command("dumpdata", "training", "accounts", format="json", indent=None, stdout=out)
    return out.getvalue()


def test_loading_the_training_demo_twice_changes_nothing(full_demo):
    before = snapshot()
    load_demo(programme=full_demo)
    assert snapshot() == before


def test_pilot_sessions_in_the_four_cities_with_synthetic_people(full_demo):
    cities = set(Session.objects.values_list("city", flat=True))
    assert {"Brussels", "Luxembourg", "Rome", "Gothenburg"} <= cities
    held = Session.objects.filter(starts_on__year__in=(2020, 2021))
    assert set(held.values_list("city", flat=True)) == {
        "Brussels",
        "Luxembourg",
        "Rome",
        "Gothenburg",
    }
    names = Enrolment.objects.values_list("user__full_name", flat=True)
    assert len(names) >= 40
    assert all(
        name.startswith("Demo participant ") and name.endswith("(demo data)") for name in names
    )
    assert ChildParticipant.objects.count() >= 30
    assert not Session.objects.filter(starts_on__year=2022).exists()
