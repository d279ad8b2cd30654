"""Automatic indicators: each source's value per quarter, computed from the other apps' data
in one query, with people counted once, averages withheld under five answers."""

from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from equalcity.accounts.models import Organisation, User
from equalcity.monitoring import indicators, selectors
from equalcity.monitoring.models import Indicator
from equalcity.network.models import CityProfile, Event, Registration, Stage
from equalcity.toolboxes.models import Toolbox
from equalcity.training import selectors as training_selectors
from equalcity.training.models import (
    Audience,
    Course,
    Enrolment,
    Evaluation,
    Session,
    SessionDay,
    TestAttempt,
)
from equalcity.translations.models import Translation, TranslationStatus

pytestmark = pytest.mark.django_db

S = Indicator.Source
WHEN = datetime(2020, 1, 1, 9, tzinfo=UTC)


def values(programme, source):
    return indicators.automatic_values(programme, {source})[source]


def held_session(programme, *, ends_on, scores=(), ratings=(), city="Testville"):
    """A held session of the demo's frontline course with its tests and evaluations."""
    course = Course.objects.filter(programme=programme, audience=Audience.FRONTLINE_WORKERS).first()
    session = Session.objects.create(
        course=course,
        mode=Session.Mode.IN_PERSON,
        city=city,
        language="en",
        starts_on=ends_on,
        ends_on=ends_on,
        starts_at=time(9),
        ends_at=time(17),
        hours=Decimal("7.0"),
        capacity=30,
    )
    SessionDay.objects.create(session=session, date=ends_on)
    first = User.objects.count()
    users = User.objects.bulk_create(
        User(email=f"gain{first + i}@example.org", full_name=f"G {i}", password="!")  # noqa: S106
        for i in range(len(scores))
    )
    organisation = Organisation.objects.get(slug="city-of-gothenburg")
    enrolments = Enrolment.objects.bulk_create(
        Enrolment(
            session=session,
            user=user,
            organisation=organisation,
            profession="police",
            status=Enrolment.Status.ENROLLED,
            queued_at=WHEN,
        )
        for user in users
    )
    TestAttempt.objects.bulk_create(
        TestAttempt(enrolment=enrolment, kind=kind, score=Decimal(score), confidence=3)
        for enrolment, (pre, post) in zip(enrolments, scores, strict=True)
        for kind, score in (("pre", pre), ("post", post))
    )
    Evaluation.objects.bulk_create(
        Evaluation(session=session, relevance=r, clarity=c, practical_use=p) for r, c, p in ratings
    )
    return session


def test_each_source_is_one_query(monitoring_demo):
    for source in indicators.COMPUTED:
        with CaptureQueriesContext(connection) as queries:
            series = values(monitoring_demo, source)
        assert len(queries) == 1, source
        assert len(series) == 9  # 2019 Q4 … 2021 Q4


def test_the_learning_gain_is_withheld_under_five_and_then_matches_training(monitoring_demo):
    # given a session ended in 2020 Q1, before any demo session, with four people tested
    scores = [(40, 70), (50, 80), (20, 60), (60, 90)]
    session = held_session(monitoring_demo, ends_on=date(2020, 2, 10), scores=scores)
    assert values(monitoring_demo, S.AVERAGE_LEARNING_GAIN)[2020, 1] is None
    # when a fifth person takes both tests
    session.delete()
    session = held_session(monitoring_demo, ends_on=date(2020, 2, 10), scores=[*scores, (30, 65)])
    # then the quarter shows the training app's own class gain, in percent
    gain = training_selectors.session_gain(session).gain
    assert gain is not None
    assert values(monitoring_demo, S.AVERAGE_LEARNING_GAIN)[2020, 1] == Decimal(round(gain * 100))
    # and nothing before the session ended
    assert values(monitoring_demo, S.AVERAGE_LEARNING_GAIN)[2019, 4] is None


def test_the_learning_gain_pools_every_session_ended_by_the_quarter(monitoring_demo):
    # The demo's sessions ended in 2021: the last quarter pools all of their participants.
    tests = training_selectors.tests_taken_both().filter(
        enrolment__session__course__programme=monitoring_demo
    )
    figures = tests.aggregate(**training_selectors.gain_aggregates())
    expected = training_selectors.gain_cells(figures["n"], figures["pre"], figures["post"])
    assert values(monitoring_demo, S.AVERAGE_LEARNING_GAIN)[2021, 4] == Decimal(
        round(expected["gain"] * 100)
    )


def test_the_evaluation_score_needs_five_answers(monitoring_demo):
    held_session(
        monitoring_demo, ends_on=date(2020, 2, 10), ratings=[(5, 4, 3), (4, 4, 4), (3, 5, 5)]
    )
    assert values(monitoring_demo, S.EVALUATION_SCORE)[2020, 1] is None
    held_session(monitoring_demo, ends_on=date(2020, 3, 1), ratings=[(2, 3, 4), (5, 5, 5)])
    # five answers, three ratings each: (12 + 12 + 13 + 9 + 15) / 15 = 4.07
    assert values(monitoring_demo, S.EVALUATION_SCORE)[2020, 1] == Decimal("4.1")
    assert values(monitoring_demo, S.EVALUATION_SCORE)[2019, 4] is None


