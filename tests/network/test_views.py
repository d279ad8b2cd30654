import re
import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from equalcity.accounts.models import Organisation
from equalcity.network import services
from equalcity.network.demo import UPCOMING_SLUG
from equalcity.network.models import Application, CityProfile, Event, Registration, Story
from equalcity.programmes.models import TargetGroup

pytestmark = pytest.mark.django_db

CITIES = "/en/network/equalcity/cities/"
MAP = "/en/network/equalcity/map/"


def names_in(response) -> set[str]:
    return {row["profile"].organisation.name for row in response.context["rows"]}


def test_the_list_holds_the_pilot_and_trainee_cities(client, network):
    response = client.get(CITIES)
    assert response.status_code == 200
    assert response.context["page"].paginator.count == 25
    assert {"City of Rome", "Jesenice", "Warsaw", "Brussels-Capital Region"} <= names_in(response)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("country=de", {"Hannover", "Leipzig", "Nuremberg"}),
        ("network=rainbow-cities", {"Brussels-Capital Region", "Amsterdam", "Turin", "Vienna"}),
        ("track=lgbtqi_migrants", {"Brussels-Capital Region"}),
        ("track=women_girls&country=LU", {"City of Luxembourg"}),
        ("country=ZZ", None),  # an unknown filter is ignored
    ],
)
def test_filters_by_country_network_and_toolbox(client, network, query, expected):
    response = client.get(f"{CITIES}?{query}")
    assert response.status_code == 200
    if expected is None:
        assert response.context["page"].paginator.count == 25
    else:
        assert names_in(response) == expected
    assert names_in(client.get(f"{MAP}?{query}")) == names_in(response)


def test_the_map_carries_public_points_only(client, network):
    response = client.get(MAP)
    data = response.context["map_data"]
    points = [dict(zip(data["fields"], point, strict=True)) for point in data["points"]]
    assert len(points) == 25
    vienna = next(point for point in points if point["name"] == "Vienna")
    assert (round(vienna["lat"], 1), round(vienna["lon"], 1)) == (48.2, 16.4)
    assert data["countries"][vienna["country"]] == "Austria"
    content = response.content.decode()
    assert "countries-110m.json" in content and "vendor/leaflet/leaflet.js" in content
    assert "@demo.equalcity.example" not in content
    assert "tile.openstreetmap" not in content


@pytest.mark.parametrize(
    "path",
    [CITIES, MAP, "/en/network/equalcity/stories/", "/en/network/equalcity/stories/feed/"],
)
def test_public_list_pages_set_no_cookie(client, network, path):
    response = client.get(path)
    assert response.status_code == 200
    assert not response.cookies


def _queries(client, path) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


def _grow_network(programme, count):
    eurocities = Organisation.objects.get(slug="eurocities")
    for index in range(count):
        organisation = Organisation.objects.create(
            name=f"Extra {index}", slug=f"extra-{index}", kind="trainee", country="PT"
        )
        profile = CityProfile.objects.create(
            programme=programme,
            organisation=organisation,
            slug=f"extra-{index}",
            kind="trainee",
            latitude=38 + index / 10,
            longitude=-9,
        )
        profile.networks.add(eurocities)
        start = timezone.now() + timedelta(days=5 + index)
        event = Event.objects.create(
            programme=programme,
            slug=f"extra-{index}",
            kind="webinar",
            title=f"Extra {index}",
            starts_at=start,
            ends_at=start + timedelta(hours=1),
            capacity=10,
        )
        services.register(event=event, name="P", email=f"p{index}@example.org")


@pytest.mark.parametrize(
    "path",
    [
        CITIES,
        MAP,
        f"{MAP}?network=eurocities",
        "/en/network/equalcity/events/",
        "/en/network/equalcity/events/webinar-women-and-girls/",
        "/en/network/equalcity/reach/",
        "/en/network/equalcity/stories/",
    ],
)
def test_constant_number_of_queries(client, network, path):
    before = _queries(client, path)
    _grow_network(network, 8)
    assert _queries(client, path) == before


