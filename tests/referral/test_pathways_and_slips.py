"""Referral pathways with their pocket card, and referral slips that name no one."""

import io
import re
import shutil
import zipfile
import zlib

import pytest

from equalcity.accounts.models import AuditEntry
from equalcity.core.errors import DomainError
from equalcity.referral import models as m
from equalcity.referral import selectors, services
from equalcity.referral.services import StepInput
from tests.standards import HSDS_EXAMPLES

pytestmark = pytest.mark.django_db


def _inflated(pdf: bytes) -> bytes:
    """The PDF with its compressed streams (object streams included) inflated."""
    parts = [pdf]
    for match in re.finditer(rb"stream\r?\n", pdf):
        try:
            parts.append(zlib.decompressobj().decompress(pdf[match.end() :]))
        except zlib.error:
            continue
    return b"\n".join(parts)


def _luxembourg(programme):
    return m.Pathway.objects.get(programme=programme, city="Luxembourg")


def test_the_pathway_page_lists_the_steps_in_order(client, directory, worker):
    client.force_login(worker)
    pathway = _luxembourg(directory)
    response = client.get(f"/en/referral/equalcity/pathways/{pathway.public_id}/")
    body = response.content.decode()
    assert response.status_code == 200
    positions = [
        body.index(label)
        for label in [
            "First contact",
            "Immediate safety",
            "Medical care",
            "Shelter and safe accommodation",
            "Longer-term recovery",
        ]
    ]
    assert positions == sorted(positions)
    assert "Demo shelter for women (demo data)" in body


def test_the_pocket_card_is_one_small_pdf_page(client, directory, worker):
    client.force_login(worker)
    pathway = _luxembourg(directory)
    response = client.get(f"/en/referral/equalcity/pathways/{pathway.public_id}/card.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    pdf = _inflated(response.content)
    assert pdf.startswith(b"%PDF")
    assert len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf)) == 1  # one page
    # A6 is 105 x 148 mm, 297.6 x 419.5 pt
    width, height = (
        float(x) for x in re.search(rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]", pdf).groups()
    )
    assert round(width) == 298 and round(height) == 420


def test_the_pocket_card_is_in_the_worker_language(client, directory, worker):
    client.force_login(worker)
    pathway = _luxembourg(directory)
    response = client.get(f"/fr/referral/equalcity/pathways/{pathway.public_id}/card.pdf")
    assert response.status_code == 200


def test_saving_a_pathway_replaces_its_steps(directory, manager):
    shelter = m.Service.objects.get(
        name="Demo shelter for women (demo data)", at_locations__location__city="Rome"
    )
    pathway = services.save_pathway(
        programme=directory,
        city="Rome",
        country="IT",
        target_group="unaccompanied_children",
        title="Rome",
        introduction="",
        steps=[
            StepInput(kind="first_contact", guidance="Listen."),
            StepInput(kind="shelter", guidance="Call intake.", service_ids=[shelter.id]),
        ],
        by=manager,
    )
    assert [s.kind for s in pathway.steps.all()] == ["first_contact", "shelter"]
    with pytest.raises(DomainError) as refused:
        services.save_pathway(
            programme=directory,
            city="Rome",
            country="IT",
            target_group="unaccompanied_children",
            title="Rome",
            introduction="",
            steps=[StepInput(kind="legal", guidance=""), StepInput(kind="legal", guidance="")],
            by=manager,
        )
    assert refused.value.code == "duplicate_step"


def test_pathways_are_for_members_only(client, directory, other_programme, worker):
    pathway = _luxembourg(directory)
    assert client.get(f"/en/referral/equalcity/pathways/{pathway.public_id}/").status_code == 302
    client.force_login(worker)
    assert client.get(f"/en/referral/other/pathways/{pathway.public_id}/").status_code == 404


