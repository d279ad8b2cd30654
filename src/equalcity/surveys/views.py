import json
import uuid
from urllib.parse import urlsplit

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, JsonResponse
from django.middleware.csrf import CsrfViewMiddleware
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from equalcity.accounts.selectors import memberships_of
from equalcity.core.decorators import public_page
from equalcity.core.errors import DomainError
from equalcity.core.spreadsheets import csv_response, xlsx_response
from equalcity.programmes.models import Programme
from equalcity.surveys import selectors, services
from equalcity.surveys.forms import ExcerptForm, FocusGroupForm, ImportForm
from equalcity.surveys.models import Survey
from equalcity.surveys.rendering import form_tree, read_post
from equalcity.surveys.validation import language_key_for

MAX_JSON_BYTES = 256 * 1024


def _programme(user, slug: str, perm: str) -> Programme:
    """The programme if ``user`` holds ``perm`` on it; otherwise exactly like not found."""
    programme = Programme.objects.filter(slug=slug).first()
    if programme is None or not user.has_perm(perm, programme):
        raise Http404
    return programme


def _survey(programme, public_id) -> Survey:
    survey = selectors.survey_in(programme, public_id)
    if survey is None:
        raise Http404
    return survey


@login_required
def index(request):
    programmes = {ms.programme.slug: ms.programme for ms in memberships_of(request.user)}
    if len(programmes) == 1:
        return redirect("surveys:list", slug=next(iter(programmes)))
    return render(request, "surveys/index.html", {"programmes": list(programmes.values())})


