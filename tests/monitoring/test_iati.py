from datetime import date
from decimal import Decimal

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from lxml import etree

from equalcity.core.errors import DomainError
from equalcity.monitoring import services
from equalcity.monitoring.iati import activity_xml
from equalcity.monitoring.models import FinanceLine, Indicator, PartnerReport

from .conftest import org

pytestmark = pytest.mark.django_db
IATI = settings.BASE_DIR.parent / "shared" / "standards" / "iati"
TODAY = date(2022, 3, 1)


@pytest.fixture(scope="module")
def schema():
    return etree.XMLSchema(etree.parse(str(IATI / "iati-activities-schema.xsd")))


def export(programme, schema, *, today=TODAY):
    document = etree.fromstring(activity_xml(programme, today=today))
    schema.assertValid(document)
    return document.find("iati-activity")


def budgets(activity) -> dict:
    return {
        (
            b.find("period-start").get("iso-date"),
            b.find("period-end").get("iso-date"),
            b.get("type"),
            b.find("value").get("currency"),
        ): b.findtext("value")
        for b in activity.findall("budget")
    }


def indicator_named(activity, name):
    return next(i for i in activity.iter("indicator") if i.findtext("title/narrative") == name)


def test_the_activity_validates_with_results_and_finances(monitoring_demo, schema):
    activity = export(monitoring_demo, schema)
    assert activity.find("activity-status").get("code") == "4"
    # 8 quarters × 4 partners of approved spending
    assert len(activity.findall("transaction")) == 32
    assert activity.findall("budget")
    indicator = indicator_named(activity, "Frontline workers trained")
    assert indicator.find("baseline").get("value") == "0.00"
    periods = indicator.findall("period")
    assert periods and periods[-1].find("target").get("value") == "350.00"
    assert any(p.find("actual") is not None for p in periods)
    partners = {o.findtext("narrative") for o in activity.findall("participating-org[@role='4']")}
    assert "Sapienza University of Rome" in partners


def test_budgets_are_per_programme_year_from_the_latest_approved_report(
    monitoring_demo, schema, editor, manager
):
    # The programme runs 25 Nov 2019 – 24 Nov 2021: two programme years, none over a year.
    year_1 = ("2019-11-25", "2020-11-24")
    year_2 = ("2020-11-25", "2021-11-24")
    activity = export(monitoring_demo, schema)
    assert all(b.get("status") == "2" for b in activity.findall("budget"))  # committed
    # Three partners in EUR and Gothenburg in SEK, 80 000 each for the whole programme
    # (demo data), spread over the programme years by their days: 366 and 365 of 731.
    assert budgets(activity) == {
        (*year_1, "1", "EUR"): "120164.16",  # 240 000 × 366 / 731
        (*year_1, "1", "SEK"): "40054.72",
        (*year_2, "1", "EUR"): "119835.84",  # 240 000 × 365 / 731
        (*year_2, "1", "SEK"): "39945.28",
    }
    # The years add up to the whole budget, to the cent.
    eur = [Decimal(v) for (*_, kind, currency), v in budgets(activity).items() if currency == "EUR"]
    assert sum(eur) == Decimal("240000.00")

    # A correction of the partner's last report: until approved, its numbers count nowhere.
    last = PartnerReport.objects.get(
        organisation__slug="femmes-en-detresse", year=2021, quarter=4, version=1
    )
    correction = services.correct_report(report=last, by=editor)
    services.set_finance_line(
        report=correction,
        budget_line="Staff (demo data)",
        currency="EUR",
        budget=Decimal("90000"),
        spent_in_quarter=Decimal("9500"),
        spent_to_date=Decimal("76500"),
        by=editor,
    )
    pending = export(monitoring_demo, schema)
    assert len(pending.findall("transaction")) == 31
    assert budgets(pending)[(*year_2, "1", "EUR")] == "119835.84"
    assert (*year_2, "2", "EUR") not in budgets(pending)

    services.submit_report(report=correction, by=editor)
    services.review_report(report=correction, by=manager)
    services.approve_report(report=correction, by=manager)
    revised = budgets(export(monitoring_demo, schema))

    # The year's original budget stays, the revision sits beside it for the same period.
    assert revised[(*year_2, "1", "EUR")] == "119835.84"
    assert revised[(*year_2, "2", "EUR")] == "124829.00"  # 250 000 × 365 / 731
    assert (*year_2, "2", "SEK") not in revised and (*year_1, "2", "EUR") not in revised


