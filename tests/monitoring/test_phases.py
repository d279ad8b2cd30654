"""Programme phases: the services that add, change, remove and reorder them (every refusal
writes nothing, every write is audited) and the manager's page, which only the programme's
managers reach."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from equalcity.accounts.models import AuditEntry, Membership, Role, User
from equalcity.core.errors import DomainError
from equalcity.monitoring import selectors, services
from equalcity.monitoring.models import ProgrammePhase

pytestmark = pytest.mark.django_db

# The demo programme runs from 25 November 2019 to 24 November 2021.
NEEDS = ("Needs analysis", date(2019, 11, 25), date(2020, 4, 30))
PILOT = ("Piloting", date(2021, 1, 1), date(2021, 10, 31))
CLOSING = ("Closing", date(2021, 9, 1), date(2021, 11, 24))


@pytest.fixture
def lead(demo_users):
    return demo_users[Role.PROGRAMME_MANAGER]


def _add(programme, by, name, starts_on, ends_on, description=""):
    return services.add_phase(
        programme=programme,
        name=name,
        starts_on=starts_on,
        ends_on=ends_on,
        description=description,
        by=by,
    )


def _names(programme) -> list[str]:
    """The phases in the order the dashboard's timeline shows them."""
    rows = selectors.timeline(programme, today=date(2021, 1, 1))["phases"]
    return [row["phase"].name for row in rows]


def _stored(programme) -> list[tuple]:
    return list(
        ProgrammePhase.objects.filter(programme=programme)
        .order_by("pk")
        .values_list("name", "starts_on", "ends_on", "position", "description")
    )


def _phase_audit():
    return list(
        AuditEntry.objects.filter(action__startswith="monitoring.phase.")
        .order_by("pk")
        .values_list("action", flat=True)
    )


# services


def test_added_phases_go_to_the_end_of_the_timeline_and_are_audited(demo, lead):
    # when
    first = _add(demo, lead, "  Needs analysis ", NEEDS[1], NEEDS[2], "Demo data: surveys.")
    _add(demo, lead, *PILOT)
    _add(demo, lead, *CLOSING)

    # then
    assert first.name == "Needs analysis"  # stripped
    assert _names(demo) == ["Needs analysis", "Piloting", "Closing"]
    entry = AuditEntry.objects.filter(action="monitoring.phase.added").order_by("pk").first()
    assert entry.actor == lead and entry.programme == demo
    assert entry.object_id == str(first.pk)
    assert entry.data == {
        "name": "Needs analysis",
        "starts_on": "2019-11-25",
        "ends_on": "2020-04-30",
        "position": 0,
    }
    assert _phase_audit() == ["monitoring.phase.added"] * 3


@pytest.mark.parametrize(
    ("name", "starts_on", "ends_on", "code", "says"),
    [
        ("   ", date(2020, 1, 1), date(2020, 2, 1), "phase_name_required", "Give the phase a name"),
        ("x" * 201, date(2020, 1, 1), date(2020, 2, 1), "phase_name_too_long", "200 characters"),
        ("Late", date(2020, 3, 1), date(2020, 2, 1), "phase_ends_before_start", "end before"),
        ("Early", date(2019, 11, 24), date(2020, 2, 1), "phase_before_programme", "2019"),
        ("Long", date(2021, 1, 1), date(2021, 11, 25), "phase_after_programme", "2021"),
        ("needs ANALYSIS", date(2020, 1, 1), date(2020, 2, 1), "duplicate_phase", "already"),
    ],
)
def test_every_refused_addition_writes_nothing(demo, lead, name, starts_on, ends_on, code, says):
    _add(demo, lead, *NEEDS)
    before, audit = _stored(demo), _phase_audit()

    with pytest.raises(DomainError) as refused:
        _add(demo, lead, name, starts_on, ends_on)

    assert refused.value.code == code
    assert says in refused.value.message
    assert _stored(demo) == before
    assert _phase_audit() == audit