@login_required
def survey_list(request, slug):
    programme = _programme(request.user, slug, "surveys.view_surveys")
    return render(
        request,
        "surveys/list.html",
        {
            "programme": programme,
            "surveys": selectors.surveys_of(programme),
            "may_import": request.user.has_perm("surveys.import_survey", programme),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def import_survey(request, slug):
    programme = _programme(request.user, slug, "surveys.import_survey")
    form = ImportForm(request.POST or None, request.FILES or None)
    report, status = None, 200
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["workbook"]
        try:
            if upload.size > services.MAX_UPLOAD_BYTES:
                raise services.ImportRefused(_("The file is larger than 2 MB."), code="too_large")
            survey = services.import_xlsform(
                programme=programme,
                content=upload.read(),
                filename=upload.name,
                by=request.user,
                anonymous=form.cleaned_data["anonymous"],
                open_now=form.cleaned_data["open_now"],
            )
        except services.ImportRefused as refusal:
            form.add_error(None, refusal.message)
            report, status = refusal.report, 400
        else:
            messages.success(request, _("The survey was imported."))
            return redirect("surveys:detail", slug=slug, public_id=survey.public_id)
    elif request.method == "POST":
        status = 400
    return render(
        request,
        "surveys/import.html",
        {"programme": programme, "form": form, "report": report},
        status=status,
    )


@login_required
def survey_detail(request, slug, public_id):
    programme = _programme(request.user, slug, "surveys.view_surveys")
    survey = _survey(programme, public_id)
    return render(
        request,
        "surveys/detail.html",
        {
            "programme": programme,
            "survey": survey,
            "may_change": request.user.has_perm("surveys.change_survey", programme),
            "may_export": request.user.has_perm("surveys.export_results", programme),
            "statuses": Survey.Status.choices,
        },
    )


@login_required
@require_POST
def change_status(request, slug, public_id):
    programme = _programme(request.user, slug, "surveys.change_survey")
    survey = _survey(programme, public_id)
    try:
        services.set_survey_status(
            survey=survey, status=request.POST.get("status", ""), by=request.user
        )
    except DomainError as refusal:
        messages.error(request, refusal.message)
    return redirect("surveys:detail", slug=slug, public_id=public_id)


# --- the respondent's form -------------------------------------------------------------


def _respondent_survey(request, public_id) -> Survey:
    survey = Survey.objects.filter(public_id=public_id).exclude(status=Survey.Status.DRAFT).first()
    if survey is None:
        raise Http404
    return survey


def _same_origin(request) -> bool:
    site = request.headers.get("Sec-Fetch-Site")
    if site is not None and site not in {"same-origin", "none"}:
        return False
    origin = request.headers.get("Origin")
    return origin is None or urlsplit(origin).netloc == request.get_host()


def _language(request, survey: Survey) -> tuple[str, str]:
    code = request.GET.get("lang") or get_language() or ""
    key = language_key_for(survey.definition, code)
    return code, key


def _form_context(survey, language_key, values, errors, submission_id, code):
    return {
        "survey": survey,
        "tree": form_tree(survey.definition, language_key, values, errors),
        "error_list": [("q-" + key.replace(".", "-"), message) for key, message in errors.items()],
        "submission_id": submission_id,
        "language_key": language_key,
        "language_code": code,
        "languages": [language for language in survey.definition["languages"] if language["code"]],
        "client": {
            "survey": str(survey.public_id),
            "language_key": language_key,
            "language": code,
            "definition": survey.definition["items"],
            "endpoint": reverse("surveys-api:submit", args=[survey.public_id]),
            "thanks": reverse("surveys:thanks", args=[survey.public_id]),
        },
    }


@public_page
@csrf_exempt  # anonymous respondents get no cookie; checked below by origin or CSRF token
@require_http_methods(["GET", "POST"])
def respond(request, public_id):
    survey = _respondent_survey(request, public_id)
    if not survey.anonymous and not request.user.is_authenticated:
        return redirect(f"{reverse('accounts:login')}?next={request.path}")
    code, language_key = _language(request, survey)
    if survey.status == Survey.Status.CLOSED:
        return render(request, "surveys/closed.html", {"survey": survey}, status=410)
    if request.method == "GET":
        context = _form_context(survey, language_key, {}, {}, uuid.uuid4(), code)
        return render(request, "surveys/respond.html", context)
    if not survey.anonymous:
        rejected = CsrfViewMiddleware(lambda r: None).process_view(request, None, (), {})
        if rejected is not None:
            return rejected
    elif not _same_origin(request):
        return HttpResponse(status=403)
    data = read_post(survey.definition, request.POST)
    try:
        submission_id = uuid.UUID(request.POST.get("submission_id", ""))
    except ValueError:
        submission_id = uuid.uuid4()
    add = request.POST.get("add_repeat", "")
    if add:
        if isinstance(data.get(add), list) and len(data[add]) < 50:
            data[add].append({})
        context = _form_context(survey, language_key, data, {}, submission_id, code)
        return render(request, "surveys/respond.html", context)
    try:
        services.submit_response(
            survey=survey,
            public_id=submission_id,
            data=data,
            language=code,
            respondent=request.user,
        )
    except services.SubmissionRefused as refusal:
        context = _form_context(survey, language_key, data, refusal.errors, submission_id, code)
        context["refusal"] = refusal.message
        return render(request, "surveys/respond.html", context, status=400)
    return redirect("surveys:thanks", public_id=survey.public_id)


@public_page
def thanks(request, public_id):
    survey = _respondent_survey(request, public_id)
    return render(request, "surveys/thanks.html", {"survey": survey})


@public_page
@csrf_exempt  # protected by the submission UUID, a JSON body and the same-origin check
@require_POST
def submit_api(request, public_id):
    survey = Survey.objects.filter(public_id=public_id).exclude(status=Survey.Status.DRAFT).first()
    if survey is None:
        return JsonResponse({"message": _("Not found.")}, status=404)
    if not _same_origin(request) or request.content_type != "application/json":
        return JsonResponse({"message": _("Refused.")}, status=403)
    if not survey.anonymous and not request.user.is_authenticated:
        return JsonResponse({"message": _("Sign in to answer this survey.")}, status=403)
    if len(request.body) > MAX_JSON_BYTES:
        return JsonResponse({"message": _("The submission is too large.")}, status=413)
    try:
        payload = json.loads(request.body)
        submission_id = uuid.UUID(str(payload["id"]))
        data = payload.get("data") or {}
        if not isinstance(data, dict):
            raise ValueError
    except (ValueError, KeyError, TypeError):
        return JsonResponse({"message": _("The submission cannot be read.")}, status=400)
    try:
        submission, created = services.submit_response(
            survey=survey,
            public_id=submission_id,
            data=data,
            language=str(payload.get("language", ""))[:20],
            respondent=request.user,
        )
    except services.SubmissionRefused as refusal:
        status = {"closed": 409, "conflict": 409}.get(refusal.code, 400)
        return JsonResponse(
            {"code": refusal.code, "message": str(refusal.message), "errors": refusal.errors},
            status=status,
        )
    return JsonResponse(
        {"id": str(submission.public_id), "status": "created" if created else "duplicate"},
        status=201 if created else 200,
    )


# --- results --------------------------------------------------------------------------


@login_required
def results(request, slug, public_id):
    programme = _programme(request.user, slug, "surveys.view_results")
    survey = _survey(programme, public_id)
    data = selectors.results(survey, language=get_language(), by_name=request.GET.get("by", ""))
    free_text = []
    if request.user.has_perm("surveys.view_free_text", programme):
        free_text = selectors.free_text(survey, language=get_language())
    return render(
        request,
        "surveys/results.html",
        {
            "programme": programme,
            "survey": survey,
            "results": data,
            "free_text": free_text,
            "may_export": request.user.has_perm("surveys.export_results", programme),
        },
    )


@login_required
def summary_csv(request, slug, public_id):
    """The aggregate table, suppressed exactly as on the page."""
    programme = _programme(request.user, slug, "surveys.view_results")
    survey = _survey(programme, public_id)
    data = selectors.results(survey, language=get_language())
    rows = [
        [question.name, row.label, str(row.cell), row.percent]
        for question in data["questions"]
        for row in question.rows
    ]
    header = [_("question"), _("answer"), _("count"), _("percent")]
    return csv_response(f"{survey.form_id}-summary.csv", header, rows)


@login_required
def export(request, slug, public_id, fmt):
    programme = _programme(request.user, slug, "surveys.export_results")
    survey = _survey(programme, public_id)
    if fmt not in {"csv", "xlsx", "json"}:
        raise Http404
    table = selectors.export_table(survey)
    services.record_export(survey=survey, by=request.user, fmt=fmt, request=request)
    name = survey.form_id
    if fmt == "csv":
        return csv_response(f"{name}.csv", table["columns"], _table_rows(table))
    if fmt == "xlsx":
        return xlsx_response(f"{name}.xlsx", _sheets(table))
    response = HttpResponse(
        json.dumps({"form_id": name, "submissions": table["json"]}, ensure_ascii=False),
        content_type="application/json",
    )
    response["Content-Disposition"] = f'attachment; filename="{name}.json"'
    return response


def _table_rows(part) -> list[list]:
    return [[row.get(column, "") for column in part["columns"]] for row in part["rows"]]


def _sheets(table) -> list:
    """The submissions, then one sheet per repeat group, as the CSV holds them."""
    sheets = [("submissions", table["columns"], _table_rows(table))]
    for repeat, part in table["repeats"].items():
        sheets.append((repeat, part["columns"], _table_rows(part)))
    return sheets


# --- focus groups and interviews ------------------------------------------------------


@login_required
def focus_groups(request, slug):
    programme = _programme(request.user, slug, "surveys.view_focus_groups")
    return render(
        request,
        "surveys/focus_groups.html",
        {
            "programme": programme,
            "table": selectors.theme_table(programme),
            "may_record": request.user.has_perm("surveys.record_focus_group", programme),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def new_focus_group(request, slug):
    programme = _programme(request.user, slug, "surveys.record_focus_group")
    form = FocusGroupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            session = services.record_focus_group(
                programme=programme,
                by=request.user,
                kind=data["kind"],
                held_on=data["held_on"],
                city=data["city"],
                target_group=data["target_group"],
                facilitator=data["facilitator"],
                participants=form.participants(),
                notes=data["notes"],
            )
        except DomainError as refusal:
            form.add_error(None, refusal.message)
        else:
            return redirect("surveys:focus-group", slug=slug, public_id=session.public_id)
    status = 400 if form.is_bound and form.errors else 200
    return render(
        request,
        "surveys/focus_group_new.html",
        {"programme": programme, "form": form},
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def focus_group_detail(request, slug, public_id):
    programme = _programme(request.user, slug, "surveys.view_focus_groups")
    session = selectors.focus_group_in(programme, public_id)
    if session is None:
        raise Http404
    may_record = request.user.has_perm("surveys.record_focus_group", programme)
    form = ExcerptForm(request.POST or None) if may_record else None
    if request.method == "POST":
        if not may_record:
            raise Http404
        if form.is_valid():
            try:
                services.add_excerpt(
                    focus_group=session,
                    by=request.user,
                    text=form.cleaned_data["text"],
                    themes=form.theme_names(),
                )
            except DomainError as refusal:
                form.add_error(None, refusal.message)
            else:
                return redirect("surveys:focus-group", slug=slug, public_id=public_id)
    status = 400 if form is not None and form.is_bound and form.errors else 200
    return render(
        request,
        "surveys/focus_group.html",
        {"programme": programme, "session": session, "form": form},
        status=status,
    )
