import pytest
from django.urls import reverse

from equalcity.accounts.models import AuditEntry

pytestmark = pytest.mark.django_db

LOGIN = "/en/accounts/login/"


def sign_in(client, email, password):
    return client.post(LOGIN, {"username": email, "password": password}, REMOTE_ADDR="203.0.113.9")


def test_a_wrong_password_gets_a_clear_message_and_is_audited(client, demo_users):
    email = demo_users["trainer"].email
    response = sign_in(client, email, "not-the-password")
    assert response.status_code == 200
    assert "Please enter a correct" in response.content.decode()
    entry = AuditEntry.objects.get(action="accounts.login.failed")
    assert entry.actor_label == email
    assert entry.ip_address == "203.0.113.9"


def test_a_right_password_signs_in_and_is_audited(client, demo_users, demo_password):
    user = demo_users["trainer"]
    response = sign_in(client, user.email.upper(), demo_password)
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:dashboard")
    assert AuditEntry.objects.filter(action="accounts.login.succeeded", actor=user).exists()


def test_repeated_failures_lock_the_account_out(client, demo_users, demo_password, settings):
    email = demo_users["frontline_worker"].email
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        assert sign_in(client, email, "wrong").status_code == 200
    locked = sign_in(client, email, "wrong")
    assert locked.status_code == 429
    assert "Sign-in locked" in locked.content.decode()
    assert "Wait 30 minutes" in locked.content.decode()
    # the right password is refused while locked out
    after = sign_in(client, email, demo_password)
    assert after.status_code == 429
    assert "_auth_user_id" not in client.session
    assert AuditEntry.objects.filter(action="accounts.login.locked_out").exists()


def test_a_lockout_of_one_address_does_not_lock_another_person(
    client, demo_users, demo_password, settings
):
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, demo_users["frontline_worker"].email, "wrong")
    response = sign_in(client, demo_users["trainer"].email, demo_password)
    assert response.status_code == 302


def test_a_successful_sign_in_resets_the_failure_count(client, demo_users, demo_password, settings):
    email = demo_users["viewer"].email
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        sign_in(client, email, "wrong")
    assert sign_in(client, email, demo_password).status_code == 302
    client.post(reverse("accounts:logout"))
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        assert sign_in(client, email, "wrong").status_code == 200


def test_a_forged_forwarded_for_header_is_ignored_without_a_proxy(client, demo_users):
    client.post(
        LOGIN,
        {"username": demo_users["trainer"].email, "password": "wrong"},
        REMOTE_ADDR="203.0.113.9",
        HTTP_X_FORWARDED_FOR="198.51.100.7",
    )
    assert AuditEntry.objects.get(action="accounts.login.failed").ip_address == "203.0.113.9"


def test_behind_one_proxy_the_visitors_address_is_recorded(client, demo_users, settings):
    settings.AXES_IPWARE_PROXY_COUNT = 1
    settings.AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]
    client.post(
        LOGIN,
        {"username": demo_users["trainer"].email, "password": "wrong"},
        REMOTE_ADDR="10.0.0.2",
        HTTP_X_FORWARDED_FOR="198.51.100.7, 10.0.0.2",
    )
    assert AuditEntry.objects.get(action="accounts.login.failed").ip_address == "198.51.100.7"
