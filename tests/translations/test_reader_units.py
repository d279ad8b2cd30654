"""Testimonies and module summaries in the reader's content language, unit by unit.

A published toolbox with one module (a summary, objectives, a section) and three testimonies:
one consented and named by a pseudonym, one illustrative, one consented and never
translated. Translations are saved and reviewed through the services, as translators do.
"""

import re
import shutil
import subprocess

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.utils import translation as ui_translation

from equalcity.programmes.demo import load_all_demo_data
from equalcity.toolboxes import models as toolbox_models
from equalcity.toolboxes import selectors as toolbox_selectors
from equalcity.toolboxes import services as toolbox_services
from equalcity.toolboxes.demo import WOMEN_SLUG
from equalcity.toolboxes.models import EditionPdf, Status, Toolbox
from equalcity.translations import services
from equalcity.translations.models import Translation
from equalcity.translations.units import toolbox_units
from tests.toolboxes.journeys import walk_to_final

pytestmark = pytest.mark.django_db

NOT_YET = "This part is not yet translated"
OUTDATED = "the translation may be out of date"

SUMMARY = "How to listen first, and what to do next."
SUMMARY_AR = "كيف نصغي أولاً، وماذا نفعل بعد ذلك."
NAMED = "Someone finally listened to me."
NAMED_AR = "أخيراً أصغى إليّ أحدهم."
ILLUSTRATIVE = "Nobody had asked me before."
ILLUSTRATIVE_AR = "لم يسألني أحد من قبل."
UNTRANSLATED = "I was believed, and that changed everything."


def _publish(toolbox, *, editor, reviewer, coordinator, manager):
    walk_to_final(toolbox, editor=editor, reviewer=reviewer, coordinator=coordinator)
    toolbox_services.publish_edition(toolbox=toolbox, by=manager)  # its PDF is not rendered
    toolbox.refresh_from_db()
    return toolbox


def _module_with_testimonies(toolbox, editor, *, title="Listening", number=""):
    module = toolbox_services.add_module(
        toolbox=toolbox,
        title=title,
        summary=f"{SUMMARY}{number}",
        learning_objectives="Listen without judging",
        by=editor,
    )
    toolbox_services.add_section(
        module=module, title=f"First contact{number}", body="Listen.", by=editor
    )
    testimonies = [
        toolbox_services.add_testimony(
            module=module,
            quote=f"{NAMED}{number}",
            attribution="pseudonym",
            pseudonym="Amal",
            country="SY",
            consent_given=True,
            by=editor,
        ),
        toolbox_services.add_testimony(
            module=module, quote=f"{ILLUSTRATIVE}{number}", is_illustrative=True, by=editor
        ),
        toolbox_services.add_testimony(
            module=module, quote=f"{UNTRANSLATED}{number}", consent_given=True, by=editor
        ),
    ]
    return module, testimonies


@pytest.fixture
def draft(demo, editor, french):
    toolbox = toolbox_services.create_toolbox(
        programme=demo, title="Listening first", target_group="women_girls", by=editor
    )
    module, testimonies = _module_with_testimonies(toolbox, editor)
    return toolbox, module, testimonies


def _translate(toolbox, unit_id, text, by, *, language="ar", review=True):
    saved = services.save_translation(
        toolbox=toolbox, unit_id=unit_id, language=language, text=text, done=True, by=by
    )
    return services.review_translation(translation=saved, by=by) if review else saved


@pytest.fixture
def arabic(draft, editor, reviewer, coordinator, manager):
    """Published, with the module summary and two testimonies translated into Arabic."""
    toolbox, module, (named, illustrative, _untranslated) = draft
    _translate(toolbox, f"module:{module.pk}:summary", SUMMARY_AR, manager)
    _translate(toolbox, f"testimony:{named.pk}:quote", NAMED_AR, manager)
    _translate(
        toolbox, f"testimony:{illustrative.pk}:quote", ILLUSTRATIVE_AR, manager, review=False
    )
    _publish(toolbox, editor=editor, reviewer=reviewer, coordinator=coordinator, manager=manager)
    return draft


def _figures(html: str) -> list[str]:
    return re.findall(r'<figure class="testimony">(.*?)</figure>', html, re.S)


