from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from equalcity.core.errors import DomainError
from equalcity.core.languages import CONTENT_LANGUAGES, direction, native_name
from equalcity.programmes.models import Programme
from equalcity.toolboxes.models import Toolbox
from equalcity.translations import exchange, machine, selectors, services
from equalcity.translations.forms import ImportForm, TranslatorForm, UnitForm
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
    return render(
        request,
        "translations/index.html",
        {
            "toolboxes": selectors.dashboard_toolboxes(request.user),
            "managed": selectors.managed_programmes(request.user),
        },
    )


@login_required
def dashboard(request, slug):
    toolbox = _toolbox(request, slug)
    rows = selectors.coverage(toolbox, selectors.enabled_languages(toolbox.programme))
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
        request,
        "translations/dashboard.html",
        {
            "toolbox": toolbox,
            "rows": rows,
            "chart": chart,
            "may_manage": request.user.has_perm("translations.manage_languages", toolbox.programme),
        },
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
            "machine_on": machine.is_on(),
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
def suggest_unit(request, slug, language):
    """Ask the configured machine backend for a draft of one unit (never shown to readers)."""
    toolbox = _toolbox(request, slug)
    language = _language(toolbox, language)
    if not machine.is_on() or not request.user.has_perm(
        "translations.translate_unit", Target(toolbox, language)
    ):
        raise Http404
    unit_id = request.POST.get("unit_id", "")
    try:
        services.suggest_machine_translation(
            toolbox=toolbox, unit_id=unit_id, language=language, by=request.user
        )
        messages.success(
            request,
            _(
                "A machine draft was saved. Correct it and save it as your translation: "
                "readers do not see it until then."
            ),
        )
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


# --- content languages and translators of a programme (programme managers) -------------------


def _managed(request, slug) -> Programme:
    programme = Programme.objects.filter(slug=slug).first()
    if programme is None or not request.user.has_perm("translations.manage_languages", programme):
        raise Http404
    return programme


def _name(language: str) -> str:
    return str(NAMES.get(language, language))


def _translator_form(programme, data=None) -> TranslatorForm:
    languages = [
        (code, f"{_name(code)} — {native_name(code)}")
        for code in selectors.enabled_languages(programme)
    ]
    return TranslatorForm(
        data, members=selectors.translator_candidates(programme), languages=languages
    )


def _settings_page(request, programme, *, form=None, error: str = "", status: int = 200):
    rows = selectors.language_settings(programme)
    return render(
        request,
        "translations/settings.html",
        {
            "programme": programme,
            "rows": rows,
            "offered": [row for row in rows if row.enabled],
            "form": form or _translator_form(programme),
            "error": error,
        },
        status=status,
    )


@login_required
def language_settings(request, programme):
    """The programme's content languages and translators: a manager enables languages and
    assigns members of the programme to them."""
    return _settings_page(request, _managed(request, programme))


@login_required
@require_POST
def enable_language(request, programme):
    programme = _managed(request, programme)
    language = request.POST.get("language", "")
    offered = language in selectors.enabled_languages(programme)
    try:
        services.enable_language(programme=programme, language=language, by=request.user)
    except DomainError as error:
        return _settings_page(request, programme, error=error.message, status=400)
    if offered:
        messages.info(
            request,
            _("%(language)s was already offered; nothing changed.") % {"language": _name(language)},
        )
    else:
        messages.success(
            request,
            _(
                "%(language)s is now offered: readers can choose it and translators can be "
                "assigned to it."
            )
            % {"language": _name(language)},
        )
    return redirect("translations:settings", programme=programme.slug)


@login_required
@require_POST
def disable_language(request, programme):
    programme = _managed(request, programme)
    language = request.POST.get("language", "")
    try:
        disabled = services.disable_language(
            programme=programme, language=language, by=request.user
        )
    except DomainError as error:
        return _settings_page(request, programme, error=error.message, status=400)
    name = _name(language)
    if not disabled.was_enabled:
        messages.info(
            request, _("%(language)s was not offered; nothing changed.") % {"language": name}
        )
    else:
        messages.success(
            request,
            _("%(language)s is no longer offered to readers. Its translations are kept.")
            % {"language": name},
        )
        if disabled.translators_removed:
            messages.info(
                request,
                ngettext(
                    "%(count)d translator no longer translates into %(language)s.",
                    "%(count)d translators no longer translate into %(language)s.",
                    disabled.translators_removed,
                )
                % {"count": disabled.translators_removed, "language": name},
            )
    return redirect("translations:settings", programme=programme.slug)


@login_required
@require_POST
def assign_translator(request, programme):
    programme = _managed(request, programme)
    form = _translator_form(programme, request.POST)
    if not form.is_valid():
        return _settings_page(request, programme, form=form, status=400)
    user, language = form.cleaned_data["user"], form.cleaned_data["language"]
    already = selectors.is_translator(programme, user, language)
    try:
        services.assign_translator(
            programme=programme, user=user, language=language, by=request.user
        )
    except DomainError as error:
        form.add_error(None, error.message)
        return _settings_page(request, programme, form=form, status=400)
    values = {"person": user, "language": _name(language)}
    if already:
        messages.info(
            request, _("%(person)s already translates into %(language)s; nothing changed.") % values
        )
    else:
        messages.success(request, _("%(person)s now translates into %(language)s.") % values)
    return redirect("translations:settings", programme=programme.slug)


@login_required
@require_POST
def unassign_translator(request, programme, pk):
    programme = _managed(request, programme)
    assignment = selectors.assignment_of(programme, pk)
    if assignment is None:
        messages.info(request, _("This person was already unassigned; nothing changed."))
        return redirect("translations:settings", programme=programme.slug)
    try:
        services.unassign_translator(
            programme=programme,
            user=assignment.user,
            language=assignment.language,
            by=request.user,
        )
    except DomainError as error:
        return _settings_page(request, programme, error=error.message, status=400)
    messages.success(
        request,
        _("%(person)s no longer translates into %(language)s. Their translations are kept.")
        % {"person": assignment.user, "language": _name(assignment.language)},
    )
    return redirect("translations:settings", programme=programme.slug)
