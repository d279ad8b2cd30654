from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from equalcity.core.errors import DomainError
from equalcity.monitoring import selectors, services
from equalcity.monitoring.models import EvaluationReport
from equalcity.programmes.models import Programme


def _programme(request, slug, perm):
    """The programme if the user holds ``perm`` in it; otherwise 404, as if absent."""
    programme = get_object_or_404(Programme, slug=slug)
    if not request.user.has_perm(perm, programme):
        raise Http404
    return programme


@login_required
def dashboard(request, slug):
    programme = _programme(request, slug, "monitoring.view_dashboard")
    today = timezone.localdate()
    return render(
        request,
        "monitoring/dashboard.html",
        {
            "programme": programme,
            "logframe": selectors.logframe(programme),
            "actions": selectors.open_action_items(programme),
            "may_evaluate": request.user.has_perm("monitoring.generate_evaluation", programme),
            **selectors.dashboard(programme, today=today),
        },
    )


@login_required
def reports(request, slug):
    programme = _programme(request, slug, "monitoring.view_reports")
    late = None
    if request.user.has_perm("monitoring.view_late_partners", programme):
        late = selectors.late_partners(programme, today=timezone.localdate())
    return render(
        request,
        "monitoring/reports.html",
        {
            "programme": programme,
            "reports": selectors.reports_visible_to(request.user, programme),
            "late": late,
        },
    )


def _report(request, slug, public_id):
    programme = get_object_or_404(Programme, slug=slug)
    report = selectors.report_detail(request.user, programme, public_id)
    if report is None or not request.user.has_perm("monitoring.view_report", report):
        raise Http404
    return report


@login_required
def report(request, slug, public_id):
    report = _report(request, slug, public_id)
    return render(
        request,
        "monitoring/report.html",
        {
            "programme": report.programme,
            "report": report,
            "totals": selectors.finance_totals(report),
            "may_submit": request.user.has_perm("monitoring.submit_report", report),
            "may_review": request.user.has_perm("monitoring.review_report", report),
        },
    )


ACTIONS = {
    "submit": ("monitoring.submit_report", services.submit_report),
    "correct": ("monitoring.edit_report", services.correct_report),
    "review": ("monitoring.review_report", services.review_report),
    "approve": ("monitoring.review_report", services.approve_report),
    "return": ("monitoring.review_report", services.return_report),
}


@login_required
@require_POST
def report_action(request, slug, public_id, verb):
    report = _report(request, slug, public_id)
    if verb not in ACTIONS or not request.user.has_perm(ACTIONS[verb][0], report):
        raise Http404
    kwargs = {"report": report, "by": request.user}
    if verb == "return":
        kwargs["comments"] = request.POST.get("comments", "")
    try:
        result = ACTIONS[verb][1](**kwargs)
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("monitoring:report", slug=slug, public_id=report.public_id)
    messages.success(
        request, _("Done: the report is now %(status)s.") % {"status": result.get_status_display()}
    )
    return redirect("monitoring:report", slug=slug, public_id=result.public_id)


@login_required
def meetings(request, slug):
    programme = _programme(request, slug, "monitoring.view_dashboard")
    return render(
        request,
        "monitoring/meetings.html",
        {
            "programme": programme,
            "meetings": selectors.meetings(programme),
            "actions": selectors.open_action_items(programme),
        },
    )


@login_required
def iati(request, slug):
    programme = _programme(request, slug, "monitoring.export_iati")
    from equalcity.monitoring.iati import activity_xml

    response = HttpResponse(
        activity_xml(programme, today=timezone.localdate()), content_type="application/xml"
    )
    response["Content-Disposition"] = f'attachment; filename="{programme.slug}-iati.xml"'
    return response


@login_required
def evaluations(request, slug):
    programme = _programme(request, slug, "monitoring.generate_evaluation")
    error = None
    if request.method == "POST":
        kind = request.POST.get("kind", "")
        start = parse_date(request.POST.get("period_start", "") or "")
        end = parse_date(request.POST.get("period_end", "") or "")
        if kind not in EvaluationReport.Kind.values or start is None or end is None:
            error = _("Choose a kind of report and give both dates.")
        else:
            try:
                report = services.request_evaluation_report(
                    programme=programme,
                    kind=kind,
                    period_start=start,
                    period_end=end,
                    by=request.user,
                )
            except DomainError as refused:
                error = refused.message
            else:
                return redirect("monitoring:evaluation", slug=slug, public_id=report.public_id)
    return render(
        request,
        "monitoring/evaluations.html",
        {
            "programme": programme,
            "reports": EvaluationReport.objects.filter(programme=programme),
            "kinds": EvaluationReport.Kind.choices,
            "error": error,
        },
        status=400 if error else 200,
    )


def _evaluation(request, slug, public_id):
    programme = _programme(request, slug, "monitoring.generate_evaluation")
    return get_object_or_404(EvaluationReport, programme=programme, public_id=public_id)


@login_required
def evaluation(request, slug, public_id):
    report = _evaluation(request, slug, public_id)
    template = (
        "monitoring/includes/evaluation_status.html"
        if request.headers.get("HX-Request")
        else "monitoring/evaluation.html"
    )
    return render(request, template, {"programme": report.programme, "report": report})


@login_required
def evaluation_file(request, slug, public_id, fmt):
    report = _evaluation(request, slug, public_id)
    field = {"pdf": report.pdf, "docx": report.docx}.get(fmt)
    if not field:
        raise Http404
    return FileResponse(
        field.open("rb"), as_attachment=True, filename=field.name.rsplit("/", 1)[-1]
    )
