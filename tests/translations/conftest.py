import pytest

from equalcity.accounts.models import Membership, Role, User
from equalcity.translations import services
from tests.toolboxes.conftest import (  # noqa: F401 - fixtures shared with the toolboxes tests
    _media,
    coordinator,
    editor,
    people,
    published,
    reviewer,
    toolbox,
)


@pytest.fixture
def french(demo, manager):
    services.enable_language(programme=demo, language="fr", by=manager)
    services.enable_language(programme=demo, language="ar", by=manager)
    return "fr"


@pytest.fixture
def translator(demo, manager, french):
    """A viewer of the programme assigned to translate into French only."""
    user = User.objects.create_user("translator@example.org", "x", full_name="Tess Translator")
    Membership.objects.create(user=user, programme=demo, role=Role.VIEWER)
    services.assign_translator(programme=demo, user=user, language="fr", by=manager)
    return user
