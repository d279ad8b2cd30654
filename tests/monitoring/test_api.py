"""The monitoring API: indicators for members, reports for the lead agency and each partner's
own, manual values and submission by partner editors, action items."""

from datetime import date
from decimal import Decimal

import pytest
import yaml
from django.db import connection
from django.db.models import Sum
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from equalcity.accounts.models import AuditEntry, Membership, Role, User
from equalcity.monitoring import services
from equalcity.monitoring.models import (
    ActionItem,
    Indicator,
    IndicatorValue,
    LogframeNode,
    Meeting,
    PartnerReport,
)

from .conftest import org

pytestmark = pytest.mark.django_db
Status = PartnerReport.Status


def manual_code(programme) -> str:
    return Indicator.objects.filter(programme=programme, source=Indicator.Source.MANUAL)[0].code


def url(name, programme, report=None):
    kwargs = {"slug": programme.slug}
    if report is not None:
        kwargs["public_id"] = report.public_id
    return reverse(f"monitoring-api:{name}", kwargs=kwargs)


def results(response):
    assert response.status_code == 200, response.content
    return response.json()["results"]


def draft(programme, slug, by, *, lines=(("Staff", "EUR", "1000"),)):
    """A draft report for 2019 Q4 (inside the programme, no demo report), made as a user would."""
    report = services.start_report(
        programme=programme, organisation=org(slug), year=2019, quarter=4, by=by
    )
    for name, currency, budget in lines:
        services.set_finance_line(
            report=report,
            budget_line=name,
            currency=currency,
            budget=Decimal(budget),
            spent_in_quarter=Decimal("100"),
            spent_to_date=Decimal("100"),
            by=by,
        )
    return report


@pytest.fixture
def manager_client(verified_client, manager):
    return verified_client(manager)


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def outsider(monitoring_demo):
    """A partner editor of another programme on the same installation."""
    from equalcity.programmes.models import Programme

    other = Programme.objects.create(
        slug="other",
        name="Other programme",
        lead_organisation=monitoring_demo.lead_organisation,
        starts_on=monitoring_demo.starts_on,
        ends_on=monitoring_demo.ends_on,
    )
    user = User.objects.create_user("outsider@example.org", "x")
    Membership.objects.create(
        user=user,
        programme=other,
        role=Role.PARTNER_EDITOR,
        organisation=org("rainbowhouse-brussels"),
    )
    return user


# --- indicators ------------------------------------------------------------------------------


def test_members_see_each_indicator_with_target_series_and_light(editor_client, monitoring_demo):
    rows = {
        r["code"]: r for r in results(editor_client.get(url("indicator-list", monitoring_demo)))
    }
    workers = rows["I1"]
    assert workers["name"] == "Frontline workers trained"
    assert (workers["target"], workers["baseline"], workers["unit"]) == (350.0, 0.0, "people")
    assert "5.2" in workers["sdg_targets"] and workers["automatic"] is True
    assert workers["level"] == "output" and workers["logframe_code"] == "OP1.2"
    periods = [p["period"] for p in workers["series"]]
    assert periods[0] == "2019 Q4" and periods[-1] == "2021 Q4"
    assert workers["latest"] == workers["series"][-1]
    assert workers["light"] in {"on_track", "at_risk", "off_track"} and workers["light_label"]
    manual = rows[manual_code(monitoring_demo)]
    assert manual["automatic"] is False
    # The partners' values, summed over partners and cumulated over the quarters.
    total = IndicatorValue.objects.filter(indicator__code=manual["code"]).aggregate(
        total=Sum("value")
    )["total"]
    assert manual["latest"] == {"period": "2021 Q4", "value": float(total), "suppressed": False}