def test_a_phase_may_span_the_whole_programme(demo, lead):
    phase = _add(demo, lead, "Everything", demo.starts_on, demo.ends_on)
    assert (phase.starts_on, phase.ends_on) == (demo.starts_on, demo.ends_on)


def test_changing_a_phase_keeps_its_place_and_audits_before_and_after(demo, lead):
    needs = _add(demo, lead, *NEEDS)
    pilot = _add(demo, lead, *PILOT)

    # when: renamed, same name kept in another case, new dates
    changed = services.change_phase(
        phase=needs,
        name="Needs Analysis",
        starts_on=date(2019, 12, 1),
        ends_on=date(2020, 5, 31),
        description="Demo data: new dates.",
        by=lead,
    )

    # then
    changed.refresh_from_db()
    assert (changed.name, changed.starts_on, changed.ends_on) == (
        "Needs Analysis",
        date(2019, 12, 1),
        date(2020, 5, 31),
    )
    assert changed.description == "Demo data: new dates."
    assert _names(demo) == ["Needs Analysis", pilot.name]
    entry = AuditEntry.objects.get(action="monitoring.phase.changed")
    assert entry.actor == lead and entry.programme == demo
    assert entry.data["before"]["ends_on"] == "2020-04-30"
    assert entry.data["after"]["ends_on"] == "2020-05-31"


@pytest.mark.parametrize(
    ("name", "starts_on", "ends_on", "code"),
    [
        ("", date(2020, 1, 1), date(2020, 2, 1), "phase_name_required"),
        ("Needs analysis", date(2020, 3, 1), date(2020, 2, 1), "phase_ends_before_start"),
        ("Needs analysis", date(2019, 1, 1), date(2020, 2, 1), "phase_before_programme"),
        ("Needs analysis", date(2020, 1, 1), date(2022, 2, 1), "phase_after_programme"),
        ("piloting", date(2020, 1, 1), date(2020, 2, 1), "duplicate_phase"),
    ],
)
def test_every_refused_change_writes_nothing(demo, lead, name, starts_on, ends_on, code):
    needs = _add(demo, lead, *NEEDS)
    _add(demo, lead, *PILOT)
    before, audit = _stored(demo), _phase_audit()

    with pytest.raises(DomainError) as refused:
        services.change_phase(phase=needs, name=name, starts_on=starts_on, ends_on=ends_on, by=lead)

    assert refused.value.code == code
    assert _stored(demo) == before
    assert _phase_audit() == audit


def test_a_phase_of_another_programme_cannot_be_changed_through_this_one(
    demo, lead, other_programme
):
    theirs = _add(other_programme, lead, *NEEDS)
    before, audit = _stored(other_programme), _phase_audit()
    disguised = ProgrammePhase(pk=theirs.pk, programme=demo)

    for write in (
        lambda: services.change_phase(
            phase=disguised, name="Mine", starts_on=NEEDS[1], ends_on=NEEDS[2], by=lead
        ),
        lambda: services.remove_phase(phase=disguised, by=lead),
        lambda: services.move_phase(phase=disguised, direction="up", by=lead),
    ):
        with pytest.raises(DomainError) as refused:
            write()
        assert refused.value.code == "phase_gone"

    assert _stored(other_programme) == before
    assert _phase_audit() == audit


def test_the_same_name_may_be_used_in_two_programmes(demo, lead, other_programme):
    _add(demo, lead, *NEEDS)
    assert _add(other_programme, lead, *NEEDS).programme == other_programme


def test_removing_a_phase_is_audited_with_what_it_was_and_a_second_removal_is_refused(demo, lead):
    needs = _add(demo, lead, *NEEDS, description="Demo data: surveys.")
    _add(demo, lead, *PILOT)
    pk = needs.pk

    removed = services.remove_phase(phase=needs, by=lead)

    assert removed.name == "Needs analysis"
    assert _names(demo) == ["Piloting"]
    entry = AuditEntry.objects.get(action="monitoring.phase.removed")
    assert entry.object_id == str(pk) and entry.programme == demo
    assert entry.data["name"] == "Needs analysis"
    assert entry.data["description"] == "Demo data: surveys."

    audit = _phase_audit()
    with pytest.raises(DomainError) as refused:
        services.remove_phase(phase=ProgrammePhase(pk=pk, programme=demo), by=lead)
    assert refused.value.code == "phase_gone"
    assert _phase_audit() == audit
    assert _names(demo) == ["Piloting"]


