import pytest
from django.core.files.storage import default_storage

from equalcity.toolboxes import services
from equalcity.toolboxes.models import EditionPdf

pytestmark = pytest.mark.django_db


def test_publishing_renders_the_pdf_in_the_background_and_a_reader_downloads_it(published, client):
    pdf = EditionPdf.objects.get(edition=published.latest_edition, language="en")
    assert pdf.state == EditionPdf.State.DONE, pdf.error
    assert pdf.progress == 100

    page = client.get(f"/en/toolboxes/{published.slug}/pdf/")
    assert page.status_code == 200
    assert f"/en/toolboxes/{published.slug}/pdf/download/" in page.content.decode()
    download = client.get(f"/en/toolboxes/{published.slug}/pdf/download/")
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert b"".join(download.streaming_content).startswith(b"%PDF")


def test_a_pdf_in_another_language_is_queued_once_and_kept(
    published, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        page = client.get(f"/fr/toolboxes/{published.slug}/pdf/")
    assert page.status_code == 200
    pdf = EditionPdf.objects.get(edition=published.latest_edition, language="fr")
    assert pdf.state == EditionPdf.State.QUEUED
    html = page.content.decode()
    assert 'hx-trigger="every 2s"' in html and "<progress" in html
    assert len(callbacks) == 1
    # a second reader while it is queued does not queue it again
    with django_capture_on_commit_callbacks(execute=False) as again:
        client.get(f"/fr/toolboxes/{published.slug}/pdf/status/")
    assert again == []
    # the worker runs it
    callbacks[0]()
    pdf.refresh_from_db()
    assert pdf.state == EditionPdf.State.DONE
    status = client.get(f"/fr/toolboxes/{published.slug}/pdf/status/").content.decode()
    assert "hx-trigger" not in status and "/pdf/download/" in status
    assert default_storage.exists(pdf.file.name)


def test_a_failed_pdf_can_be_asked_for_again(published, django_capture_on_commit_callbacks):
    pdf = EditionPdf.objects.get(edition=published.latest_edition, language="en")
    EditionPdf.objects.filter(pk=pdf.pk).update(state=EditionPdf.State.FAILED, error="Boom")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.request_edition_pdf(edition=published.latest_edition, language="en")
    pdf.refresh_from_db()
    assert pdf.state == EditionPdf.State.QUEUED and pdf.error == ""
    assert len(callbacks) == 1


def test_no_download_before_the_pdf_is_ready(published, client):
    EditionPdf.objects.filter(edition=published.latest_edition).update(
        state=EditionPdf.State.RUNNING
    )
    assert client.get(f"/en/toolboxes/{published.slug}/pdf/download/").status_code == 404
