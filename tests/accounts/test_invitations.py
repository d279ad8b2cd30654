import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from equalcity.accounts import services
from equalcity.accounts.models import AuditEntry, Invitation, Membership, Role, User

pytestmark = pytest.mark.django_db

MEMBERS = "/en/accounts/programmes/equalcity/members/"
INVITE = MEMBERS + "invite/"


def invite(client, email="new.trainer@partner.example", role=Role.TRAINER):
    return client.post(INVITE, {"email": email, "role": role, "organisation": ""})


def invite_by_service(programme, manager, email, role):
    return services.invite_member(
        programme=programme, email=email, role=role, organisation=None, by=manager
    )


def accept_form(name, password="a-long-passphrase-42"):
    return {"full_name": name, "password1": password, "password2": password}


def link_in_last_mail():
    match = re.search(r"https?://\S+/accounts/invitations/(\S+)/", mail.outbox[-1].body)
    assert match, mail.outbox[-1].body
    return match.group(0).split("://", 1)[1].split("/", 1)[1], match.group(1)


def test_a_manager_invites_and_the_person_creates_an_account(
    client, verified_client, manager, django_capture_on_commit_callbacks
):
    # given a manager past the second factor
    verified_client(manager)
    # when they invite a person
    with django_capture_on_commit_callbacks(execute=True):
        response = invite(client)
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["new.trainer@partner.example"]
    path, token = link_in_last_mail()
    assert Invitation.objects.get().token_hash != token  # only a hash is stored
    # and the invited person opens the link
    client.logout()
    page = client.get("/" + path)
    assert page.status_code == 200
    assert "Trainer" in page.content.decode()
    response = client.post(
        "/" + path,
        accept_form("Ana Example", "a-long-passphrase-42"),
    )
    # then they have an account with the role, and are signed in
    assert response.status_code == 302
    user = User.objects.get(email="new.trainer@partner.example")
    assert user.check_password("a-long-passphrase-42")
    assert Membership.objects.get(user=user).role == Role.TRAINER
    assert client.get("/en/accounts/").status_code == 200
    assert AuditEntry.objects.filter(action="accounts.invitation.accepted", actor=user).exists()
    assert AuditEntry.objects.filter(action="accounts.membership.granted").exists()


def test_a_used_invitation_cannot_be_used_again(client, demo, manager):
    _invitation, token = invite_by_service(demo, manager, "once@partner.example", Role.VIEWER)
    services.accept_invitation(token=token, full_name="Once", password="a-long-passphrase-42")
    response = client.get(f"/en/accounts/invitations/{token}/")
    assert response.status_code == 410
    assert "already been used" in response.content.decode()
    before = User.objects.count()
    response = client.post(
        f"/en/accounts/invitations/{token}/",
        accept_form("Twice", "another-passphrase-42"),
    )
    assert response.status_code == 410
    assert User.objects.count() == before


def test_an_expired_invitation_is_refused_with_a_clear_message(client, demo, manager):
    invitation, token = invite_by_service(demo, manager, "late@partner.example", Role.VIEWER)
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - timedelta(minutes=1)
    )
    response = client.get(f"/en/accounts/invitations/{token}/")
    assert response.status_code == 410
    assert "has expired" in response.content.decode()
    assert not User.objects.filter(email="late@partner.example").exists()


def test_an_unknown_token_is_not_found(client, demo):
    response = client.get("/en/accounts/invitations/not-a-real-token/")
    assert response.status_code == 404
    assert "not valid" in response.content.decode()


def test_inviting_again_replaces_the_open_invitation(demo, manager):
    _first, first_token = invite_by_service(demo, manager, "twice@partner.example", Role.TRAINER)
    _second, second_token = invite_by_service(demo, manager, "Twice@Partner.example", Role.TRAINER)
    with pytest.raises(services.AccountsError) as refused:
        services.accept_invitation(
            token=first_token, full_name="X", password="a-long-passphrase-42"
        )
    assert refused.value.code == "invitation_revoked"
    user = services.accept_invitation(
        token=second_token, full_name="X", password="a-long-passphrase-42"
    )
    assert user.email == "twice@partner.example"


def test_a_weak_password_is_refused_and_nothing_is_written(client, demo, manager):
    _invitation, token = invite_by_service(demo, manager, "weak@partner.example", Role.VIEWER)
    response = client.post(
        f"/en/accounts/invitations/{token}/",
        {"full_name": "Weak", "password1": "12345678", "password2": "12345678"},
    )
    assert response.status_code == 400
    assert not User.objects.filter(email="weak@partner.example").exists()
    assert Invitation.objects.get(email="weak@partner.example").accepted_at is None


def test_inviting_an_existing_member_to_the_same_role_is_refused(
    client, verified_client, manager, demo_users
):
    verified_client(manager)
    response = invite(client, email=demo_users[Role.TRAINER].email, role=Role.TRAINER)
    assert response.status_code == 400
    assert "already has this role" in response.content.decode()
    assert not Invitation.objects.exists()


def test_an_invalid_email_gets_a_form_error(client, verified_client, manager):
    verified_client(manager)
    response = invite(client, email="not an address")
    assert response.status_code == 400
    assert "Enter a valid email address" in response.content.decode()


def test_an_existing_account_accepts_while_signed_in(client, demo, manager, demo_users):
    viewer = demo_users[Role.VIEWER]
    _invitation, token = services.invite_member(
        programme=demo, email=viewer.email, role=Role.TRAINER, organisation=None, by=manager
    )
    response = client.get(f"/en/accounts/invitations/{token}/")
    assert "Create my account" in response.content.decode()
    refused = client.post(
        f"/en/accounts/invitations/{token}/",
        accept_form("X", "a-long-passphrase-42"),
    )
    assert "An account with this e-mail address exists" in refused.content.decode()
    client.force_login(viewer)
    assert client.post(f"/en/accounts/invitations/{token}/").status_code == 302
    assert set(viewer.memberships.values_list("role", flat=True)) == {Role.VIEWER, Role.TRAINER}


@pytest.mark.parametrize("role", [r for r in Role.values if r != Role.PROGRAMME_MANAGER])
def test_other_roles_cannot_see_or_use_the_members_pages(client, demo_users, role):
    client.force_login(demo_users[role])
    assert client.get(MEMBERS).status_code == 404
    assert invite(client).status_code == 404
    assert not Invitation.objects.exists()
