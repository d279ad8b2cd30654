"""One address trying passwords against many accounts is locked too, and password-reset
requests are limited per address and per e-mail address."""

import pytest
from django.core import mail
from django.core.cache import cache

from equalcity.accounts.models import User
from equalcity.core import throttle

pytestmark = pytest.mark.django_db

LOGIN = "/en/accounts/login/"
RESET = "/en/accounts/password-reset/"


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def people(django_user_model):
    return [
        User.objects.create_user(email=f"person{n}@example.org", password="right-password-1")
        for n in range(6)
    ]


def sign_in(client, email, password, address="203.0.113.9"):
    return client.post(LOGIN, {"username": email, "password": password}, REMOTE_ADDR=address)


def test_failures_across_accounts_from_one_address_lock_the_address(client, people, settings):
    settings.ADDRESS_FAILURE_LIMIT = 8
    # two wrong passwords for each account: never five for one; the eighth locks
    tries = [person.email for person in people[:4] for _ in range(2)]
    assert [sign_in(client, email, "wrong").status_code for email in tries] == [200] * 7 + [429]
    locked = sign_in(client, people[4].email, "right-password-1")
    assert locked.status_code == 429
    assert "to several accounts" in locked.content.decode()
    assert "_auth_user_id" not in client.session
    # another connection is not affected
    assert sign_in(client, people[5].email, "right-password-1", "198.51.100.7").status_code == 302


def test_below_the_address_limit_people_sign_in(client, people, settings):
    settings.ADDRESS_FAILURE_LIMIT = 20
    for person in people[:4]:
        for _ in range(2):
            sign_in(client, person.email, "wrong")
    assert sign_in(client, people[4].email, "right-password-1").status_code == 302


def test_reset_links_for_one_email_stop_after_the_limit_without_saying_so(client, people, settings):
    settings.PASSWORD_RESET_EMAIL_LIMIT = 2
    for _ in range(4):
        response = client.post(RESET, {"email": people[0].email}, REMOTE_ADDR="203.0.113.9")
        assert response.status_code == 302
        assert response["Location"].endswith("/password-reset/sent/")
    assert len(mail.outbox) == 2


def test_reset_requests_from_one_address_get_a_clear_refusal(client, people, settings):
    settings.PASSWORD_RESET_ADDRESS_LIMIT = 3
    for person in people[:3]:
        assert (
            client.post(RESET, {"email": person.email}, REMOTE_ADDR="203.0.113.9").status_code
            == 302
        )
    refused = client.post(RESET, {"email": people[3].email}, REMOTE_ADDR="203.0.113.9")
    assert refused.status_code == 429
    assert "Wait an hour" in refused.content.decode()
    assert len(mail.outbox) == 3
    # another connection may still ask
    assert (
        client.post(RESET, {"email": people[3].email}, REMOTE_ADDR="198.51.100.7").status_code
        == 302
    )


def test_the_throttle_counts_per_key_and_keeps_no_key_in_the_clear():
    assert [throttle.allow("s", "a@example.org", limit=2, window_seconds=60) for _ in range(3)] == [
        True,
        True,
        False,
    ]
    assert throttle.allow("s", "b@example.org", limit=2, window_seconds=60)
    assert throttle.allow("other", "a@example.org", limit=2, window_seconds=60)
    keys = list(getattr(cache, "_cache", {}).keys())
    assert keys and not any("example.org" in str(k) for k in keys)
