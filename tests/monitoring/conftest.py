import pytest

from equalcity.accounts.models import Organisation, Role, User
from equalcity.programmes.demo import DEMO_ACCOUNTS


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def monitoring_demo(db):
    """The programme, the toolbox and training demo it counts, and this app's demo."""
    from equalcity.monitoring.demo import load_demo as load_monitoring
    from equalcity.programmes.demo import load_demo
    from equalcity.toolboxes.demo import load_demo as load_toolboxes
    from equalcity.training.demo import load_demo as load_training

    programme = load_demo()
    load_toolboxes(programme=programme)
    load_training(programme=programme)
    load_monitoring(programme=programme)
    return programme


@pytest.fixture
def users(monitoring_demo):
    return {account.role: User.objects.get(email=account.email) for account in DEMO_ACCOUNTS}


@pytest.fixture
def editor(users):
    """Partner editor of Femmes en Détresse."""
    return users[Role.PARTNER_EDITOR]


@pytest.fixture
def manager(users):
    return users[Role.PROGRAMME_MANAGER]


def org(slug):
    return Organisation.objects.get(slug=slug)
