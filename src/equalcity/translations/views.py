from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from equalcity.core.errors import DomainError
from equalcity.toolboxes.models import Toolbox
from equalcity.translations import exchange, selectors, services
from equalcity.translations.forms import ImportForm, UnitForm
from equalcity.translations.languages import CONTENT_LANGUAGES, direction
from equalcity.translations.permissions import Target

NAMES = dict(CONTENT_LANGUAGES)


def _toolbox(request, slug) -> Toolbox:
    toolbox = Toolbox.objects.filter(slug=slug).select_related("programme").first()
    if toolbox is None or not request.user.has_perm("translations.view_dashboard", toolbox):
        raise Http404
    return toolbox


def _language(toolbox, language) -> str:
    if language not in selectors.enabled_languages(toolbox.programme):
        raise Http404
    return language


@login_required
def index(request):
    toolboxes = [
        toolbox
        for toolbox in Toolbox.objects.select_related("programme").order_by("title")
        if request.user.has_perm("translations.view_dashboard", toolbox)
    ]
    return render(request, "translations/index.html", {"toolboxes": toolboxes})


@login_required
def dashboard(request, slug):
    toolbox = _toolbox(request, slug)
    rows = selectors.coverage(toolbox, selectors.enabled_languages(toolbox.programme))
    for row in rows:
        row.name = NAMES.get(row.language, row.language)
    chart = {
        "labels": [str(row.name) for row in rows],
        "series": [
            {"key": key, "label": label, "values": [getattr(row, key) for row in rows]}
            for key, label in (
                ("reviewed", _("Reviewed")),
                ("translated", _("Translated")),
                ("outdated", _("Outdated")),
                ("missing", _("Missing")),
            )
        ],
    }
    return render(
        request, "translations/dashboard.html", {"toolbox": toolbox, "rows": rows, "chart": chart}
    )


@login_required
def worklist(request, slug, language):
    toolbox = _toolbox(request, slug)
    language = _language(toolbox, language)
    target = Target(toolbox, language)
    if not request.user.has_perm("translations.translate_unit", target):
        raise Http404
    items = selectors.worklist(toolbox, language)
    return render(
        request,
        "translations/worklist.html",
        {
            "toolbox": toolbox,
            "language": language,
            "language_name": NAMES[language],
            "dir": direction(language),
            "items": items,
            "may_review": request.user.has_perm("translations.review_unit", target),
            "import_form": ImportForm(),
        },
    )


@login_required
@require_POST
def save_unit(request, slug, language):
    toolbox = _toolbox(request, slug)
    language = _language(toolbox, language)
    form = UnitForm(request.POST)
    if form.is_valid():
        try:
            services.save_translation(
                toolbox=toolbox,
                unit_id=form.cleaned_data["unit_id"],
                language=language,
                text=form.cleaned_data["text"],
                done=form.cleaned_data["done"],
                by=request.user,
            )
            messages.success(request, _("Translation saved."))
        except DomainError as error:
            messages.error(request, error.message)
    return redirect("translations:worklist", slug=toolbox.slug, language=language)


@login_required
@require_POST
def review_unit(request, slug, language, pk):
    toolbox = _toolbox(request, slug)
    language = _language(toolbox, language)
    translation = selectors.translation_of(toolbox, pk)
    if translation is None or translation.language != language:
        raise Http404
    try:
        services.review_translation(translation=translation, by=request.user)
        messages.success(request, _("Translation marked as reviewed."))
    except DomainError as error:
        messages.error(request, error.message)
    return redirect("translations:worklist", slug=toolbox.slug, language=language)


@login_required
def export_file(request, slug, language, fmt):
    toolbox = _toolbox(request, slug)
    language = _language(toolbox, language)
    if fmt not in exchange.FORMATS:
        raise Http404
    try:
        content = services.export_translations(
            toolbox=toolbox, language=language, fmt=fmt, by=request.user
        )
    except DomainError as error:
        raise Http404 from error
    response = HttpResponse(content, content_type=exchange.CONTENT_TYPES[fmt])
    name = exchange.file_name(toolbox.slug, language, fmt)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
@require_POST
def import_file(request, slug, language):
    toolbox = _toolbox(request, slug)
    language = _language(toolbox, language)
    if not request.user.has_perm("translations.import_file", Target(toolbox, language)):
        raise Http404
    form = ImportForm(request.POST, request.FILES)
    report = None
    if form.is_valid():
        report = services.import_translations(
            toolbox=toolbox,
            language=language,
            content=form.cleaned_data["file"].read(),
            fmt=form.cleaned_data["format"],
            by=request.user,
        )
    return render(
        request,
        "translations/import_report.html",
        {
            "toolbox": toolbox,
            "language": language,
            "language_name": NAMES[language],
            "form": form,
            "report": report,
        },
        status=200 if report is not None and report.applied else 400,
    )