def test_contact_details_only_for_programme_members(client, network, demo_users):
    path = "/en/network/equalcity/cities/vienna/"
    anonymous = client.get(path).content.decode()
    assert "contact-trainee-vienna@demo.equalcity.example" not in anonymous
    assert "Demo contact" not in anonymous
    client.force_login(demo_users["viewer"])
    member = client.get(path).content.decode()
    assert "contact-trainee-vienna@demo.equalcity.example" in member


def test_an_unknown_city_is_404(client, network):
    assert client.get("/en/network/equalcity/cities/atlantis/").status_code == 404
    assert client.get("/en/network/nope/cities/").status_code == 404


# --- applying and deciding -------------------------------------------------------------------


APPLICATION = {
    "organisation_name": "Ghent",
    "organisation_kind": "city_administration",
    "country": "BE",
    "city": "Ghent",
    "tracks": ["women_girls"],
    "latitude": "51.05434",
    "longitude": "3.71742",
    "contact_name": "Coordinator",
    "contact_email": "coordinator@ghent.example",
}


def test_the_public_applies(client, network):
    response = client.post("/en/network/equalcity/apply/", APPLICATION)
    assert response.status_code == 302
    assert response["Location"] == "/en/network/equalcity/apply/sent/"
    assert Application.objects.get().organisation_name == "Ghent"


def test_an_invalid_email_is_a_form_error(client, network):
    response = client.post(
        "/en/network/equalcity/apply/", {**APPLICATION, "contact_email": "not an address"}
    )
    assert response.status_code == 400
    assert "contact_email" in response.context["form"].errors
    assert not Application.objects.exists()


def test_a_duplicate_application_is_refused_clearly(client, network):
    client.post("/en/network/equalcity/apply/", APPLICATION)
    response = client.post("/en/network/equalcity/apply/", APPLICATION)
    assert response.status_code == 400
    assert "already waiting for a decision" in response.content.decode()
    assert Application.objects.count() == 1


def test_only_the_manager_sees_and_decides_applications(
    client, verified_client, network, demo_users, manager
):
    client.post("/en/network/equalcity/apply/", APPLICATION)
    application = Application.objects.get()
    decide = f"/en/network/equalcity/applications/{application.public_id}/decide/"
    client.force_login(demo_users["viewer"])
    assert client.get("/en/network/equalcity/applications/").status_code == 404
    assert client.post(decide, {"decision": "approve"}).status_code == 404
    client.logout()
    manager_client = verified_client(manager)
    page = manager_client.get("/en/network/equalcity/applications/")
    assert "Ghent" in page.content.decode()
    response = manager_client.post(decide, {"decision": "approve"})
    assert response.status_code == 302
    listed = manager_client.get(f"{CITIES}?country=BE")
    assert "Ghent" in names_in(listed)
    mapped = manager_client.get(MAP).context["map_data"]["points"]
    assert any(point[1] == "Ghent" for point in mapped)


def test_declining_without_reason_is_refused(verified_client, client, network, manager):
    client.post("/en/network/equalcity/apply/", APPLICATION)
    application = Application.objects.get()
    manager_client = verified_client(manager)
    response = manager_client.post(
        f"/en/network/equalcity/applications/{application.public_id}/decide/",
        {"decision": "decline", "reason": ""},
        follow=True,
    )
    assert "Say why the application is declined" in response.content.decode()
    application.refresh_from_db()
    assert application.status == "pending"


def test_the_manager_moves_a_city_along_the_pipeline(verified_client, network, manager):
    manager_client = verified_client(manager)
    profile = CityProfile.objects.get(slug="amsterdam")
    next_stage = profile.next_stage
    manager_client.post(
        "/en/network/equalcity/cities/amsterdam/stage/", {"to_stage": next_stage, "note": "ok"}
    )
    profile.refresh_from_db()
    assert profile.stage == next_stage


# --- events and registrations ----------------------------------------------------------------


def event_path(event):
    return f"/en/network/equalcity/events/{event.slug}/"


