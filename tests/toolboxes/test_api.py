import pytest

from equalcity.accounts.models import Role

pytestmark = pytest.mark.django_db


def test_published_toolboxes_modules_and_sections_are_public(published, client):
    listed = client.get("/api/v1/toolboxes/").json()
    assert [t["slug"] for t in listed] == [published.slug]
    assert listed[0]["edition"] == "1.0"

    detail = client.get(f"/api/v1/toolboxes/{published.slug}/?language=fr").json()
    assert detail["fallback"] is True and detail["language"] == "en"
    assert [m["title"] for m in detail["modules"]] == ["Module 1", "Module 2"]
    section_id = detail["modules"][0]["sections"][0]["id"]
    section = client.get(f"/api/v1/toolboxes/{published.slug}/sections/{section_id}/").json()
    assert section["body"].startswith("Listen closely")
    assert (
        client.get(f"/api/v1/toolboxes/{published.slug}/?language=en").json()["fallback"] is False
    )


def test_drafts_are_for_members_with_the_role(toolbox, demo_users, client):
    assert client.get("/api/v1/toolboxes/").json() == []
    assert client.get(f"/api/v1/toolboxes/{toolbox.slug}/").status_code == 404
    assert client.get("/api/v1/toolboxes/drafts/").status_code == 403

    client.force_login(demo_users[Role.PARTNER_EDITOR])
    drafts = client.get("/api/v1/toolboxes/drafts/").json()
    assert [d["slug"] for d in drafts] == [toolbox.slug]
    detail = client.get(f"/api/v1/toolboxes/drafts/{toolbox.slug}/").json()
    assert detail["modules"][0]["sections"][0]["revision"] == 1

    client.force_login(demo_users[Role.FRONTLINE_WORKER])
    assert client.get("/api/v1/toolboxes/drafts/").json() == []
    assert client.get(f"/api/v1/toolboxes/drafts/{toolbox.slug}/").status_code == 404


def test_the_schema_names_the_toolbox_endpoints(client):
    schema = client.get("/api/schema/?format=json").json()
    paths = schema["paths"]
    for path in [
        "/api/v1/toolboxes/",
        "/api/v1/toolboxes/{slug}/",
        "/api/v1/toolboxes/{slug}/sections/{section}/",
        "/api/v1/toolboxes/drafts/",
        "/api/v1/toolboxes/drafts/{slug}/",
    ]:
        assert path in paths, path


def test_the_schema_validates_without_warnings(tmp_path):
    from django.core.management import call_command

    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "s.yml"))
