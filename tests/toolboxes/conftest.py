import pytest

from equalcity.accounts.models import Membership, Role, User
from equalcity.toolboxes import services
from equalcity.toolboxes.models import SectionKind
from tests.toolboxes.journeys import walk_to_final


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    """Uploads and PDF editions of a test go to its own directory, not var/media."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def people(demo_users):
    """One demo person per role, plus a second expert reviewer."""
    second = User.objects.create_user("expert2@example.org", "x", full_name="Second Expert")
    Membership.objects.create(
        user=second,
        programme=demo_users[Role.PROGRAMME_MANAGER].memberships.first().programme,
        role=Role.EXPERT_REVIEWER,
    )
    return {**demo_users, "expert2": second}


@pytest.fixture
def editor(people):
    return people[Role.PARTNER_EDITOR]


@pytest.fixture
def reviewer(people):
    return people[Role.EXPERT_REVIEWER]


@pytest.fixture
def coordinator(people):
    return people[Role.CITY_COORDINATOR]


@pytest.fixture
def toolbox(demo, editor):
    """A draft toolbox with two modules, written through the services as an editor would."""
    toolbox = services.create_toolbox(
        programme=demo, title="Test toolbox", target_group="women_girls", by=editor
    )
    for number in (1, 2):
        module = services.add_module(toolbox=toolbox, title=f"Module {number}", by=editor)
        services.add_section(
            module=module,
            title=f"Section {number}.1",
            body=f"Listen closely and without judging. Text of module {number}.",
            by=editor,
        )
        services.add_section(
            module=module,
            title=f"Annex {number}",
            body="Trainer notes.",
            kind=SectionKind.TRAINER_ANNEX,
            by=editor,
        )
    return toolbox


@pytest.fixture
def published(
    toolbox, people, editor, reviewer, coordinator, manager, django_capture_on_commit_callbacks
):
    walk_to_final(toolbox, editor=editor, reviewer=reviewer, coordinator=coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        services.publish_edition(toolbox=toolbox, by=manager, note="First")
    toolbox.refresh_from_db()
    return toolbox
