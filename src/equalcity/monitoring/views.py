from datetime import timedelta
from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from equalcity.accounts.audit import record
from equalcity.accounts.models import Organisation
from equalcity.core.errors import DomainError
from equalcity.monitoring import selectors, services
from equalcity.monitoring.forms import (
    ActionItemForm,
    FinanceLineForm,
    IndicatorValueForm,
    MeetingForm,
    PhaseForm,
    ReportTextForm,
    StartReportForm,
)
from equalcity.monitoring.models import (
    ActionItem,
    EvaluationReport,
    FinanceLine,
    Indicator,
    IndicatorValue,
    Meeting,
    PartnerReport,
    ProgrammePhase,
)
from equalcity.monitoring.periods import quarter_end, quarter_start, quarters_of
from equalcity.monitoring.permissions import editor_organisations
from equalcity.programmes.models import Programme

# Spending to date may stray this many percentage points from a straight line through the
# programme before the report page asks for an explanation.
VARIANCE_TOLERANCE = Decimal(15)
# Which field of a form a service's refusal belongs to; other refusals go above the form.
FINANCE_FIELDS = {
    "budget_line_required": "budget_line",
    "duplicate_budget_line": "budget_line",
    "unknown_currency": "currency",
    "cumulative_too_small": "spent_to_date",
}
VALUE_FIELDS = {
    "negative_amount": "value",
    "evidence_type": "evidence",
    "evidence_size": "evidence",
}
MEETING_FIELDS = {
    "bad_kind": "kind",
    "title_required": "title",
    "meeting_exists": "held_on",
    "not_taking_part": "participants",
}
PHASE_FIELDS = {
    "phase_name_required": "name",
    "phase_name_too_long": "name",
    "duplicate_phase": "name",
    "phase_ends_before_start": "ends_on",
    "phase_before_programme": "starts_on",
    "phase_after_programme": "ends_on",
}
ACTION_FIELDS = {
    "text_required": "text",
    "action_item_exists": "text",
    "due_before_meeting": "due_on",
    "not_taking_part": "owner",
}


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
    actions = list(selectors.open_action_items(programme))
    return render(
        request,
        "monitoring/dashboard.html",
        {
            "programme": programme,
            "logframe": selectors.logframe(programme),
            "actions": actions,
            "completable": _completable(request.user, actions),
            "may_evaluate": request.user.has_perm("monitoring.generate_evaluation", programme),
            "may_manage_phases": request.user.has_perm("monitoring.manage_phases", programme),
            **selectors.dashboard(programme, today=today),
        },
    )


def _begun_quarters(programme, today) -> list[tuple[int, int]]:
    return [q for q in quarters_of(programme) if quarter_start(*q) <= today]


def _start_form(request, programme):
    """The form to start a quarter's report, for a partner editor; None for anyone else."""
    if not request.user.has_perm("monitoring.start_report", programme):
        return None
    organisations = list(
        Organisation.objects.filter(
            pk__in=editor_organisations(request.user, programme.pk)
        ).order_by("name")
    )
    if not organisations:
        return None
    begun = _begun_quarters(programme, timezone.localdate())
    taken = set(
        PartnerReport.objects.filter(programme=programme, organisation__in=organisations)
        .order_by()
        .values_list("organisation_id", "year", "quarter")
        .distinct()
    )
    free = [q for q in begun if any((o.pk, *q) not in taken for o in organisations)]
    return StartReportForm(
        request.POST if request.method == "POST" else None,
        organisations=organisations,
        begun=begun,
        free=free,
    )


@login_required
def reports(request, slug):
    programme = _programme(request, slug, "monitoring.view_reports")
    form = _start_form(request, programme)
    status = 200
    if request.method == "POST":
        if form is None:
            raise Http404
        if form.is_valid():
            year, quarter = form.cleaned_data["period"]
            try:
                report = services.start_report(
                    programme=programme,
                    organisation=form.cleaned_data["organisation"],
                    year=year,
                    quarter=quarter,
                    by=request.user,
                )
            except DomainError as error:
                form.add_error("period", error.message)
            else:
                messages.success(
                    request,
                    _("The report of %(year)s Q%(quarter)s is started; write it below.")
                    % {"year": year, "quarter": quarter},
                )
                return redirect(report_url(report))
        status = 400
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
            "start_form": form,
            "nothing_to_start": form is not None
            and not form.fields["period"].widget.choices
            and not form.is_bound,
        },
        status=status,
    )


