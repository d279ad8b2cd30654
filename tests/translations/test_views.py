import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from equalcity.toolboxes import services as toolbox_services
from equalcity.translations import services
from equalcity.translations.models import Translation
from equalcity.translations.units import toolbox_units

pytestmark = pytest.mark.django_db


def test_dashboard_shows_a_table_and_chart_data(client, toolbox, translator, manager):
    units = toolbox_units(toolbox)
    services.save_translation(
        toolbox=toolbox, unit_id=units[0].id, language="fr", text="Boîte", done=True, by=translator
    )
    client.force_login(translator)
    response = client.get(reverse("translations:dashboard", args=[toolbox.slug]))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="translations-coverage-data"' in html and "translations/coverage.js" in html
    assert '<tr data-language="fr">' in html
    row = next(r for r in response.context["rows"] if r.language == "fr")
    assert (row.translated, row.missing) == (1, len(units) - 1)
    assert "<script>" not in html.replace("<script src=", "")


def test_dashboard_query_count_does_not_grow_with_languages(
    verified_client, toolbox, translator, manager, demo
):
    client = verified_client(manager)
    url = reverse("translations:dashboard", args=[toolbox.slug])
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for code in ("de", "it", "es", "uk", "ti", "so"):
        services.enable_language(programme=demo, language=code, by=manager)
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)
    assert len(response.context["rows"]) == 8
    assert len(many) == len(few)


def test_pages_are_not_found_for_strangers_and_other_languages(client, toolbox, translator):
    client.force_login(translator)
    assert (
        client.get(reverse("translations:worklist", args=[toolbox.slug, "ar"])).status_code == 404
    )
    assert (
        client.get(reverse("translations:worklist", args=[toolbox.slug, "de"])).status_code == 404
    )
    client.logout()
    from equalcity.accounts.models import User

    stranger = User.objects.create_user("stranger@example.org", "x")
    client.force_login(stranger)
    assert client.get(reverse("translations:dashboard", args=[toolbox.slug])).status_code == 404


def test_translator_sees_the_source_diff_of_an_outdated_unit(client, toolbox, translator, editor):
    section = toolbox.modules.first().sections.first()
    unit_id = f"section:{section.pk}:body"
    services.save_translation(
        toolbox=toolbox, unit_id=unit_id, language="fr", text="Écoutez.", done=True, by=translator
    )
    toolbox_services.save_section(
        section=section,
        title=section.title,
        body="Listen <script>closely</script>.",
        expected_revision=section.revision,
        by=editor,
    )
    client.force_login(translator)
    html = client.get(reverse("translations:worklist", args=[toolbox.slug, "fr"])).content.decode()
    assert "Outdated" in html and "<ins>" in html
    assert "<script>closely" not in html


def test_export_and_import_through_the_pages(client, toolbox, translator):
    client.force_login(translator)
    exported = client.get(reverse("translations:export", args=[toolbox.slug, "fr", "po"]))
    assert exported.status_code == 200
    assert 'filename="test-toolbox.fr.po"' in exported["Content-Disposition"] or exported[
        "Content-Disposition"
    ].endswith('.fr.po"')
    content = exported.content.decode()
    title_id = toolbox_units(toolbox)[0].id
    content = content.replace(
        f'msgctxt "{title_id}"\nmsgid "Test toolbox"\nmsgstr ""',
        f'msgctxt "{title_id}"\nmsgid "Test toolbox"\nmsgstr "Boîte à outils de test"',
    )
    upload = SimpleUploadedFile("back.po", content.encode())
    response = client.post(
        reverse("translations:import", args=[toolbox.slug, "fr"]), {"format": "po", "file": upload}
    )
    assert response.status_code == 200
    assert Translation.objects.get(unit_id=title_id).text == "Boîte à outils de test"
    bad = client.post(
        reverse("translations:import", args=[toolbox.slug, "fr"]),
        {"format": "xliff12", "file": SimpleUploadedFile("x.xlf", b"<xliff")},
    )
    assert bad.status_code == 400 and "Nothing was imported" in bad.content.decode()
