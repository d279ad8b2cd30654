from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from equalcity.core.decorators import public_page
from equalcity.core.pdf import render_pdf
from equalcity.core.spreadsheets import csv_response
from equalcity.programmes.models import Programme
from equalcity.toolboxes import selectors, services
from equalcity.toolboxes.diff import diff_sections
from equalcity.toolboxes.forms import (
    CommentForm,
    ExpertProfileForm,
    ModuleForm,
    MoveForm,
    PublishForm,
    ReplyForm,
    ResourceForm,
    ReviewForm,
    RoundForm,
    SectionAddForm,
    SectionEditForm,
    TestimonyForm,
    ToolboxForm,
)
from equalcity.toolboxes.models import (
    CRITERIA,
    EditionPdf,
    Module,
    Rating,
    ReviewComment,
    ReviewRound,
    Section,
    SectionKind,
    Status,
)
from equalcity.toolboxes.services import NEXT_STATUSES, ROUND_ROLE, transition_problems

# --- the reader: public pages of published editions --------------------------------------


def _published(slug):
    toolbox = selectors.published_toolbox(slug)
    if toolbox is None:
        raise Http404
    return toolbox


def _reader_context(request, toolbox):
    language = translation.get_language()
    shown, fallback = selectors.reader_language(toolbox, language)
    content = selectors.content_language(toolbox, request.GET.get("content"), language)
    if content != shown:
        # a translation into the requested content language exists: no whole-page fallback
        shown, fallback = content, False
    return {
        "content_languages": selectors.content_languages(toolbox),
        "content_dir": selectors.direction(shown),
        "section_prefix": reverse("toolboxes:read", kwargs={"slug": toolbox.slug}) + "sections/",
        "trainer_label": SectionKind.TRAINER_ANNEX.label,
        "frontline_label": SectionKind.FRONTLINE_ANNEX.label,
        "toolbox": toolbox,
        "edition": toolbox.latest_edition,
        "shown_language": shown,
        "fallback": fallback,
        "language": language,
    }


@public_page
def library(request):
    in_progress, can_create = [], False
    if request.user.is_authenticated:
        in_progress = list(selectors.toolboxes_in_progress(request.user))
        can_create = any(
            request.user.has_perm("toolboxes.add_toolbox", p) for p in _programmes_of(request.user)
        )
    return render(
        request,
        "toolboxes/library.html",
        {
            "toolboxes": selectors.published_toolboxes(),
            "in_progress": in_progress,
            "can_create": can_create,
        },
    )


@public_page
def read(request, slug):
    toolbox = _published(slug)
    context = _reader_context(request, toolbox)
    context["modules"] = list(selectors.edition_contents(toolbox.latest_edition))
    context["content"] = selectors.translate_edition(
        toolbox.latest_edition, context["modules"], context["shown_language"]
    )
    context["experts"] = selectors.public_experts(toolbox)
    context["can_adapt"] = request.user.has_perm("toolboxes.adapt_toolbox", toolbox)
    return render(request, "toolboxes/read.html", context)


@public_page
def read_section(request, slug, section):
    toolbox = _published(slug)
    current = selectors.edition_section(toolbox.latest_edition, section)
    if current is None:
        raise Http404
    context = _reader_context(request, toolbox)
    modules = list(selectors.edition_contents(toolbox.latest_edition))
    order = [s for module in modules for s in module.sections.all()]
    index = next(i for i, s in enumerate(order) if s.source_section_id == section)
    context["content"] = selectors.translate_edition(
        toolbox.latest_edition,
        modules,
        context["shown_language"],
        sections=[current],
        testimonies=False,  # the section page does not show them
    )
    # the module heading in the content language too: the same module, already translated
    current.module = next(m for m in modules if m.pk == current.module_id)
    context.update(
        modules=modules,
        section=current,
        previous=order[index - 1] if index > 0 else None,
        next=order[index + 1] if index + 1 < len(order) else None,
    )
    return render(request, "toolboxes/read_section.html", context)


@public_page
def search(request, slug):
    toolbox = _published(slug)
    query = request.GET.get("q", "").strip()[:100]
    context = _reader_context(request, toolbox)
    context.update(query=query, results=selectors.search_edition(toolbox.latest_edition, query))
    return render(request, "toolboxes/search.html", context)