def test_a_module_summary_is_a_unit(draft):
    toolbox, module, testimonies = draft
    ids = [unit.id for unit in toolbox_units(toolbox)]
    assert ids.index(f"module:{module.pk}:title") + 1 == ids.index(f"module:{module.pk}:summary")
    assert [unit.text for unit in toolbox_units(toolbox) if unit.id.endswith(":summary")] == [
        SUMMARY
    ]


def test_the_reader_shows_testimonies_and_the_module_summary_in_arabic(arabic, client):
    toolbox, _module, _testimonies = arabic
    html = client.get(f"/en/toolboxes/{toolbox.slug}/?content=ar").content.decode()
    assert '<article class="reader" lang="ar" dir="rtl">' in html
    assert f'<p lang="ar" dir="rtl">{SUMMARY_AR}</p>' in html
    assert SUMMARY not in html
    named, illustrative, untranslated = _figures(html)
    # reviewed and translated text both reach readers, right-to-left, without a notice
    assert f'<blockquote lang="ar" dir="rtl">{NAMED_AR}</blockquote>' in named
    assert "Amal" in named and NOT_YET not in named and NAMED not in named
    assert f'<blockquote lang="ar" dir="rtl">{ILLUSTRATIVE_AR}</blockquote>' in illustrative
    assert "Illustrative testimony" in illustrative
    # the third falls back to the source, marked as such, with the sections' notice
    assert f'<blockquote lang="en" dir="auto">{UNTRANSLATED}</blockquote>' in untranslated
    assert NOT_YET in untranslated
    # the module's title and objectives are not translated: the module says so once
    assert html.count(NOT_YET) == 2


def test_in_the_source_language_nothing_is_marked(arabic, client):
    toolbox, _module, _testimonies = arabic
    html = client.get(f"/en/toolboxes/{toolbox.slug}/").content.decode()
    assert NOT_YET not in html and NAMED_AR not in html
    assert [NAMED, ILLUSTRATIVE, UNTRANSLATED] == [
        re.search(r"<blockquote[^>]*>(.*?)</blockquote>", f).group(1) for f in _figures(html)
    ]
    assert f'<p lang="en" dir="auto">{SUMMARY}</p>' in html


def test_a_machine_draft_or_unfinished_work_is_never_shown(
    draft, editor, reviewer, coordinator, manager, client, settings
):
    settings.TRANSLATION_MACHINE_BACKEND = "equalcity.translations.machine.BracketBackend"
    toolbox, module, (named, _illustrative, _untranslated) = draft
    services.suggest_machine_translation(
        toolbox=toolbox, unit_id=f"testimony:{named.pk}:quote", language="ar", by=manager
    )
    services.save_translation(
        toolbox=toolbox,
        unit_id=f"module:{module.pk}:summary",
        language="ar",
        text=SUMMARY_AR,
        done=False,
        by=manager,
    )
    _publish(toolbox, editor=editor, reviewer=reviewer, coordinator=coordinator, manager=manager)
    html = client.get(f"/en/toolboxes/{toolbox.slug}/?content=ar").content.decode()
    assert "[ar]" not in html and SUMMARY_AR not in html
    assert f'<p lang="en" dir="auto">{SUMMARY}</p>' in html
    assert all(NOT_YET in figure for figure in _figures(html))


def test_a_testimony_translated_from_earlier_words_carries_the_outdated_notice(
    draft, editor, reviewer, coordinator, manager, client
):
    toolbox, _module, (named, _illustrative, _untranslated) = draft
    _translate(toolbox, f"testimony:{named.pk}:quote", NAMED_AR, manager)
    # the words are corrected (in the admin) before publication; the translation is not
    toolbox_models.Testimony.objects.filter(pk=named.pk).update(
        quote="Someone finally listened to me, here."
    )
    _publish(toolbox, editor=editor, reviewer=reviewer, coordinator=coordinator, manager=manager)
    html = client.get(f"/en/toolboxes/{toolbox.slug}/?content=ar").content.decode()
    figure = _figures(html)[0]
    assert NAMED_AR in figure and OUTDATED in figure and NOT_YET not in figure


