from datetime import date

import pytest
from django.db.models import Count, Sum

from equalcity.monitoring import selectors
from equalcity.monitoring.models import (
    Indicator,
    IndicatorValue,
    Meeting,
    PartnerReport,
    ProgrammePhase,
)
from equalcity.network.models import CityProfile, Registration
from equalcity.training import selectors as training_selectors
from equalcity.translations.models import Translation, TranslationStatus

pytestmark = pytest.mark.django_db


def test_the_demo_has_eight_quarters_of_reports_from_four_partners(monitoring_demo):
    per_partner = dict(
        PartnerReport.objects.filter(programme=monitoring_demo)
        .values_list("organisation__slug")
        .annotate(n=Count("pk"))
    )
    assert per_partner == {
        "rainbowhouse-brussels": 8,
        "femmes-en-detresse": 8,
        "sapienza-university": 8,
        "city-of-gothenburg": 8,
    }
    quarters = set(
        PartnerReport.objects.filter(programme=monitoring_demo).values_list("year", "quarter")
    )
    assert quarters == {(y, q) for y in (2020, 2021) for q in (1, 2, 3, 4)}


def test_the_demo_has_three_steering_committee_meetings(monitoring_demo):
    titles = list(
        Meeting.objects.filter(
            programme=monitoring_demo, kind=Meeting.Kind.STEERING_COMMITTEE
        ).values_list("title", flat=True)
    )
    assert len(titles) == 3
    assert [t.split(": ")[1] for t in titles] == ["kick-off", "mid-term review", "closing"]


def test_the_logframe_carries_the_real_targets_and_sdgs(monitoring_demo):
    targets = dict(
        Indicator.objects.filter(programme=monitoring_demo).values_list("source", "target")
    )
    assert targets[Indicator.Source.FRONTLINE_WORKERS_TRAINED] == 350
    assert targets[Indicator.Source.CHILDREN_TRAINED] == 200
    assert targets[Indicator.Source.TOOLBOXES_PUBLISHED] == 4
    assert targets[Indicator.Source.TRAINEE_CITIES_ACTIVE] == 40
    assert targets[Indicator.Source.CITIES_REACHED] == 250
    sdgs = set()
    for row in Indicator.objects.filter(programme=monitoring_demo).values_list(
        "sdg_targets", flat=True
    ):
        sdgs.update(row)
    assert sdgs == {
        "3.7",
        "5.1",
        "5.2",
        "5.6",
        "10.2",
        "10.3",
        "10.7",
        "11.1",
        "16.2",
        "16.10",
        "16.a",
    }
    levels = [item["node"].level for item in selectors.logframe(monitoring_demo)]
    assert levels[0] == "goal" and {"outcome", "output", "activity"} <= set(levels)


def test_dashboard_frontline_workers_trained_equals_the_training_count(monitoring_demo):
    # given the training app's own count and what its dashboard shows
    today = date(2030, 1, 1)
    trained = (
        training_selectors.completed_enrolments(monitoring_demo).values("user").distinct().count()
    )
    training_figure = {
        p.measure: p.reached.value
        for p in training_selectors.programme_dashboard(monitoring_demo, today=today)["progress"]
    }["frontline_workers_trained"]
    # when the monitoring dashboard is read
    rows = selectors.dashboard(monitoring_demo, today=today)["rows"]
    row = next(r for r in rows if r["indicator"].source == "frontline_workers_trained")
    # then its latest value is the same figure
    assert trained > 0
    assert row["latest"] == training_figure == trained


def test_cities_are_computed_and_outreach_is_entered_by_the_four_partners(monitoring_demo):
    sources = dict(
        Indicator.objects.filter(programme=monitoring_demo).values_list("code", "source")
    )
    assert sources["I4"] == Indicator.Source.TRAINEE_CITIES_ACTIVE
    assert sources["I5"] == Indicator.Source.CITIES_REACHED
    automatic = {Indicator.Source(s) for s in sources.values()} - {Indicator.Source.MANUAL}
    assert {
        Indicator.Source.TRANSLATIONS_REVIEWED,
        Indicator.Source.AVERAGE_LEARNING_GAIN,
        Indicator.Source.EVALUATION_SCORE,
        Indicator.Source.EVENT_ATTENDANCE,
    } <= automatic
    manual = Indicator.objects.get(programme=monitoring_demo, source=Indicator.Source.MANUAL)
    entered = set(manual.values.values_list("organisation__slug", "year", "quarter"))
    assert len(entered) == 8 * 4
    # an automatic indicator has no partner-entered value left
    assert not IndicatorValue.objects.filter(indicator__code__in=["I4", "I5"]).exists()


def test_targets_that_are_not_programme_facts_say_demo_data(monitoring_demo):
    public = {"I1": 350, "I2": 200, "I3": 4, "I4": 40, "I5": 250}
    for indicator in Indicator.objects.filter(programme=monitoring_demo):
        if indicator.code in public:
            assert indicator.target == public[indicator.code]
        else:
            assert "demo data" in indicator.means_of_verification, indicator.code


def test_the_demo_phases_lie_within_the_programme(monitoring_demo):
    phases = list(ProgrammePhase.objects.filter(programme=monitoring_demo))
    assert [p.name for p in phases] == [
        "Needs analysis",
        "Toolbox development and expert review",
        "Piloting and training",
        "Translation and dissemination",
        "Evaluation and closing",
    ]
    for phase in phases:
        phase.full_clean()
        assert "Demo data" in phase.description


def test_the_full_demo_computes_cities_from_the_network(db):
    from equalcity.programmes.demo import load_all_demo_data

    programme = load_all_demo_data()
    rows = {
        row["indicator"].code: row
        for row in selectors.dashboard(programme, today=date(2030, 1, 1))["rows"]
    }
    profiles = CityProfile.objects.filter(programme=programme)
    assert rows["I5"]["latest"] == profiles.count() == 25
    assert rows["I4"]["latest"] == profiles.filter(kind=CityProfile.Kind.TRAINEE).count() == 21
    # the outreach values the partners entered add up quarter by quarter
    outreach = IndicatorValue.objects.filter(indicator__code="I11").aggregate(total=Sum("value"))
    assert rows["I11"]["latest"] == outreach["total"]
    # every automatic indicator has something to show at the programme's end
    attended = Registration.objects.filter(attended=True).values("email").distinct().count()
    assert rows["I10"]["latest"] == attended == 66  # returning attendees counted once
    reviewed = Translation.objects.filter(status=TranslationStatus.REVIEWED).count()
    assert rows["I7"]["latest"] == reviewed > 0
    assert all(row["latest"] for row in rows.values())
