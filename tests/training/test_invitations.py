"""Trainers invite people to a session by e-mail: members get the session's link (and may
register while registration is closed), anyone else the programme's invitation as well."""

import re
from datetime import date

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from equalcity.accounts import services as account_services
from equalcity.accounts.models import AuditEntry, Invitation, Membership, Role, User
from equalcity.training import selectors, services
from equalcity.training.models import Audience, Course, Enrolment, SessionInvitation
from tests.training.conftest import enrol

pytestmark = pytest.mark.django_db


def invite(session, email, by):
    return services.invite_to_session(session=session, email=email, by=by)


def page_url(session):
    return reverse("training:invitations", kwargs={"public_id": session.public_id})


def session_links(message):
    return re.findall(r"https?://\S+/training/sessions/[0-9a-f-]+/", message.body)


@pytest.fixture
def closed_session(make_session, trainer):
    return make_session(registration_open=False)


def test_a_member_gets_the_session_link_in_their_language(
    session, trainer, make_worker, django_capture_on_commit_callbacks
):
    # given a frontline worker of the programme who reads French
    person = make_worker("Léa Martin")
    User.objects.filter(pk=person.pk).update(language="fr")
    # when the trainer invites them, with the address typed carelessly
    with django_capture_on_commit_callbacks(execute=True):
        invitation = invite(session, "  W1@Example.ORG ", trainer)
    # then one e-mail goes to them, with the session's link in French
    assert invitation.user == person and invitation.programme_invitation is None
    assert invitation.invited_by == trainer and invitation.sent_at is not None
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["w1@example.org"]
    [link] = session_links(mail.outbox[0])
    assert f"/fr/training/sessions/{session.public_id}/" in link
    assert "Test course" in mail.outbox[0].subject
    # and no programme invitation was needed
    assert not Invitation.objects.filter(email="w1@example.org").exists()


def test_an_outsider_gets_the_programmes_invitation_through_accounts(
    make_session, trainer, full_demo, django_capture_on_commit_callbacks
):
    # given a session held in Italian
    session = make_session(language="it")
    # when the trainer invites an address that belongs to nobody in the programme
    with django_capture_on_commit_callbacks(execute=True):
        invitation = invite(session, "New.Person@partner.example", trainer)
    # then the accounts app's invitation (as a frontline worker) is what lets them join
    programme_invitation = Invitation.objects.get(email="new.person@partner.example")
    assert programme_invitation.role == Role.FRONTLINE_WORKER
    assert programme_invitation.programme == full_demo
    assert programme_invitation.invited_by == trainer
    assert invitation.programme_invitation == programme_invitation and invitation.user is None
    # and the address is not kept in clear by training, only a keyed hash
    assert "new.person" not in invitation.email_hash
    # two e-mails, both in the session's language: the programme's and the session's link
    assert sorted(m.to[0] for m in mail.outbox) == ["new.person@partner.example"] * 2
    bodies = "\n".join(m.body for m in mail.outbox)
    assert "/it/accounts/invitations/" in bodies
    assert f"/it/training/sessions/{session.public_id}/" in bodies
    assert AuditEntry.objects.filter(action="accounts.invitation.sent").count() == 1


def test_inviting_again_is_idempotent_and_says_already_invited(
    session, trainer, make_worker, django_capture_on_commit_callbacks
):
    make_worker()
    with django_capture_on_commit_callbacks(execute=True):
        invite(session, "w1@example.org", trainer)
        invite(session, "stranger@partner.example", trainer)
    sent = len(mail.outbox)
    for address in ("W1@example.org", " stranger@PARTNER.example "):
        with django_capture_on_commit_callbacks(execute=True):
            with pytest.raises(services.TrainingError) as raised:
                invite(session, address, trainer)
        assert raised.value.code == "already_invited"
        assert "already invited" in raised.value.message
    assert len(mail.outbox) == sent
    assert SessionInvitation.objects.filter(session=session).count() == 2
    assert Invitation.objects.filter(email="stranger@partner.example").count() == 1


def test_the_same_address_may_be_invited_to_another_session(make_session, trainer, make_worker):
    person = make_worker()
    first, second = make_session(), make_session(city="Rome")
    invite(first, person.email, trainer)
    invite(second, person.email, trainer)
    assert SessionInvitation.objects.filter(user=person).count() == 2