def test_moving_phases_up_and_down_changes_the_timeline_order(demo, lead):
    needs = _add(demo, lead, *NEEDS)
    pilot = _add(demo, lead, *PILOT)
    closing = _add(demo, lead, *CLOSING)

    services.move_phase(phase=closing, direction="up", by=lead)
    assert _names(demo) == ["Needs analysis", "Closing", "Piloting"]

    moved = services.move_phase(phase=needs, direction="down", by=lead)
    assert _names(demo) == ["Closing", "Needs analysis", "Piloting"]
    assert moved.position == 1

    entries = AuditEntry.objects.filter(action="monitoring.phase.moved").order_by("pk")
    assert [(e.object_id, e.data["direction"]) for e in entries] == [
        (str(closing.pk), "up"),
        (str(needs.pk), "down"),
    ]
    assert pilot.pk not in {int(e.object_id) for e in entries}


@pytest.mark.parametrize(
    ("which", "direction", "code"),
    [(0, "up", "phase_first"), (2, "down", "phase_last"), (1, "sideways", "bad_direction")],
)
def test_refused_moves_write_nothing(demo, lead, which, direction, code):
    phases = [_add(demo, lead, *NEEDS), _add(demo, lead, *PILOT), _add(demo, lead, *CLOSING)]
    before, audit = _stored(demo), _phase_audit()

    with pytest.raises(DomainError) as refused:
        services.move_phase(phase=phases[which], direction=direction, by=lead)

    assert refused.value.code == code
    assert _stored(demo) == before
    assert _phase_audit() == audit


def test_phases_that_share_a_position_get_one_each_when_one_moves(demo, lead):
    # given: phases entered in the admin, all at the default position 0
    for name, starts_on, ends_on in (NEEDS, PILOT, CLOSING):
        ProgrammePhase.objects.create(
            programme=demo, name=name, starts_on=starts_on, ends_on=ends_on
        )
    assert _names(demo) == ["Needs analysis", "Piloting", "Closing"]
    closing = ProgrammePhase.objects.get(programme=demo, name="Closing")

    # when
    services.move_phase(phase=closing, direction="up", by=lead)

    # then
    assert _names(demo) == ["Needs analysis", "Closing", "Piloting"]
    positions = ProgrammePhase.objects.filter(programme=demo).values_list("position", flat=True)
    assert sorted(positions) == [0, 1, 2]


# pages


def _url(name, programme, *args):
    return reverse(f"monitoring:{name}", args=[programme.slug, *args])


def _form(name, starts_on, ends_on, description=""):
    return {
        "name": name,
        "starts_on": starts_on.isoformat(),
        "ends_on": ends_on.isoformat(),
        "description": description,
    }


@pytest.fixture
def other_manager(other_programme):
    """The manager of another programme of the same installation."""
    user = User.objects.create_user("other-manager@example.org", "pw")
    Membership.objects.create(user=user, programme=other_programme, role=Role.PROGRAMME_MANAGER)
    return user


@pytest.fixture
def as_role(client, verified_client, demo_users, other_manager):
    def sign_in(who):
        if who == "anonymous":
            return client
        if who == "other_manager":
            return verified_client(other_manager)
        user = demo_users[who]
        if who == Role.PROGRAMME_MANAGER:
            return verified_client(user)
        client.force_login(user)
        return client

    return sign_in


REFUSED = [Role.PARTNER_EDITOR, Role.VIEWER, "other_manager"]