@public_page
def editions(request, slug):
    toolbox = _published(slug)
    context = _reader_context(request, toolbox)
    found = list(selectors.editions_of(toolbox))
    context["rows"] = [
        (item, found[index + 1] if index + 1 < len(found) else None)
        for index, item in enumerate(found)
    ]
    return render(request, "toolboxes/editions.html", context)


@public_page
def compare(request, slug):
    toolbox = _published(slug)
    before = selectors.edition_by_number(toolbox, request.GET.get("from", ""))
    after = selectors.edition_by_number(toolbox, request.GET.get("to", ""))
    if before is None or after is None:
        raise Http404
    rows = diff_sections(selectors.edition_sections(before), selectors.edition_sections(after))
    context = _reader_context(request, toolbox)
    context.update(before=before, after=after, rows=rows)
    return render(request, "toolboxes/compare.html", context)


def _pdf_language(request, toolbox) -> str:
    """The content language asked for (if the programme offers it), else the UI language."""
    language, wanted = translation.get_language(), request.GET.get("content")
    return selectors.content_language(toolbox, wanted, language) if wanted else language


def _pdf_context(request, toolbox):
    language = _pdf_language(request, toolbox)
    edition = toolbox.latest_edition
    # A UI language or a content language the programme offers (Arabic, Tigrinya…).
    pdf = services.request_edition_pdf(edition=edition, language=language)
    return {
        "toolbox": toolbox,
        "edition": edition,
        "pdf": pdf,
        "State": EditionPdf.State,
        "content_language": language,
    }


@public_page
def pdf(request, slug):
    """Ask for the PDF edition (made once per edition and language) and follow its progress."""
    toolbox = _published(slug)
    return render(request, "toolboxes/pdf.html", _pdf_context(request, toolbox))


@public_page
def pdf_status(request, slug):
    toolbox = _published(slug)
    return render(request, "toolboxes/includes/pdf_status.html", _pdf_context(request, toolbox))


@public_page
def pdf_download(request, slug):
    toolbox = _published(slug)
    found = selectors.edition_pdf(toolbox.latest_edition, _pdf_language(request, toolbox))
    if found is None or found.state != EditionPdf.State.DONE or not found.file:
        raise Http404
    return FileResponse(
        default_storage.open(found.file.name, "rb"),
        as_attachment=True,
        filename=f"{toolbox.slug}-{toolbox.latest_edition.number}-{found.language}.pdf",
        content_type="application/pdf",
    )


@public_page
def resource_download(request, slug, resource):
    toolbox = _published(slug)
    for module in selectors.edition_contents(toolbox.latest_edition).only("resources"):
        for item in module.resources:
            if item["id"] == resource and item["file"]:
                return FileResponse(default_storage.open(item["file"], "rb"), as_attachment=True)
    raise Http404


# --- the workspace: drafts, for members with the right role -------------------------------


def _toolbox_for(user, slug, perm="toolboxes.view_draft"):
    """The toolbox behind ``slug`` if ``user`` holds ``perm`` on it; otherwise not found."""
    toolbox = selectors.toolbox_for_members(slug)
    if toolbox is None or not user.has_perm(perm, toolbox):
        raise Http404
    return toolbox


def _refused(request, error):
    messages.error(request, error.message)


@login_required
def create(request):
    programmes = [
        p for p in _programmes_of(request.user) if request.user.has_perm("toolboxes.add_toolbox", p)
    ]
    if not programmes:
        raise Http404
    programme = programmes[0]
    form = ToolboxForm(request.POST or None, organisations=selectors.programme_partners(programme))
    if request.method == "POST" and form.is_valid():
        try:
            toolbox = services.create_toolbox(
                programme=programme, by=request.user, **form.cleaned_data
            )
        except services.ToolboxError as error:
            form.add_error(None, error.message)
        else:
            return redirect("toolboxes:workspace", slug=toolbox.slug)
    return render(request, "toolboxes/create.html", {"form": form, "programme": programme})


def _programmes_of(user):
    return Programme.objects.filter(pk__in=selectors.draft_programme_ids(user))


