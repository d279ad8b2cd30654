from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from equalcity.accounts.models import AuditEntry, Organisation
from equalcity.core.errors import DomainError
from equalcity.monitoring import selectors, services
from equalcity.monitoring.models import (
    ActionItem,
    FinanceLine,
    Indicator,
    IndicatorValue,
    Meeting,
    PartnerReport,
)

from .conftest import org

pytestmark = pytest.mark.django_db
Status = PartnerReport.Status


def _manual_indicator(programme):
    """The first indicator the demo's partners enter by hand (the demo's codes may change)."""
    return next(
        i for i in Indicator.objects.filter(programme=programme).order_by("pk") if not i.automatic
    )


@pytest.fixture
def report(monitoring_demo, editor):
    # 2019 Q4 is inside the programme (it starts on 25 Nov 2019) and has no demo report.
    return services.start_report(
        programme=monitoring_demo,
        organisation=org("femmes-en-detresse"),
        year=2019,
        quarter=4,
        by=editor,
    )


def test_a_report_goes_submitted_reviewed_approved(report, editor, manager):
    services.update_report(
        report=report,
        narrative="We trained 12 people.",
        activities_planned="two sessions",
        activities_done="two sessions",
        risks="none",
        by=editor,
    )
    services.set_finance_line(
        report=report,
        budget_line="Staff",
        currency="eur",
        budget=Decimal("1000"),
        spent_in_quarter=Decimal("250"),
        spent_to_date=Decimal("250"),
        by=editor,
    )
    services.submit_report(report=report, by=editor)
    services.review_report(report=report, by=manager)
    approved = services.approve_report(report=report, by=manager)
    assert approved.status == Status.APPROVED
    (eur,) = selectors.finance_totals([approved])[approved.pk]
    assert eur["currency"] == "EUR" and eur["burn_rate"] == Decimal("25.0")
    assert AuditEntry.objects.filter(action="monitoring.report.approved").count() == 1


def test_a_report_submitted_twice_is_refused_and_unchanged(report, editor):
    services.submit_report(report=report, by=editor)
    first = PartnerReport.objects.get(pk=report.pk).submitted_at
    with pytest.raises(DomainError) as error:
        services.submit_report(report=report, by=editor)
    assert error.value.code == "already_submitted"
    assert PartnerReport.objects.get(pk=report.pk).submitted_at == first


def test_an_approved_report_is_immutable_and_corrected_by_a_new_version(report, editor, manager):
    services.set_finance_line(
        report=report,
        budget_line="Staff",
        currency="EUR",
        budget=Decimal(10),
        spent_in_quarter=Decimal(1),
        spent_to_date=Decimal(1),
        by=editor,
    )
    services.submit_report(report=report, by=editor)
    services.review_report(report=report, by=manager)
    services.approve_report(report=report, by=manager)
    with pytest.raises(DomainError) as error:
        services.update_report(
            report=report,
            narrative="changed",
            activities_planned="",
            activities_done="",
            risks="",
            by=editor,
        )
    assert error.value.code == "not_editable"
    correction = services.correct_report(report=report, by=editor)
    assert correction.version == 2 and correction.status == Status.DRAFT
    assert correction.finances.get().spent_to_date == 1
    report.refresh_from_db()
    assert report.status == Status.SUPERSEDED and report.narrative == ""


def test_a_returned_report_needs_comments_and_can_be_resubmitted(report, editor, manager):
    services.submit_report(report=report, by=editor)
    with pytest.raises(DomainError):
        services.return_report(report=report, comments="  ", by=manager)
    services.return_report(report=report, comments="Add the finances.", by=manager)
    assert services.submit_report(report=report, by=editor).status == Status.SUBMITTED


@pytest.mark.parametrize(
    ("currency", "amounts", "code"),
    [
        ("XYZ", (10, 1, 1), "unknown_currency"),
        ("EUR", (10, -1, 1), "negative_amount"),
        ("EUR", (10, 5, 1), "cumulative_too_small"),
    ],
)
def test_bad_finances_are_refused_and_nothing_is_lost(report, editor, currency, amounts, code):
    services.set_finance_line(
        report=report,
        budget_line="Staff",
        currency="EUR",
        budget=Decimal(10),
        spent_in_quarter=Decimal(2),
        spent_to_date=Decimal(2),
        by=editor,
    )
    budget, quarter, to_date = (Decimal(a) for a in amounts)
    with pytest.raises(DomainError) as error:
        services.set_finance_line(
            report=report,
            budget_line="Staff",
            currency=currency,
            budget=budget,
            spent_in_quarter=quarter,
            spent_to_date=to_date,
            by=editor,
        )
    assert error.value.code == code
    assert report.finances.get().spent_in_quarter == 2