def test_reviewed_translation_units_count_from_their_review(monitoring_demo):
    toolbox = Toolbox.objects.filter(programme=monitoring_demo).first()
    reviewed = datetime(2020, 5, 4, 10, tzinfo=UTC)
    Translation.objects.bulk_create(
        [
            Translation(
                toolbox=toolbox,
                unit_id=f"section:{n}:body",
                language="fr",
                text="texte",
                status=TranslationStatus.REVIEWED,
                reviewed_at=reviewed + timedelta(days=120 * n),
            )
            for n in range(3)
        ]
        + [
            # translated but not reviewed, and a reviewed row with no text: neither counts
            Translation(
                toolbox=toolbox,
                unit_id="section:9:body",
                language="fr",
                text="texte",
                status="translated",
            ),
            Translation(
                toolbox=toolbox,
                unit_id="section:8:body",
                language="fr",
                text="",
                status=TranslationStatus.REVIEWED,
                reviewed_at=reviewed,
            ),
        ]
    )
    series = values(monitoring_demo, S.TRANSLATIONS_REVIEWED)
    # reviewed on 2020-05-04, 2020-09-01 and 2020-12-30
    assert [series[2020, q] for q in (1, 2, 3, 4)] == [0, 1, 2, 3]


def _profile(programme, name, *, kind, stage, joined_on, country="FR"):
    organisation = Organisation.objects.create(
        name=name, slug=name.lower(), kind="trainee", country=country, city=name
    )
    return CityProfile.objects.create(
        programme=programme,
        organisation=organisation,
        slug=name.lower(),
        kind=kind,
        stage=stage,
        joined_on=joined_on,
    )


def test_trainee_cities_active_and_cities_reached_follow_the_network(monitoring_demo):
    trainee = CityProfile.Kind.TRAINEE
    _profile(
        monitoring_demo, "Alpha", kind=trainee, stage=Stage.TRAINED, joined_on=date(2020, 2, 1)
    )
    _profile(
        monitoring_demo, "Beta", kind=trainee, stage=Stage.CONFIRMED, joined_on=date(2020, 8, 1)
    )
    # only interested: reached, not yet active
    _profile(
        monitoring_demo, "Gamma", kind=trainee, stage=Stage.INTERESTED, joined_on=date(2020, 2, 1)
    )
    _profile(
        monitoring_demo, "Delta", kind=CityProfile.Kind.PILOT, stage=Stage.AMBASSADOR,
        joined_on=date(2019, 12, 1),
    )  # fmt: skip
    active = values(monitoring_demo, S.TRAINEE_CITIES_ACTIVE)
    reached = values(monitoring_demo, S.CITIES_REACHED)
    assert [active[q] for q in ((2019, 4), (2020, 1), (2020, 3))] == [0, 1, 2]
    assert [reached[q] for q in ((2019, 4), (2020, 1), (2020, 3))] == [1, 3, 4]


def _event(programme, slug, starts, kind=Event.Kind.WEBINAR):
    return Event.objects.create(
        programme=programme,
        slug=slug,
        kind=kind,
        title=slug,
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
        capacity=100,
    )


def test_event_attendance_counts_people_once_and_is_hidden_when_small(monitoring_demo):
    first = _event(monitoring_demo, "one", datetime(2020, 5, 5, 12, tzinfo=UTC))
    second = _event(monitoring_demo, "two", datetime(2020, 11, 5, 12, tzinfo=UTC))

    def came(event, email, attended=True):
        return Registration(
            event=event, name=email, email=email, status="confirmed", attended=attended
        )

    Registration.objects.bulk_create(
        [came(first, f"p{n}@example.org") for n in range(4)]
        # the same people come again (one with another case), plus two new ones
        + [came(second, email) for email in ("P0@Example.org", "p1@example.org")]
        + [came(second, email) for email in ("n1@example.org", "n2@example.org")]
        # registered, but did not come
        + [came(second, "n3@example.org", attended=False)]
    )
    series = values(monitoring_demo, S.EVENT_ATTENDANCE)
    assert series[2020, 2] == 4 and series[2020, 4] == 6
    # on the dashboard, four people are a small cell
    _indicator(monitoring_demo, "EV", S.EVENT_ATTENDANCE)
    row = _row(monitoring_demo, "EV", today=date(2020, 6, 30))
    assert row["latest"] is None
    assert _row(monitoring_demo, "EV", today=date(2020, 12, 31))["latest"] == 6


def _indicator(programme, code, source, target=100):
    template = Indicator.objects.filter(programme=programme).first()
    return Indicator.objects.create(
        programme=programme,
        node=template.node,
        code=code,
        name=code,
        definition="test",
        unit="u",
        baseline=0,
        target=target,
        target_date=programme.ends_on,
        means_of_verification="test",
        source=source,
    )


def _row(programme, code, *, today):
    rows = selectors.dashboard(programme, today=today)["rows"]
    return next(r for r in rows if r["indicator"].code == code)


def test_an_average_is_held_against_its_target_not_a_straight_line(monitoring_demo):
    # 4.1 of 4 on the first day of the programme: a count would be far ahead of its line;
    # an average is simply on track once it reaches 90% of the target.
    held_session(
        monitoring_demo,
        ends_on=date(2020, 2, 10),
        ratings=[(5, 4, 3), (4, 4, 4), (3, 5, 5), (2, 3, 4), (5, 5, 5)],
    )
    _indicator(monitoring_demo, "EVAL", S.EVALUATION_SCORE, target=5)
    row = _row(monitoring_demo, "EVAL", today=date(2020, 3, 31))
    assert row["average"] is True
    assert row["latest"] == Decimal("4.1")
    assert row["light"] == "at_risk"  # 4.1 < 0.9 × 5, ≥ 0.7 × 5
