import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from equalcity.toolboxes import services
from equalcity.toolboxes.models import Resource

pytestmark = pytest.mark.django_db


def post(client, toolbox, data):
    module = toolbox.modules.first()
    return client.post(
        f"/en/toolboxes/work/{toolbox.slug}/modules/{module.pk}/resources/new/", data
    )


def test_an_allowed_file_is_added(toolbox, editor, client):
    client.force_login(editor)
    upload = SimpleUploadedFile("slides.pdf", b"%PDF-1.4 slides", content_type="application/pdf")
    answer = post(client, toolbox, {"kind": "slides", "title": "Slides", "file": upload})
    assert answer.status_code == 302
    assert Resource.objects.get().file.name.endswith(".pdf")


def test_a_file_over_the_limit_is_refused_with_the_limit(toolbox, editor, client, monkeypatch):
    monkeypatch.setattr(services, "MAX_UPLOAD_BYTES", 1024 * 1024)
    client.force_login(editor)
    upload = SimpleUploadedFile(
        "big.pdf", b"%PDF" + b"0" * (1024 * 1024 + 512 * 1024), content_type="application/pdf"
    )
    answer = post(client, toolbox, {"kind": "file", "title": "Big", "file": upload})
    assert answer.status_code == 400
    assert "The file is 1.5 MB; files can be at most 1 MB." in answer.content.decode()
    assert not Resource.objects.exists()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("tool.exe", b"MZ\x90\x00", "Files of type .exe cannot be added"),
        ("page.html", b"<script>", "Files of type .html cannot be added"),
        ("fake.pdf", b"MZ\x90\x00", "is not a .pdf file"),
    ],
)
def test_a_file_of_a_type_not_allowed_is_refused(toolbox, editor, client, name, content, message):
    client.force_login(editor)
    answer = post(
        client, toolbox, {"kind": "file", "title": "X", "file": SimpleUploadedFile(name, content)}
    )
    assert answer.status_code == 400
    assert message in answer.content.decode()
    assert not Resource.objects.exists()


def test_a_link_must_be_https(toolbox, editor):
    with pytest.raises(services.ToolboxError, match="https"):
        services.add_resource(
            module=toolbox.modules.first(),
            kind="video",
            title="V",
            url="http://video.example/",
            by=editor,
        )


def test_a_published_file_is_downloaded_by_any_reader(
    toolbox, editor, reviewer, coordinator, manager, client
):
    from tests.toolboxes.journeys import walk_to_final

    upload = SimpleUploadedFile("guide.pdf", b"%PDF-1.4 guide", content_type="application/pdf")
    resource = services.add_resource(
        module=toolbox.modules.first(), kind="file", title="Guide", file=upload, by=editor
    )
    walk_to_final(toolbox, editor=editor, reviewer=reviewer, coordinator=coordinator)
    services.publish_edition(toolbox=toolbox, by=manager)
    page = client.get(f"/en/toolboxes/{toolbox.slug}/").content.decode()
    url = f"/en/toolboxes/{toolbox.slug}/resources/{resource.pk}/"
    assert url in page
    answer = client.get(url)
    assert answer.status_code == 200
    assert b"".join(answer.streaming_content) == b"%PDF-1.4 guide"
    assert client.get(f"/en/toolboxes/{toolbox.slug}/resources/999999/").status_code == 404
