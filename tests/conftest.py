import pytest

from equalcity.accounts.models import Role, User
from equalcity.programmes.demo import DEMO_ACCOUNTS, DEMO_PASSWORD, load_demo


@pytest.fixture(autouse=True)
def _fast_hashing(settings):
    # Argon2 stays the production hasher; tests create many users and need not wait for it.
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.MD5PasswordHasher",
        *settings.PASSWORD_HASHERS,
    ]


@pytest.fixture
def demo(db):
    """The Equalcity demo programme, loaded through the real loader."""
    return load_demo()


@pytest.fixture
def demo_users(demo):
    return {account.role: User.objects.get(email=account.email) for account in DEMO_ACCOUNTS}


@pytest.fixture
def manager(demo_users):
    return demo_users[Role.PROGRAMME_MANAGER]


@pytest.fixture
def demo_password():
    return DEMO_PASSWORD


@pytest.fixture
def verified_client(client):
    """A test client signed in with the second factor passed, as a manager would be."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    def sign_in(user):
        device, _ = TOTPDevice.objects.get_or_create(
            user=user, name="authenticator app", defaults={"confirmed": True}
        )
        client.force_login(user)
        session = client.session
        session["otp_device_id"] = device.persistent_id
        session.save()
        return client

    return sign_in


@pytest.fixture
def other_programme(demo):
    """A second programme on the same installation, whose data must never meet the demo's."""
    from equalcity.programmes.models import Programme

    return Programme.objects.create(
        slug="other",
        name="Other programme",
        lead_organisation=demo.lead_organisation,
        starts_on=demo.starts_on,
        ends_on=demo.ends_on,
    )
