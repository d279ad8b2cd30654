"""The partner- and manager-facing write pages of monitoring: starting and writing a quarterly
report, its finances and indicator values with evidence, meetings and their action items."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format

from equalcity.accounts.models import AuditEntry, Membership, Organisation, Role, User
from equalcity.monitoring import services
from equalcity.monitoring.models import (
    ActionItem,
    FinanceLine,
    Indicator,
    IndicatorValue,
    LogframeNode,
    Meeting,
    PartnerReport,
)

from .conftest import org

pytestmark = pytest.mark.django_db
Status = PartnerReport.Status
LOGIN = "/accounts/login/"


# --- fixtures ---------------------------------------------------------------------------


@pytest.fixture
def other_editor(monitoring_demo):
    """A partner editor of RainbowHouse Brussels: a partner, but not the one of our reports."""
    user = User.objects.create_user("other-editor@example.org", "pw")
    Membership.objects.create(
        user=user,
        programme=monitoring_demo,
        organisation=org("rainbowhouse-brussels"),
        role=Role.PARTNER_EDITOR,
    )
    return user


@pytest.fixture
def viewer(users):
    return users[Role.VIEWER]


@pytest.fixture
def draft(monitoring_demo, editor):
    # 2019 Q4 is inside the programme (it starts on 25 Nov 2019) and has no demo report.
    return services.start_report(
        programme=monitoring_demo,
        organisation=org("femmes-en-detresse"),
        year=2019,
        quarter=4,
        by=editor,
    )


@pytest.fixture
def manual_indicator(monitoring_demo):
    """An indicator partners enter by hand, whatever the demo's own ones are."""
    return Indicator.objects.create(
        programme=monitoring_demo,
        node=LogframeNode.objects.filter(programme=monitoring_demo).first(),
        code="T1",
        name="Counselling sessions held",
        definition="Counselling sessions held by the partner in the quarter.",
        unit="sessions",
        baseline=Decimal(0),
        target=Decimal(100),
        target_date=monitoring_demo.ends_on,
        means_of_verification="Session logs",
        source=Indicator.Source.MANUAL,
    )


def _url(name, report, *extra):
    return reverse(f"monitoring:{name}", args=[report.programme.slug, report.public_id, *extra])


def _as(client, verified_client, who, user):
    """A client signed in as ``user`` (managers with the second factor), or signed out."""
    client.logout()
    if who == "anonymous":
        return client
    if who == "manager":
        return verified_client(user)
    client.force_login(user)
    return client


def _finance(**overrides):
    data = {
        "budget_line": "Staff",
        "currency": "EUR",
        "budget": "1000",
        "spent_in_quarter": "40",
        "spent_to_date": "40",
        "variance_explained": "",
    }
    return {**data, **overrides}


def _pdf(name="list.pdf"):
    return SimpleUploadedFile(name, b"%PDF-1.4 attendance list", content_type="application/pdf")


# --- the reports list: starting a report -----------------------------------------------


def test_a_partner_editor_starts_the_report_of_a_quarter_without_one(
    client, editor, monitoring_demo
):
    client.force_login(editor)
    url = reverse("monitoring:reports", args=[monitoring_demo.slug])
    page = client.get(url).content.decode()
    assert "Start the report for" in page
    # One organisation: chosen for them, not asked.
    assert 'type="hidden" name="organisation"' in page
    # Every demo quarter from 2020 has a report; 2019 Q4 is the one left.
    assert '<option value="2019-4"' in page and 'value="2020-1"' not in page
    first = PartnerReport.objects.filter(organisation__slug="femmes-en-detresse").first()
    assert date_format(first.due_on) in page  # the due date of each report is listed

    response = client.post(url, {"organisation": org("femmes-en-detresse").pk, "period": "2019-4"})

    report = PartnerReport.objects.get(organisation__slug="femmes-en-detresse", year=2019)
    assert response.status_code == 302 and response.url == _url("report", report)
    assert report.status == Status.DRAFT and report.due_on == date(2020, 1, 30)
    assert AuditEntry.objects.filter(action="monitoring.report.started").count() == 1
    # Nothing is left to start: the page says so instead of offering an empty select.
    assert "Every quarter that has begun already has a report" in client.get(url).content.decode()