def test_only_the_programmes_managers_may_manage_its_phases(demo, demo_users, other_manager):
    from django.contrib.auth.models import AnonymousUser

    allowed = {
        role for role in Role.values if demo_users[role].has_perm("monitoring.manage_phases", demo)
    }
    assert allowed == {Role.PROGRAMME_MANAGER}
    assert not other_manager.has_perm("monitoring.manage_phases", demo)
    assert not AnonymousUser().has_perm("monitoring.manage_phases", demo)


@pytest.mark.parametrize("who", [Role.PROGRAMME_MANAGER, *REFUSED, "anonymous"])
def test_who_may_open_and_use_the_phases_page(demo, lead, as_role, who):
    phase = _add(demo, lead, *NEEDS)
    _add(demo, lead, *PILOT)
    before, audit = _stored(demo), _phase_audit()
    client = as_role(who)

    answers = [
        client.get(_url("phases", demo)),
        client.get(_url("phase", demo, phase.pk)),
        client.post(_url("phases", demo), _form("New", date(2020, 1, 1), date(2020, 2, 1))),
        client.post(
            _url("phase", demo, phase.pk), _form("Renamed", date(2020, 1, 1), date(2020, 2, 1))
        ),
        client.post(_url("phase-move", demo, phase.pk), {"direction": "down"}),
        client.post(_url("phase-remove", demo, phase.pk)),
    ]

    statuses = [answer.status_code for answer in answers]
    if who == Role.PROGRAMME_MANAGER:
        assert statuses == [200, 200, 302, 302, 302, 302]
        assert _names(demo) == ["Piloting", "New"]
        return
    if who == "anonymous":
        # signed out: sent to sign in, like every page of the platform
        assert all(a.status_code == 302 and "/accounts/login/" in a["Location"] for a in answers)
    else:
        assert statuses == [404] * 6
    assert _stored(demo) == before
    assert _phase_audit() == audit


def test_the_dashboard_links_to_the_phases_page_for_managers_only(demo, as_role):
    link = _url("phases", demo)
    dashboard = _url("dashboard", demo)
    assert link in as_role(Role.PROGRAMME_MANAGER).get(dashboard).content.decode()
    for who in (Role.PARTNER_EDITOR, Role.VIEWER):
        page = as_role(who).get(dashboard)
        assert page.status_code == 200
        assert link not in page.content.decode()


def test_a_manager_adds_a_phase_and_it_shows_on_the_dashboard_timeline(demo, as_role):
    client = as_role(Role.PROGRAMME_MANAGER)

    answer = client.post(
        _url("phases", demo),
        _form("Piloting and training", PILOT[1], PILOT[2], "Demo data: pilot cities."),
        follow=True,
    )

    assert answer.status_code == 200
    html = answer.content.decode()
    assert "The phase “Piloting and training” is added" in html
    assert 'id="phase-list"' in html and "Piloting and training" in html
    timeline = client.get(_url("dashboard", demo)).content.decode()
    section = timeline[timeline.index('id="phases"') :]
    assert "Piloting and training" in section and "Demo data: pilot cities." in section


@pytest.mark.parametrize(
    ("name", "starts_on", "ends_on", "says"),
    [
        ("", "2020-01-01", "2020-02-01", "Give the phase a name."),
        ("Late", "2020-03-01", "2020-02-01", "A phase cannot end before it starts."),
        ("Early", "2019-01-01", "2020-02-01", "The phase starts before the programme"),
        ("Long", "2021-01-01", "2022-01-01", "The phase ends after the programme"),
        ("NEEDS ANALYSIS", "2020-01-01", "2020-02-01", "already has a phase called"),
        ("Bad date", "2020-02-31", "2020-03-01", "Enter a valid date."),
    ],
)
def test_bad_input_on_the_page_answers_400_with_the_reason_and_writes_nothing(
    demo, lead, as_role, name, starts_on, ends_on, says
):
    needs = _add(demo, lead, *NEEDS)
    before, audit = _stored(demo), _phase_audit()
    client = as_role(Role.PROGRAMME_MANAGER)
    data = {"name": name, "starts_on": starts_on, "ends_on": ends_on, "description": ""}

    for url in (_url("phases", demo), _url("phase", demo, needs.pk)):
        if url.endswith(f"/{needs.pk}/") and name == "NEEDS ANALYSIS":
            continue  # its own name, in other letters, is no duplicate when changing it
        answer = client.post(url, data)
        assert answer.status_code == 400, url
        html = answer.content.decode()
        assert says in html, url
        assert 'class="error-summary"' in html

    assert _stored(demo) == before
    assert _phase_audit() == audit