def test_a_count_of_fewer_than_five_people_is_null_and_marked(editor_client, monitoring_demo):
    from equalcity.training.models import ChildParticipant

    # given: only three children trained by the end of 2021 Q1
    early = ChildParticipant.objects.filter(
        session__course__programme=monitoring_demo, session__starts_on__lte=date(2021, 3, 31)
    )
    keep = list(early.order_by("pk").values_list("pk", flat=True)[:3])
    early.exclude(pk__in=keep).delete()
    # when
    rows = {
        r["code"]: r for r in results(editor_client.get(url("indicator-list", monitoring_demo)))
    }
    # then
    points = {p["period"]: p for p in rows["I2"]["series"]}
    assert points["2021 Q1"] == {"period": "2021 Q1", "value": None, "suppressed": True}
    assert points["2020 Q4"] == {"period": "2020 Q4", "value": 0.0, "suppressed": False}
    assert points["2021 Q2"]["value"] >= 5 and points["2021 Q2"]["suppressed"] is False


def test_indicators_are_for_members_only(client, outsider, monitoring_demo):
    target = url("indicator-list", monitoring_demo)
    assert client.get(target).status_code == 403  # not signed in
    client.force_login(outsider)
    assert client.get(target).status_code == 404
    assert client.get(target.replace(monitoring_demo.slug, "no-such")).status_code == 404


def test_the_indicator_list_costs_the_same_queries_with_more_indicators(
    editor_client, monitoring_demo
):
    target = url("indicator-list", monitoring_demo)
    editor_client.get(target)
    with CaptureQueriesContext(connection) as before:
        small = results(editor_client.get(target))
    goal = LogframeNode.objects.get(programme=monitoring_demo, code="G")
    template = Indicator.objects.get(programme=monitoring_demo, code=manual_code(monitoring_demo))
    for n in range(5):
        node = LogframeNode.objects.create(
            programme=monitoring_demo, parent=goal, level="outcome", code=f"X{n}", title="x"
        )
        template.pk = None
        template.code, template.node = f"X{n}", node
        template.save()
    with CaptureQueriesContext(connection) as after:
        large = results(editor_client.get(target))
    assert len(large) == len(small) + 5
    assert len(after) == len(before)


# --- reports ---------------------------------------------------------------------------------


def test_a_partner_lists_only_its_own_reports_with_finances(editor_client, monitoring_demo):
    response = editor_client.get(url("report-list", monitoring_demo))
    reports = results(response)
    assert response.json()["count"] == 8
    assert {r["organisation"]["slug"] for r in reports} == {"femmes-en-detresse"}
    first = reports[0]
    assert (first["year"], first["quarter"], first["status"]) == (2020, 1, "approved")
    assert first["finances"][0]["budget_line"] == "Staff (demo data)"
    assert first["totals"] == [
        {
            "currency": "EUR",
            "budget": "80000.00",
            "spent_in_quarter": "9000.00",
            "spent_to_date": "9000.00",
            "burn_rate": 11.2,
        }
    ]
    assert "narrative" not in first


def test_the_lead_agency_sees_every_report_and_totals_per_currency(
    manager_client, monitoring_demo, editor
):
    report = draft(
        monitoring_demo,
        "femmes-en-detresse",
        editor,
        lines=[("Staff", "EUR", "1000"), ("Travel", "EUR", "500"), ("Rent", "SEK", "2000")],
    )
    listed = manager_client.get(url("report-list", monitoring_demo)).json()
    assert listed["count"] == 33
    assert len({r["organisation"]["slug"] for r in listed["results"]}) == 4
    detail = manager_client.get(url("report-detail", monitoring_demo, report)).json()
    assert detail["status"] == "draft" and detail["editable"] is True
    assert "narrative" in detail and "review_comments" in detail
    assert [(t["currency"], t["budget"]) for t in detail["totals"]] == [
        ("EUR", "1500.00"),
        ("SEK", "2000.00"),
    ]
    gothenburg = next(
        r for r in listed["results"] if r["organisation"]["slug"] == "city-of-gothenburg"
    )
    assert [t["currency"] for t in gothenburg["totals"]] == ["SEK"]


def test_another_partners_report_and_a_viewer_get_404(client, users, monitoring_demo):
    other = PartnerReport.objects.filter(organisation__slug="rainbowhouse-brussels").first()
    client.force_login(users[Role.PARTNER_EDITOR])
    assert client.get(url("report-detail", monitoring_demo, other)).status_code == 404
    client.force_login(users[Role.VIEWER])
    assert client.get(url("report-list", monitoring_demo)).status_code == 404
    assert client.get(url("report-detail", monitoring_demo, other)).status_code == 404