def test_a_period_outside_the_programme_is_refused(monitoring_demo, editor):
    with pytest.raises(DomainError) as error:
        services.start_report(
            programme=monitoring_demo,
            organisation=org("femmes-en-detresse"),
            year=2023,
            quarter=1,
            by=editor,
        )
    assert error.value.code == "outside_programme"


def test_a_second_report_for_the_same_quarter_is_refused(monitoring_demo, editor):
    with pytest.raises(DomainError) as error:
        services.start_report(
            programme=monitoring_demo,
            organisation=org("femmes-en-detresse"),
            year=2020,
            quarter=1,
            by=editor,
        )
    assert error.value.code == "report_exists"


def test_a_value_for_a_closed_period_is_refused(monitoring_demo, editor):
    indicator = _manual_indicator(monitoring_demo)
    before = IndicatorValue.objects.get(
        indicator=indicator, organisation__slug="femmes-en-detresse", year=2020, quarter=2
    ).value
    with pytest.raises(DomainError) as error:
        services.record_value(
            indicator=indicator,
            organisation=org("femmes-en-detresse"),
            year=2020,
            quarter=2,
            value=Decimal(99),
            source="call",
            by=editor,
        )
    assert error.value.code == "closed_period"
    assert (
        IndicatorValue.objects.get(
            indicator=indicator, organisation__slug="femmes-en-detresse", year=2020, quarter=2
        ).value
        == before
    )


def test_a_manual_value_keeps_period_source_author_and_evidence(monitoring_demo, editor):
    indicator = _manual_indicator(monitoring_demo)
    evidence = SimpleUploadedFile("list.pdf", b"%PDF-1.4 demo", content_type="application/pdf")
    value = services.record_value(
        indicator=indicator,
        organisation=org("femmes-en-detresse"),
        year=2019,
        quarter=4,
        value=Decimal(3),
        source="Registration list",
        evidence=evidence,
        by=editor,
    )
    assert (value.year, value.quarter, value.author, value.source) == (
        2019,
        4,
        editor,
        "Registration list",
    )
    assert value.evidence.name.endswith(".pdf")


def test_evidence_of_a_wrong_type_or_a_negative_value_is_refused(monitoring_demo, editor):
    indicator = _manual_indicator(monitoring_demo)
    kwargs = dict(
        indicator=indicator,
        organisation=org("femmes-en-detresse"),
        year=2019,
        quarter=4,
        source="x",
        by=editor,
    )
    with pytest.raises(DomainError) as error:
        services.record_value(
            value=Decimal(1), evidence=SimpleUploadedFile("run.exe", b"MZ"), **kwargs
        )
    assert error.value.code == "evidence_type"
    with pytest.raises(DomainError) as error:
        services.record_value(value=Decimal(-1), **kwargs)
    assert error.value.code == "negative_amount"
    assert not IndicatorValue.objects.filter(indicator=indicator, year=2019).exists()


def test_automatic_indicators_take_no_manual_values(monitoring_demo, editor):
    indicator = Indicator.objects.get(programme=monitoring_demo, code="I1")
    with pytest.raises(DomainError) as error:
        services.record_value(
            indicator=indicator,
            organisation=org("femmes-en-detresse"),
            year=2019,
            quarter=4,
            value=Decimal(1),
            source="x",
            by=editor,
        )
    assert error.value.code == "automatic_indicator"


def test_late_partners_are_listed_until_they_submit(monitoring_demo, editor):
    late = selectors.late_partners(monitoring_demo, today=date(2020, 3, 1))
    # 2019 Q4 was due on 30 January 2020 and no partner has reported it.
    assert {row["organisation"].slug for row in late} == {
        "rainbowhouse-brussels",
        "femmes-en-detresse",
        "sapienza-university",
        "city-of-gothenburg",
    }
    report = services.start_report(
        programme=monitoring_demo,
        organisation=org("femmes-en-detresse"),
        year=2019,
        quarter=4,
        by=editor,
    )
    services.submit_report(report=report, by=editor)
    late = selectors.late_partners(monitoring_demo, today=date(2020, 3, 1))
    assert "femmes-en-detresse" not in {row["organisation"].slug for row in late}