def test_registering_needs_only_a_name_and_an_email(client, make_event):
    event = make_event(capacity=5)
    response = client.post(
        event_path(event) + "register/", {"name": "Ana", "email": "ana@example.org"}
    )
    registration = Registration.objects.get()
    assert response.status_code == 302
    assert response["Location"] == services.registration_path(registration)
    own = client.get(response["Location"]).content.decode()
    assert event.join_url in own
    assert "Cancel my place" in own


def test_an_invalid_email_cannot_register(client, make_event):
    event = make_event()
    response = client.post(event_path(event) + "register/", {"name": "Ana", "email": "ana@"})
    assert response.status_code == 400
    assert "email" in response.context["form"].errors
    assert not Registration.objects.exists()


def test_registering_twice_shows_the_existing_registration_without_its_secret(client, make_event):
    event = make_event(capacity=5)
    client.post(event_path(event) + "register/", {"name": "Ana", "email": "ana@example.org"})
    client.cookies.clear()
    response = client.post(
        event_path(event) + "register/", {"name": "Eve", "email": "ANA@example.org"}
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert "already registered" in content
    assert event.join_url not in content
    assert Registration.objects.count() == 1


def test_registering_after_closing_is_refused(client, make_event):
    event = make_event(registration_closes_at=timezone.now() - timedelta(hours=1))
    page = client.get(event_path(event)).content.decode()
    assert "Registration for this event has closed." in page
    response = client.post(event_path(event) + "register/", {"name": "A", "email": "a@example.org"})
    assert response.status_code == 400
    assert "has closed" in response.content.decode()


def test_the_join_link_is_only_for_registered_people(client, make_event, demo_users):
    event = make_event(capacity=1)
    assert event.join_url not in client.get(event_path(event)).content.decode()
    user = demo_users["trainer"]
    services.register(event=event, name="T", email=user.email, user=user)
    client.force_login(user)
    assert event.join_url in client.get(event_path(event)).content.decode()
    client.force_login(demo_users["viewer"])
    assert event.join_url not in client.get(event_path(event)).content.decode()


def test_a_wrong_secret_is_not_found(client, make_event):
    event = make_event()
    registration, _ = services.register(event=event, name="A", email="a@example.org")
    path = services.registration_path(registration)
    assert client.get(path).status_code == 200
    assert (
        client.get(path.replace(services.registration_token(registration), "0" * 32)).status_code
        == 404
    )


def test_cancelling_by_the_link_promotes_the_next_person(
    client, make_event, django_capture_on_commit_callbacks
):
    event = make_event(capacity=1)
    holder, _ = services.register(event=event, name="A", email="a@example.org")
    waiting, _ = services.register(event=event, name="B", email="b@example.org")
    page = client.get(services.registration_path(waiting)).content.decode()
    assert "number 1 in the queue" in page and event.join_url not in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(services.registration_path(holder) + "cancel/")
    waiting.refresh_from_db()
    assert waiting.status == "confirmed"
    link = re.search(r"https?://\S+/registrations/\S+/", mail.outbox[-1].body).group(0)
    assert link.endswith(services.registration_path(waiting))


def test_feedback_form_after_the_event(client, make_event):
    start = timezone.now() - timedelta(hours=3)
    event = make_event(starts_at=start, ends_at=start + timedelta(hours=1))
    registration = Registration.objects.create(
        event=event, name="A", email="a@example.org", status="confirmed"
    )
    path = services.registration_path(registration)
    assert "Your feedback" in client.get(path).content.decode()
    client.post(path + "feedback/", {"rating": "5", "comment": "Great"})
    assert registration.feedback.rating == 5
    again = client.post(path + "feedback/", {"rating": "3"})
    assert again.status_code == 400


def test_recordings_and_materials_after_the_event(client, verified_client, manager, make_event):
    start = timezone.now() - timedelta(hours=3)
    event = make_event(starts_at=start, ends_at=start + timedelta(hours=1))
    manager_client = verified_client(manager)
    manager_client.post(
        event_path(event) + "manage/",
        {
            "action": "follow_up",
            "recording_url": "https://video.example.org/rec",
            "materials": "Slides",
        },
    )
    page = client.get(event_path(event)).content.decode()
    assert "https://video.example.org/rec" in page and "Slides" in page
    assert event.join_url not in page


def test_the_manager_records_attendance(verified_client, manager, make_event):
    event = make_event(capacity=5)
    ana, _ = services.register(event=event, name="Ana", email="ana@example.org")
    manager_client = verified_client(manager)
    manager_client.post(
        event_path(event) + "manage/", {"action": "attendance", "attended": [str(ana.pk)]}
    )
    ana.refresh_from_db()
    assert ana.attended


# --- reach and stories -------------------------------------------------------------------------


def test_reach_counts_cities_and_hides_small_counts_of_people(client, network):
    event = Event.objects.get(slug=UPCOMING_SLUG)
    for index in range(3):
        Registration.objects.create(
            event=event, name="P", email=f"p{index}@example.org", status="confirmed"
        )
    response = client.get("/en/network/equalcity/reach/")
    reach = response.context["reach"]
    assert reach.cities == 25
    assert dict(reach.by_country)["Greece"] == 4
    assert dict(reach.by_network)["Rainbow Cities"] == 4
    by_track = dict(reach.by_track)
    assert by_track[str(TargetGroup.WOMEN_GIRLS.label)] == 22
    assert by_track[str(TargetGroup.LGBTQI_MIGRANTS.label)] == 1
    assert reach.growth[-1][2] == 25
    cells = {event.slug: registered for event, registered, _attended in reach.events}
    assert cells[UPCOMING_SLUG].suppressed  # 3 people
    assert cells["webinar-women-and-girls"].value == 28  # demo registrations
    assert "fewer than 5" in response.content.decode()


def test_stories_in_the_current_language_and_an_atom_feed(client, network):
    english = client.get("/en/network/equalcity/stories/").content.decode()
    assert "Trainee cities review the women and girls toolbox" in english
    french = client.get("/fr/network/equalcity/stories/")
    assert [story.language for story in french.context["stories"]] == ["fr"]
    feed = client.get("/en/network/equalcity/stories/feed/")
    assert feed["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(feed.content)  # noqa: S314 - our own feed, in a test
    ns = {"atom": "http://www.w3.org/2005/Atom"}
    titles = [
        entry.findtext("atom:title", namespaces=ns) for entry in root.findall("atom:entry", ns)
    ]
    assert len(titles) == Story.objects.count()
    assert "In the spotlight: a day at a frontline service (demo data)" in titles


def test_a_story_in_another_language(client, network):
    response = client.get("/en/network/equalcity/stories/trainee-cities-review/?lang=fr")
    assert response.context["story"].language == "fr"
    assert "<script" not in response.context["story"].body


def test_the_event_page_says_whether_places_are_left_but_not_how_many(client, make_event):
    event = make_event(capacity=2)
    page = client.get(event_path(event)).content.decode()
    assert "Places are available." in page and "Join the waiting list" not in page
    for email in ("a@example.org", "b@example.org"):
        services.register(event=event, name="P", email=email)
    page = client.get(event_path(event)).content.decode()
    assert "The event is full" in page and "Join the waiting list" in page
    api = client.get("/api/v1/network/equalcity/events/").json()["results"]
    assert next(row for row in api if row["slug"] == event.slug)["is_full"] is True


def test_an_editor_writes_a_draft_then_publishes_it(client, network, demo_users):
    editor = demo_users["partner_editor"]
    client.force_login(editor)
    response = client.post(
        "/en/network/equalcity/stories/new/",
        {
            "title": "Vienna trains its frontline services",
            "slug": "vienna-trains",
            "language": "en",
            "kind": "spotlight_city",
            "city": CityProfile.objects.get(slug="vienna").pk,
            "body": "A *short* story.",
        },
    )
    assert response.status_code == 302
    story = Story.objects.get(slug="vienna-trains")
    assert story.published_at is None
    client.logout()
    assert "Vienna trains" not in client.get("/en/network/equalcity/stories/").content.decode()
    assert client.get("/en/network/equalcity/stories/vienna-trains/").status_code == 404
    client.force_login(editor)
    again = client.post(
        "/en/network/equalcity/stories/new/",
        {
            "title": "Again",
            "slug": "vienna-trains",
            "language": "en",
            "kind": "update",
            "body": "x",
        },
    )
    assert again.status_code == 400 and "already exists" in again.content.decode()
    client.post(f"/en/network/equalcity/stories/drafts/{story.pk}/publish/")
    client.logout()
    page = client.get("/en/network/equalcity/stories/vienna-trains/").content.decode()
    assert "<em>short</em>" in page
    feed = client.get("/en/network/equalcity/stories/feed/").content.decode()
    assert "Vienna trains its frontline services" in feed


def test_only_writers_reach_the_story_form(client, network, demo_users):
    client.force_login(demo_users["viewer"])
    assert client.get("/en/network/equalcity/stories/new/").status_code == 404
    client.logout()
    assert client.get("/en/network/equalcity/stories/new/").status_code == 302


def test_my_registrations_lists_only_my_own(client, make_event, demo_users):
    event = make_event(capacity=5, title="Mine and yours")
    trainer, viewer = demo_users["trainer"], demo_users["viewer"]
    services.register(event=event, name="T", email=trainer.email, user=trainer)
    services.register(event=event, name="V", email=viewer.email)
    client.force_login(trainer)
    response = client.get("/en/network/registrations/")
    assert [r.email for r in response.context["registrations"]] == [trainer.email]


EVENT_FORM = {
    "title": "Hybrid closing conference",
    "slug": "closing-conference",
    "kind": "hybrid_conference",
    "language": "en",
    "starts_at": "2031-11-18T09:00",
    "ends_at": "2031-11-18T17:00",
    "capacity": "1",
    "venue": "Brussels",
    "join_url": "https://meet.example.org/closing",
    "description": "The closing conference.",
    "agenda": "1. Opening",
    "speakers": "Speaker One | IOM\nSpeaker Two",
    "is_published": "on",
}


def test_the_manager_plans_and_changes_an_event(client, verified_client, manager, network):
    manager_client = verified_client(manager)
    response = manager_client.post("/en/network/equalcity/events/new/", EVENT_FORM)
    assert response.status_code == 302
    event = Event.objects.get(slug="closing-conference")
    assert event.kind == "hybrid_conference"
    assert [(s.name, s.affiliation) for s in event.speakers.all()] == [
        ("Speaker One", "IOM"),
        ("Speaker Two", ""),
    ]
    services.register(event=event, name="A", email="a@example.org")
    waiting, _ = services.register(event=event, name="B", email="b@example.org")
    # more places: the person waiting gets one
    manager_client.post(
        "/en/network/equalcity/events/closing-conference/edit/", {**EVENT_FORM, "capacity": "2"}
    )
    waiting.refresh_from_db()
    assert waiting.status == "confirmed"
    refused = manager_client.post(
        "/en/network/equalcity/events/closing-conference/edit/", {**EVENT_FORM, "capacity": "1"}
    )
    assert refused.status_code == 400
    assert "already have a place" in refused.content.decode()
    backwards = manager_client.post(
        "/en/network/equalcity/events/new/",
        {**EVENT_FORM, "slug": "other", "ends_at": "2031-11-18T08:00"},
    )
    assert backwards.status_code == 400 and not Event.objects.filter(slug="other").exists()


def test_an_unpublished_event_is_not_public(client, verified_client, manager, network):
    verified_client(manager).post(
        "/en/network/equalcity/events/new/", {**EVENT_FORM, "is_published": ""}
    )
    client.logout()
    assert client.get("/en/network/equalcity/events/closing-conference/").status_code == 404
    assert "Hybrid closing" not in client.get("/en/network/equalcity/events/").content.decode()


def test_only_managers_plan_events(client, network, demo_users):
    client.force_login(demo_users["partner_editor"])
    assert client.get("/en/network/equalcity/events/new/").status_code == 404
    assert client.post("/en/network/equalcity/events/new/", EVENT_FORM).status_code == 404
    assert not Event.objects.filter(slug="closing-conference").exists()
