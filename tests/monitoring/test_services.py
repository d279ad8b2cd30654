from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from equalcity.accounts.models import AuditEntry
from equalcity.core.errors import DomainError
from equalcity.monitoring import selectors, services
from equalcity.monitoring.models import Indicator, IndicatorValue, PartnerReport

from .conftest import org

pytestmark = pytest.mark.django_db
Status = PartnerReport.Status


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
    assert selectors.finance_totals(approved)["burn_rate"] == Decimal("25.0")
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
    indicator = Indicator.objects.get(programme=monitoring_demo, code="I4")
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
    indicator = Indicator.objects.get(programme=monitoring_demo, code="I4")
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
    indicator = Indicator.objects.get(programme=monitoring_demo, code="I4")
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