def test_a_testimony_without_consent_is_never_shown(arabic, client):
    toolbox, _module, (named, _illustrative, _untranslated) = arabic
    # consent withdrawn after publication: the edition keeps the words, readers never see them
    toolbox_models.Testimony.objects.filter(pk=named.pk).update(consent_given=False)
    for content in ("ar", "en"):
        html = client.get(f"/en/toolboxes/{toolbox.slug}/?content={content}").content.decode()
        assert NAMED not in html and NAMED_AR not in html and "Amal" not in html
        assert len(_figures(html)) == 2
    with ui_translation.override("ar"):
        document = toolbox_selectors.edition_document(toolbox.latest_edition, language="ar")
    assert [t.quote for t in document["modules"][0].testimonies] == [ILLUSTRATIVE_AR, UNTRANSLATED]


def test_a_copy_is_matched_to_its_draft_by_the_recorded_id(arabic, client):
    toolbox, _module, (named, illustrative, _untranslated) = arabic
    # the draft's words change after publication: the edition still knows whose copy it is
    toolbox_models.Testimony.objects.filter(pk__in=[named.pk, illustrative.pk]).update(
        quote="Rewritten."
    )
    html = client.get(f"/en/toolboxes/{toolbox.slug}/?content=ar").content.decode()
    assert len(_figures(html)) == 3 and "Rewritten." not in html
    toolbox_models.Testimony.objects.filter(pk=named.pk).update(consent_given=False)
    html = client.get(f"/en/toolboxes/{toolbox.slug}/?content=ar").content.decode()
    assert NAMED_AR not in html and len(_figures(html)) == 2


def test_an_older_copy_without_id_is_shown_only_when_illustrative(arabic, client):
    toolbox, _module, (named, illustrative, _untranslated) = arabic
    # editions published before copies recorded their testimony's id match by the words
    for module in toolbox.latest_edition.modules.all():
        module.testimonies = [
            {k: v for k, v in item.items() if k != "id"} for item in module.testimonies
        ]
        module.save(update_fields=["testimonies"])
    toolbox_models.Testimony.objects.filter(pk__in=[named.pk, illustrative.pk]).update(
        quote="Rewritten."
    )
    html = client.get(f"/en/toolboxes/{toolbox.slug}/?content=ar").content.decode()
    assert NAMED not in html and NAMED_AR not in html  # consent can no longer be checked
    illustrative_figure, _untranslated_figure = _figures(html)
    assert f'<blockquote lang="en" dir="auto">{ILLUSTRATIVE}</blockquote>' in illustrative_figure
    assert NOT_YET in illustrative_figure


def test_the_section_page_shows_the_module_heading_in_the_content_language(
    draft, editor, reviewer, coordinator, manager, client
):
    toolbox, module, _testimonies = draft
    _translate(toolbox, f"module:{module.pk}:title", "الإصغاء", manager)
    _publish(toolbox, editor=editor, reviewer=reviewer, coordinator=coordinator, manager=manager)
    section = module.sections.get()
    html = client.get(f"/en/toolboxes/{toolbox.slug}/sections/{section.pk}/?content=ar")
    html = html.content.decode()
    assert '<p class="reader-module" lang="ar" dir="rtl">الإصغاء</p>' in html
    assert '<span lang="ar" dir="rtl">الإصغاء</span>' in html  # in the contents too