@login_required
def workspace(request, slug):
    toolbox = _toolbox_for(request.user, slug)
    user = request.user
    can_edit = user.has_perm("toolboxes.change_toolbox", toolbox)
    moves = []
    if user.has_perm("toolboxes.move_toolbox", toolbox):
        for target in NEXT_STATUSES[toolbox.status]:
            if target == Status.PUBLISHED:
                continue
            moves.append(
                {
                    "status": target,
                    "label": Status(target).label,
                    "problems": transition_problems(toolbox, target),
                }
            )
    can_publish = (
        user.has_perm("toolboxes.publish_toolbox", toolbox)
        and Status.PUBLISHED in NEXT_STATUSES[toolbox.status]
    )
    context = {
        "toolbox": toolbox,
        "modules": selectors.workspace_modules(toolbox),
        "timeline": selectors.timeline(toolbox),
        "rounds": selectors.rounds_of(toolbox),
        "can_edit": can_edit and toolbox.status in services.EDITABLE,
        "can_open_round": user.has_perm("toolboxes.open_round", toolbox),
        "moves": moves,
        "can_publish": can_publish,
        "publish_problems": transition_problems(toolbox, Status.PUBLISHED) if can_publish else [],
        "publish_form": PublishForm(),
        "module_form": ModuleForm(),
        "editions": selectors.editions_of(toolbox),
    }
    return render(request, "toolboxes/workspace.html", context)


@login_required
@require_POST
def move(request, slug):
    toolbox = _toolbox_for(request.user, slug, "toolboxes.move_toolbox")
    form = MoveForm(request.POST)
    if form.is_valid():
        try:
            services.move_toolbox(
                toolbox=toolbox,
                to_status=form.cleaned_data["to_status"],
                note=form.cleaned_data["note"],
                by=request.user,
            )
        except services.ToolboxError as error:
            _refused(request, error)
        else:
            messages.success(
                request,
                _("The toolbox is now in %(status)s.")
                % {"status": Status(form.cleaned_data["to_status"]).label.lower()},
            )
    return redirect("toolboxes:workspace", slug=slug)


@login_required
@require_POST
def publish(request, slug):
    toolbox = _toolbox_for(request.user, slug, "toolboxes.publish_toolbox")
    form = PublishForm(request.POST)
    if form.is_valid():
        try:
            edition = services.publish_edition(
                toolbox=toolbox,
                by=request.user,
                note=form.cleaned_data["note"],
                major=form.cleaned_data["major"],
            )
        except services.ToolboxError as error:
            _refused(request, error)
        else:
            messages.success(
                request, _("Edition %(number)s is published.") % {"number": edition.number}
            )
    return redirect("toolboxes:workspace", slug=slug)


@login_required
def module_add(request, slug):
    toolbox = _toolbox_for(request.user, slug, "toolboxes.change_toolbox")
    form = ModuleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_module(toolbox=toolbox, by=request.user, **form.cleaned_data)
        except services.ToolboxError as error:
            form.add_error(None, error.message)
        else:
            return redirect("toolboxes:workspace", slug=slug)
    return render(
        request,
        "toolboxes/form_page.html",
        {"toolbox": toolbox, "form": form, "heading": _("Add a module")},
    )


def _module_of(toolbox, pk):
    module = Module.objects.filter(toolbox=toolbox, pk=pk).first()
    if module is None:
        raise Http404
    return module


@login_required
def section_add(request, slug, module):
    toolbox = _toolbox_for(request.user, slug, "toolboxes.change_toolbox")
    module = _module_of(toolbox, module)
    form = SectionAddForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_section(module=module, by=request.user, **form.cleaned_data)
        except services.ToolboxError as error:
            form.add_error(None, error.message)
        else:
            return redirect("toolboxes:workspace", slug=slug)
    heading = _("Add a section to %(module)s") % {"module": module.title}
    return render(
        request, "toolboxes/form_page.html", {"toolbox": toolbox, "form": form, "heading": heading}
    )


@login_required
def testimony_add(request, slug, module):
    toolbox = _toolbox_for(request.user, slug, "toolboxes.change_toolbox")
    module = _module_of(toolbox, module)
    form = TestimonyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_testimony(module=module, by=request.user, **form.cleaned_data)
        except services.ToolboxError as error:
            form.add_error(None, error.message)
        else:
            return redirect("toolboxes:workspace", slug=slug)
    heading = _("Add a testimony to %(module)s") % {"module": module.title}
    return render(
        request, "toolboxes/form_page.html", {"toolbox": toolbox, "form": form, "heading": heading}
    )


