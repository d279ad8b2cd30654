import threading
from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.utils import timezone
from icalendar import Calendar

from equalcity.accounts.models import AuditEntry, Organisation
from equalcity.network import selectors, services
from equalcity.network.models import Application, CityProfile, Registration, Stage, StageChange
from equalcity.programmes.models import Participation, TargetGroup

pytestmark = pytest.mark.django_db


def apply(programme, **values):
    data = {
        "programme": programme,
        "organisation_name": "Ghent",
        "organisation_kind": "city_administration",
        "country": "BE",
        "city": "Ghent",
        "contact_name": "Coordinator",
        "contact_email": "Coordinator@Ghent.example",
        "tracks": [TargetGroup.WOMEN_GIRLS],
        "latitude": None,
        "longitude": None,
    }
    data.update(values)
    return services.submit_application(**data)


# --- applications ---------------------------------------------------------------------------


def test_an_application_waits_for_a_decision(network):
    application = apply(network)
    assert application.status == Application.Status.PENDING
    assert application.contact_email == "coordinator@ghent.example"
    assert AuditEntry.objects.filter(action="network.application.submitted").count() == 1


def test_a_second_identical_application_is_refused_and_not_counted(network):
    apply(network)
    with pytest.raises(services.NetworkError) as refused:
        apply(network, organisation_name="  ghent ")
    assert refused.value.code == "duplicate_application"
    assert Application.objects.filter(programme=network).count() == 1


def test_a_city_already_in_the_network_cannot_apply_again(network):
    with pytest.raises(services.NetworkError) as refused:
        apply(network, organisation_name="Vienna", country="AT", city="Vienna")
    assert refused.value.code == "already_member"


def test_an_application_needs_a_toolbox_track(network):
    with pytest.raises(services.NetworkError) as refused:
        apply(network, tracks=[])
    assert refused.value.code == "tracks_required"


def test_approval_makes_a_confirmed_city_with_its_tracks(
    network, manager, django_capture_on_commit_callbacks
):
    eurocities = Organisation.objects.get(slug="eurocities")
    application = apply(
        network,
        networks=[eurocities],
        tracks=[TargetGroup.WOMEN_GIRLS, TargetGroup.MIGRANT_PARENTS],
    )
    with django_capture_on_commit_callbacks(execute=True):
        profile = services.approve_application(application=application, by=manager)
    assert profile.stage == Stage.CONFIRMED
    assert profile.organisation.name == "Ghent"
    assert list(profile.networks.all()) == [eurocities]
    change = StageChange.objects.get(profile=profile)
    assert (change.from_stage, change.to_stage, change.by) == ("interested", "confirmed", manager)
    assert set(
        Participation.objects.filter(
            programme=network, organisation=profile.organisation
        ).values_list("target_group", flat=True)
    ) == {TargetGroup.WOMEN_GIRLS, TargetGroup.MIGRANT_PARENTS}
    listed = selectors.city_profiles(network, track=TargetGroup.MIGRANT_PARENTS)
    assert profile in listed
    application.refresh_from_db()
    assert application.status == Application.Status.APPROVED
    assert AuditEntry.objects.filter(action="network.application.approved", actor=manager).exists()
    assert mail.outbox[-1].to == ["coordinator@ghent.example"]
    assert "Welcome" in mail.outbox[-1].subject


def test_an_application_is_decided_once(network, manager):
    application = apply(network)
    services.approve_application(application=application, by=manager)
    with pytest.raises(services.NetworkError) as refused:
        services.decline_application(application=application, by=manager, reason="late")
    assert refused.value.code == "already_decided"
    assert CityProfile.objects.filter(organisation__name="Ghent").count() == 1


def test_declining_needs_a_reason_that_the_applicant_reads(
    network, manager, django_capture_on_commit_callbacks
):
    application = apply(network)
    with pytest.raises(services.NetworkError) as refused:
        services.decline_application(application=application, by=manager, reason="  ")
    assert refused.value.code == "reason_required"
    with django_capture_on_commit_callbacks(execute=True):
        services.decline_application(
            application=application, by=manager, reason="The programme is full this year."
        )
    application.refresh_from_db()
    assert application.status == Application.Status.DECLINED
    assert "The programme is full this year." in mail.outbox[-1].body
    assert not CityProfile.objects.filter(organisation__name="Ghent").exists()
    # a declined city may apply again
    assert apply(network).status == Application.Status.PENDING


def test_a_city_moves_one_stage_at_a_time(network, manager):
    profile = services.approve_application(application=apply(network), by=manager)
    with pytest.raises(services.NetworkError) as refused:
        services.advance_stage(profile=profile, to_stage=Stage.AMBASSADOR, by=manager)
    assert refused.value.code == "invalid_transition"
    services.advance_stage(profile=profile, to_stage=Stage.TRAINED, by=manager, note="May 2021")
    profile.refresh_from_db()
    assert profile.stage == Stage.TRAINED
    assert list(profile.stage_changes.values_list("to_stage", "note")) == [
        ("confirmed", ""),
        ("trained", "May 2021"),
    ]
    assert AuditEntry.objects.filter(action="network.city.stage_changed").count() == 1


# --- registrations ----------------------------------------------------------------------------


def register(event, email, name="Person"):
    return services.register(event=event, name=name, email=email)


def test_places_then_the_waiting_list(make_event):
    event = make_event(capacity=2)
    statuses = [register(event, f"p{i}@example.org")[0].status for i in range(3)]
    assert statuses == ["confirmed", "confirmed", "waiting"]