def test_every_budget_period_is_one_year_at_most(monitoring_demo, schema):
    for budget in export(monitoring_demo, schema).findall("budget"):
        start = date.fromisoformat(budget.find("period-start").get("iso-date"))
        end = date.fromisoformat(budget.find("period-end").get("iso-date"))
        assert start <= end < start.replace(year=start.year + 1)


def test_transactions_are_expenditure_per_approved_quarter_and_currency(monitoring_demo, schema):
    activity = export(monitoring_demo, schema)
    spent: dict = {}
    for transaction in activity.findall("transaction"):
        assert transaction.find("transaction-type").get("code") == "4"
        assert transaction.find("provider-org").get("ref") == "XM-DAC-47066"
        day = date.fromisoformat(transaction.find("transaction-date").get("iso-date"))
        assert day <= TODAY
        receiver = transaction.findtext("receiver-org/narrative")
        currency = transaction.find("value").get("currency")
        key = (receiver, currency)
        spent[key] = spent.get(key, Decimal(0)) + Decimal(transaction.findtext("value"))
    approved = FinanceLine.objects.filter(
        report__programme=monitoring_demo, report__status=PartnerReport.Status.APPROVED
    )
    expected: dict = {}
    for line in approved.select_related("report__organisation"):
        key = (line.report.organisation.name, line.currency)
        expected[key] = expected.get(key, Decimal(0)) + line.spent_in_quarter
    assert spent == expected
    assert ("City of Gothenburg", "SEK") in spent


def test_results_give_each_target_once_and_actuals_up_to_today(monitoring_demo, schema):
    activity = export(monitoring_demo, schema, today=date(2020, 8, 15))
    assert activity.find("activity-status").get("code") == "2"
    assert activity.find("activity-date[@type='3']") is not None  # end still planned
    names = {i.findtext("title/narrative") for i in activity.iter("indicator")}
    assert names == set(
        Indicator.objects.filter(programme=monitoring_demo).values_list("name", flat=True)
    )
    manual = Indicator.objects.filter(
        programme=monitoring_demo, source=Indicator.Source.MANUAL
    ).first()
    for name in ("Frontline workers trained", manual.name):
        indicator = indicator_named(activity, name)
        targets = indicator.findall("period/target")
        assert len(targets) == 1
        target_period = targets[0].getparent()
        assert target_period.find("period-end").get("iso-date") == "2021-11-24"
        assert target_period.find("actual") is None  # still ahead
        ends = [p.find("period-end").get("iso-date") for p in indicator.findall("period[actual]")]
        assert ends and max(ends) == "2020-09-30"


def test_a_suppressed_count_is_left_out_of_the_results(monitoring_demo, schema):
    from equalcity.training.models import ChildParticipant

    early = ChildParticipant.objects.filter(
        session__course__programme=monitoring_demo, session__starts_on__lte=date(2021, 3, 31)
    )
    keep = list(early.order_by("pk").values_list("pk", flat=True)[:3])
    early.exclude(pk__in=keep).delete()
    children = indicator_named(
        export(monitoring_demo, schema), "Unaccompanied migrant children trained"
    )
    starts = [p.find("period-start").get("iso-date") for p in children.findall("period[actual]")]
    assert "2021-01-01" not in starts  # 3 children: hidden
    assert "2021-04-01" in starts and "2020-10-01" in starts  # 0 is shown, so are 5 or more