def report_url(report, anchor: str = "") -> str:
    url = reverse("monitoring:report", args=[report.programme.slug, report.public_id])
    return f"{url}#{anchor}" if anchor else url


def _report(request, slug, public_id):
    programme = get_object_or_404(Programme, slug=slug)
    report = selectors.report_detail(request.user, programme, public_id)
    if report is None:
        raise Http404
    report.programme = programme  # already read: spares the permission checks a query each
    if not request.user.has_perm("monitoring.view_report", report):
        raise Http404
    return report


def _editable_report(request, slug, public_id):
    """The report, if the user may edit it (whatever its status: the service decides)."""
    report = _report(request, slug, public_id)
    if not request.user.has_perm("monitoring.edit_report", report):
        raise Http404
    return report


def _planned_share(report) -> Decimal:
    """Percent of a programme-long budget a straight line plans spent by the quarter's end."""
    programme = report.programme
    span = (programme.ends_on - programme.starts_on).days + 1
    until = min(quarter_end(report.year, report.quarter), programme.ends_on)
    elapsed = min(max((until - programme.starts_on).days + 1, 0), span)
    return round(Decimal(100 * elapsed) / Decimal(span), 1)


def _variance(burn_rate, plan) -> str:
    if burn_rate is None:
        return ""
    if burn_rate > plan + VARIANCE_TOLERANCE:
        return "above"
    if burn_rate < plan - VARIANCE_TOLERANCE:
        return "below"
    return ""


def _finance_totals(report, plan) -> list[dict]:
    """Totals per currency, each marked above or below the straight-line plan."""
    rows = selectors.finance_totals([report]).get(report.pk, [])
    for row in rows:
        row["variance"] = _variance(row["burn_rate"], plan)
    return rows


def _line_initial(line, lines) -> dict:
    if line is None:
        return {"currency": lines[0].currency if lines else "EUR"}
    return {
        "line": line.pk,
        "budget_line": line.budget_line,
        "currency": line.currency,
        "budget": line.budget,
        "spent_in_quarter": line.spent_in_quarter,
        "spent_to_date": line.spent_to_date,
        "variance_explained": line.variance_explained,
    }


def _value_rows(report, *, editable, bound=None) -> list[dict]:
    """The programme's manual indicators with this organisation's value, and their forms."""
    rows = []
    for indicator, value in selectors.manual_values(report):
        form = None
        if editable:
            prefix = f"value-{indicator.pk}"
            if bound is not None and bound.prefix == prefix:
                form = bound
            else:
                initial = {"value": value.value, "source": value.source} if value else None
                form = IndicatorValueForm(prefix=prefix, initial=initial)
        rows.append({"indicator": indicator, "value": value, "form": form})
    return rows


def _first_error(form) -> str:
    for errors in form.errors.values():
        return str(errors[0])
    return ""


def _render_report(
    request, report, *, status=200, text_form=None, finance_form=None, value_form=None
):
    editable = report.editable and request.user.has_perm("monitoring.edit_report", report)
    lines = list(report.finances.all())
    plan = _planned_share(report)
    editing = None
    refusal = ""
    if editable:
        if text_form is None:
            text_form = ReportTextForm(
                initial={
                    "narrative": report.narrative,
                    "activities_planned": report.activities_planned,
                    "activities_done": report.activities_done,
                    "risks": report.risks,
                }
            )
        if finance_form is None:
            wanted = request.GET.get("line")  # "Change" on a line: its values in the form
            editing = next((line for line in lines if str(line.pk) == wanted), None)
            finance_form = FinanceLineForm(initial=_line_initial(editing, lines))
        else:
            wanted = str(finance_form["line"].value())
            editing = next((line for line in lines if str(line.pk) == wanted), None)
    else:
        # The report left the partner's hands since the form was shown (submitted in another
        # tab, say): no form to show the refusal in, so it goes above the report.
        refused = [form for form in (text_form, finance_form, value_form) if form is not None]
        refusal = _first_error(refused[0]) if refused else ""
    values = _value_rows(report, editable=editable, bound=value_form)
    if value_form is not None and editable and not any(r["form"] is value_form for r in values):
        refusal = _first_error(value_form)
    return render(
        request,
        "monitoring/report.html",
        {
            "programme": report.programme,
            "report": report,
            "lines": [
                {"line": line, "variance": _variance(line.burn_rate, plan)} for line in lines
            ],
            "plan": plan,
            "tolerance": VARIANCE_TOLERANCE,
            "totals": _finance_totals(report, plan),
            "values": values,
            "editable": editable,
            "text_form": text_form if editable else None,
            "finance_form": finance_form if editable else None,
            "editing": editing,
            "refusal": refusal,
            "may_submit": request.user.has_perm("monitoring.submit_report", report),
            "may_review": request.user.has_perm("monitoring.review_report", report),
        },
        status=status,
    )