def test_the_pdf_edition_shows_them_in_the_content_language(arabic):
    toolbox, _module, _testimonies = arabic
    with ui_translation.override("ar"):
        context = toolbox_selectors.edition_document(toolbox.latest_edition, language="ar")
        html = render_to_string("toolboxes/pdf/edition.html", context)
    assert '<html lang="ar" dir="rtl">' in html
    assert f'<p lang="ar" dir="rtl">{SUMMARY_AR}</p>' in html
    assert f'<blockquote lang="ar" dir="rtl">{NAMED_AR}</blockquote>' in html
    assert f'<blockquote lang="ar" dir="rtl">{ILLUSTRATIVE_AR}</blockquote>' in html
    # the untranslated one keeps its own language and direction, after the notice
    before, _after = html.split(f'<blockquote lang="en" dir="ltr">{UNTRANSLATED}</blockquote>')
    assert before.rstrip().endswith(
        f"{NOT_YET}; it is shown in the language it was written in.</p>"
    )
    assert '<p class="attribution">— Amal</p>' in html


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils is not installed")
def test_the_french_pdf_has_the_translated_testimony(
    draft, editor, reviewer, coordinator, manager, client, django_capture_on_commit_callbacks
):
    toolbox, _module, (named, _illustrative, _untranslated) = draft
    _translate(
        toolbox,
        f"testimony:{named.pk}:quote",
        "Enfin, quelqu’un m’a écoutée.",
        manager,
        language="fr",
    )
    _publish(toolbox, editor=editor, reviewer=reviewer, coordinator=coordinator, manager=manager)
    with django_capture_on_commit_callbacks(execute=True):
        assert client.get(f"/en/toolboxes/{toolbox.slug}/pdf/?content=fr").status_code == 200
    pdf = EditionPdf.objects.get(edition=toolbox.latest_edition, language="fr")
    assert pdf.state == EditionPdf.State.DONE, pdf.error
    with pdf.file.open("rb") as stored:
        text = subprocess.run(  # noqa: S603 - a fixed tool reading this test's PDF
            ["pdftotext", "-", "-"],  # noqa: S607
            input=stored.read(),
            capture_output=True,
            check=True,
            timeout=60,
        ).stdout.decode()
    assert "Enfin, quelqu’un m’a écoutée." in " ".join(text.split())
    assert NAMED not in " ".join(text.split())


def test_the_arabic_reader_page_with_testimonies_runs_a_constant_number_of_queries(
    arabic, editor, reviewer, coordinator, manager, client, django_assert_num_queries
):
    toolbox, _module, _testimonies = arabic
    url = f"/en/toolboxes/{toolbox.slug}/?content=ar"

    def count():
        client.get(url)
        with CaptureQueriesContext(connection) as captured:
            html = client.get(url).content.decode()
        return len(captured), html

    small, html = count()
    assert len(_figures(html)) == 3
    toolbox_services.move_toolbox(toolbox=toolbox, to_status=Status.DRAFT, by=editor)
    for number in range(1, 6):
        module, (named, illustrative, _rest) = _module_with_testimonies(
            toolbox, editor, title=f"Grown {number}", number=f" {number}"
        )
        _translate(toolbox, f"module:{module.pk}:summary", f"{SUMMARY_AR} {number}", manager)
        _translate(toolbox, f"testimony:{named.pk}:quote", f"{NAMED_AR} {number}", manager)
        _translate(
            toolbox, f"testimony:{illustrative.pk}:quote", f"{ILLUSTRATIVE_AR} {number}", manager
        )
    _publish(toolbox, editor=editor, reviewer=reviewer, coordinator=coordinator, manager=manager)
    with django_assert_num_queries(small):
        html = client.get(url).content.decode()
    assert len(_figures(html)) == 18
    assert html.count('<blockquote lang="ar" dir="rtl">') == 12


@pytest.fixture
def women(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    load_all_demo_data()
    return Toolbox.objects.get(slug=WOMEN_SLUG)


def test_the_demo_reader_shows_translated_testimonies_in_french_and_arabic(women, client):
    french = client.get(f"/en/toolboxes/{WOMEN_SLUG}/?content=fr").content.decode()
    assert "Je ne savais pas que ce qui m&#x27;était arrivé avait un nom" in french
    assert "Quatre modules pour les professionnelles" in french
    arabic = client.get(f"/en/toolboxes/{WOMEN_SLUG}/?content=ar").content.decode()
    assert '<blockquote lang="ar" dir="rtl">لم أكن أعرف أن لما حدث لي اسماً' in arabic
    assert '<blockquote lang="ar" dir="rtl">احتفظ بجواز سفري.' in arabic
    # module 3's testimony is translated into French only: Arabic readers see the source
    assert '<blockquote lang="en" dir="auto">They told me the debt' in arabic
    assert Translation.objects.filter(unit_id__startswith="testimony:", is_demo=True).count() == 4
