"""Programme managers choose the content languages and the translators: the services and the
settings page, with a clear answer to every wrong or repeated request."""

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from equalcity.accounts.models import AuditEntry, Membership, Role, User
from equalcity.translations import selectors, services
from equalcity.translations.models import ProgrammeLanguage, Translation, TranslatorAssignment
from equalcity.translations.permissions import Target
from equalcity.translations.services import TranslationError
from equalcity.translations.units import toolbox_units

pytestmark = pytest.mark.django_db


def _member(programme, email, role=Role.VIEWER, active=True):
    user = User.objects.create_user(email, "x", full_name=email.split("@")[0].title())
    Membership.objects.create(user=user, programme=programme, role=role, is_active=active)
    return user


def _audits(action):
    return AuditEntry.objects.filter(action=action).count()


# --- services ---------------------------------------------------------------------------------


def test_enabling_twice_is_once_with_one_audit_entry(demo, manager):
    services.enable_language(programme=demo, language="ti", by=manager)
    services.enable_language(programme=demo, language="ti", by=manager)
    assert ProgrammeLanguage.objects.filter(programme=demo, language="ti").count() == 1
    assert _audits("translations.language.enabled") == 1


def test_disabling_unassigns_translators_and_keeps_the_translations(
    demo, manager, toolbox, translator
):
    unit_id = toolbox_units(toolbox)[0].id
    services.save_translation(
        toolbox=toolbox, unit_id=unit_id, language="fr", text="Boîte", done=True, by=translator
    )
    disabled = services.disable_language(programme=demo, language="fr", by=manager)
    assert (disabled.was_enabled, disabled.translators_removed) == (True, 1)
    assert "fr" not in selectors.enabled_languages(demo)
    assert not TranslatorAssignment.objects.filter(programme=demo, language="fr").exists()
    assert Translation.objects.filter(toolbox=toolbox, language="fr").count() == 1
    entry = AuditEntry.objects.get(action="translations.language.disabled")
    assert entry.actor == manager and entry.data == {"language": "fr", "translators_removed": 1}
    # the translator can no longer work in it
    translator = User.objects.get(pk=translator.pk)
    with pytest.raises(TranslationError):
        services.save_translation(
            toolbox=toolbox, unit_id=unit_id, language="fr", text="B", done=True, by=translator
        )
    # twice changes nothing
    again = services.disable_language(programme=demo, language="fr", by=manager)
    assert (again.was_enabled, again.translators_removed) == (False, 0)
    assert _audits("translations.language.disabled") == 1
    # turned on again, the work is there
    services.enable_language(programme=demo, language="fr", by=manager)
    assert selectors.coverage(toolbox, ["fr"])[0].translated == 1


def test_only_active_members_can_be_translators(demo, manager, french):
    outsider = User.objects.create_user("outsider@example.org", "x")
    former = _member(demo, "former@example.org", active=False)
    for person in (outsider, former):
        with pytest.raises(TranslationError) as refused:
            services.assign_translator(programme=demo, user=person, language="fr", by=manager)
        assert refused.value.code == "not_a_member"
    assert not TranslatorAssignment.objects.filter(user__in=[outsider, former]).exists()


def test_translators_only_for_known_enabled_languages(demo, manager, french):
    member = _member(demo, "member@example.org")
    for language, code in (("xx", "unknown_language"), ("de", "language_not_enabled")):
        with pytest.raises(TranslationError) as refused:
            services.assign_translator(programme=demo, user=member, language=language, by=manager)
        assert refused.value.code == code


def test_assigning_twice_is_once_and_unassigning_takes_the_language_away(
    demo, manager, toolbox, french
):
    member = _member(demo, "member@example.org")
    services.assign_translator(programme=demo, user=member, language="ar", by=manager)
    services.assign_translator(programme=demo, user=member, language="ar", by=manager)
    assert TranslatorAssignment.objects.filter(user=member).count() == 1
    assert _audits("translations.translator.assigned") == 1
    assert member.has_perm("translations.translate_unit", Target(toolbox, "ar"))

    assert services.unassign_translator(programme=demo, user=member, language="ar", by=manager)
    assert not member.has_perm("translations.translate_unit", Target(toolbox, "ar"))
    assert not services.unassign_translator(programme=demo, user=member, language="ar", by=manager)
    assert _audits("translations.translator.unassigned") == 1


@pytest.mark.parametrize("role", [Role.PARTNER_EDITOR, Role.VIEWER])
def test_only_managers_manage_languages_and_translators(demo, demo_users, french, role):
    someone = demo_users[role]
    member = _member(demo, "member@example.org")
    attempts = [
        lambda: services.enable_language(programme=demo, language="de", by=someone),
        lambda: services.disable_language(programme=demo, language="fr", by=someone),
        lambda: services.assign_translator(programme=demo, user=member, language="fr", by=someone),
        lambda: services.unassign_translator(
            programme=demo, user=member, language="fr", by=someone
        ),
    ]
    for attempt in attempts:
        with pytest.raises(TranslationError) as refused:
            attempt()
        assert refused.value.code == "not_allowed"
    assert sorted(selectors.enabled_languages(demo)) == ["ar", "fr"]


# --- the settings page ------------------------------------------------------------------------


@pytest.fixture
def settings_url(demo):
    return reverse("translations:settings", args=[demo.slug])