@pytest.mark.parametrize(
    ("period", "message"),
    [
        ("2020-1", "There is already a report for this quarter"),  # a retry, or an old tab
        ("2023-1", "Choose a quarter of the programme that has begun."),
        ("soon", "Choose a quarter from the list."),
    ],
)
def test_starting_a_report_is_refused_with_a_reason(
    client, editor, monitoring_demo, period, message
):
    client.force_login(editor)
    before = PartnerReport.objects.count()
    response = client.post(
        reverse("monitoring:reports", args=[monitoring_demo.slug]),
        {"organisation": org("femmes-en-detresse").pk, "period": period},
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert PartnerReport.objects.count() == before


def test_a_partner_editor_cannot_start_a_report_for_another_organisation(
    client, editor, monitoring_demo
):
    client.force_login(editor)
    response = client.post(
        reverse("monitoring:reports", args=[monitoring_demo.slug]),
        {"organisation": org("rainbowhouse-brussels").pk, "period": "2019-4"},
    )
    assert response.status_code == 400
    assert not PartnerReport.objects.filter(year=2019).exists()


def test_who_may_start_a_report(client, verified_client, users, other_editor, monitoring_demo):
    url = reverse("monitoring:reports", args=[monitoring_demo.slug])
    data = {"period": "2019-4"}
    manager = _as(client, verified_client, "manager", users[Role.PROGRAMME_MANAGER])
    assert "Start the report for" not in manager.get(url).content.decode()
    assert manager.post(url, data).status_code == 404
    assert _as(client, None, "viewer", users[Role.VIEWER]).post(url, data).status_code == 404
    anonymous = _as(client, None, "anonymous", None).post(url, data)
    assert anonymous.status_code == 302 and LOGIN in anonymous.url
    # A partner editor of another organisation starts their own organisation's report.
    _as(client, None, "editor", other_editor).post(
        url, {"organisation": org("rainbowhouse-brussels").pk, **data}
    )
    assert list(PartnerReport.objects.filter(year=2019).values_list("organisation__slug")) == [
        ("rainbowhouse-brussels",)
    ]


# --- the report page: text and finances -------------------------------------------------


def test_the_report_text_is_saved(client, editor, draft):
    client.force_login(editor)
    page = client.get(_url("report", draft)).content.decode()
    assert 'name="narrative"' in page and 'name="risks"' in page
    response = client.post(
        _url("report-text", draft),
        {
            "narrative": "We trained 12 people.",
            "activities_planned": "Two sessions",
            "activities_done": "Two sessions",
            "risks": "None this quarter",
        },
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert (draft.narrative, draft.risks) == ("We trained 12 people.", "None this quarter")


def test_the_text_of_a_submitted_report_is_refused_and_unchanged(client, editor, draft):
    services.submit_report(report=draft, by=editor)
    client.force_login(editor)
    response = client.post(
        _url("report-text", draft),
        {"narrative": "late change", "activities_planned": "", "activities_done": "", "risks": ""},
    )
    assert response.status_code == 400
    assert "can no longer be changed" in response.content.decode()
    draft.refresh_from_db()
    assert draft.narrative == ""


def test_a_finance_line_is_added_with_its_burn_rate(client, editor, draft):
    client.force_login(editor)
    response = client.post(_url("finance-line", draft), _finance(currency="sek"))
    assert response.status_code == 302
    line = draft.finances.get()
    assert (line.budget_line, line.currency, line.spent_to_date) == ("Staff", "SEK", 40)
    page = client.get(_url("report", draft)).content.decode()
    assert "4.0%" in page  # 40 of 1000
    assert "Total in SEK" in page
    total = page[page.index("Total in SEK") :].split("</tr>")[0]
    assert "1000.00" in total and "40.00" in total  # budget and spending to date


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"budget": "-5"}, "Amounts cannot be negative."),
        ({"currency": "XYZ"}, "XYZ is not an ISO 4217 currency code"),
        (
            {"spent_in_quarter": "50", "spent_to_date": "40"},
            "Spending to date cannot be less than the spending in the quarter.",
        ),
        ({"budget_line": "   "}, "This field is required."),
    ],
)
def test_a_bad_finance_line_is_refused_and_nothing_written(
    client, editor, draft, overrides, message
):
    client.force_login(editor)
    response = client.post(_url("finance-line", draft), _finance(**overrides))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not draft.finances.exists()
    assert not AuditEntry.objects.filter(action="monitoring.report.finance_set").exists()