def test_registering_twice_answers_with_the_same_registration(make_event):
    event = make_event(capacity=2)
    first, created = register(event, "ana@example.org")
    again, created_again = register(event, "ANA@example.org ", name="Someone else")
    assert created and not created_again
    assert again.pk == first.pk
    assert again.name == "Person"
    assert Registration.objects.filter(event=event).count() == 1


def test_registration_closes(make_event):
    event = make_event(registration_closes_at=timezone.now() - timedelta(minutes=1))
    with pytest.raises(services.NetworkError) as refused:
        register(event, "late@example.org")
    assert refused.value.code == "registration_closed"
    assert not Registration.objects.exists()


def test_cancelling_promotes_the_first_person_waiting(
    make_event, django_capture_on_commit_callbacks
):
    event = make_event(capacity=1)
    holder, _ = register(event, "holder@example.org")
    first, _ = register(event, "first@example.org")
    second, _ = register(event, "second@example.org")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        promoted = services.cancel_registration(registration=holder)
    assert promoted == first
    statuses = dict(Registration.objects.values_list("email", "status"))
    assert statuses == {
        "holder@example.org": "cancelled",
        "first@example.org": "confirmed",
        "second@example.org": "waiting",
    }
    assert [message.to for message in mail.outbox] == [["first@example.org"]]
    assert "place has opened" in mail.outbox[0].subject
    assert mail.outbox[0].attachments, "the promoted person gets the calendar file"
    # cancelling again changes nothing
    assert services.cancel_registration(registration=holder) is None


def test_leaving_the_waiting_list_promotes_nobody(make_event):
    event = make_event(capacity=1)
    register(event, "holder@example.org")
    waiting, _ = register(event, "waiting@example.org")
    assert services.cancel_registration(registration=waiting) is None
    assert Registration.objects.get(email="holder@example.org").status == "confirmed"


def test_a_cancelled_person_registers_again_at_the_end_of_the_queue(make_event):
    event = make_event(capacity=1)
    holder, _ = register(event, "holder@example.org")
    services.cancel_registration(registration=holder)
    register(event, "other@example.org")
    again, created = register(event, "holder@example.org")
    assert created and again.pk == holder.pk and again.status == "waiting"


def test_the_confirmation_carries_a_calendar_file_that_parses(
    make_event, django_capture_on_commit_callbacks
):
    event = make_event(capacity=5, title="Webinar on referral")
    with django_capture_on_commit_callbacks(execute=True):
        registration, _ = register(event, "ana@example.org")
    message = mail.outbox[-1]
    assert message.to == ["ana@example.org"]
    name, content, mimetype = message.attachments[0]
    assert name.endswith(".ics") and mimetype.startswith("text/calendar")
    calendar = Calendar.from_ical(content)
    [vevent] = calendar.walk("VEVENT")
    assert str(vevent["SUMMARY"]) == "Webinar on referral"
    assert vevent.decoded("DTSTART") == event.starts_at
    assert vevent.decoded("DTEND") == event.ends_at
    assert str(registration.public_id) in str(vevent["UID"])
    assert services.registration_token(registration) in str(vevent["URL"])
    assert services.registration_url(registration) in message.body


def test_the_waiting_list_mail_has_no_calendar_and_no_join_link(
    make_event, django_capture_on_commit_callbacks
):
    event = make_event(capacity=1)
    register(event, "holder@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        register(event, "waiting@example.org")
    message = mail.outbox[-1]
    assert "waiting list" in message.subject
    assert not message.attachments
    assert event.join_url not in message.body


def test_feedback_after_the_event_once(make_event):
    event = make_event(capacity=1)
    registration, _ = register(event, "ana@example.org")
    waiting, _ = register(event, "bo@example.org")
    with pytest.raises(services.NetworkError) as refused:
        services.submit_feedback(registration=registration, rating=4)
    assert refused.value.code == "feedback_not_open"
    event.starts_at = timezone.now() - timedelta(hours=2)
    event.ends_at = timezone.now() - timedelta(hours=1)
    event.save()
    services.submit_feedback(registration=registration, rating=4, comment="Useful")
    with pytest.raises(services.NetworkError) as again:
        services.submit_feedback(registration=registration, rating=5)
    assert again.value.code == "feedback_given"
    with pytest.raises(services.NetworkError) as not_there:
        services.submit_feedback(registration=waiting, rating=5)
    assert not_there.value.code == "not_a_participant"


def test_attendance_counts_only_people_with_a_place(make_event, manager):
    event = make_event(capacity=2)
    ana, _ = register(event, "ana@example.org")
    bo, _ = register(event, "bo@example.org")
    waiting, _ = register(event, "cy@example.org")
    count = services.record_attendance(event=event, attended={ana.pk, waiting.pk}, by=manager)
    assert count == 1
    assert set(Registration.objects.filter(attended=True).values_list("email", flat=True)) == {
        "ana@example.org"
    }


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="row locks need PostgreSQL; SQLite serialises every writer anyway",
)
@pytest.mark.django_db(transaction=True)
def test_two_people_asking_for_the_last_place_at_once(demo):
    from equalcity.network.models import Event

    starts = timezone.now() + timedelta(days=3)
    event = Event.objects.create(
        programme=demo,
        slug="race",
        kind="webinar",
        title="Race",
        starts_at=starts,
        ends_at=starts + timedelta(hours=1),
        capacity=1,
    )
    barrier = threading.Barrier(2)
    errors = []

    def ask(email):
        try:
            barrier.wait()
            services.register(event=event, name="Racer", email=email)
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=ask, args=(f"r{i}@example.org",)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert sorted(Registration.objects.values_list("status", flat=True)) == [
        "confirmed",
        "waiting",
    ]