@login_required
def report(request, slug, public_id):
    return _render_report(request, _report(request, slug, public_id))


@login_required
@require_POST
def report_text(request, slug, public_id):
    report = _editable_report(request, slug, public_id)
    form = ReportTextForm(request.POST)
    if form.is_valid():
        try:
            services.update_report(report=report, by=request.user, **form.cleaned_data)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The report text is saved."))
            return redirect(report_url(report, "report-text"))
    return _render_report(request, report, status=400, text_form=form)


@login_required
@require_POST
def finance_line(request, slug, public_id):
    report = _editable_report(request, slug, public_id)
    form = FinanceLineForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.set_finance_line(
                report=report,
                budget_line=data["budget_line"],
                currency=data["currency"],
                budget=data["budget"],
                spent_in_quarter=data["spent_in_quarter"],
                spent_to_date=data["spent_to_date"],
                variance_explained=data["variance_explained"],
                # The service finds the line within this report, or says it is gone.
                line=FinanceLine(pk=data["line"], report_id=report.pk) if data["line"] else None,
                by=request.user,
            )
        except DomainError as error:
            form.add_error(FINANCE_FIELDS.get(error.code), error.message)
        else:
            messages.success(
                request,
                _("The budget line “%(line)s” is saved.") % {"line": data["budget_line"].strip()},
            )
            return redirect(report_url(report, "finances"))
    return _render_report(request, report, status=400, finance_form=form)


@login_required
@require_POST
def finance_line_remove(request, slug, public_id, line):
    report = _editable_report(request, slug, public_id)
    try:
        services.remove_finance_line(
            line=FinanceLine(pk=line, report_id=report.pk), by=request.user
        )
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The budget line is removed."))
    return redirect(report_url(report, "finances"))


@login_required
@require_POST
def indicator_value(request, slug, public_id, indicator):
    report = _editable_report(request, slug, public_id)
    indicator = get_object_or_404(Indicator, programme=report.programme, pk=indicator)
    form = IndicatorValueForm(request.POST, request.FILES, prefix=f"value-{indicator.pk}")
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.record_value(
                indicator=indicator,
                organisation=report.organisation,
                year=report.year,
                quarter=report.quarter,
                value=data["value"],
                source=data["source"],
                evidence=data["evidence"] or None,
                by=request.user,
            )
        except DomainError as error:
            form.add_error(VALUE_FIELDS.get(error.code), error.message)
        else:
            messages.success(
                request,
                _("The value of %(indicator)s is saved.") % {"indicator": indicator.code},
            )
            return redirect(report_url(report, "values"))
    return _render_report(request, report, status=400, value_form=form)


@login_required
def evidence(request, slug, pk):
    """An evidence file, for the lead agency or the organisation that sent it; audited."""
    programme = get_object_or_404(Programme, slug=slug)
    value = (
        IndicatorValue.objects.select_related("indicator", "organisation")
        .filter(pk=pk, indicator__programme=programme)
        .first()
    )
    if (
        value is None
        or not value.evidence
        or not request.user.has_perm("monitoring.read_evidence", value)
    ):
        raise Http404
    try:
        handle = value.evidence.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    record(
        "monitoring.evidence.read",
        actor=request.user,
        obj=value,
        programme=programme,
        request=request,
        data={
            "organisation": value.organisation.slug,
            "year": value.year,
            "quarter": value.quarter,
        },
    )
    return FileResponse(handle, as_attachment=True, filename=value.evidence.name.rsplit("/", 1)[-1])


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


def _completable(user, items) -> set[int]:
    # The rules read the user's roles and organisations once per request, not once per item.
    return {item.pk for item in items if user.has_perm("monitoring.complete_action", item)}