def _messages(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_the_page_lists_every_language_in_its_own_name_and_direction(
    verified_client, manager, settings_url, translator
):
    client = verified_client(manager)
    response = client.get(settings_url)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<tr data-language=") == 33
    assert '<span class="native-name" lang="ar" dir="rtl">العربية</span>' in html
    assert '<span class="native-name" lang="prs" dir="rtl">دری</span>' in html
    assert '<span class="native-name" lang="ti" dir="ltr">ትግርኛ</span>' in html
    assert '<tr data-language="fr" data-enabled="true">' in html
    assert '<tr data-language="de" data-enabled="false">' in html
    assert "Tess Translator" in html and "Unassign Tess Translator from French" in html


def test_pages_are_not_found_for_anyone_but_managers(
    client, demo, demo_users, translator, settings_url
):
    for user in (translator, demo_users[Role.PARTNER_EDITOR], demo_users[Role.VIEWER]):
        client.force_login(user)
        assert client.get(settings_url).status_code == 404
        assert (
            client.post(
                reverse("translations:enable_language", args=[demo.slug]), {"language": "de"}
            ).status_code
            == 404
        )
    assert "de" not in selectors.enabled_languages(demo)


def test_a_manager_of_another_programme_gets_404(verified_client, other_programme, settings_url):
    stranger = _member(other_programme, "boss@example.org", role=Role.PROGRAMME_MANAGER)
    client = verified_client(stranger)
    assert client.get(settings_url).status_code == 404
    own = client.get(reverse("translations:settings", args=[other_programme.slug]))
    assert own.status_code == 200


def test_enabling_and_disabling_through_the_page(verified_client, manager, demo, settings_url):
    client = verified_client(manager)
    enable = reverse("translations:enable_language", args=[demo.slug])
    disable = reverse("translations:disable_language", args=[demo.slug])

    response = client.post(enable, {"language": "so"})
    assert response.status_code == 302 and response.url == settings_url
    assert "so" in selectors.enabled_languages(demo)
    assert any("Somali is now offered" in m for m in _messages(response))

    response = client.post(enable, {"language": "so"})
    assert any("already offered; nothing changed" in m for m in _messages(response))

    response = client.post(enable, {"language": "klingon"})
    assert response.status_code == 400
    assert "This language is not supported." in response.content.decode()

    response = client.post(disable, {"language": "so"})
    assert "so" not in selectors.enabled_languages(demo)
    assert any("Somali is no longer offered" in m for m in _messages(response))
    response = client.post(disable, {"language": "so"})
    assert any("was not offered; nothing changed" in m for m in _messages(response))


def test_assigning_through_the_page_explains_bad_input(
    verified_client, manager, demo, french, settings_url
):
    client = verified_client(manager)
    assign = reverse("translations:assign_translator", args=[demo.slug])
    member = _member(demo, "amal@example.org")
    outsider = User.objects.create_user("outsider@example.org", "x")

    response = client.post(assign, {"user": outsider.pk, "language": "fr"})
    assert response.status_code == 400
    assert "Choose a member of the programme; invite the person first." in (
        response.content.decode()
    )

    response = client.post(assign, {"user": member.pk, "language": "de"})
    assert response.status_code == 400
    assert "Choose one of the languages the programme offers." in response.content.decode()

    response = client.post(assign, {"user": member.pk, "language": "ar"})
    assert response.status_code == 302
    assert any("Amal now translates into Arabic." in m for m in _messages(response))
    response = client.post(assign, {"user": member.pk, "language": "ar"})
    assert any("already translates into Arabic; nothing changed" in m for m in _messages(response))
    assert TranslatorAssignment.objects.filter(user=member).count() == 1

    assignment = TranslatorAssignment.objects.get(user=member)
    unassign = reverse("translations:unassign_translator", args=[demo.slug, assignment.pk])
    response = client.post(unassign)
    assert any("Amal no longer translates into Arabic" in m for m in _messages(response))
    assert not TranslatorAssignment.objects.filter(user=member).exists()
    response = client.post(unassign)
    assert response.status_code == 302
    assert any("already unassigned; nothing changed" in m for m in _messages(response))


def test_the_page_reads_a_constant_number_of_queries(
    verified_client, manager, demo, french, settings_url
):
    client = verified_client(manager)
    client.get(settings_url)
    with CaptureQueriesContext(connection) as few:
        client.get(settings_url)
    for code in ("de", "it", "uk", "ti"):
        services.enable_language(programme=demo, language=code, by=manager)
        for number in range(3):
            member = _member(demo, f"{code}{number}@example.org")
            services.assign_translator(programme=demo, user=member, language=code, by=manager)
    with CaptureQueriesContext(connection) as many:
        response = client.get(settings_url)
    assert response.content.decode().count("Unassign ") == 12
    assert len(many) == len(few)


def test_the_dashboard_and_index_link_to_the_settings_for_managers_only(
    verified_client, client, manager, toolbox, translator, settings_url
):
    dashboard = reverse("translations:dashboard", args=[toolbox.slug])
    index = reverse("translations:index")
    as_manager = verified_client(manager)
    assert settings_url in as_manager.get(dashboard).content.decode()
    assert settings_url in as_manager.get(index).content.decode()
    as_manager.logout()
    client.force_login(translator)
    assert settings_url not in client.get(dashboard).content.decode()
    assert settings_url not in client.get(index).content.decode()
