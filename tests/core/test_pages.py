from unittest import mock

import pytest
from django.db import OperationalError
from django.test import override_settings

pytestmark = pytest.mark.django_db

LANGUAGES = ["en", "fr", "nl", "it", "sv", "de"]


def test_root_redirects_to_a_language(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="fr")
    assert response.status_code == 302
    assert response["Location"] == "/fr/"


@pytest.mark.parametrize("language", LANGUAGES)
def test_home_page_answers_in_each_language(client, demo, language):
    response = client.get(f"/{language}/")
    assert response.status_code == 200
    assert f'lang="{language}"' in response.content.decode()


def test_unknown_language_prefix_is_a_clear_404(client):
    response = client.get("/xx/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()
    assert "Traceback" not in response.content.decode()


def test_every_response_carries_the_security_headers(client, demo):
    response = client.get("/en/")
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cache-Control"] == "no-store"


def test_a_public_visit_leaves_no_cookie(client, demo):
    for path in ["/en/", "/en/browsing-safely/"]:
        response = client.get(path)
        assert response.cookies == {}, path


def test_pages_load_nothing_from_another_host(client, demo):
    body = client.get("/en/").content.decode()
    assert "http://" not in body.replace("http://www.w3.org", "")
    assert "https://" not in body.replace("https://www.bbc.com/weather", "")


def test_every_page_has_the_quick_exit_control(client, demo):
    for path in ["/en/", "/en/browsing-safely/", "/en/accounts/login/"]:
        body = client.get(path).content.decode()
        assert "data-quick-exit" in body, path
        assert "quick-exit.js" in body, path


def test_quick_exit_drops_the_session_and_leaves_for_a_neutral_site(client, demo_users):
    client.force_login(demo_users["viewer"])
    response = client.get("/exit/")
    assert response.status_code == 302
    assert response["Location"] == "https://www.bbc.com/weather"
    assert '"cookies"' in response["Clear-Site-Data"]
    assert client.get("/en/accounts/").status_code == 302  # signed out


@override_settings(QUICK_EXIT_URL="https://example.org/news")
def test_quick_exit_target_is_configurable(client):
    assert client.get("/exit/")["Location"] == "https://example.org/news"


def test_healthz_reports_the_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def test_healthz_is_503_when_the_database_does_not_answer(client):
    with mock.patch("equalcity.core.views.connection.cursor", side_effect=OperationalError):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["status"] == "unavailable"


def test_a_database_outage_gets_a_clear_page_not_a_stack_trace(client):
    with mock.patch(
        "equalcity.programmes.views.selectors.programme_overviews",
        side_effect=OperationalError("connection refused"),
    ):
        response = client.get("/en/")
    assert response.status_code == 503
    body = response.content.decode()
    assert "Temporarily unavailable" in body
    assert "connection refused" not in body and "Traceback" not in body


def test_api_schema_is_openapi_3(client):
    response = client.get("/api/schema/", HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    assert "/api/v1/programmes/" in schema["paths"]


def test_browsing_safely_explains_what_quick_exit_cannot_hide(client):
    body = client.get("/en/browsing-safely/").content.decode()
    assert "What quick exit cannot hide" in body


def test_the_shell_is_ready_for_right_to_left_languages(rf):
    from django.contrib.auth.models import AnonymousUser
    from django.template.loader import render_to_string
    from django.utils import translation

    request = rf.get("/ar/browsing-safely/")
    request.user = AnonymousUser()
    with translation.override("ar"):
        html = render_to_string("core/browsing_safely.html", request=request)
    assert 'dir="rtl"' in html
    with translation.override("fr"):
        assert 'dir="ltr"' in render_to_string("core/browsing_safely.html", request=request)


def test_the_stylesheet_uses_logical_properties_only():
    from pathlib import Path

    from django.conf import settings

    css = (Path(settings.PACKAGE_DIR) / "core" / "static" / "core" / "app.css").read_text()
    for physical in [
        "margin-left",
        "margin-right",
        "padding-left",
        "padding-right",
        "text-align: left",
        "text-align: right",
        " left:",
        " right:",
    ]:
        assert physical not in css, physical


def test_a_form_without_its_security_token_gets_a_clear_page(demo):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    response = client.post("/en/accounts/login/", {"username": "a@b.example", "password": "x"})
    assert response.status_code == 403
    body = response.content.decode()
    assert "The form has expired" in body
    assert "<style" not in body  # the page obeys the Content-Security-Policy