def test_open_action_items_stay_visible_until_done(monitoring_demo, manager):
    items = list(selectors.open_action_items(monitoring_demo))
    assert [item.text for item in items] == ["Publish the translated toolboxes on the platform"]
    services.complete_action_item(item=items[0], on=date(2022, 1, 20), by=manager)
    assert not selectors.open_action_items(monitoring_demo).exists()
    with pytest.raises(DomainError):
        services.complete_action_item(item=items[0], on=date(2022, 1, 21), by=manager)


def _line(report, editor, name="Staff", **amounts):
    values = {"budget": Decimal(10), "spent_in_quarter": Decimal(1), "spent_to_date": Decimal(1)}
    return services.set_finance_line(
        report=report, budget_line=name, currency="EUR", by=editor, **{**values, **amounts}
    )


def test_a_finance_line_is_removed_once_and_audited(report, editor):
    line = _line(report, editor)
    services.remove_finance_line(line=line, by=editor)
    assert not report.finances.exists()
    entry = AuditEntry.objects.get(action="monitoring.report.finance_removed")
    assert entry.data == {"line": "Staff"} and entry.actor == editor
    with pytest.raises(DomainError) as error:
        services.remove_finance_line(line=line, by=editor)
    assert error.value.code == "line_gone"
    assert AuditEntry.objects.filter(action="monitoring.report.finance_removed").count() == 1


def test_a_finance_line_of_a_submitted_report_stays(report, editor):
    line = _line(report, editor)
    services.submit_report(report=report, by=editor)
    with pytest.raises(DomainError) as error:
        services.remove_finance_line(line=line, by=editor)
    assert error.value.code == "not_editable"
    assert report.finances.filter(pk=line.pk).exists()


def test_a_line_of_another_report_is_not_removed_through_this_one(report, editor):
    foreign = FinanceLine.objects.exclude(report=report).first()
    with pytest.raises(DomainError) as error:
        services.remove_finance_line(line=FinanceLine(pk=foreign.pk, report=report), by=editor)
    assert error.value.code == "line_gone"
    assert FinanceLine.objects.filter(pk=foreign.pk).exists()


def test_a_finance_line_is_renamed_but_not_onto_another(report, editor):
    staff = _line(report, editor, "Staff")
    _line(report, editor, "Travel")
    with pytest.raises(DomainError) as error:
        _line(report, editor, "Travel", line=staff, budget=Decimal(99))
    assert error.value.code == "duplicate_budget_line"
    assert report.finances.get(pk=staff.pk).budget == 10
    renamed = _line(report, editor, "  Staff and fees ", line=staff, budget=Decimal(99))
    assert (renamed.pk, renamed.budget_line, renamed.budget) == (staff.pk, "Staff and fees", 99)
    with pytest.raises(DomainError) as error:
        _line(report, editor, "   ")
    assert error.value.code == "budget_line_required"


def test_values_of_a_report_under_review_are_refused(report, editor, manager, monitoring_demo):
    indicator = _manual_indicator(monitoring_demo)
    services.submit_report(report=report, by=editor)
    kwargs = dict(
        indicator=indicator,
        organisation=org("femmes-en-detresse"),
        year=2019,
        quarter=4,
        value=Decimal(2),
        source="list",
        by=editor,
    )
    with pytest.raises(DomainError) as error:
        services.record_value(**kwargs)
    assert error.value.code == "under_review"
    services.return_report(report=report, comments="Add the values.", by=manager)
    assert services.record_value(**kwargs).value == 2


def test_the_organisations_taking_part_in_a_programme(monitoring_demo):
    Organisation.objects.create(name="Outsider", slug="outsider", kind="partner_ngo")
    slugs = set(selectors.organisations_taking_part(monitoring_demo).values_list("slug", flat=True))
    assert {
        "iom-belgium-luxembourg",  # the lead agency
        "city-of-rome",  # a partner of a pilot site
        "trainee-vienna",  # a trainee city
        "eurocities",  # a city network
        "femmes-en-detresse",  # a reporting partner
    } <= slugs
    assert "outsider" not in slugs