def test_the_report_list_costs_the_same_queries_with_more_reports(
    manager_client, monitoring_demo, editor, manager
):
    target = url("report-list", monitoring_demo)
    manager_client.get(target)
    with CaptureQueriesContext(connection) as before:
        assert manager_client.get(target).json()["count"] == 32
    for slug in ("femmes-en-detresse", "rainbowhouse-brussels", "city-of-gothenburg"):
        draft(monitoring_demo, slug, manager, lines=[("Staff", "EUR", "1"), ("Rent", "SEK", "2")])
    with CaptureQueriesContext(connection) as after:
        assert manager_client.get(target).json()["count"] == 35
    assert len(after) == len(before)


# --- manual values ---------------------------------------------------------------------------


def post_value(client, programme, report, **overrides):
    body = {
        "indicator": manual_code(programme),
        "year": report.year,
        "quarter": report.quarter,
        "value": "3",
        "source": "Partner records",
        **overrides,
    }
    return client.post(
        url("report-values", programme, report), body, content_type="application/json"
    )


def test_a_partner_records_a_value_and_a_retry_changes_nothing(
    editor_client, monitoring_demo, editor
):
    report = draft(monitoring_demo, "femmes-en-detresse", editor)
    created = post_value(editor_client, monitoring_demo, report)
    assert created.status_code == 201, created.content
    assert created.json()["value"] == "3.00" and created.json()["organisation"] == (
        "femmes-en-detresse"
    )
    audits = AuditEntry.objects.filter(action="monitoring.value.recorded").count()

    retried = post_value(editor_client, monitoring_demo, report)

    assert retried.status_code == 200 and retried.json() == created.json()
    stored = IndicatorValue.objects.filter(
        indicator__code=manual_code(monitoring_demo),
        organisation=report.organisation,
        year=2019,
        quarter=4,
    )
    assert stored.count() == 1 and stored.get().author == editor
    assert AuditEntry.objects.filter(action="monitoring.value.recorded").count() == audits

    changed = post_value(editor_client, monitoring_demo, report, value="5")
    assert changed.status_code == 200 and changed.json()["value"] == "5.00"
    assert stored.count() == 1 and stored.get().value == Decimal("5")


@pytest.mark.parametrize(
    "overrides, code",
    [
        ({"indicator": "I1"}, "automatic_indicator"),
        ({"indicator": "NOPE"}, "unknown_indicator"),
        ({"quarter": 3}, "wrong_period"),
        ({"value": "-1"}, "negative_amount"),
    ],
)
def test_refused_values_answer_400_with_a_code_and_write_nothing(
    editor_client, monitoring_demo, editor, overrides, code
):
    report = draft(monitoring_demo, "femmes-en-detresse", editor)
    response = post_value(editor_client, monitoring_demo, report, **overrides)
    assert response.status_code == 400
    assert response.json()["code"] == code and response.json()["detail"]
    assert not IndicatorValue.objects.filter(year=2019).exists()


def test_a_value_for_an_approved_quarter_is_refused_in_the_callers_language(
    editor_client, monitoring_demo
):
    approved = PartnerReport.objects.get(
        organisation__slug="femmes-en-detresse", year=2021, quarter=2
    )
    value = IndicatorValue.objects.filter(
        indicator__code=manual_code(monitoring_demo),
        organisation=approved.organisation,
        year=2021,
        quarter=2,
    )
    before = value.get().value
    response = post_value(editor_client, monitoring_demo, approved, value="99")
    assert response.status_code == 400 and response.json()["code"] == "closed_period"
    french = editor_client.post(
        url("report-values", monitoring_demo, approved),
        {"indicator": "I1", "year": 2021, "quarter": 2, "value": "1", "source": "x"},
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="fr",
    )
    assert french.json()["code"] == "automatic_indicator"
    assert "computed" not in french.json()["detail"]  # the French sentence
    assert value.get().value == before


