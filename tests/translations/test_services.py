import pytest

from equalcity.accounts.models import AuditEntry
from equalcity.toolboxes import services as toolbox_services
from equalcity.translations import selectors, services
from equalcity.translations.models import Translation, TranslationStatus
from equalcity.translations.services import TranslationError
from equalcity.translations.units import toolbox_units

pytestmark = pytest.mark.django_db


def _section_body(toolbox):
    section = toolbox.modules.first().sections.first()
    return section, f"section:{section.pk}:body"


def test_every_translatable_field_is_a_unit_with_a_stable_id(toolbox, editor):
    module = toolbox.modules.first()
    module.learning_objectives = "Listen\nRefer"
    module.save()
    consented = toolbox_services.add_testimony(
        module=module, quote="It helped me.", consent_given=True, by=editor
    )
    unconsented = toolbox_services.add_testimony(module=module, quote="Private.", by=editor)
    ids = [unit.id for unit in toolbox_units(toolbox)]
    assert ids[0] == f"toolbox:{toolbox.pk}:title"
    assert f"module:{module.pk}:title" in ids
    assert f"module:{module.pk}:objectives" in ids
    annex = module.sections.get(kind="trainer_annex")
    assert f"section:{annex.pk}:title" in ids and f"section:{annex.pk}:body" in ids
    assert f"testimony:{consented.pk}:quote" in ids
    assert f"testimony:{unconsented.pk}:quote" not in ids
    assert len(ids) == len(set(ids))


def test_translator_saves_and_a_manager_reviews(toolbox, translator, manager):
    section, unit_id = _section_body(toolbox)
    saved = services.save_translation(
        toolbox=toolbox,
        unit_id=unit_id,
        language="fr",
        text="Écouter attentivement et sans juger. Texte du module 1.",
        done=True,
        by=translator,
    )
    assert saved.status == TranslationStatus.TRANSLATED and saved.updated_by == translator
    reviewed = services.review_translation(translation=saved, by=manager)
    assert reviewed.status == TranslationStatus.REVIEWED and reviewed.reviewed_by == manager
    assert reviewed.reviewed_at is not None
    assert AuditEntry.objects.filter(action="translations.unit.reviewed").count() == 1


def test_a_translator_cannot_work_in_a_language_not_assigned(toolbox, translator):
    _section, unit_id = _section_body(toolbox)
    with pytest.raises(TranslationError) as refused:
        services.save_translation(
            toolbox=toolbox, unit_id=unit_id, language="ar", text="نص", done=True, by=translator
        )
    assert refused.value.code == "not_allowed"


def test_a_placeholder_or_link_dropped_is_refused(toolbox, translator, editor):
    section, unit_id = _section_body(toolbox)
    toolbox_services.save_section(
        section=section,
        title=section.title,
        body="Call **%(phone)s** or see [the guide](https://example.org/g).",
        expected_revision=section.revision,
        by=editor,
    )
    with pytest.raises(TranslationError) as refused:
        services.save_translation(
            toolbox=toolbox,
            unit_id=unit_id,
            language="fr",
            text="Appelez **%(phone)s** ou voyez le guide.",
            done=True,
            by=translator,
        )
    assert refused.value.code == "markup_lost"
    assert not Translation.objects.filter(unit_id=unit_id).exists()


def test_editing_the_source_makes_the_translation_outdated_with_a_diff(toolbox, translator, editor):
    section, unit_id = _section_body(toolbox)
    services.save_translation(
        toolbox=toolbox,
        unit_id=unit_id,
        language="fr",
        text="Écoutez.",
        done=True,
        by=translator,
    )
    assert selectors.coverage(toolbox, ["fr"])[0].translated == 1
    # when
    toolbox_services.save_section(
        section=section,
        title=section.title,
        body="Listen closely, <b>always</b>.",
        expected_revision=section.revision,
        by=editor,
    )
    # then
    row = selectors.coverage(toolbox, ["fr"])[0]
    assert (row.translated, row.outdated) == (0, 1)
    item = next(i for i in selectors.worklist(toolbox, "fr") if i.unit.id == unit_id)
    assert item.outdated
    before, after = item.source_diff()
    assert "<del>" in before and "<ins>always</ins>" not in after
    assert "&lt;b&gt;always&lt;/b&gt;" in after
    with pytest.raises(TranslationError) as refused:
        services.review_translation(translation=item.translation, by=translator)
    assert refused.value.code == "outdated"


def test_coverage_counts_all_four_states(toolbox, translator, manager):
    units = toolbox_units(toolbox)
    services.save_translation(
        toolbox=toolbox,
        unit_id=units[0].id,
        language="fr",
        text="Boîte à outils de test",
        done=True,
        by=translator,
    )
    second = services.save_translation(
        toolbox=toolbox,
        unit_id=units[1].id,
        language="fr",
        text="Module 1",
        done=True,
        by=translator,
    )
    services.review_translation(translation=second, by=manager)
    services.save_translation(
        toolbox=toolbox,
        unit_id=units[2].id,
        language="fr",
        text="brouillon",
        done=False,
        by=translator,
    )
    row = selectors.coverage(toolbox, ["fr"])[0]
    assert (row.reviewed, row.translated, row.outdated) == (1, 1, 0)
    assert row.missing == len(units) - 2


def test_machine_suggestions_are_off_by_default(toolbox, translator):
    _section, unit_id = _section_body(toolbox)
    with pytest.raises(TranslationError) as refused:
        services.suggest_machine_translation(
            toolbox=toolbox, unit_id=unit_id, language="fr", by=translator
        )
    assert refused.value.code == "machine_off"


def test_a_machine_draft_is_not_published_until_a_person_reviews_it(
    toolbox, translator, manager, settings
):
    settings.TRANSLATION_MACHINE_BACKEND = "equalcity.translations.machine.BracketBackend"
    _section, unit_id = _section_body(toolbox)
    draft = services.suggest_machine_translation(
        toolbox=toolbox, unit_id=unit_id, language="fr", by=translator
    )
    assert draft.status == TranslationStatus.MACHINE_DRAFT and draft.text.startswith("[fr] ")
    assert unit_id not in selectors.reader_texts(toolbox, "fr")
    assert selectors.coverage(toolbox, ["fr"])[0].translated == 0
    services.review_translation(translation=draft, by=manager)
    assert unit_id in selectors.reader_texts(toolbox, "fr")


def test_a_suggestion_never_replaces_a_persons_work(toolbox, translator, settings):
    settings.TRANSLATION_MACHINE_BACKEND = "equalcity.translations.machine.BracketBackend"
    _section, unit_id = _section_body(toolbox)
    services.save_translation(
        toolbox=toolbox, unit_id=unit_id, language="fr", text="Écoutez.", done=True, by=translator
    )
    with pytest.raises(TranslationError):
        services.suggest_machine_translation(
            toolbox=toolbox, unit_id=unit_id, language="fr", by=translator
        )
    assert Translation.objects.get(unit_id=unit_id).text == "Écoutez."


def test_languages_must_be_enabled_and_known(demo, manager, toolbox, french):
    with pytest.raises(TranslationError):
        services.enable_language(programme=demo, language="xx", by=manager)
    for code in ("ga", "mt", "prs", "ps", "ti", "so", "tr", "uk", "ru", "fa"):
        services.enable_language(programme=demo, language=code, by=manager)
    assert {"fr", "ar", "prs", "ti"} <= set(selectors.enabled_languages(demo))
