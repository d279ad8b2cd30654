"""A PDF edition is made once per edition and language and kept; when a translation in that
language is saved, reviewed or imported, the kept PDF is made again on its next request."""

import pytest

from equalcity.toolboxes import services as toolbox_services
from equalcity.toolboxes.models import EditionPdf
from equalcity.translations import services
from equalcity.translations.units import toolbox_units

pytestmark = pytest.mark.django_db


def _made(edition, language):
    """A PDF as the background task leaves it: done, with its file."""
    pdf, _created = EditionPdf.objects.update_or_create(
        edition=edition,
        language=language,
        defaults={"state": EditionPdf.State.DONE, "progress": 100, "outdated": False},
    )
    return pdf


def test_a_saved_translation_has_the_kept_pdf_made_again(
    published, translator, manager, django_capture_on_commit_callbacks
):
    edition = published.latest_edition
    french, english = _made(edition, "fr"), _made(edition, "en")
    unit = toolbox_units(published)[0]
    services.save_translation(
        toolbox=published, unit_id=unit.id, language="fr", text="Boîte", done=True, by=translator
    )
    french.refresh_from_db()
    english.refresh_from_db()
    assert french.outdated and not english.outdated  # only the language that changed

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        again = toolbox_services.request_edition_pdf(edition=edition, language="fr")
        once_more = toolbox_services.request_edition_pdf(edition=edition, language="fr")
    assert again.pk == french.pk == once_more.pk
    assert again.state == EditionPdf.State.QUEUED and not again.outdated
    assert len(callbacks) == 1  # queued once, not once per request
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        kept = toolbox_services.request_edition_pdf(edition=edition, language="en")
    assert kept.state == EditionPdf.State.DONE and not callbacks


def test_a_review_marks_the_pdf_of_its_language(published, translator, manager):
    edition = published.latest_edition
    unit = toolbox_units(published)[0]
    saved = services.save_translation(
        toolbox=published, unit_id=unit.id, language="fr", text="Boîte", done=True, by=translator
    )
    french = _made(edition, "fr")
    services.review_translation(translation=saved, by=manager)
    french.refresh_from_db()
    assert french.outdated


def test_a_refused_import_leaves_the_pdf_as_it_is(published, manager, french):
    french = _made(published.latest_edition, "fr")
    report = services.import_translations(
        toolbox=published, language="fr", content=b"not a file", fmt="po", by=manager
    )
    assert report.error
    french.refresh_from_db()
    assert not french.outdated