def test_another_reporting_organisation_identifier_is_used_throughout(
    monitoring_demo, schema, settings
):
    settings.IATI_REPORTING_ORG_REF = "GB-CHC-1234567"
    activity = export(monitoring_demo, schema)
    assert activity.findtext("iati-identifier") == f"GB-CHC-1234567-{monitoring_demo.slug}"
    assert activity.find("reporting-org").get("ref") == "GB-CHC-1234567"
    refs = {t.find("provider-org").get("ref") for t in activity.findall("transaction")}
    assert refs == {"GB-CHC-1234567"}


@pytest.mark.parametrize(
    "ref",
    ["", "XM-DAC", "47066", "xm-dac-47066", "XM-DAC-47066/2", "XM DAC 47066", "ZZ-CHC-1"],
)
def test_a_malformed_reporting_organisation_identifier_writes_no_file(
    monitoring_demo, settings, tmp_path, ref
):
    settings.IATI_REPORTING_ORG_REF = ref
    with pytest.raises(DomainError) as refused:
        activity_xml(monitoring_demo, today=TODAY)
    assert refused.value.code == "bad_reporting_org_ref"
    out = tmp_path / "activity.xml"
    with pytest.raises(CommandError, match="IATI_REPORTING_ORG_REF"):
        call_command("export_iati", "--output", str(out), "--programme", monitoring_demo.slug)
    assert not out.exists()


def test_the_command_writes_a_valid_file(monitoring_demo, schema, tmp_path):
    out = tmp_path / "activity.xml"
    call_command("export_iati", "--output", str(out))
    schema.assertValid(etree.parse(str(out)))


def test_the_command_names_the_programmes_when_the_slug_is_wrong(monitoring_demo, tmp_path):
    from equalcity.programmes.models import Programme

    out = tmp_path / "activity.xml"
    with pytest.raises(CommandError, match="no-such-programme") as refused:
        call_command("export_iati", "--output", str(out), "--programme", "no-such-programme")
    assert monitoring_demo.slug in str(refused.value)
    Programme.objects.create(
        slug="second",
        name="Second programme",
        lead_organisation=org("iom-belgium-luxembourg"),
        starts_on=date(2022, 1, 1),
        ends_on=date(2023, 12, 31),
    )
    with pytest.raises(CommandError, match="--programme"):
        call_command("export_iati", "--output", str(out))
    assert not out.exists()
    call_command("export_iati", "--output", str(out), "--programme", "second")
    assert b"XM-DAC-47066-second" in out.read_bytes()


def test_the_schema_check_can_fail(schema):
    # The schema does reject a file without the mandatory identifier: the check above can fail.
    broken = etree.fromstring(
        b'<iati-activities version="2.03"><iati-activity><title><narrative>x</narrative>'
        b"</title></iati-activity></iati-activities>"
    )
    assert not schema.validate(broken)


def test_the_lead_agency_downloads_the_file_and_others_get_404(
    verified_client, client, monitoring_demo, schema
):
    from django.urls import reverse

    from equalcity.accounts.models import Role, User
    from equalcity.programmes.demo import DEMO_ACCOUNTS

    emails = {a.role: a.email for a in DEMO_ACCOUNTS}
    url = reverse("monitoring:iati", args=[monitoring_demo.slug])
    lead = verified_client(User.objects.get(email=emails[Role.PROGRAMME_MANAGER]))
    response = lead.get(url)
    assert response.status_code == 200
    schema.assertValid(etree.fromstring(response.content))
    lead.logout()
    client.force_login(User.objects.get(email=emails[Role.PARTNER_EDITOR]))
    assert client.get(url).status_code == 404


def test_the_download_page_says_what_is_wrong_with_the_identifier(
    monitoring_demo, manager, verified_client, settings
):
    settings.IATI_REPORTING_ORG_REF = "not an identifier"
    client = verified_client(manager)
    response = client.get(f"/en/monitoring/{monitoring_demo.slug}/iati.xml", follow=True)
    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == f"/en/monitoring/{monitoring_demo.slug}/"
    assert "IATI_REPORTING_ORG_REF" in response.content.decode()