@login_required
def resource_add(request, slug, module):
    toolbox = _toolbox_for(request.user, slug, "toolboxes.change_toolbox")
    module = _module_of(toolbox, module)
    form = ResourceForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.add_resource(module=module, by=request.user, **form.cleaned_data)
            except services.ToolboxError as error:
                form.add_error("file" if error.code.startswith("file_") else None, error.message)
            else:
                return redirect("toolboxes:workspace", slug=slug)
        status = 400
    heading = _("Add a resource to %(module)s") % {"module": module.title}
    return render(
        request,
        "toolboxes/form_page.html",
        {"toolbox": toolbox, "form": form, "heading": heading, "multipart": True},
        status=status,
    )


@login_required
def section_edit(request, slug, pk):
    toolbox = _toolbox_for(request.user, slug, "toolboxes.change_toolbox")
    section = (
        Section.objects.filter(module__toolbox=toolbox, pk=pk).select_related("module").first()
    )
    if section is None:
        raise Http404
    conflict = None
    status = 200
    if request.method == "POST":
        form = SectionEditForm(request.POST)
        if form.is_valid():
            try:
                services.save_section(
                    section=section,
                    title=form.cleaned_data["title"],
                    body=form.cleaned_data["body"],
                    expected_revision=form.cleaned_data["revision"],
                    by=request.user,
                )
            except services.SectionConflict as error:
                conflict = error.current
                form.add_error(None, error.message)
                # Their text stays in the form; the revision moves on so a second save
                # (after comparing) goes through.
                data = request.POST.copy()
                data["revision"] = conflict.revision
                form = SectionEditForm(data)
                form.is_valid()
                form.add_error(None, error.message)
                status = 409
            except services.ToolboxError as error:
                form.add_error(None, error.message)
                status = 400
            else:
                messages.success(request, _("Section saved."))
                return redirect("toolboxes:workspace", slug=slug)
        else:
            status = 400
    else:
        form = SectionEditForm(
            initial={"title": section.title, "body": section.body, "revision": section.revision}
        )
    return render(
        request,
        "toolboxes/section_edit.html",
        {"toolbox": toolbox, "section": section, "form": form, "conflict": conflict},
        status=status,
    )


@login_required
def draft_section(request, slug, pk):
    """The working text of a section as readers will see it once published."""
    toolbox = _toolbox_for(request.user, slug)
    section = (
        Section.objects.filter(module__toolbox=toolbox, pk=pk).select_related("module").first()
    )
    if section is None:
        raise Http404
    return render(request, "toolboxes/draft_section.html", {"toolbox": toolbox, "section": section})


# --- review rounds ---------------------------------------------------------------------


@login_required
def round_open(request, slug):
    toolbox = _toolbox_for(request.user, slug, "toolboxes.open_round")
    User = get_user_model()
    reviewers = (
        User.objects.filter(
            memberships__programme=toolbox.programme,
            memberships__is_active=True,
            memberships__role__in=list(ROUND_ROLE.values()),
        )
        .distinct()
        .order_by("full_name", "email")
    )
    form = RoundForm(request.POST or None, modules=toolbox.modules.all(), reviewers=reviewers)
    if request.method == "POST" and form.is_valid():
        try:
            round_ = services.open_review_round(
                toolbox=toolbox,
                by=request.user,
                kind=form.cleaned_data["kind"],
                title=form.cleaned_data["title"],
                module=form.cleaned_data["module"],
                deadline=form.cleaned_data["deadline"],
                reviewers=list(form.cleaned_data["reviewers"]),
            )
        except services.ToolboxError as error:
            form.add_error(None, error.message)
        else:
            return redirect("toolboxes:round", slug=slug, pk=round_.pk)
    heading = _("Open a review round")
    return render(
        request, "toolboxes/form_page.html", {"toolbox": toolbox, "form": form, "heading": heading}
    )


def _round_for(request, slug, pk):
    toolbox = _toolbox_for(request.user, slug)
    round_ = (
        ReviewRound.objects.filter(toolbox=toolbox, pk=pk)
        .select_related("module", "toolbox")
        .first()
    )
    if round_ is None:
        raise Http404
    invitation = selectors.invitation_of(round_, request.user)
    is_editor = request.user.has_perm("toolboxes.view_round_summary", toolbox)
    if invitation is None and not is_editor:
        raise Http404
    return toolbox, round_, invitation, is_editor