@login_required
def meetings(request, slug):
    programme = _programme(request, slug, "monitoring.view_dashboard")
    actions = list(selectors.open_action_items(programme))
    return render(
        request,
        "monitoring/meetings.html",
        {
            "programme": programme,
            "meetings": selectors.meetings(programme),
            "actions": actions,
            "completable": _completable(request.user, actions),
            "may_manage": request.user.has_perm("monitoring.manage_meetings", programme),
        },
    )


def _meeting(programme, pk) -> Meeting:
    return get_object_or_404(
        Meeting.objects.prefetch_related("participants", "action_items__owner"),
        programme=programme,
        pk=pk,
    )


def _render_meeting(request, programme, meeting, *, form=None, action_form=None, status=200):
    organisations = selectors.organisations_taking_part(programme)
    if form is None:
        initial = {"held_on": timezone.localdate()}
        if meeting is not None:
            initial = {
                "kind": meeting.kind,
                "title": meeting.title,
                "held_on": meeting.held_on,
                "agenda": meeting.agenda,
                "participants": [o.pk for o in meeting.participants.all()],
                "minutes": meeting.minutes,
                "decisions": meeting.decisions,
            }
        form = MeetingForm(organisations=organisations, initial=initial)
    if meeting is not None and action_form is None:
        action_form = ActionItemForm(
            organisations=organisations,
            initial={"due_on": meeting.held_on + timedelta(days=30)},
        )
    return render(
        request,
        "monitoring/meeting_form.html",
        {
            "programme": programme,
            "meeting": meeting,
            "form": form,
            "action_form": action_form,
        },
        status=status,
    )


def _save_meeting(request, programme, meeting):
    organisations = selectors.organisations_taking_part(programme)
    if request.method != "POST":
        return _render_meeting(request, programme, meeting)
    form = MeetingForm(request.POST, organisations=organisations)
    if form.is_valid():
        data = form.cleaned_data
        try:
            if meeting is None:
                saved = services.create_meeting(programme=programme, by=request.user, **data)
            else:
                saved = services.update_meeting(meeting=meeting, by=request.user, **data)
        except DomainError as error:
            form.add_error(MEETING_FIELDS.get(error.code), error.message)
        else:
            messages.success(request, _("The meeting is saved. Its action items are listed below."))
            return redirect("monitoring:meeting", slug=programme.slug, pk=saved.pk)
    return _render_meeting(request, programme, meeting, form=form, status=400)


@login_required
def meeting_new(request, slug):
    programme = _programme(request, slug, "monitoring.manage_meetings")
    return _save_meeting(request, programme, None)


@login_required
def meeting_edit(request, slug, pk):
    programme = _programme(request, slug, "monitoring.manage_meetings")
    return _save_meeting(request, programme, _meeting(programme, pk))


@login_required
@require_POST
def action_add(request, slug, pk):
    programme = _programme(request, slug, "monitoring.manage_meetings")
    meeting = _meeting(programme, pk)
    form = ActionItemForm(
        request.POST, organisations=selectors.organisations_taking_part(programme)
    )
    if form.is_valid():
        try:
            services.add_action_item(meeting=meeting, by=request.user, **form.cleaned_data)
        except DomainError as error:
            form.add_error(ACTION_FIELDS.get(error.code), error.message)
        else:
            messages.success(request, _("The action item is added."))
            url = reverse("monitoring:meeting", args=[programme.slug, meeting.pk])
            return redirect(f"{url}#actions")
    return _render_meeting(request, programme, meeting, action_form=form, status=400)


@login_required
@require_POST
def action_done(request, slug, pk):
    """Mark an action item done: htmx swaps its row in place; without JS, back to the page."""
    programme = get_object_or_404(Programme, slug=slug)
    item = (
        ActionItem.objects.select_related("owner", "meeting")
        .filter(meeting__programme=programme, pk=pk)
        .first()
    )
    if item is None or not request.user.has_perm("monitoring.complete_action", item):
        raise Http404
    error = ""
    try:
        item = services.complete_action_item(item=item, on=timezone.localdate(), by=request.user)
    except DomainError as refused:
        error = refused.message
        item.refresh_from_db(fields=["done_on"])
    if request.headers.get("HX-Request"):
        # htmx swaps only 2xx answers: a refusal (done already) comes back as the row, as it
        # now is, with the reason, so the person sees it where they clicked.
        return render(
            request,
            "monitoring/includes/action_row.html",
            {"item": item, "programme": programme, "completable": set(), "error": error},
        )
    if error:
        messages.error(request, error)
    else:
        messages.success(request, _("The action item is marked as done."))
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        back = reverse("monitoring:meetings", args=[programme.slug])
    return redirect(back)