def test_the_refusal_is_in_the_language_of_the_page(client, editor, draft):
    client.force_login(editor)
    url = _url("finance-line", draft).replace("/en/", "/fr/", 1)
    # The request switches the thread to French; override puts English back afterwards.
    with translation.override("en"):
        response = client.post(url, _finance(budget="-5"))
    assert response.status_code == 400
    with translation.override("fr"):
        french = translation.gettext("Amounts cannot be negative.")
    assert french in response.content.decode()


def test_a_finance_line_is_changed_renamed_and_a_clash_refused(client, editor, draft):
    for name in ("Staff", "Travel"):
        services.set_finance_line(
            report=draft,
            budget_line=name,
            currency="EUR",
            budget=Decimal(100),
            spent_in_quarter=Decimal(1),
            spent_to_date=Decimal(1),
            by=editor,
        )
    staff = draft.finances.get(budget_line="Staff")
    client.force_login(editor)
    page = client.get(_url("report", draft) + f"?line={staff.pk}").content.decode()
    assert "Change the budget line “Staff”" in page and f'value="{staff.pk}"' in page

    clash = client.post(_url("finance-line", draft), _finance(line=staff.pk, budget_line="Travel"))
    assert clash.status_code == 400
    assert "There is already a budget line called “Travel”" in clash.content.decode()

    renamed = client.post(
        _url("finance-line", draft), _finance(line=staff.pk, budget_line="Staff and fees")
    )
    assert renamed.status_code == 302
    assert set(draft.finances.values_list("budget_line", flat=True)) == {
        "Staff and fees",
        "Travel",
    }


def test_a_line_of_another_report_cannot_be_changed_through_this_one(
    client, editor, draft, monitoring_demo
):
    foreign = FinanceLine.objects.filter(report__organisation__slug="rainbowhouse-brussels").first()
    before = foreign.spent_to_date
    client.force_login(editor)
    response = client.post(
        _url("finance-line", draft), _finance(line=foreign.pk, budget_line=foreign.budget_line)
    )
    assert response.status_code == 400
    assert "This budget line has been removed" in response.content.decode()
    foreign.refresh_from_db()
    assert foreign.spent_to_date == before and not draft.finances.exists()


def test_a_finance_line_is_removed_once_and_a_retry_is_explained(client, editor, draft):
    line = services.set_finance_line(
        report=draft,
        budget_line="Staff",
        currency="EUR",
        budget=Decimal(10),
        spent_in_quarter=Decimal(1),
        spent_to_date=Decimal(1),
        by=editor,
    )
    client.force_login(editor)
    url = _url("finance-line-remove", draft, line.pk)
    assert client.post(url).status_code == 302
    assert not draft.finances.exists()
    again = client.post(url, follow=True)
    assert again.status_code == 200
    assert "This budget line has already been removed." in again.content.decode()
    assert AuditEntry.objects.filter(action="monitoring.report.finance_removed").count() == 1


def test_a_line_of_a_submitted_report_is_not_removed(client, editor, draft):
    line = services.set_finance_line(
        report=draft,
        budget_line="Staff",
        currency="EUR",
        budget=Decimal(10),
        spent_in_quarter=Decimal(1),
        spent_to_date=Decimal(1),
        by=editor,
    )
    services.submit_report(report=draft, by=editor)
    client.force_login(editor)
    response = client.post(_url("finance-line-remove", draft, line.pk), follow=True)
    assert "can no longer be changed" in response.content.decode()
    assert draft.finances.filter(pk=line.pk).exists()