def test_an_invited_member_registers_while_registration_is_closed(
    closed_session, trainer, make_worker, organisation
):
    invited, other = make_worker(), make_worker()
    invite(closed_session, invited.email, trainer)
    enrolment = enrol(closed_session, invited, organisation)
    assert enrolment.status == Enrolment.Status.ENROLLED
    with pytest.raises(services.TrainingError) as raised:
        enrol(closed_session, other, organisation)
    assert raised.value.code == "closed"


def test_an_outsider_joins_then_registers_and_the_list_shows_it(
    closed_session, trainer, organisation, django_capture_on_commit_callbacks
):
    # given an outsider invited to a closed session
    with django_capture_on_commit_callbacks(execute=True):
        invite(closed_session, "joiner@partner.example", trainer)
    token = re.search(r"/accounts/invitations/([^/\s]+)/", "\n".join(m.body for m in mail.outbox))
    [row] = selectors.session_invitations(closed_session)
    assert row.invitee is None and row.programme_invitation.is_open
    # when they accept the programme's invitation and register
    person = account_services.accept_invitation(
        token=token.group(1), full_name="Joiner", password="a-long-passphrase-42"
    )
    assert Membership.objects.get(user=person).role == Role.FRONTLINE_WORKER
    enrolment = enrol(closed_session, person, organisation)
    # then the registration went through although registration is closed
    assert enrolment.status == Enrolment.Status.ENROLLED
    [row] = selectors.session_invitations(closed_session)
    assert row.user == person and row.registration == Enrolment.Status.ENROLLED


def test_a_bad_address_is_refused_and_nothing_is_written(session, trainer):
    with pytest.raises(services.TrainingError) as raised:
        invite(session, "not an address", trainer)
    assert raised.value.code == "email"
    assert not SessionInvitation.objects.exists()
    assert not Invitation.objects.exists()


def test_nothing_is_half_written_when_an_address_fails_midway(
    session, trainer, monkeypatch, django_capture_on_commit_callbacks
):
    # given that recording the session invitation fails after the programme invitation
    def fail(**kwargs):
        raise services.TrainingError("failed on purpose", code="boom")

    monkeypatch.setattr(SessionInvitation.objects, "create", fail)
    with django_capture_on_commit_callbacks(execute=True):
        outcomes = services.invite_addresses(
            session=session, emails=["someone@partner.example"], by=trainer
        )
    # then the programme invitation is rolled back with it and no e-mail leaves
    assert [outcome.code for outcome in outcomes] == ["boom"]
    assert not Invitation.objects.exists()
    assert not AuditEntry.objects.filter(action="accounts.invitation.sent").exists()
    assert mail.outbox == []


def test_refusals_people_can_act_on(session, make_session, trainer, make_worker, organisation):
    registered = make_worker()
    enrol(session, registered, organisation)
    with pytest.raises(services.TrainingError) as raised:
        invite(session, registered.email, trainer)
    assert raised.value.code == "already_registered"

    ended = make_worker()
    Membership.objects.filter(user=ended).update(is_active=False)
    with pytest.raises(services.TrainingError) as raised:
        invite(session, ended.email, trainer)
    assert raised.value.code == "inactive"
    assert not Invitation.objects.filter(email=ended.email).exists()

    past = make_session(starts_on=date(2020, 1, 1), ends_on=date(2020, 1, 2))
    with pytest.raises(services.TrainingError) as raised:
        invite(past, "someone@partner.example", trainer)
    assert raised.value.code == "over"
    assert not SessionInvitation.objects.exists()


def test_a_member_who_may_not_register_is_invited_as_a_frontline_worker(session, trainer, people):
    viewer = people[Role.VIEWER]
    invitation = invite(session, viewer.email, trainer)
    assert invitation.user is None
    assert invitation.programme_invitation.role == Role.FRONTLINE_WORKER


def test_childrens_sessions_take_no_invitations(client, make_session, course, trainer):
    Course.objects.filter(pk=course.pk).update(audience=Audience.CHILDREN)
    course.refresh_from_db()
    children = make_session(mode="in_person", meeting_url="")
    with pytest.raises(services.TrainingError) as raised:
        invite(children, "someone@partner.example", trainer)
    assert raised.value.code == "audience"
    client.force_login(trainer)
    assert client.get(page_url(children)).status_code == 404