def _phases_url(programme, anchor: str = "") -> str:
    url = reverse("monitoring:phases", args=[programme.slug])
    return f"{url}#{anchor}" if anchor else url


def _render_phases(request, programme, *, editing=None, form=None, status=200):
    if form is None:
        initial = None
        if editing is not None:
            initial = {
                "name": editing.name,
                "starts_on": editing.starts_on,
                "ends_on": editing.ends_on,
                "description": editing.description,
            }
        form = PhaseForm(programme=programme, initial=initial)
    return render(
        request,
        "monitoring/phases.html",
        {
            "programme": programme,
            "phases": selectors.phases_of(programme),
            "editing": editing,
            "form": form,
        },
        status=status,
    )


@login_required
def phases(request, slug):
    """The programme's phases, with the form to add one; for its managers."""
    programme = _programme(request, slug, "monitoring.manage_phases")
    if request.method != "POST":
        return _render_phases(request, programme)
    form = PhaseForm(request.POST, programme=programme)
    if form.is_valid():
        try:
            phase = services.add_phase(programme=programme, by=request.user, **form.cleaned_data)
        except DomainError as error:
            form.add_error(PHASE_FIELDS.get(error.code), error.message)
        else:
            messages.success(
                request,
                _("The phase “%(name)s” is added at the end of the timeline.")
                % {"name": phase.name},
            )
            return redirect(_phases_url(programme, f"phase-{phase.pk}"))
    return _render_phases(request, programme, form=form, status=400)


@login_required
def phase_edit(request, slug, pk):
    programme = _programme(request, slug, "monitoring.manage_phases")
    phase = get_object_or_404(ProgrammePhase, programme=programme, pk=pk)
    phase.programme = programme
    if request.method != "POST":
        return _render_phases(request, programme, editing=phase)
    form = PhaseForm(request.POST, programme=programme)
    if form.is_valid():
        try:
            phase = services.change_phase(phase=phase, by=request.user, **form.cleaned_data)
        except DomainError as error:
            form.add_error(PHASE_FIELDS.get(error.code), error.message)
        else:
            messages.success(request, _("The phase “%(name)s” is saved.") % {"name": phase.name})
            return redirect(_phases_url(programme, f"phase-{phase.pk}"))
    return _render_phases(request, programme, editing=phase, form=form, status=400)


@login_required
@require_POST
def phase_remove(request, slug, pk):
    programme = _programme(request, slug, "monitoring.manage_phases")
    try:
        # The service finds the phase within this programme, or says it is gone.
        removed = services.remove_phase(
            phase=ProgrammePhase(pk=pk, programme=programme), by=request.user
        )
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The phase “%(name)s” is removed.") % {"name": removed.name})
    return redirect(_phases_url(programme))


@login_required
@require_POST
def phase_move(request, slug, pk):
    programme = _programme(request, slug, "monitoring.manage_phases")
    try:
        moved = services.move_phase(
            phase=ProgrammePhase(pk=pk, programme=programme),
            direction=request.POST.get("direction", ""),
            by=request.user,
        )
    except DomainError as error:
        messages.error(request, error.message)
        return redirect(_phases_url(programme))
    messages.success(
        request,
        _("The phase “%(name)s” is now number %(number)s on the timeline.")
        % {"name": moved.name, "number": moved.position + 1},
    )
    return redirect(_phases_url(programme, f"phase-{moved.pk}"))


@login_required
def iati(request, slug):
    programme = _programme(request, slug, "monitoring.export_iati")
    from equalcity.monitoring.iati import activity_xml

    try:
        document = activity_xml(programme, today=timezone.localdate())
    except DomainError as error:  # a misconfigured organisation identifier, a bad currency
        messages.error(request, error.message)
        return redirect("monitoring:dashboard", slug=slug)
    response = HttpResponse(document, content_type="application/xml")
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
