"""Background work of the referral app. Arguments are primary keys."""

import logging

from django_tasks import task

from equalcity.core import jobs
from equalcity.referral import models as m
from equalcity.referral import services

logger = logging.getLogger(__name__)


@jobs.register("referral.directory_import")
@task()
def run_directory_import(import_id: int) -> None:
    job = (
        m.DirectoryImport.objects.select_related("programme", "requested_by")
        .filter(pk=import_id)
        .first()
    )
    if job is None or job.state != m.DirectoryImport.State.QUEUED:
        return
    services.mark_import_running(job=job)
    try:
        with job.package.open("rb") as handle:
            data = handle.read()
        report = services.import_datapackage(
            source=data, programme=job.programme, by=job.requested_by
        )
    except services.ImportRefused as refused:
        services.finish_import(
            job=job, report=refused.report, state=m.DirectoryImport.State.REFUSED
        )
    except Exception:  # the editor sees "failed"; the log says why
        logger.exception("directory import %s failed", import_id)
        services.finish_import(job=job, report=None, state=m.DirectoryImport.State.FAILED)
    else:
        services.finish_import(job=job, report=report, state=m.DirectoryImport.State.DONE)