@login_required
def round_detail(request, slug, pk):
    toolbox, round_, invitation, is_editor = _round_for(request, slug, pk)
    modules = services.modules_in_scope(round_)
    review_form = comment_form = None
    status = 200
    if invitation is not None:
        initial = {
            f"m{r.module_id}_{c}": getattr(r, c)
            for r in Rating.objects.filter(invitation=invitation)
            for c in CRITERIA
        }
        review_form = ReviewForm(modules=modules, initial=initial)
        comment_form = CommentForm(sections=selectors.round_sections(round_))
        if request.method == "POST" and not round_.is_open:
            messages.error(request, _("This review round is closed."))
            return redirect("toolboxes:round", slug=slug, pk=pk)
        if request.method == "POST":
            if "rate" in request.POST:
                review_form = ReviewForm(request.POST, modules=modules)
                if review_form.is_valid():
                    try:
                        services.submit_review(
                            invitation=invitation, ratings=review_form.ratings(), by=request.user
                        )
                    except services.ToolboxError as error:
                        review_form.add_error(None, error.message)
                    else:
                        messages.success(request, _("Your ratings are saved."))
                        return redirect("toolboxes:round", slug=slug, pk=pk)
            else:
                comment_form = CommentForm(request.POST, sections=selectors.round_sections(round_))
                if comment_form.is_valid():
                    try:
                        services.add_comment(
                            invitation=invitation, by=request.user, **comment_form.cleaned_data
                        )
                    except services.ToolboxError as error:
                        comment_form.add_error(
                            "quote" if error.code.startswith("quote") else None, error.message
                        )
                    else:
                        messages.success(request, _("Your comment is saved."))
                        return redirect("toolboxes:round", slug=slug, pk=pk)
            status = 400
    context = {
        "toolbox": toolbox,
        "round": round_,
        "invitation": invitation,
        "is_editor": is_editor,
        "review_form": review_form,
        "comment_form": comment_form,
        "comments": selectors.round_comments(round_),
        "reply_form": ReplyForm(),
        "sections": selectors.round_sections(round_),
    }
    if is_editor:
        context["summary"] = selectors.round_summary(round_)
    return render(request, "toolboxes/round.html", context, status=status)


def _comment_for(request, slug, pk, comment):
    toolbox, round_, invitation, is_editor = _round_for(request, slug, pk)
    found = ReviewComment.objects.filter(round=round_, pk=comment).first()
    if found is None:
        raise Http404
    return found


@login_required
@require_POST
def comment_reply(request, slug, pk, comment):
    found = _comment_for(request, slug, pk, comment)
    form = ReplyForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Write your answer."))
    else:
        try:
            services.reply_to_comment(
                comment=found, body=form.cleaned_data["body"], by=request.user
            )
        except services.ToolboxError as error:
            _refused(request, error)
    return redirect(
        reverse("toolboxes:round", kwargs={"slug": slug, "pk": pk}) + f"#comment-{found.pk}"
    )


@login_required
@require_POST
def comment_resolve(request, slug, pk, comment):
    found = _comment_for(request, slug, pk, comment)
    try:
        services.resolve_comment(comment=found, by=request.user)
    except services.ToolboxError as error:
        _refused(request, error)
    return redirect(
        reverse("toolboxes:round", kwargs={"slug": slug, "pk": pk}) + f"#comment-{found.pk}"
    )


@login_required
@require_POST
def round_close(request, slug, pk):
    toolbox = _toolbox_for(request.user, slug, "toolboxes.open_round")
    round_ = ReviewRound.objects.filter(toolbox=toolbox, pk=pk).first()
    if round_ is None:
        raise Http404
    try:
        services.close_round(round_=round_, by=request.user)
    except services.ToolboxError as error:
        _refused(request, error)
    return redirect("toolboxes:round", slug=slug, pk=pk)


def _summary_for(request, slug, pk):
    toolbox = _toolbox_for(request.user, slug, "toolboxes.view_round_summary")
    round_ = (
        ReviewRound.objects.filter(toolbox=toolbox, pk=pk)
        .select_related("module", "toolbox")
        .first()
    )
    if round_ is None:
        raise Http404
    return toolbox, round_, selectors.round_summary(round_)


