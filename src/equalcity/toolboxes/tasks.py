"""Background work of the toolboxes: PDF editions. Arguments are primary keys."""

import logging

from django.core.files.base import ContentFile
from django.utils import translation
from django_tasks import task

from equalcity.core import jobs
from equalcity.core.pdf import render_pdf
from equalcity.toolboxes import selectors
from equalcity.toolboxes.models import EditionPdf

logger = logging.getLogger(__name__)


def _progress(pdf: EditionPdf, state: str, progress: int) -> None:
    pdf.state, pdf.progress = state, progress
    pdf.save(update_fields=["state", "progress", "updated_at"])


@jobs.register("toolboxes.edition_pdf")
@task()
def render_edition_pdf(pdf_id: int) -> None:
    pdf = EditionPdf.objects.select_related("edition__toolbox").filter(pk=pdf_id).first()
    if pdf is None or pdf.state == EditionPdf.State.DONE:
        return
    _progress(pdf, EditionPdf.State.RUNNING, 10)
    try:
        with translation.override(pdf.language):
            context = selectors.edition_document(pdf.edition, language=pdf.language)
            _progress(pdf, EditionPdf.State.RUNNING, 40)
            data = render_pdf("toolboxes/pdf/edition.html", context)
        _progress(pdf, EditionPdf.State.RUNNING, 90)
        edition = pdf.edition
        name = f"{edition.toolbox.slug}-{edition.major}-{edition.minor}-{pdf.language}.pdf"
        pdf.file.save(name, ContentFile(data), save=False)
        pdf.state, pdf.progress, pdf.error = EditionPdf.State.DONE, 100, ""
        pdf.save(update_fields=["file", "state", "progress", "error", "updated_at"])
    except Exception as error:  # the reader sees "failed" and may ask again; the log says why
        logger.exception("PDF edition %s failed", pdf_id)
        pdf.state, pdf.error = EditionPdf.State.FAILED, type(error).__name__[:200]
        pdf.save(update_fields=["state", "error", "updated_at"])
