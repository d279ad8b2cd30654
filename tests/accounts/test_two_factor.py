from base64 import b32decode

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from equalcity.accounts.models import AuditEntry, Role

pytestmark = pytest.mark.django_db


def sign_in(client, user, password):
    return client.post("/en/accounts/login/", {"username": user.email, "password": password})


def code_for(secret_text: str) -> str:
    raw = secret_text.replace(" ", "")
    key = b32decode(raw + "=" * (-len(raw) % 8))
    return f"{totp(key):06d}"


def secret_on(page) -> str:
    body = page.content.decode()
    start = body.index("data-totp-secret>") + len("data-totp-secret>")
    return body[start : body.index("<", start)]


def test_a_manager_must_set_up_two_step_sign_in(client, manager, demo_password):
    sign_in(client, manager, demo_password)
    response = client.get("/en/accounts/programmes/equalcity/members/")
    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/two-factor/")
    setup = client.get(response["Location"])
    assert "data:image/svg+xml" in setup.content.decode()
    # a wrong code is refused
    wrong = client.post("/en/accounts/two-factor/", {"token": "000000"})
    assert wrong.status_code == 400
    assert "not right" in wrong.content.decode()
    # the right code confirms the device and lets the manager in
    done = client.post(
        "/en/accounts/two-factor/",
        {"token": code_for(secret_on(setup)), "next": "/en/accounts/programmes/equalcity/members/"},
    )
    assert done.status_code == 302
    assert done["Location"] == "/en/accounts/programmes/equalcity/members/"
    assert client.get(done["Location"]).status_code == 200
    assert TOTPDevice.objects.get(user=manager).confirmed
    assert AuditEntry.objects.filter(action="accounts.two_factor.enabled").exists()


def test_a_manager_with_a_device_enters_a_code_at_each_sign_in(client, manager, demo_password):
    device = TOTPDevice.objects.create(user=manager, name="app", confirmed=True)
    sign_in(client, manager, demo_password)
    page = client.get("/en/accounts/two-factor/")
    assert "data-totp-secret" not in page.content.decode()  # the key is never shown again
    response = client.post("/en/accounts/two-factor/", {"token": f"{totp(device.bin_key):06d}"})
    assert response.status_code == 302
    assert client.get("/en/accounts/programmes/equalcity/audit/").status_code == 200


def test_an_offsite_next_is_ignored(client, manager, demo_password):
    device = TOTPDevice.objects.create(user=manager, name="app", confirmed=True)
    sign_in(client, manager, demo_password)
    response = client.post(
        "/en/accounts/two-factor/",
        {"token": f"{totp(device.bin_key):06d}", "next": "https://elsewhere.example/"},
    )
    assert response["Location"] == "/en/accounts/"


@pytest.mark.parametrize("role", [r for r in Role.values if r != Role.PROGRAMME_MANAGER])
def test_other_roles_are_not_asked_for_a_second_factor(client, demo_users, demo_password, role):
    sign_in(client, demo_users[role], demo_password)
    assert client.get("/en/accounts/").status_code == 200


def test_public_pages_stay_open_to_an_unverified_manager(client, manager, demo_password):
    sign_in(client, manager, demo_password)
    assert client.get("/en/").status_code == 200
    assert client.get("/en/browsing-safely/").status_code == 200
