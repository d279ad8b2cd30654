"""Background work of monitoring. Arguments are primary keys."""

import logging

from django.core.files.base import ContentFile
from django_tasks import task

from equalcity.core import jobs
from equalcity.monitoring import evaluation
from equalcity.monitoring.models import EvaluationReport
from equalcity.monitoring.services import set_evaluation_progress

logger = logging.getLogger(__name__)
State = EvaluationReport.State


@jobs.register("monitoring.evaluation_report")
@task()
def generate_evaluation_report(report_id: int) -> None:
    report = EvaluationReport.objects.select_related("programme").filter(pk=report_id).first()
    if report is None or report.state != State.QUEUED:
        return
    try:
        set_evaluation_progress(report=report, state=State.RUNNING, progress=10)
        context = evaluation.content(report)
        set_evaluation_progress(report=report, state=State.RUNNING, progress=40)
        name = f"{report.programme.slug}-{report.kind}-{report.period_end}"
        report.pdf.save(f"{name}.pdf", ContentFile(evaluation.pdf(context)), save=False)
        set_evaluation_progress(report=report, state=State.RUNNING, progress=80)
        report.docx.save(f"{name}.docx", ContentFile(evaluation.docx(context)), save=False)
        report.state, report.progress = State.DONE, 100
        report.save(update_fields=["pdf", "docx", "state", "progress", "updated_at"])
    except Exception:  # the manager sees "failed"; the log says why
        logger.exception("evaluation report %s failed", report_id)
        set_evaluation_progress(report=report, state=State.FAILED, progress=0)