def test_only_the_partners_own_editors_record_values(
    client, manager_client, monitoring_demo, editor, outsider
):
    report = draft(monitoring_demo, "femmes-en-detresse", editor)
    assert post_value(manager_client, monitoring_demo, report).status_code == 403
    client.force_login(outsider)
    assert post_value(client, monitoring_demo, report).status_code == 404
    other = PartnerReport.objects.filter(organisation__slug="rainbowhouse-brussels").first()
    client.force_login(editor)
    assert post_value(client, monitoring_demo, other).status_code == 404
    assert not IndicatorValue.objects.filter(year=2019).exists()


# --- submission ------------------------------------------------------------------------------


def test_a_second_submission_is_409_and_changes_nothing(editor_client, monitoring_demo, editor):
    report = draft(monitoring_demo, "femmes-en-detresse", editor)
    target = url("report-submit", monitoring_demo, report)

    first = editor_client.post(target)

    assert first.status_code == 200, first.content
    assert first.json()["status"] == "submitted" and first.json()["editable"] is False
    submitted_at = PartnerReport.objects.get(pk=report.pk).submitted_at

    again = editor_client.post(target, HTTP_ACCEPT_LANGUAGE="fr")

    assert again.status_code == 409
    assert again.json() == {"code": "already_submitted", "detail": "Ce rapport a déjà été soumis."}
    report.refresh_from_db()
    assert (report.status, report.submitted_at) == (Status.SUBMITTED, submitted_at)
    assert AuditEntry.objects.filter(action="monitoring.report.submitted").count() == 1


def test_the_lead_agency_cannot_submit_for_a_partner(manager_client, monitoring_demo, editor):
    report = draft(monitoring_demo, "femmes-en-detresse", editor)
    assert manager_client.post(url("report-submit", monitoring_demo, report)).status_code == 403
    report.refresh_from_db()
    assert report.status == Status.DRAFT


# --- action items ----------------------------------------------------------------------------


def test_open_action_items_and_all_of_them(editor_client, monitoring_demo):
    target = url("action-item-list", monitoring_demo)
    open_items = results(editor_client.get(target, {"open": "1"}))
    assert [i["text"] for i in open_items] == ["Publish the translated toolboxes on the platform"]
    assert open_items[0]["open"] is True and open_items[0]["done_on"] is None
    assert open_items[0]["owner"]["slug"] == "iom-belgium-luxembourg"
    assert open_items[0]["meeting"]["title"] == "Steering committee: closing"
    assert open_items[0]["overdue"] is True  # due on 31 January 2022
    assert len(results(editor_client.get(target))) == 5
    done = results(editor_client.get(target, {"open": "0"}))
    assert len(done) == 4 and all(i["done_on"] for i in done)
    assert editor_client.get(target, {"open": "maybe"}).status_code == 400


def test_action_items_are_for_members_and_cost_constant_queries(
    client, editor_client, outsider, monitoring_demo
):
    target = url("action-item-list", monitoring_demo)
    editor_client.get(target)
    with CaptureQueriesContext(connection) as before:
        assert len(results(editor_client.get(target, {"open": "1"}))) == 1
    meeting = Meeting.objects.filter(programme=monitoring_demo).last()
    for n in range(4):
        ActionItem.objects.create(
            meeting=meeting,
            text=f"Follow-up {n}",
            owner=org("sapienza-university"),
            due_on=date(2022, 2, 1 + n),
        )
    with CaptureQueriesContext(connection) as after:
        assert len(results(editor_client.get(target, {"open": "1"}))) == 5
    assert len(after) == len(before)
    client.force_login(outsider)
    assert client.get(target).status_code == 404


def test_the_schema_lists_the_monitoring_api(client):
    paths = yaml.safe_load(client.get("/api/schema/").content)["paths"]
    for path in (
        "/api/v1/monitoring/programmes/{slug}/indicators/",
        "/api/v1/monitoring/programmes/{slug}/reports/",
        "/api/v1/monitoring/programmes/{slug}/reports/{public_id}/",
        "/api/v1/monitoring/programmes/{slug}/reports/{public_id}/values/",
        "/api/v1/monitoring/programmes/{slug}/reports/{public_id}/submit/",
        "/api/v1/monitoring/programmes/{slug}/action-items/",
    ):
        assert path in paths, path
    submit = paths["/api/v1/monitoring/programmes/{slug}/reports/{public_id}/submit/"]["post"]
    assert "409" in submit["responses"]