def test_a_slip_holds_no_identity_and_gets_feedback_by_reference(
    client, directory, worker, demo_users
):
    shelter = m.Service.objects.filter(name="Demo shelter for women (demo data)").first()
    client.force_login(worker)
    response = client.post(
        f"/en/referral/equalcity/services/{shelter.id}/refer/",
        {"needs": ["shelter", "psychosocial"], "language": "fr", "consent_given": "on"},
    )
    assert response.status_code == 302
    slip = m.ReferralSlip.objects.get()
    assert len(slip.reference) == 10
    # the record has no field where a name, a birth date or a story could go
    assert {f.name for f in m.ReferralSlip._meta.concrete_fields} == {
        "id",
        "created_at",
        "updated_at",
        "public_id",
        "reference",
        "programme",
        "service",
        "language",
        "consent_given",
        "status",
        "status_changed_at",
        "referred_by",
    }

    # a member who does not work at the service hears "no such referral"
    client.force_login(demo_users["partner_editor"])
    response = client.post(
        "/en/referral/equalcity/referrals/status/",
        {"reference": slip.reference, "status": "received"},
    )
    assert response.status_code == 400
    assert "No referral has this reference." in response.content.decode()
    assert m.ReferralSlip.objects.get().status == "sent"

    # once listed as the shelter's staff, they see it and mark it received, then accepted
    services.add_service_staff(
        programme=directory,
        service=shelter,
        email=demo_users["partner_editor"].email.upper(),
        by=demo_users["programme_manager"],
    )
    incoming = client.get("/en/referral/equalcity/referrals/incoming/").content.decode()
    assert slip.reference in incoming
    for status in ["received", "accepted"]:
        response = client.post(
            "/en/referral/equalcity/referrals/status/",
            {"reference": slip.reference.lower(), "status": status},
        )
        assert response.status_code == 302
    # a step out of order is refused clearly
    response = client.post(
        "/en/referral/equalcity/referrals/status/",
        {"reference": slip.reference, "status": "received"},
    )
    assert response.status_code == 400
    assert "cannot become" in response.content.decode()

    # and the referrer sees the feedback
    client.force_login(worker)
    body = client.get(f"/en/referral/equalcity/referrals/{slip.reference}/").content.decode()
    assert "Accepted" in body
    assert AuditEntry.objects.filter(action="referral.slip.status_changed").count() == 2


def test_no_slip_without_consent(directory, worker):
    service = m.Service.objects.first()
    with pytest.raises(DomainError) as refused:
        services.create_referral_slip(
            programme=directory,
            service=service,
            needs=["legal"],
            language="fr",
            consent_given=False,
            by=worker,
        )
    assert refused.value.code == "no_consent"
    assert not m.ReferralSlip.objects.exists()


def test_an_unknown_reference_is_a_clear_refusal(client, directory, worker):
    client.force_login(worker)
    response = client.post(
        "/en/referral/equalcity/referrals/status/", {"reference": "NOPE", "status": "received"}
    )
    assert response.status_code == 400
    assert "No referral has this reference." in response.content.decode()


def test_referral_counts_hide_small_cells(directory, worker):
    services_ = list(m.Service.objects.all()[:2])
    for _ in range(6):
        services.create_referral_slip(
            programme=directory,
            service=services_[0],
            needs=["legal"],
            language="fr",
            consent_given=True,
            by=worker,
        )
    for _ in range(2):
        services.create_referral_slip(
            programme=directory,
            service=services_[1],
            needs=["legal"],
            language="fr",
            consent_given=True,
            by=worker,
        )
    counts = selectors.referral_counts_by_service(directory)
    assert counts[(services_[1].name, services_[1].id)].suppressed
    assert counts[
        (services_[0].name, services_[0].id)
    ].suppressed  # secondary suppression: the total would tell


def _zipped(package) -> io.BytesIO:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for path in package.iterdir():
            archive.write(path, path.name)
    buffer.seek(0)
    buffer.name = "package.zip"
    return buffer


def test_an_import_runs_in_the_background_and_reports_row_by_row(
    client, directory, demo_users, tmp_path, django_capture_on_commit_callbacks
):
    package = tmp_path / "p"
    shutil.copytree(HSDS_EXAMPLES / "csv", package)
    phones = package / "phones.csv"
    phones.write_text(phones.read_text().replace('"""+44 1234 234567"""', "call-me"))
    client.force_login(demo_users["partner_editor"])

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/en/referral/equalcity/directory/", {"package": _zipped(package)})

    assert response.status_code == 302
    job = m.DirectoryImport.objects.get()
    assert job.state == m.DirectoryImport.State.REFUSED and not job.package
    body = client.get(response["Location"]).content.decode()
    assert "phones.csv, row 2, number: call-me is not a phone number." in body
    assert "hx-trigger" not in body  # finished: the page stops asking
    assert not m.Service.objects.filter(name="Community Counselling").exists()

    # the fixed package imports
    phones.write_text(phones.read_text().replace("call-me", "+44 1234 234567"))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/en/referral/equalcity/directory/", {"package": _zipped(package)})
    body = client.get(response["Location"]).content.decode()
    assert 'data-state="done"' in body
    assert m.Service.objects.filter(name="Community Counselling").exists()

    # a frontline worker may not import
    client.force_login(demo_users["frontline_worker"])
    assert client.get("/en/referral/equalcity/directory/").status_code == 404
    assert client.get(response["Location"]).status_code == 404


