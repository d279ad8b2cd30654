from datetime import date, time
from decimal import Decimal

import pytest

from equalcity.accounts.models import Membership, Organisation, Role, User
from equalcity.toolboxes import selectors as toolbox_selectors
from equalcity.training import services
from equalcity.training.models import Audience, Profession, Question, Session


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def load_training_demo():
    """The programme, the toolboxes' demo and this app's: what training needs, nothing else."""
    from equalcity.programmes.demo import load_demo
    from equalcity.toolboxes.demo import load_demo as load_toolboxes
    from equalcity.training.demo import load_demo as load_training

    programme = load_demo()
    load_toolboxes(programme=programme)
    load_training(programme=programme)
    return programme


@pytest.fixture
def full_demo(db):
    """The demo programme with the women & girls toolbox published and the training demo."""
    return load_training_demo()


@pytest.fixture
def people(full_demo):
    from equalcity.programmes.demo import DEMO_ACCOUNTS

    return {account.role: User.objects.get(email=account.email) for account in DEMO_ACCOUNTS}


@pytest.fixture
def trainer(people):
    return people[Role.TRAINER]


@pytest.fixture
def worker(people):
    return people[Role.FRONTLINE_WORKER]


@pytest.fixture
def organisation(full_demo):
    return Organisation.objects.get(slug="city-of-gothenburg")


@pytest.fixture
def make_worker(full_demo):
    """A new frontline worker of the demo programme."""
    counter = {"n": 0}

    def make(name=None):
        counter["n"] += 1
        user = User.objects.create_user(
            f"w{counter['n']}@example.org", "x", full_name=name or f"Worker {counter['n']}"
        )
        Membership.objects.create(user=user, programme=full_demo, role=Role.FRONTLINE_WORKER)
        return user

    return make


@pytest.fixture
def course(full_demo, people):
    toolbox = toolbox_selectors.published_toolbox("migrant-women-and-girls")
    return services.create_course(
        programme=full_demo,
        edition=toolbox.latest_edition,
        title="Test course",
        audience=Audience.FRONTLINE_WORKERS,
        organiser=Organisation.objects.get(slug="femmes-en-detresse"),
        by=people[Role.PROGRAMME_MANAGER],
    )


@pytest.fixture
def make_session(course, trainer):
    def make(**overrides):
        values = {
            "course": course,
            "mode": Session.Mode.HYBRID,
            "language": "en",
            "starts_on": date(2030, 5, 4),
            "ends_on": date(2030, 5, 5),
            "starts_at": time(9, 0),
            "ends_at": time(17, 0),
            "hours": Decimal("14.0"),
            "capacity": 10,
            "trainers": [trainer],
            "by": trainer,
            "venue": "Room 1",
            "city": "Luxembourg",
            "meeting_url": "https://meet.example.org/secret-room",
        }
        values.update(overrides)
        return services.create_session(**values)

    return make


@pytest.fixture
def session(make_session):
    return make_session()


def enrol(session, user, organisation):
    return services.enrol(
        session=session, user=user, organisation=organisation, profession=Profession.POLICE
    )


def right_answers(course) -> dict:
    from equalcity.training import selectors

    answers = {}
    for question in selectors.course_questions(course):
        if question.kind == Question.Kind.SHORT:
            answers[str(question.public_id)] = [question.correct[0].upper()]
        else:
            answers[str(question.public_id)] = list(question.correct)
    return answers


def wrong_answers(course) -> dict:
    from equalcity.training import selectors

    return {str(question.public_id): [] for question in selectors.course_questions(course)}