def test_spending_far_from_a_straight_line_is_flagged(client, editor, draft):
    # 2019 Q4 ends 37 days into a two-year programme: about 5% of a budget is planned.
    for name, to_date in (("Ahead", 900), ("On plan", 50)):
        services.set_finance_line(
            report=draft,
            budget_line=name,
            currency="EUR",
            budget=Decimal(1000),
            spent_in_quarter=Decimal(to_date),
            spent_to_date=Decimal(to_date),
            by=editor,
        )
    client.force_login(editor)
    response = client.get(_url("report", draft))
    rows = {line.budget_line: line.pk for line in draft.finances.all()}
    html = response.content.decode()

    def row(pk):
        start = html.index(f'id="line-{pk}"')
        return html[start : html.index("</tr>", start)]

    assert "above plan" in row(rows["Ahead"]) and "Not explained yet." in row(rows["Ahead"])
    assert "plan" not in row(rows["On plan"]).replace("On plan", "")
    assert "5.1%" in html  # the straight-line share, stated in the text


def test_submitting_twice_says_so_and_changes_nothing(client, editor, draft):
    client.force_login(editor)
    client.post(_url("report-action", draft, "submit"))
    first = PartnerReport.objects.get(pk=draft.pk).submitted_at
    again = client.post(_url("report-action", draft, "submit"), follow=True)
    assert again.status_code == 200
    assert "This report has already been submitted." in again.content.decode()
    assert PartnerReport.objects.get(pk=draft.pk).submitted_at == first


def test_the_manager_sees_the_report_without_forms_and_returns_it(
    client, verified_client, editor, manager, draft
):
    services.submit_report(report=draft, by=editor)
    lead = verified_client(manager)
    page = lead.get(_url("report", draft)).content.decode()
    assert 'name="narrative"' not in page and 'id="finance-form"' not in page
    lead.post(_url("report-action", draft, "return"), {"comments": "Add the travel costs."})
    draft.refresh_from_db()
    assert draft.status == Status.RETURNED
    client.force_login(editor)
    page = client.get(_url("report", draft)).content.decode()
    assert "Add the travel costs." in page and 'name="narrative"' in page


# --- the report page: indicator values and evidence -------------------------------------


def test_only_manual_indicators_take_values_on_the_report(client, editor, draft, manual_indicator):
    client.force_login(editor)
    html = client.get(_url("report", draft)).content.decode()
    indicators = list(Indicator.objects.filter(programme=draft.programme))
    manual = [i for i in indicators if not i.automatic]
    automatic = [i for i in indicators if i.automatic]
    assert manual and automatic
    for indicator in manual:
        assert f'id="value-{indicator.pk}"' in html
    for indicator in automatic:
        assert f'id="value-{indicator.pk}"' not in html
        assert f'data-indicator="{indicator.code}"' not in html


