from datetime import date

import pytest
from django.conf import settings
from django.core.management import call_command
from lxml import etree

from equalcity.monitoring.iati import activity_xml

pytestmark = pytest.mark.django_db
IATI = settings.BASE_DIR.parent / "shared" / "standards" / "iati"


@pytest.fixture(scope="module")
def schema():
    return etree.XMLSchema(etree.parse(str(IATI / "iati-activities-schema.xsd")))


def test_the_activity_validates_with_results_and_finances(monitoring_demo, schema):
    document = etree.fromstring(activity_xml(monitoring_demo, today=date(2022, 3, 1)))
    schema.assertValid(document)
    activity = document.find("iati-activity")
    assert activity.find("activity-status").get("code") == "4"
    # 8 quarters × 4 partners of approved spending
    assert len(activity.findall("transaction")) == 32
    assert activity.findall("budget")
    indicator = next(
        i
        for i in activity.iter("indicator")
        if i.findtext("title/narrative") == "Frontline workers trained"
    )
    assert indicator.find("baseline").get("value") == "0.00"
    periods = indicator.findall("period")
    assert periods and periods[-1].find("target").get("value") == "350.00"
    assert any(p.find("actual") is not None for p in periods)
    partners = {o.findtext("narrative") for o in activity.findall("participating-org[@role='4']")}
    assert "Sapienza University of Rome" in partners


def test_the_command_writes_a_valid_file(monitoring_demo, schema, tmp_path):
    out = tmp_path / "activity.xml"
    call_command("export_iati", "--output", str(out))
    schema.assertValid(etree.parse(str(out)))


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
