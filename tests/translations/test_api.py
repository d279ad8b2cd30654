"""The read API of translation coverage: toolbox × content language, for the people who may
follow the dashboard; 404 for anyone else; a constant number of queries."""

import pytest
import yaml
from django.db import connection
from django.test.utils import CaptureQueriesContext

from equalcity.accounts.models import Membership, Role, User
from equalcity.toolboxes import services as toolbox_services
from equalcity.translations import selectors, services
from equalcity.translations.units import toolbox_units

pytestmark = pytest.mark.django_db

LIST = "/api/v1/translations/coverage/"


def _detail(toolbox):
    return f"/api/v1/translations/coverage/{toolbox.slug}/"


def test_a_translator_reads_the_coverage_of_each_language(client, toolbox, translator, manager):
    units = toolbox_units(toolbox)
    saved = services.save_translation(
        toolbox=toolbox, unit_id=units[0].id, language="fr", text="Boîte", done=True, by=translator
    )
    services.review_translation(translation=saved, by=manager)
    services.save_translation(
        toolbox=toolbox, unit_id=units[1].id, language="fr", text="Module", done=True, by=translator
    )
    client.force_login(translator)
    data = client.get(_detail(toolbox)).json()
    assert data["toolbox"] == toolbox.slug and data["programme"] == "equalcity"
    assert data["units"] == len(units)
    languages = {row["language"]: row for row in data["languages"]}
    assert set(languages) == {"ar", "fr"}
    fr = languages["fr"]
    assert (fr["reviewed"], fr["translated"], fr["outdated"]) == (1, 1, 0)
    assert fr["missing"] == len(units) - 2
    assert (fr["native_name"], fr["dir"]) == ("français", "ltr")
    assert (languages["ar"]["dir"], languages["ar"]["missing"]) == ("rtl", len(units))

    listed = client.get(LIST).json()
    assert [row["toolbox"] for row in listed] == [toolbox.slug]
    assert listed[0]["languages"] == data["languages"]


def test_an_outdated_translation_is_counted_as_outdated(client, toolbox, translator, editor):
    section = toolbox.modules.first().sections.first()
    services.save_translation(
        toolbox=toolbox,
        unit_id=f"section:{section.pk}:body",
        language="fr",
        text="Écoutez.",
        done=True,
        by=translator,
    )
    toolbox_services.save_section(
        section=section,
        title=section.title,
        body="Listen, and believe her.",
        expected_revision=section.revision,
        by=editor,
    )
    client.force_login(translator)
    fr = next(r for r in client.get(_detail(toolbox)).json()["languages"] if r["language"] == "fr")
    assert (fr["translated"], fr["outdated"]) == (0, 1)
    row = selectors.coverage(toolbox, ["fr"])[0]
    assert (row.translated, row.outdated, row.missing) == (0, 1, fr["missing"])


def test_people_who_may_not_follow_the_dashboard_get_404(client, toolbox, demo_users, french):
    assert client.get(_detail(toolbox)).status_code == 403  # not signed in
    stranger = User.objects.create_user("stranger@example.org", "x")
    for user in (stranger, demo_users[Role.TRAINER], demo_users[Role.VIEWER]):
        client.force_login(user)
        assert client.get(_detail(toolbox)).status_code == 404
        assert client.get(LIST).json() == []
    client.force_login(demo_users[Role.PARTNER_EDITOR])
    assert client.get(_detail(toolbox)).status_code == 200
    assert client.get("/api/v1/translations/coverage/no-such-toolbox/").status_code == 404


def test_a_translator_of_another_programme_sees_nothing_of_this_one(
    client, toolbox, other_programme, french
):
    boss = User.objects.create_user("boss@example.org", "x")
    Membership.objects.create(user=boss, programme=other_programme, role=Role.PROGRAMME_MANAGER)
    elsewhere = User.objects.create_user("elsewhere@example.org", "x")
    Membership.objects.create(user=elsewhere, programme=other_programme, role=Role.VIEWER)
    services.enable_language(programme=other_programme, language="fr", by=boss)
    services.assign_translator(programme=other_programme, user=elsewhere, language="fr", by=boss)
    client.force_login(elsewhere)
    assert client.get(_detail(toolbox)).status_code == 404
    assert client.get(LIST).json() == []


def test_the_list_reads_a_constant_number_of_queries(client, demo, toolbox, editor, manager):
    services.enable_language(programme=demo, language="fr", by=manager)
    client.force_login(editor)
    client.get(LIST)
    with CaptureQueriesContext(connection) as few:
        one = client.get(LIST).json()
    for number in (2, 3, 4):
        extra = toolbox_services.create_toolbox(
            programme=demo, title=f"Toolbox {number}", target_group="women_girls", by=editor
        )
        module = toolbox_services.add_module(toolbox=extra, title="Module", by=editor)
        toolbox_services.add_section(module=module, title="Section", body="Text.", by=editor)
    for code in ("ar", "de", "ti", "uk"):
        services.enable_language(programme=demo, language=code, by=manager)
    with CaptureQueriesContext(connection) as many:
        four = client.get(LIST).json()
    assert (len(one), len(four)) == (1, 4)
    assert len(four[0]["languages"]) == 5
    assert len(many) == len(few)


def test_the_schema_lists_the_translations_api(client, demo):
    paths = yaml.safe_load(client.get("/api/schema/").content)["paths"]
    assert "/api/v1/translations/coverage/" in paths
    assert "/api/v1/translations/coverage/{slug}/" in paths