def test_the_change_form_shows_the_phase_and_saves_it(demo, lead, as_role):
    needs = _add(demo, lead, *NEEDS, description="Demo data: surveys.")
    client = as_role(Role.PROGRAMME_MANAGER)

    form = client.get(_url("phase", demo, needs.pk)).content.decode()
    assert 'value="Needs analysis"' in form and 'value="2020-04-30"' in form
    assert "Demo data: surveys." in form

    answer = client.post(
        _url("phase", demo, needs.pk), _form("Needs analysis", NEEDS[1], date(2020, 6, 30))
    )
    assert answer.status_code == 302 and answer["Location"].endswith(f"#phase-{needs.pk}")
    needs.refresh_from_db()
    assert needs.ends_on == date(2020, 6, 30) and needs.description == ""


def test_a_phase_of_another_programme_is_not_found_through_this_one(
    demo, lead, as_role, other_programme
):
    theirs = _add(other_programme, lead, *NEEDS)
    client = as_role(Role.PROGRAMME_MANAGER)
    before = _stored(other_programme)

    assert client.get(_url("phase", demo, theirs.pk)).status_code == 404
    post = client.post(_url("phase", demo, theirs.pk), _form("Mine", NEEDS[1], NEEDS[2]))
    assert post.status_code == 404
    removed = client.post(_url("phase-remove", demo, theirs.pk), follow=True)
    assert "has been removed in the meantime" in removed.content.decode()
    assert _stored(other_programme) == before


def test_moving_and_removing_on_the_page(demo, lead, as_role):
    needs = _add(demo, lead, *NEEDS)
    pilot = _add(demo, lead, *PILOT)
    client = as_role(Role.PROGRAMME_MANAGER)

    html = client.get(_url("phases", demo)).content.decode()
    # the first phase has no "Move up", the last no "Move down"
    assert html.count('value="up"') == 1 and html.count('value="down"') == 1

    moved = client.post(_url("phase-move", demo, pilot.pk), {"direction": "up"}, follow=True)
    assert "is now number 1 on the timeline" in moved.content.decode()
    assert _names(demo) == ["Piloting", "Needs analysis"]

    stale = client.post(_url("phase-move", demo, pilot.pk), {"direction": "up"}, follow=True)
    assert "already the first" in stale.content.decode()
    assert _names(demo) == ["Piloting", "Needs analysis"]

    removed = client.post(_url("phase-remove", demo, needs.pk), follow=True)
    assert "The phase “Needs analysis” is removed." in removed.content.decode()
    assert _names(demo) == ["Piloting"]


def _phases_for(programme, by, count):
    ProgrammePhase.objects.filter(programme=programme).delete()
    for n in range(count):
        _add(programme, by, f"Phase {n + 1}", date(2020, 1, 1 + n), date(2020, 6, 1 + n))


@pytest.mark.parametrize("which", ["phases", "phase", "dashboard"])
def test_pages_cost_the_same_queries_with_2_or_8_phases(demo, lead, as_role, which):
    client = as_role(Role.PROGRAMME_MANAGER)

    def count(n):
        _phases_for(demo, lead, n)
        first = ProgrammePhase.objects.filter(programme=demo).order_by("position").first()
        args = [first.pk] if which == "phase" else []
        url = _url(which, demo, *args)
        assert client.get(url).status_code == 200  # warm: session, roles
        with CaptureQueriesContext(connection) as queries:
            answer = client.get(url)
        html = answer.content.decode()
        assert html.count("Phase ") >= n  # every phase is on the page
        return len(queries)

    assert count(2) == count(8)