def _meeting(programme, manager, **overrides):
    values = dict(
        programme=programme,
        kind=Meeting.Kind.COORDINATION_CALL,
        title="Coordination call",
        held_on=date(2021, 3, 15),
        participants=[org("femmes-en-detresse")],
        by=manager,
    )
    return services.create_meeting(**{**values, **overrides})


def test_a_meeting_is_created_once_per_kind_and_day(monitoring_demo, manager):
    meeting = _meeting(monitoring_demo, manager, agenda="Budgets")
    assert [o.slug for o in meeting.participants.all()] == ["femmes-en-detresse"]
    assert AuditEntry.objects.filter(action="monitoring.meeting.created").count() == 1
    before = Meeting.objects.count()
    with pytest.raises(DomainError) as error:
        _meeting(monitoring_demo, manager, title="Another call")
    assert error.value.code == "meeting_exists"
    # Another kind the same day is another meeting.
    _meeting(monitoring_demo, manager, kind=Meeting.Kind.STEERING_COMMITTEE)
    assert Meeting.objects.count() == before + 1


@pytest.mark.parametrize(
    ("overrides", "code"),
    [
        ({"kind": "party"}, "bad_kind"),
        ({"title": "  "}, "title_required"),
        ({"participants": "outsider"}, "not_taking_part"),
    ],
)
def test_a_bad_meeting_is_refused(monitoring_demo, manager, overrides, code):
    if overrides.get("participants") == "outsider":
        outsider = Organisation.objects.create(name="Outsider", slug="outsider", kind="trainee")
        overrides = {"participants": [outsider]}
    before = Meeting.objects.count()
    with pytest.raises(DomainError) as error:
        _meeting(monitoring_demo, manager, **overrides)
    assert error.value.code == code
    assert Meeting.objects.count() == before


def test_a_meeting_is_changed_but_not_onto_another_day_taken(monitoring_demo, manager):
    first = _meeting(monitoring_demo, manager)
    second = _meeting(monitoring_demo, manager, held_on=date(2021, 4, 15))
    fields = dict(
        kind=second.kind,
        title="Renamed",
        agenda="",
        participants=[],
        minutes="Minutes",
        decisions="",
        by=manager,
    )
    with pytest.raises(DomainError) as error:
        services.update_meeting(meeting=second, held_on=first.held_on, **fields)
    assert error.value.code == "meeting_exists"
    second.refresh_from_db()
    assert (second.title, second.held_on) == ("Coordination call", date(2021, 4, 15))
    changed = services.update_meeting(meeting=second, held_on=second.held_on, **fields)
    assert changed.title == "Renamed" and not changed.participants.exists()
    assert AuditEntry.objects.filter(action="monitoring.meeting.updated").count() == 1


def test_action_items_are_due_after_their_meeting_and_owned_by_a_participant(
    monitoring_demo, manager
):
    meeting = _meeting(monitoring_demo, manager)
    kwargs = dict(meeting=meeting, owner=org("femmes-en-detresse"), by=manager)
    with pytest.raises(DomainError) as error:
        services.add_action_item(text="Too early", due_on=date(2021, 3, 14), **kwargs)
    assert error.value.code == "due_before_meeting"
    with pytest.raises(DomainError) as error:
        services.add_action_item(text="  ", due_on=date(2021, 4, 1), **kwargs)
    assert error.value.code == "text_required"
    outsider = Organisation.objects.create(name="Outsider", slug="outsider", kind="trainee")
    with pytest.raises(DomainError) as error:
        services.add_action_item(
            meeting=meeting, owner=outsider, text="x", due_on=date(2021, 4, 1), by=manager
        )
    assert error.value.code == "not_taking_part"
    assert not meeting.action_items.exists()

    item = services.add_action_item(text="Same day", due_on=meeting.held_on, **kwargs)
    assert item.owner.slug == "femmes-en-detresse"
    with pytest.raises(DomainError) as error:
        services.add_action_item(text="Same day", due_on=date(2021, 5, 1), **kwargs)
    assert error.value.code == "action_item_exists"
    assert list(ActionItem.objects.filter(meeting=meeting)) == [item]
    assert AuditEntry.objects.filter(action="monitoring.action.added").count() == 1