def test_the_identification_guide_names_its_sources(client):
    body = client.get("/en/referral/identification-guide/").content.decode()
    assert (
        "LIVES" in body and "IASC GBV Pocket Guide" in body and "World Health Organization" in body
    )


def test_an_editor_builds_a_pathway_step_by_step(client, directory, demo_users):
    client.force_login(demo_users["partner_editor"])
    response = client.post(
        "/en/referral/equalcity/pathways/new/",
        {"city": "Gothenburg", "target_group": "women_girls", "title": "Gothenburg, women"},
    )
    assert response.status_code == 302
    pathway = m.Pathway.objects.get(city="Gothenburg", target_group="women_girls")
    edit = response["Location"]
    assert client.get(edit).status_code == 200
    hospital = m.Service.objects.get(
        name="Demo sexual assault care centre (demo data)",
        at_locations__location__city="Gothenburg",
    )
    response = client.post(
        edit,
        {
            "title": "Gothenburg, women",
            "introduction": "",
            "first_contact__include": "on",
            "first_contact__guidance": "Listen first.",
            "medical__include": "on",
            "medical__guidance": "Within 72 hours.",
            "medical__services": [str(hospital.id)],
            "legal__guidance": "not included, so left out",
        },
    )
    assert response.status_code == 302
    steps = list(pathway.steps.all())
    assert [(s.position, s.kind) for s in steps] == [(1, "first_contact"), (2, "medical")]
    assert list(steps[1].services.all()) == [hospital]
    # a second pathway for the same city and group is refused clearly
    response = client.post(
        "/en/referral/equalcity/pathways/new/",
        {"city": "Gothenburg", "target_group": "women_girls", "title": "Again"},
    )
    assert response.status_code == 400
    assert "already has a pathway" in response.content.decode()
    # a frontline worker reads pathways but does not edit them
    client.force_login(demo_users["frontline_worker"])
    assert client.get(edit).status_code == 404


def test_the_referral_section_opens_on_the_members_programme(client, directory, worker, demo_users):
    client.force_login(worker)
    response = client.get("/en/referral/")
    assert response.status_code == 302 and response["Location"] == "/en/referral/equalcity/"
    service = m.Service.objects.filter(name="Demo legal aid desk for migrants (demo data)").first()
    body = client.get(f"/en/referral/equalcity/services/{service.id}/").content.decode()
    assert "Demo data: not a real service." in body and "Write a referral slip" in body
    assert "Directory exchange" not in body  # a worker does not import
    client.force_login(demo_users["partner_editor"])
    assert "Directory exchange" in client.get("/en/referral/equalcity/").content.decode()


def test_a_manager_lists_and_unlists_service_staff(verified_client, directory, demo_users):
    shelter = m.Service.objects.filter(name="Demo shelter for women (demo data)").first()
    url = f"/en/referral/equalcity/services/{shelter.id}/staff/"
    editor = demo_users["partner_editor"]
    client = verified_client(demo_users["programme_manager"])
    for _ in range(2):  # a second send changes nothing
        assert client.post(url, {"email": editor.email}).status_code == 302
    staff = m.ServiceStaff.objects.get()
    assert staff.user == editor
    page = client.get(f"/en/referral/equalcity/services/{shelter.id}/").content.decode()
    assert editor.email in page
    response = client.post(url, {"email": "stranger@example.org"}, follow=True)
    assert "No member of this programme has that e-mail address" in response.content.decode()
    assert m.ServiceStaff.objects.count() == 1
    assert client.post(url, {"remove": staff.pk}).status_code == 302
    assert not m.ServiceStaff.objects.exists()
    assert AuditEntry.objects.filter(action__startswith="referral.staff.").count() == 2


def test_only_a_manager_manages_service_staff(client, directory, demo_users):
    shelter = m.Service.objects.first()
    client.force_login(demo_users["partner_editor"])
    url = f"/en/referral/equalcity/services/{shelter.id}/staff/"
    assert client.post(url, {"email": demo_users["partner_editor"].email}).status_code == 404
    page = client.get(f"/en/referral/equalcity/services/{shelter.id}/").content.decode()
    assert "service-staff" not in page
    assert not m.ServiceStaff.objects.exists()