@login_required
def round_summary(request, slug, pk):
    toolbox, round_, summary = _summary_for(request, slug, pk)
    return render(
        request,
        "toolboxes/round_summary.html",
        {
            "toolbox": toolbox,
            "round": round_,
            "summary": summary,
            "comments": selectors.round_comments(round_),
        },
    )


def _figure(value):
    return "" if value is None else f"{value:.1f}"


@login_required
def round_summary_csv(request, slug, pk):
    toolbox, round_, summary = _summary_for(request, slug, pk)
    rows = [
        [row["module"].title, row["responses"], *(_figure(row[c]) for c in CRITERIA)]
        for row in summary["rows"]
    ]
    rows += [
        [],
        ["invited", summary["invited"]],
        ["responded", summary["submitted"]],
        ["response_rate_percent", summary["response_rate"]],
        ["open_comments", summary["comments"]["open"]],
        ["open_blocking_comments", summary["comments"]["open_blocking"]],
    ]
    filename = f"{toolbox.slug}-round-{round_.pk}.csv"
    return csv_response(filename, ["module", "responses", *CRITERIA], rows)


@login_required
def round_summary_pdf(request, slug, pk):
    # A summary is one or two pages: small enough to render while the editor waits.
    toolbox, round_, summary = _summary_for(request, slug, pk)
    data = render_pdf(
        "toolboxes/pdf/round_summary.html",
        {
            "toolbox": toolbox,
            "round": round_,
            "summary": summary,
            "comments": selectors.round_comments(round_),
        },
    )
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{toolbox.slug}-round-{round_.pk}.pdf"'
    return response


# --- local adaptations -----------------------------------------------------------------


@login_required
@require_POST
def adapt(request, slug):
    toolbox = _published(slug)
    if not request.user.has_perm("toolboxes.adapt_toolbox", toolbox):
        raise Http404
    try:
        adaptation = services.adapt_toolbox(toolbox=toolbox, by=request.user)
    except services.ToolboxError as error:
        _refused(request, error)
        return redirect("toolboxes:read", slug=slug)
    return redirect("toolboxes:adaptation", pk=adaptation.pk)


@login_required
def adaptations(request):
    return render(
        request,
        "toolboxes/adaptations.html",
        {"adaptations": selectors.adaptations_for(request.user)},
    )


@login_required
def adaptation(request, pk):
    found = selectors.adaptation_for(request.user, pk)
    if found is None:
        raise Http404
    if request.method == "POST":
        try:
            if "follow" in request.POST:
                services.follow_latest_edition(adaptation=found, by=request.user)
                messages.success(request, _("Your adaptation now follows the newest edition."))
            elif "contacts" in request.POST:
                services.save_local_contacts(
                    adaptation=found, contacts=request.POST.get("contacts", ""), by=request.user
                )
                messages.success(request, _("Local contacts saved."))
            else:
                try:
                    section_id = int(request.POST.get("section", ""))
                except ValueError:
                    raise Http404 from None
                services.save_local_note(
                    adaptation=found,
                    section_id=section_id,
                    body=request.POST.get("body", ""),
                    by=request.user,
                )
                messages.success(request, _("Local note saved."))
        except services.ToolboxError as error:
            _refused(request, error)
        return redirect("toolboxes:adaptation", pk=pk)
    latest = found.toolbox.latest_edition
    return render(
        request,
        "toolboxes/adaptation.html",
        {
            "adaptation": found,
            "toolbox": found.toolbox,
            "edition": found.edition,
            "newer": latest if latest and latest.pk != found.edition_id else None,
            "sections": selectors.adaptation_sections(found),
        },
    )


@login_required
def expert_profile(request):
    existing = getattr(request.user, "expert_profile", None)
    if existing is None and not selectors.is_expert(request.user):
        raise Http404
    initial = {"display_name": request.user.get_full_name()}
    if existing is not None:
        initial = {
            "display_name": existing.display_name,
            "expertise": existing.expertise,
            "is_public": existing.is_public,
        }
    form = ExpertProfileForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_expert_profile(user=request.user, **form.cleaned_data)
        except services.ToolboxError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Your expert profile is saved."))
            return redirect("toolboxes:expert-profile")
    return render(request, "toolboxes/expert_profile.html", {"form": form})