def test_each_invitation_is_audited(session, trainer, make_worker):
    make_worker()
    invitation = invite(session, "w1@example.org", trainer)
    entry = AuditEntry.objects.get(action="training.invitation.sent")
    assert entry.actor == trainer and entry.object_id == str(invitation.pk)
    assert entry.data == {"member": True}


# --- the page ---------------------------------------------------------------------------


def test_who_sees_the_invitation_page(
    client, verified_client, session, trainer, worker, people, full_demo
):
    other_trainer = User.objects.create_user("t2@example.org", "x")
    Membership.objects.create(user=other_trainer, programme=full_demo, role=Role.TRAINER)
    for person in (worker, other_trainer, people[Role.PARTNER_EDITOR]):
        client.force_login(person)
        assert client.get(page_url(session)).status_code == 404
        assert client.post(page_url(session), {"emails": "a@b.example"}).status_code == 404
    assert not SessionInvitation.objects.exists()
    client.force_login(trainer)
    page = client.get(reverse("training:session", kwargs={"public_id": session.public_id}))
    assert page_url(session) in page.content.decode()
    assert client.get(page_url(session)).status_code == 200
    verified_client(people[Role.PROGRAMME_MANAGER])
    assert client.get(page_url(session)).status_code == 200


def test_the_form_sends_the_good_addresses_and_lists_the_bad_ones(
    client, session, trainer, make_worker, django_capture_on_commit_callbacks
):
    member = make_worker("Ana Member")
    client.force_login(trainer)
    lines = "\n".join(
        [
            member.email,
            "not-an-address",
            "",
            "outsider@partner.example",
            "OUTSIDER@partner.example",
            "two@a.example, three@b.example",
        ]
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(page_url(session), {"emails": lines})
    assert response.status_code == 200
    body = response.content.decode()
    # the good ones are sent (the repeated address once) ...
    assert SessionInvitation.objects.filter(session=session).count() == 2
    assert "2 invitations sent" in body
    assert {m.to[0] for m in mail.outbox} == {member.email, "outsider@partner.example"}
    # ... and the bad ones are listed back and left in the box to correct
    assert "2 addresses were not invited" in body
    assert "not-an-address is not a valid e-mail address." in body
    box = re.search(r"<textarea[^>]*>(.*?)</textarea>", body, re.S).group(1)
    assert box.split() == ["not-an-address", "two@a.example,", "three@b.example"]
    # the list shows both, not yet registered
    assert "Ana Member" in body and "outsider@partner.example" in body
    assert "Not registered yet" in body and "Has not joined the programme yet" in body

    # sending the same again sends nothing and says so
    with django_capture_on_commit_callbacks(execute=True):
        again = client.post(page_url(session), {"emails": member.email})
    assert "already invited" in again.content.decode()
    assert len(mail.outbox) == 3
    assert SessionInvitation.objects.filter(session=session).count() == 2


def test_an_empty_form_or_too_many_addresses_is_refused(client, session, trainer):
    client.force_login(trainer)
    empty = client.post(page_url(session), {"emails": " \n \n"})
    assert "Write at least one e-mail address." in empty.content.decode()
    many = "\n".join(f"p{n}@partner.example" for n in range(services.MAX_INVITATIONS_AT_ONCE + 1))
    response = client.post(page_url(session), {"emails": many})
    assert response.status_code == 200
    assert "Invite at most" in response.content.decode()
    assert not SessionInvitation.objects.exists()


def test_the_session_page_lets_an_invited_person_register_when_closed(
    client, closed_session, trainer, make_worker
):
    invited, other = make_worker(), make_worker()
    invite(closed_session, invited.email, trainer)
    url = reverse("training:session", kwargs={"public_id": closed_session.public_id})
    client.force_login(other)
    assert "Register for this session" not in client.get(url).content.decode()
    client.force_login(invited)
    assert "Register for this session" in client.get(url).content.decode()


def count_queries(client, path):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return len(queries)


def test_the_invitation_list_costs_the_same_whatever_its_length(
    client, session, trainer, make_worker, organisation
):
    client.force_login(trainer)

    def grow(count):
        for _ in range(count):
            person = make_worker()
            invite(session, person.email, trainer)
            enrol(session, person, organisation)
        for _ in range(count):
            number = SessionInvitation.objects.count()
            invite(session, f"outsider{number}@partner.example", trainer)

    grow(2)
    before = count_queries(client, page_url(session))
    grow(8)
    assert count_queries(client, page_url(session)) == before
    assert SessionInvitation.objects.filter(session=session).count() == 20
