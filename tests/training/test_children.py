from datetime import date

import pytest
from django.urls import reverse

from equalcity.accounts.models import AuditEntry, Membership, Role, User
from equalcity.training import services
from equalcity.training.models import Audience, ChildEvaluation, ChildParticipant, Course

pytestmark = pytest.mark.django_db


@pytest.fixture
def children_session(make_session, course):
    Course.objects.filter(pk=course.pk).update(audience=Audience.CHILDREN)
    course.refresh_from_db()
    return make_session(capacity=2, mode="in_person", meeting_url="")


def add(session, trainer, **overrides):
    values = {"age_band": "15_17", "guardian_consent": True, "consent_date": date(2021, 5, 1)}
    values.update(overrides)
    return services.add_child(session=session, by=trainer, **values)


def test_a_child_gets_a_pseudonym_and_no_identity(children_session, trainer):
    child = add(children_session, trainer)
    assert child.pseudonym and "-" in child.pseudonym
    fields = {field.name for field in ChildParticipant._meta.get_fields()}
    assert not fields & {"name", "full_name", "email", "user", "guardian_name", "guardian"}


def test_without_the_guardians_consent_nothing_is_written(children_session, trainer):
    with pytest.raises(services.TrainingError) as raised:
        add(children_session, trainer, guardian_consent=False)
    assert raised.value.code == "consent"
    assert not ChildParticipant.objects.filter(session=children_session).exists()


def test_children_only_in_sessions_for_children(session, trainer):
    with pytest.raises(services.TrainingError) as raised:
        add(session, trainer)
    assert raised.value.code == "audience"


def test_a_full_children_session_refuses_more(children_session, trainer):
    add(children_session, trainer)
    add(children_session, trainer)
    with pytest.raises(services.TrainingError) as raised:
        add(children_session, trainer)
    assert raised.value.code == "full"


def test_a_name_typed_into_the_form_is_stored_nowhere(client, children_session, trainer):
    client.force_login(trainer)
    response = client.post(
        reverse("training:children", args=[children_session.public_id]),
        {
            "age_band": "12_14",
            "guardian_consent": "on",
            "consent_date": "2021-05-01",
            "name": "Amina Y.",
            "pseudonym": "Amina",
        },
        follow=True,
    )
    assert response.status_code == 200
    child = ChildParticipant.objects.get(session=children_session)
    assert "Amina" not in child.pseudonym
    assert "Amina" not in response.content.decode()


def test_smileys_once_per_child_and_anonymous(children_session, trainer):
    child = add(children_session, trainer)
    services.submit_child_evaluation(child=child, liked=3, learned=2, felt_safe=3)
    with pytest.raises(services.TrainingError):
        services.submit_child_evaluation(child=child, liked=3, learned=2, felt_safe=3)
    assert ChildEvaluation.objects.filter(session=children_session).count() == 1
    assert "child" not in {field.name for field in ChildEvaluation._meta.get_fields()}


def test_individual_scores_are_shown_to_the_trainer_only(client, children_session, trainer, people):
    child = add(children_session, trainer)
    services.record_child_scores(child=child, pre_score=40, post_score=70, by=trainer)
    path = reverse("training:children", args=[children_session.public_id])
    client.force_login(trainer)
    page = client.get(path).content.decode()
    assert child.pseudonym in page and "0.5" in page
    assert AuditEntry.objects.filter(action="training.children.viewed", actor=trainer).exists()
    other_trainer = User.objects.create_user("t2@example.org", "x")
    Membership.objects.create(
        user=other_trainer, programme=children_session.programme, role=Role.TRAINER
    )
    for user in (people[Role.FRONTLINE_WORKER], people[Role.PARTNER_EDITOR], other_trainer):
        client.force_login(user)
        assert client.get(path).status_code == 404
    evaluate = reverse(
        "training:child-evaluate", args=[children_session.public_id, child.public_id]
    )
    assert client.get(evaluate).status_code == 404


def test_demo_has_a_childrens_session_in_rome(full_demo):
    children = ChildParticipant.objects.filter(session__city="Rome")
    assert children.count() == 6 and all(child.guardian_consent for child in children)
    assert ChildEvaluation.objects.filter(session__city="Rome").count() == 6