def test_a_value_with_evidence_is_entered_and_downloaded_by_whom_it_concerns(
    client, verified_client, editor, manager, draft, manual_indicator
):
    client.force_login(editor)
    prefix = f"value-{manual_indicator.pk}"
    response = client.post(
        _url("indicator-value", draft, manual_indicator.pk),
        {f"{prefix}-value": "7", f"{prefix}-source": "Session log", f"{prefix}-evidence": _pdf()},
    )
    assert response.status_code == 302
    value = IndicatorValue.objects.get(indicator=manual_indicator)
    assert (value.year, value.quarter, value.value, value.author) == (2019, 4, 7, editor)
    download = reverse("monitoring:evidence", args=[draft.programme.slug, value.pk])
    assert download in client.get(_url("report", draft)).content.decode()

    own = client.get(download)
    assert own.status_code == 200
    assert own["Content-Disposition"].startswith("attachment")
    assert b"".join(own.streaming_content) == b"%PDF-1.4 attendance list"
    lead = verified_client(manager).get(download)
    assert lead.status_code == 200
    entries = AuditEntry.objects.filter(action="monitoring.evidence.read")
    assert entries.count() == 2 and {e.actor for e in entries} == {editor, manager}


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"value": "-1", "source": "log"}, "Amounts cannot be negative."),
        ({"value": "1", "source": "log", "evidence": "exe"}, "Evidence must be a PDF"),
        ({"value": "", "source": "log"}, "This field is required."),
    ],
)
def test_a_bad_value_is_refused_and_nothing_written(
    client, editor, draft, manual_indicator, fields, message
):
    client.force_login(editor)
    prefix = f"value-{manual_indicator.pk}"
    data = {f"{prefix}-{name}": value for name, value in fields.items()}
    if fields.get("evidence") == "exe":
        data[f"{prefix}-evidence"] = SimpleUploadedFile("run.exe", b"MZ")
    response = client.post(_url("indicator-value", draft, manual_indicator.pk), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not IndicatorValue.objects.filter(indicator=manual_indicator).exists()


def test_a_value_for_a_closed_or_reviewed_quarter_is_refused(
    client, editor, draft, manual_indicator, monitoring_demo
):
    client.force_login(editor)
    prefix = f"value-{manual_indicator.pk}"
    data = {f"{prefix}-value": "3", f"{prefix}-source": "log"}
    approved = PartnerReport.objects.filter(
        organisation__slug="femmes-en-detresse", status=Status.APPROVED
    ).first()
    closed = client.post(_url("indicator-value", approved, manual_indicator.pk), data)
    assert closed.status_code == 400
    assert "is closed: its report is approved" in closed.content.decode()

    services.submit_report(report=draft, by=editor)
    reviewed = client.post(_url("indicator-value", draft, manual_indicator.pk), data)
    assert reviewed.status_code == 400
    assert "is with the lead agency" in reviewed.content.decode()
    assert not IndicatorValue.objects.filter(indicator=manual_indicator).exists()


def test_an_automatic_or_foreign_indicator_takes_no_value(
    client, editor, draft, other_programme, manual_indicator
):
    client.force_login(editor)
    automatic = next(i for i in Indicator.objects.filter(programme=draft.programme) if i.automatic)
    prefix = f"value-{automatic.pk}"
    response = client.post(
        _url("indicator-value", draft, automatic.pk),
        {f"{prefix}-value": "3", f"{prefix}-source": "log"},
    )
    assert response.status_code == 400
    assert "computed from the platform&#x27;s data" in response.content.decode()
    foreign = Indicator.objects.create(
        **{
            f.name: getattr(manual_indicator, f.name)
            for f in Indicator._meta.concrete_fields
            if f.name not in {"id", "programme", "created_at", "updated_at"}
        },
        programme=other_programme,
    )
    assert client.post(_url("indicator-value", draft, foreign.pk), {}).status_code == 404
    assert not IndicatorValue.objects.filter(indicator__in=[automatic, foreign]).exists()


# --- who may do what on a report ----------------------------------------------------------


def _report_writes(report, manual_indicator, line):
    prefix = f"value-{manual_indicator.pk}"
    return [
        ("report-text", (), {"narrative": "x"}),
        ("finance-line", (), _finance(budget_line="Other")),
        ("finance-line-remove", (line.pk,), {}),
        (
            "indicator-value",
            (manual_indicator.pk,),
            {f"{prefix}-value": "1", f"{prefix}-source": "x"},
        ),
    ]


def test_the_permission_matrix_of_report_writes(
    client, verified_client, users, editor, other_editor, draft, manual_indicator
):
    line = services.set_finance_line(
        report=draft,
        budget_line="Staff",
        currency="EUR",
        budget=Decimal(10),
        spent_in_quarter=Decimal(1),
        spent_to_date=Decimal(1),
        by=editor,
    )
    refused = [
        ("manager", users[Role.PROGRAMME_MANAGER], 404),
        ("other editor", other_editor, 404),
        ("viewer", users[Role.VIEWER], 404),
        ("anonymous", None, 302),
    ]
    for name, args, data in _report_writes(draft, manual_indicator, line):
        url = _url(name, draft, *args)
        for who, user, status in refused:
            response = _as(client, verified_client, who, user).post(url, data)
            assert response.status_code == status, (name, who)
            if who == "anonymous":
                assert LOGIN in response.url
    draft.refresh_from_db()
    assert draft.narrative == "" and list(draft.finances.all()) == [line]
    assert not IndicatorValue.objects.filter(indicator=manual_indicator).exists()
    # The partner editor of the report's organisation may do each of them.
    for name, args, data in _report_writes(draft, manual_indicator, line):
        response = _as(client, verified_client, "editor", editor).post(
            _url(name, draft, *args), data
        )
        assert response.status_code == 302, name
    assert IndicatorValue.objects.filter(indicator=manual_indicator).exists()


def test_the_permission_matrix_of_evidence(
    client, verified_client, users, editor, other_editor, draft, manual_indicator
):
    value = services.record_value(
        indicator=manual_indicator,
        organisation=draft.organisation,
        year=2019,
        quarter=4,
        value=Decimal(2),
        source="log",
        evidence=_pdf(),
        by=editor,
    )
    url = reverse("monitoring:evidence", args=[draft.programme.slug, value.pk])
    expected = [
        ("manager", users[Role.PROGRAMME_MANAGER], 200),
        ("editor", editor, 200),
        ("other editor", other_editor, 404),
        ("viewer", users[Role.VIEWER], 404),
        ("anonymous", None, 302),
    ]
    for who, user, status in expected:
        response = _as(client, verified_client, who, user).get(url)
        assert response.status_code == status, who
    assert AuditEntry.objects.filter(action="monitoring.evidence.read").count() == 2
    # A value without evidence has nothing to download.
    value.evidence = ""
    value.save(update_fields=["evidence"])
    assert _as(client, verified_client, "editor", editor).get(url).status_code == 404


# --- constant query counts -----------------------------------------------------------------


def _queries(client, url) -> int:
    client.get(url)  # warm caches that are not per request (content types, translations)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize("who", ["editor", "manager"])
def test_the_report_page_query_count_does_not_grow_with_finance_lines(
    client, verified_client, users, editor, draft, manual_indicator, who
):
    user = users[Role.PROGRAMME_MANAGER] if who == "manager" else editor
    viewer = _as(client, verified_client, who, user)
    url = _url("report", draft)

    def add(n):
        services.set_finance_line(
            report=draft,
            budget_line=f"Line {n}",
            currency="EUR" if n % 2 else "SEK",
            budget=Decimal(100),
            spent_in_quarter=Decimal(n),
            spent_to_date=Decimal(10 * n),
            by=editor,
        )

    add(1)
    one = _queries(viewer, url)
    for n in range(2, 7):
        add(n)
    assert draft.finances.count() == 6
    assert _queries(viewer, url) == one


# --- meetings -------------------------------------------------------------------------------


def _meeting_data(**overrides):
    data = {
        "kind": Meeting.Kind.COORDINATION_CALL,
        "title": "Coordination call: budgets",
        "held_on": "2021-03-15",
        "agenda": "Budgets",
        "participants": [org("femmes-en-detresse").pk, org("iom-belgium-luxembourg").pk],
        "minutes": "",
        "decisions": "",
    }
    return {**data, **overrides}


def test_the_manager_records_a_meeting_and_changes_it(verified_client, manager, monitoring_demo):
    lead = verified_client(manager)
    new = reverse("monitoring:meeting-new", args=[monitoring_demo.slug])
    page = lead.get(new).content.decode()
    # Trainee cities and city networks take part; an unrelated organisation is not offered.
    assert "Rainbow Cities" in page and "Femmes en Détresse" in page
    response = lead.post(new, _meeting_data())
    meeting = Meeting.objects.get(title="Coordination call: budgets")
    assert response.status_code == 302
    assert response.url == reverse("monitoring:meeting", args=[monitoring_demo.slug, meeting.pk])
    assert {o.slug for o in meeting.participants.all()} == {
        "femmes-en-detresse",
        "iom-belgium-luxembourg",
    }
    changed = lead.post(response.url, _meeting_data(minutes="We agreed.", participants=[]))
    assert changed.status_code == 302
    meeting.refresh_from_db()
    assert meeting.minutes == "We agreed." and not meeting.participants.exists()
    assert AuditEntry.objects.filter(action__startswith="monitoring.meeting.").count() == 2


def test_a_second_meeting_of_a_kind_on_a_day_is_refused(verified_client, manager, monitoring_demo):
    lead = verified_client(manager)
    existing = Meeting.objects.filter(programme=monitoring_demo).first()
    before = Meeting.objects.count()
    data = _meeting_data(kind=existing.kind, held_on=existing.held_on.isoformat())
    response = lead.post(reverse("monitoring:meeting-new", args=[monitoring_demo.slug]), data)
    assert response.status_code == 400
    assert "already exists; change that meeting instead" in response.content.decode()
    assert Meeting.objects.count() == before
    # Moving another meeting onto that day is refused the same way.
    other = Meeting.objects.filter(programme=monitoring_demo).exclude(pk=existing.pk).first()
    moved = lead.post(reverse("monitoring:meeting", args=[monitoring_demo.slug, other.pk]), data)
    assert moved.status_code == 400
    assert "already exists" in moved.content.decode()
    other_before = other.held_on
    other.refresh_from_db()
    assert other.held_on == other_before


def test_an_outsider_cannot_be_a_participant(verified_client, manager, monitoring_demo):
    outsider = Organisation.objects.create(name="Outsider", slug="outsider", kind="partner_ngo")
    before = Meeting.objects.count()
    response = verified_client(manager).post(
        reverse("monitoring:meeting-new", args=[monitoring_demo.slug]),
        _meeting_data(participants=[outsider.pk]),
    )
    assert response.status_code == 400
    assert Meeting.objects.count() == before


def test_action_items_are_added_and_their_refusals_explained(
    verified_client, manager, monitoring_demo
):
    meeting = Meeting.objects.filter(programme=monitoring_demo).order_by("-held_on").first()
    lead = verified_client(manager)
    url = reverse("monitoring:action-add", args=[monitoring_demo.slug, meeting.pk])
    data = {
        "text": "Send the budget template",
        "owner": org("femmes-en-detresse").pk,
        "due_on": (meeting.held_on + timedelta(days=10)).isoformat(),
    }
    before = ActionItem.objects.count()
    too_early = lead.post(url, {**data, "due_on": (meeting.held_on - timedelta(days=1))})
    assert too_early.status_code == 400
    assert "The due date cannot be before the meeting" in too_early.content.decode()
    assert ActionItem.objects.count() == before

    added = lead.post(url, data)
    assert added.status_code == 302
    assert meeting.action_items.filter(text="Send the budget template").exists()
    twice = lead.post(url, data)
    assert twice.status_code == 400
    assert "This meeting already has this action item." in twice.content.decode()
    assert ActionItem.objects.count() == before + 1


@pytest.mark.parametrize("htmx", [True, False])
def test_the_owner_marks_an_action_item_done_once(client, editor, monitoring_demo, htmx):
    meeting = Meeting.objects.filter(programme=monitoring_demo).first()
    item = services.add_action_item(
        meeting=meeting,
        text="Translate the leaflet",
        owner=org("femmes-en-detresse"),
        due_on=meeting.held_on + timedelta(days=30),
        by=None,
    )
    client.force_login(editor)
    meetings = reverse("monitoring:meetings", args=[monitoring_demo.slug])
    page = client.get(meetings).content.decode()
    url = reverse("monitoring:action-done", args=[monitoring_demo.slug, item.pk])
    assert f'hx-post="{url}"' in page
    headers = {"HX-Request": "true"} if htmx else {}
    response = client.post(url, {"next": meetings}, headers=headers)
    item.refresh_from_db()
    assert item.done_on is not None
    if htmx:
        assert response.status_code == 200
        assert f'id="action-{item.pk}"' in response.content.decode()
        assert "Done on" in response.content.decode()
    else:
        assert response.status_code == 302 and response.url == meetings
    again = client.post(url, {"next": meetings}, headers=headers, follow=not htmx)
    assert "This action is already done." in again.content.decode()
    assert AuditEntry.objects.filter(action="monitoring.action.done").count() == 1


def test_the_permission_matrix_of_meetings_and_action_items(
    client, verified_client, users, editor, other_editor, monitoring_demo
):
    meeting = Meeting.objects.filter(programme=monitoring_demo).first()
    item = services.add_action_item(
        meeting=meeting,
        text="Check the minutes",
        owner=org("femmes-en-detresse"),
        due_on=meeting.held_on,
        by=None,
    )
    slug = monitoring_demo.slug
    manage = [
        ("get", reverse("monitoring:meeting-new", args=[slug]), {}),
        ("get", reverse("monitoring:meeting", args=[slug, meeting.pk]), {}),
        ("post", reverse("monitoring:action-add", args=[slug, meeting.pk]), {"text": "x"}),
    ]
    done = reverse("monitoring:action-done", args=[slug, item.pk])
    for who, user in (
        ("editor", editor),
        ("other editor", other_editor),
        ("viewer", users[Role.VIEWER]),
        ("anonymous", None),
    ):
        signed = _as(client, verified_client, who, user)
        for method, url, data in manage:
            response = getattr(signed, method)(url, data)
            expected = 302 if who == "anonymous" else 404
            assert response.status_code == expected, (who, url)
        if who != "editor":
            response = signed.post(done)
            assert response.status_code == (302 if who == "anonymous" else 404), who
    item.refresh_from_db()
    assert item.done_on is None
    lead = _as(client, verified_client, "manager", users[Role.PROGRAMME_MANAGER])
    for method, url, _data in manage[:2]:
        assert getattr(lead, method)(url).status_code == 200
    assert lead.post(done).status_code == 302
    item.refresh_from_db()
    assert item.done_on is not None


@pytest.mark.parametrize("who", ["editor", "manager"])
def test_the_meetings_page_query_count_does_not_grow_with_meetings(
    client, verified_client, users, editor, monitoring_demo, who
):
    user = users[Role.PROGRAMME_MANAGER] if who == "manager" else editor
    signed = _as(client, verified_client, who, user)
    url = reverse("monitoring:meetings", args=[monitoring_demo.slug])
    meetings = list(Meeting.objects.filter(programme=monitoring_demo).order_by("held_on"))
    assert len(meetings) >= 3
    for meeting in meetings[1:]:
        meeting.delete()
    # One meeting with one open action item of the editor's organisation.
    services.add_action_item(
        meeting=meetings[0],
        text="Open item 0",
        owner=org("femmes-en-detresse"),
        due_on=meetings[0].held_on,
        by=None,
    )
    one = _queries(signed, url)
    for n in (1, 2):
        meeting = services.create_meeting(
            programme=monitoring_demo,
            kind=Meeting.Kind.COORDINATION_CALL,
            title=f"Call {n}",
            held_on=date(2021, n, 1),
            participants=[org("femmes-en-detresse"), org("rainbowhouse-brussels")],
            by=None,
        )
        services.add_action_item(
            meeting=meeting,
            text=f"Open item {n}",
            owner=org("rainbowhouse-brussels" if n == 1 else "femmes-en-detresse"),
            due_on=meeting.held_on,
            by=None,
        )
    assert Meeting.objects.filter(programme=monitoring_demo).count() == 3
    page = signed.get(url).content.decode()
    assert page.count("Mark as done") == (3 if who == "manager" else 2)
    assert _queries(signed, url) == one
