"""The "Suggest a machine draft" button on the translator's page: only when a backend is
configured, only for units no person has translated, and it never replaces a person's work."""

import pytest
from django.urls import reverse

from equalcity.translations import services
from equalcity.translations.models import Translation, TranslationStatus

pytestmark = pytest.mark.django_db

BACKEND = "equalcity.translations.machine.BracketBackend"
BUTTON = "Suggest a machine draft"


def _body(toolbox):
    section = toolbox.modules.first().sections.first()
    return f"section:{section.pk}:body"


def _unit_html(html: str, unit_id: str) -> str:
    start = html.index(f'data-unit="{unit_id}"')
    return html[start : html.index("</section>", start)]


def test_the_button_is_hidden_when_no_backend_is_configured(client, toolbox, translator):
    client.force_login(translator)
    html = client.get(reverse("translations:worklist", args=[toolbox.slug, "fr"])).content
    assert BUTTON not in html.decode()
    response = client.post(
        reverse("translations:suggest_unit", args=[toolbox.slug, "fr"]),
        {"unit_id": _body(toolbox)},
    )
    assert response.status_code == 404
    assert not Translation.objects.exists()


def test_a_translator_asks_for_a_draft_and_corrects_it(client, toolbox, translator, settings):
    settings.TRANSLATION_MACHINE_BACKEND = BACKEND
    client.force_login(translator)
    worklist = reverse("translations:worklist", args=[toolbox.slug, "fr"])
    unit_id = _body(toolbox)
    assert BUTTON in _unit_html(client.get(worklist).content.decode(), unit_id)

    response = client.post(
        reverse("translations:suggest_unit", args=[toolbox.slug, "fr"]), {"unit_id": unit_id}
    )
    assert response.status_code == 302 and response.url == worklist
    draft = Translation.objects.get(unit_id=unit_id, language="fr")
    assert draft.status == TranslationStatus.MACHINE_DRAFT and draft.text.startswith("[fr] ")
    unit = _unit_html(client.get(worklist).content.decode(), unit_id)
    assert "Suggest a new machine draft" in unit and "[fr] " in unit

    # once a person saved their text, the button is gone and a suggestion is refused
    services.save_translation(
        toolbox=toolbox, unit_id=unit_id, language="fr", text="Écoutez.", done=True, by=translator
    )
    unit = _unit_html(client.get(worklist).content.decode(), unit_id)
    assert "Suggest a" not in unit and "Translated" in unit
    response = client.post(
        reverse("translations:suggest_unit", args=[toolbox.slug, "fr"]),
        {"unit_id": unit_id},
        follow=True,
    )
    assert "a suggestion would replace their work" in response.content.decode()
    assert Translation.objects.get(unit_id=unit_id, language="fr").text == "Écoutez."


def test_an_unknown_unit_is_answered_with_a_message(client, toolbox, translator, settings):
    settings.TRANSLATION_MACHINE_BACKEND = BACKEND
    client.force_login(translator)
    response = client.post(
        reverse("translations:suggest_unit", args=[toolbox.slug, "fr"]),
        {"unit_id": "section:0:body"},
        follow=True,
    )
    assert response.status_code == 200
    assert "This text is not part of the toolbox." in response.content.decode()
    assert not Translation.objects.exists()


def test_other_languages_are_not_found(client, toolbox, translator, settings):
    settings.TRANSLATION_MACHINE_BACKEND = BACKEND
    client.force_login(translator)
    # not enabled, unknown, or enabled but not the translator's language: not found
    for language in ("de", "xx", "ar"):
        response = client.post(
            reverse("translations:suggest_unit", args=[toolbox.slug, language]),
            {"unit_id": _body(toolbox)},
        )
        assert response.status_code == 404
    assert not Translation.objects.exists()
