"""Actions on toolboxes: writing, moving through the programme's phases, publishing editions,
review rounds and PDF editions.

Each is one transaction, locks what it changes, writes its audit entry and refuses with a
:class:`ToolboxError` carrying a code and a translated message.
"""

import os
from datetime import date, timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from equalcity.accounts import audit
from equalcity.accounts.models import Membership, Role
from equalcity.accounts.permissions import roles_in
from equalcity.core import jobs
from equalcity.core.errors import DomainError
from equalcity.toolboxes import content
from equalcity.toolboxes.models import (
    CRITERIA,
    Adaptation,
    CommentReply,
    Edition,
    EditionModule,
    EditionPdf,
    EditionSection,
    ExpertProfile,
    LocalNote,
    Module,
    Rating,
    Resource,
    ReviewComment,
    ReviewInvitation,
    ReviewRound,
    Section,
    SectionKind,
    SectionRevision,
    Status,
    Testimony,
    Toolbox,
    Transition,
)


class ToolboxError(DomainError):
    pass


class SectionConflict(ToolboxError):
    """Someone saved the section since this editor opened it; carries what they saved."""

    def __init__(self, message, *, current: Section):
        super().__init__(message, code="conflict")
        self.current = current


# Where a toolbox may go from each phase. Publishing has its own service: it makes an edition.
NEXT_STATUSES = {
    Status.DRAFT: [Status.EXPERT_REVIEW],
    Status.EXPERT_REVIEW: [Status.PILOT, Status.DRAFT],
    Status.PILOT: [Status.TRAINEE_REVIEW, Status.EXPERT_REVIEW],
    Status.TRAINEE_REVIEW: [Status.FINAL, Status.PILOT],
    Status.FINAL: [Status.PUBLISHED, Status.TRAINEE_REVIEW],
    Status.PUBLISHED: [Status.DRAFT, Status.ARCHIVED],
    Status.ARCHIVED: [Status.DRAFT],
}
EDITABLE = {
    Status.DRAFT,
    Status.EXPERT_REVIEW,
    Status.PILOT,
    Status.TRAINEE_REVIEW,
    Status.FINAL,
}
ROUND_PHASE = {
    ReviewRound.Kind.EXPERT_PANEL: Status.EXPERT_REVIEW,
    ReviewRound.Kind.TRAINEE_CITIES: Status.TRAINEE_REVIEW,
}
ROUND_ROLE = {
    ReviewRound.Kind.EXPERT_PANEL: Role.EXPERT_REVIEWER,
    ReviewRound.Kind.TRAINEE_CITIES: Role.CITY_COORDINATOR,
}

# Words the reader's addresses use after /toolboxes/.
RESERVED_SLUGS = {"new", "work", "adaptations", "expert-profile"}
MAX_UPLOAD_BYTES = 20 * 1024 * 1024
ALLOWED_UPLOADS = {
    ".pdf": "application/pdf",
    ".odt": "application/vnd.oasis.opendocument.text",
    ".odp": "application/vnd.oasis.opendocument.presentation",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
}
# The first bytes each allowed type starts with: a renamed executable is refused.
MAGIC = {
    ".pdf": (b"%PDF",),
    ".odt": (b"PK\x03\x04",),
    ".odp": (b"PK\x03\x04",),
    ".docx": (b"PK\x03\x04",),
    ".pptx": (b"PK\x03\x04",),
    ".png": (b"\x89PNG",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
}


def _require(by, perm: str, obj) -> None:
    if not by.has_perm(perm, obj):
        raise ToolboxError(
            _("Your role in this programme does not allow this."), code="not_allowed"
        )


def _lock(model, obj):
    return model.objects.select_for_update().get(pk=obj.pk)


def _ensure_editable(toolbox: Toolbox) -> None:
    if toolbox.status not in EDITABLE:
        raise ToolboxError(
            _(
                "This toolbox is %(status)s: its text cannot change. "
                "Move it back to draft to prepare a new edition."
            )
            % {"status": toolbox.get_status_display().lower()},
            code="not_editable",
        )


def _clean(text: str) -> str:
    return (text or "").strip()


# --- writing ---------------------------------------------------------------------------------


@transaction.atomic
def create_toolbox(
    *,
    programme,
    title: str,
    target_group: str,
    by,
    summary: str = "",
    slug: str = "",
    lead_partner=None,
    pilot_site=None,
    source_language: str = "en",
    is_demo: bool = False,
) -> Toolbox:
    _require(by, "toolboxes.add_toolbox", programme)
    title = _clean(title)
    if not title:
        raise ToolboxError(_("Give the toolbox a title."), code="title_missing")
    slug = slugify(slug or title)[:80]
    if slug in RESERVED_SLUGS:
        slug = f"{slug}-toolbox"
    if not slug:
        raise ToolboxError(_("Give the toolbox a title made of letters."), code="slug_missing")
    if Toolbox.objects.filter(slug=slug).exists():
        raise ToolboxError(
            _("A toolbox with the short name %(slug)s exists already.") % {"slug": slug},
            code="slug_taken",
        )
    toolbox = Toolbox.objects.create(
        programme=programme,
        slug=slug,
        title=title,
        summary=summary,
        target_group=target_group,
        lead_partner=lead_partner,
        pilot_site=pilot_site,
        source_language=source_language,
        is_demo=is_demo,
    )
    Transition.objects.create(toolbox=toolbox, from_status="", to_status=Status.DRAFT, by=by)
    audit.record("toolboxes.toolbox.created", actor=by, obj=toolbox)
    return toolbox


@transaction.atomic
def add_module(
    *,
    toolbox: Toolbox,
    title: str,
    by,
    summary: str = "",
    learning_objectives: str = "",
    duration_minutes: int = 60,
) -> Module:
    _require(by, "toolboxes.change_toolbox", toolbox)
    toolbox = _lock(Toolbox, toolbox)
    _ensure_editable(toolbox)
    if not _clean(title):
        raise ToolboxError(_("Give the module a title."), code="title_missing")
    last = toolbox.modules.order_by("-position").values_list("position", flat=True).first()
    module = Module.objects.create(
        toolbox=toolbox,
        position=(last or 0) + 1,
        title=_clean(title),
        summary=summary,
        learning_objectives=learning_objectives,
        duration_minutes=duration_minutes,
    )
    audit.record("toolboxes.module.added", actor=by, obj=module, programme=toolbox.programme)
    return module


@transaction.atomic
def add_section(
    *, module: Module, title: str, by, body: str = "", kind: str = SectionKind.CONTENT
) -> Section:
    _require(by, "toolboxes.change_toolbox", module.toolbox)
    toolbox = _lock(Toolbox, module.toolbox)
    _ensure_editable(toolbox)
    if not _clean(title):
        raise ToolboxError(_("Give the section a title."), code="title_missing")
    if kind not in SectionKind.values:
        raise ToolboxError(_("Choose one of the listed kinds of section."), code="unknown_kind")
    last = module.sections.order_by("-position").values_list("position", flat=True).first()
    section = Section.objects.create(
        module=module, position=(last or 0) + 1, kind=kind, title=_clean(title), body=body
    )
    SectionRevision.objects.create(
        section=section, number=1, title=section.title, body=body, created_by=by
    )
    audit.record("toolboxes.section.added", actor=by, obj=section, programme=toolbox.programme)
    return section


@transaction.atomic
def save_section(*, section: Section, title: str, body: str, expected_revision: int, by) -> Section:
    """Save a new revision of a section, unless someone saved it since ``expected_revision``."""
    toolbox = Toolbox.objects.get(pk=section.module.toolbox_id)
    _require(by, "toolboxes.change_toolbox", toolbox)
    _ensure_editable(toolbox)
    section = _lock(Section, section)
    if section.revision != expected_revision:
        raise SectionConflict(
            _(
                "Someone else saved this section while you were editing it (revision "
                "%(theirs)s; you started from revision %(yours)s). Your text is kept below: "
                "compare it with theirs and save again."
            )
            % {"theirs": section.revision, "yours": expected_revision},
            current=section,
        )
    title = _clean(title)
    if not title:
        raise ToolboxError(_("Give the section a title."), code="title_missing")
    if title == section.title and body == section.body:
        return section
    section.title = title
    section.body = body
    section.revision += 1
    section.save(update_fields=["title", "body", "revision", "updated_at"])
    SectionRevision.objects.create(
        section=section, number=section.revision, title=title, body=body, created_by=by
    )
    audit.record(
        "toolboxes.section.saved",
        actor=by,
        obj=section,
        programme=toolbox.programme,
        data={"revision": section.revision},
    )
    return section


@transaction.atomic
def add_testimony(
    *,
    module: Module,
    quote: str,
    by,
    attribution: str = Testimony.Attribution.NONE,
    pseudonym: str = "",
    country: str = "",
    consent_given: bool = False,
    is_illustrative: bool = False,
) -> Testimony:
    _require(by, "toolboxes.change_toolbox", module.toolbox)
    _ensure_editable(_lock(Toolbox, module.toolbox))
    if not _clean(quote):
        raise ToolboxError(_("Write the testimony's words."), code="quote_missing")
    if attribution == Testimony.Attribution.PSEUDONYM and not _clean(pseudonym):
        raise ToolboxError(
            _("Give the pseudonym the person agreed to, or choose no attribution."),
            code="pseudonym_missing",
        )
    if attribution == Testimony.Attribution.NONE:
        pseudonym = ""
    last = module.testimonies.order_by("-position").values_list("position", flat=True).first()
    testimony = Testimony.objects.create(
        module=module,
        position=(last or 0) + 1,
        quote=_clean(quote),
        attribution=attribution,
        pseudonym=_clean(pseudonym),
        country=country,
        consent_given=consent_given,
        is_illustrative=is_illustrative,
    )
    audit.record(
        "toolboxes.testimony.added", actor=by, obj=testimony, programme=module.toolbox.programme
    )
    return testimony


def check_upload(upload) -> None:
    """Refuse a file that is too large or not of an allowed type, saying which rule it broke."""
    extension = os.path.splitext(upload.name or "")[1].lower()
    if upload.size > MAX_UPLOAD_BYTES:
        raise ToolboxError(
            _("The file is %(size)s MB; files can be at most %(limit)s MB.")
            % {
                "size": f"{upload.size / 1024 / 1024:.1f}",
                "limit": MAX_UPLOAD_BYTES // 1024 // 1024,
            },
            code="file_too_large",
        )
    if extension not in ALLOWED_UPLOADS:
        raise ToolboxError(
            _("Files of type %(type)s cannot be added. Allowed types: %(allowed)s.")
            % {"type": extension or "?", "allowed": ", ".join(sorted(ALLOWED_UPLOADS))},
            code="file_type",
        )
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if not head.startswith(MAGIC[extension]):
        raise ToolboxError(
            _("The file's content is not a %(type)s file, whatever its name says.")
            % {"type": extension},
            code="file_content",
        )


@transaction.atomic
def add_resource(
    *, module: Module, kind: str, title: str, by, file=None, url: str = ""
) -> Resource:
    _require(by, "toolboxes.change_toolbox", module.toolbox)
    _ensure_editable(_lock(Toolbox, module.toolbox))
    if not _clean(title):
        raise ToolboxError(_("Give the resource a title."), code="title_missing")
    if kind not in Resource.Kind.values:
        raise ToolboxError(_("Choose one of the listed kinds of resource."), code="unknown_kind")
    if bool(file) == bool(url):
        raise ToolboxError(_("Add either a file or a link, not both."), code="file_or_link")
    if url and not url.startswith("https://"):
        raise ToolboxError(_("Links must start with https://."), code="insecure_link")
    if file:
        check_upload(file)
    resource = Resource(module=module, kind=kind, title=_clean(title), url=url)
    if file:
        resource.file.save(os.path.basename(file.name), file, save=False)
    resource.save()
    audit.record(
        "toolboxes.resource.added", actor=by, obj=resource, programme=module.toolbox.programme
    )
    return resource


# --- lifecycle -------------------------------------------------------------------------------


def open_blocking_comments(toolbox: Toolbox) -> int:
    return ReviewComment.objects.filter(
        round__toolbox=toolbox, is_blocking=True, resolved_at__isnull=True
    ).count()


def transition_problems(toolbox: Toolbox, to_status: str) -> list[str]:
    """Why ``toolbox`` cannot move to ``to_status`` now; empty when it can."""
    allowed = NEXT_STATUSES.get(toolbox.status, [])
    if to_status not in allowed:
        return [
            _("A toolbox in %(current)s can move only to: %(allowed)s.")
            % {
                "current": toolbox.get_status_display().lower(),
                "allowed": ", ".join(str(Status(s).label).lower() for s in allowed),
            }
        ]
    problems = []
    if to_status in (Status.EXPERT_REVIEW, Status.PUBLISHED):
        if not Section.objects.filter(module__toolbox=toolbox).exclude(body="").exists():
            problems.append(_("Write at least one section first: there is nothing to read yet."))
    if to_status in (Status.FINAL, Status.PUBLISHED):
        count = open_blocking_comments(toolbox)
        if count:
            problems.append(
                ngettext(
                    "%(count)s blocking review comment is not resolved yet.",
                    "%(count)s blocking review comments are not resolved yet.",
                    count,
                )
                % {"count": count}
            )
    if to_status == Status.PUBLISHED:
        # Illustrative testimonies are written for training: there is no person to consent.
        unconsented = Testimony.objects.filter(
            module__toolbox=toolbox, consent_given=False, is_illustrative=False
        )
        for testimony in unconsented:
            problems.append(
                _(
                    "The testimony “%(quote)s” has no recorded consent to publish: record the "
                    "consent or remove it."
                )
                % {"quote": testimony.quote[:40]}
            )
    return problems


@transaction.atomic
def move_toolbox(*, toolbox: Toolbox, to_status: str, by, note: str = "") -> Transition:
    """Move a toolbox to the next (or back to an earlier) phase of the programme."""
    if to_status == Status.PUBLISHED:
        raise ToolboxError(
            _("Publishing makes a new edition: use “Publish an edition”."), code="use_publish"
        )
    perm = "toolboxes.publish_toolbox" if to_status == Status.ARCHIVED else "toolboxes.move_toolbox"
    _require(by, perm, toolbox)
    toolbox = _lock(Toolbox, toolbox)
    problems = transition_problems(toolbox, to_status)
    if problems:
        raise ToolboxError(" ".join(str(p) for p in problems), code="transition_refused")
    transition = Transition.objects.create(
        toolbox=toolbox, from_status=toolbox.status, to_status=to_status, by=by, note=note
    )
    toolbox.status = to_status
    toolbox.save(update_fields=["status", "updated_at"])
    audit.record(
        "toolboxes.toolbox.moved",
        actor=by,
        obj=toolbox,
        data={"from": transition.from_status, "to": to_status},
    )
    return transition


@transaction.atomic
def publish_edition(*, toolbox: Toolbox, by, note: str = "", major: bool = False) -> Edition:
    """Freeze the working draft into a numbered edition readers see (1.0, 1.1, 2.0 …)."""
    _require(by, "toolboxes.publish_toolbox", toolbox)
    toolbox = _lock(Toolbox, toolbox)
    problems = transition_problems(toolbox, Status.PUBLISHED)
    if problems:
        raise ToolboxError(" ".join(str(p) for p in problems), code="transition_refused")
    previous = toolbox.editions.order_by("-major", "-minor").first()
    if previous is None:
        number = (1, 0)
    elif major:
        number = (previous.major + 1, 0)
    else:
        number = (previous.major, previous.minor + 1)
    edition = Edition.objects.create(
        toolbox=toolbox,
        major=number[0],
        minor=number[1],
        title=toolbox.title,
        summary=toolbox.summary,
        language=toolbox.source_language,
        note=note,
        published_by=by,
        published_at=timezone.now(),
    )
    modules = toolbox.modules.prefetch_related("sections", "testimonies", "resources")
    sections = []
    for module in modules:
        edition_module = EditionModule.objects.create(
            edition=edition,
            source_module_id=module.pk,
            position=module.position,
            title=module.title,
            summary=module.summary,
            learning_objectives=module.learning_objectives,
            duration_minutes=module.duration_minutes,
            testimonies=[
                {
                    "id": t.pk,
                    "quote": t.quote,
                    "pseudonym": t.pseudonym if t.attribution == "pseudonym" else "",
                    "country": t.country.code if t.country else "",
                    "illustrative": t.is_illustrative,
                }
                for t in module.testimonies.all()
            ],
            resources=[
                {"id": r.pk, "kind": r.kind, "title": r.title, "url": r.url, "file": r.file.name}
                for r in module.resources.all()
            ],
        )
        sections += [
            EditionSection(
                edition=edition,
                module=edition_module,
                source_section_id=section.pk,
                position=section.position,
                kind=section.kind,
                title=section.title,
                body=section.body,
            )
            for section in module.sections.all()
        ]
    EditionSection.objects.bulk_create(sections)
    Transition.objects.create(
        toolbox=toolbox,
        from_status=toolbox.status,
        to_status=Status.PUBLISHED,
        by=by,
        note=note or _("Edition %(number)s published.") % {"number": edition.number},
    )
    toolbox.status = Status.PUBLISHED
    toolbox.latest_edition = edition
    toolbox.save(update_fields=["status", "latest_edition", "updated_at"])
    audit.record(
        "toolboxes.edition.published", actor=by, obj=edition, data={"number": edition.number}
    )
    request_edition_pdf(edition=edition, language=edition.language)
    return edition


# --- PDF editions ----------------------------------------------------------------------------


def _pdf_language_offered(edition: Edition, language: str) -> bool:
    """A UI language, or a content language the edition's programme enabled (Arabic, Dari…)."""
    if language in dict(settings.LANGUAGES):
        return True
    return content.provider().is_enabled_language(edition.toolbox.programme, language)


@transaction.atomic
def request_edition_pdf(*, edition: Edition, language: str) -> EditionPdf:
    """Queue the PDF of an edition in a language, once: it is kept for every later reader.

    The language is a UI language or a content language enabled in the programme (see
    ``translations.selectors.is_enabled_language``); the task renders the content in it.
    """
    if not _pdf_language_offered(edition, language):
        raise ToolboxError(_("This language is not offered."), code="unknown_language")
    pdf, created = EditionPdf.objects.select_for_update().get_or_create(
        edition=edition, language=language
    )
    if not created and pdf.state != EditionPdf.State.FAILED and not pdf.outdated:
        return pdf
    if not created:
        pdf.state, pdf.progress, pdf.error = EditionPdf.State.QUEUED, 0, ""
        pdf.outdated = False
        pdf.save(update_fields=["state", "progress", "error", "outdated", "updated_at"])
    jobs.enqueue_on_commit("toolboxes.edition_pdf", pdf.pk)
    return pdf


def mark_pdfs_outdated(*, toolbox: Toolbox, language: str | None = None) -> int:
    """The kept PDFs of the toolbox (in ``language``, or every language) are made again on
    their next request, because what they show changed (a translation was saved)."""
    pdfs = EditionPdf.objects.filter(edition__toolbox=toolbox, outdated=False)
    if language:
        pdfs = pdfs.filter(language=language)
    return pdfs.update(outdated=True, updated_at=timezone.now())


# --- review rounds ---------------------------------------------------------------------------


@transaction.atomic
def open_review_round(
    *,
    toolbox: Toolbox,
    kind: str,
    deadline: date,
    reviewers: list,
    by,
    title: str = "",
    module: Module | None = None,
) -> ReviewRound:
    _require(by, "toolboxes.open_round", toolbox)
    toolbox = _lock(Toolbox, toolbox)
    phase = ROUND_PHASE.get(kind)
    if phase is None:
        raise ToolboxError(_("Choose one of the listed panels."), code="unknown_kind")
    if toolbox.status != phase:
        raise ToolboxError(
            _("A %(panel)s round opens while the toolbox is in %(phase)s; it is in %(status)s.")
            % {
                "panel": str(ReviewRound.Kind(kind).label).lower(),
                "phase": str(Status(phase).label).lower(),
                "status": toolbox.get_status_display().lower(),
            },
            code="wrong_phase",
        )
    if module is not None and module.toolbox_id != toolbox.pk:
        raise ToolboxError(_("This module is not part of the toolbox."), code="foreign_module")
    if deadline < timezone.localdate():
        raise ToolboxError(_("The deadline cannot be in the past."), code="deadline_past")
    if not reviewers:
        raise ToolboxError(_("Invite at least one reviewer."), code="no_reviewers")
    role = ROUND_ROLE[kind]
    for reviewer in reviewers:
        if role not in roles_in(reviewer, toolbox.programme):
            raise ToolboxError(
                _("%(person)s does not hold the role “%(role)s” in this programme.")
                % {"person": reviewer, "role": Role(role).label},
                code="not_a_reviewer",
            )
    round_ = ReviewRound.objects.create(
        toolbox=toolbox,
        module=module,
        kind=kind,
        title=_clean(title)
        or _("%(panel)s review of %(toolbox)s")
        % {"panel": ReviewRound.Kind(kind).label, "toolbox": toolbox.title},
        deadline=deadline,
        opened_by=by,
    )
    ReviewInvitation.objects.bulk_create(
        ReviewInvitation(round=round_, reviewer=reviewer) for reviewer in reviewers
    )
    audit.record(
        "toolboxes.round.opened",
        actor=by,
        obj=round_,
        programme=toolbox.programme,
        data={"reviewers": len(reviewers)},
    )
    return round_


def modules_in_scope(round_: ReviewRound):
    if round_.module_id:
        return Module.objects.filter(pk=round_.module_id)
    return Module.objects.filter(toolbox_id=round_.toolbox_id).order_by("position")


def _own_open_invitation(invitation: ReviewInvitation, by) -> ReviewInvitation:
    invitation = ReviewInvitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.reviewer_id != by.pk:
        raise ToolboxError(_("This invitation is someone else's."), code="not_invited")
    if invitation.round.closed_at is not None:
        raise ToolboxError(_("This review round is closed."), code="round_closed")
    return invitation


@transaction.atomic
def submit_review(*, invitation: ReviewInvitation, ratings: dict, by) -> ReviewInvitation:
    """Rate each module of the round 1-5 on the three criteria; a second submission replaces."""
    invitation = _own_open_invitation(invitation, by)
    modules = list(modules_in_scope(invitation.round))
    for module in modules:
        given = ratings.get(module.pk) or {}
        for criterion in CRITERIA:
            value = given.get(criterion)
            if not isinstance(value, int) or not 1 <= value <= 5:
                raise ToolboxError(
                    _("Rate every module from 1 to 5 on each criterion (missing: %(module)s).")
                    % {"module": module.title},
                    code="rating_missing",
                )
    for module in modules:
        Rating.objects.update_or_create(
            invitation=invitation,
            module=module,
            defaults={criterion: ratings[module.pk][criterion] for criterion in CRITERIA},
        )
    invitation.submitted_at = timezone.now()
    invitation.save(update_fields=["submitted_at", "updated_at"])
    audit.record("toolboxes.review.submitted", actor=by, obj=invitation)
    return invitation


def _normalise(text: str) -> str:
    return " ".join(text.split())


@transaction.atomic
def add_comment(
    *,
    invitation: ReviewInvitation,
    section: Section,
    quote: str,
    body: str,
    by,
    is_blocking: bool = False,
) -> ReviewComment:
    """A comment anchored to a passage quoted from a section of the round's toolbox."""
    invitation = _own_open_invitation(invitation, by)
    round_ = invitation.round
    if section.module.toolbox_id != round_.toolbox_id or (
        round_.module_id and section.module_id != round_.module_id
    ):
        raise ToolboxError(_("This section is not part of the review."), code="foreign_section")
    quote, body = _clean(quote), _clean(body)
    if not body:
        raise ToolboxError(_("Write your comment."), code="body_missing")
    if not quote:
        raise ToolboxError(
            _("Copy the passage your comment is about into “Quoted passage”."),
            code="quote_missing",
        )
    if _normalise(quote) not in _normalise(section.body):
        raise ToolboxError(
            _("The quoted passage is not in the section “%(section)s”: copy it exactly.")
            % {"section": section.title},
            code="quote_not_found",
        )
    comment = ReviewComment.objects.create(
        round=round_, section=section, author=by, quote=quote, body=body, is_blocking=is_blocking
    )
    audit.record(
        "toolboxes.comment.added", actor=by, obj=comment, programme=round_.toolbox.programme
    )
    return comment


@transaction.atomic
def reply_to_comment(*, comment: ReviewComment, body: str, by) -> CommentReply:
    toolbox = comment.round.toolbox
    if comment.author_id != by.pk:
        _require(by, "toolboxes.resolve_comment", toolbox)
    if not _clean(body):
        raise ToolboxError(_("Write your answer."), code="body_missing")
    reply = CommentReply.objects.create(comment=comment, author=by, body=_clean(body))
    audit.record("toolboxes.comment.answered", actor=by, obj=comment, programme=toolbox.programme)
    return reply


@transaction.atomic
def resolve_comment(*, comment: ReviewComment, by) -> ReviewComment:
    _require(by, "toolboxes.resolve_comment", comment.round.toolbox)
    comment = _lock(ReviewComment, comment)
    if comment.resolved_at is not None:
        raise ToolboxError(_("This comment is resolved already."), code="already_resolved")
    comment.resolved_at = timezone.now()
    comment.resolved_by = by
    comment.save(update_fields=["resolved_at", "resolved_by", "updated_at"])
    audit.record(
        "toolboxes.comment.resolved",
        actor=by,
        obj=comment,
        programme=comment.round.toolbox.programme,
    )
    return comment


@transaction.atomic
def close_round(*, round_: ReviewRound, by) -> ReviewRound:
    _require(by, "toolboxes.open_round", round_.toolbox)
    round_ = _lock(ReviewRound, round_)
    if round_.closed_at is not None:
        raise ToolboxError(_("This review round is closed already."), code="round_closed")
    round_.closed_at = timezone.now()
    round_.save(update_fields=["closed_at", "updated_at"])
    audit.record("toolboxes.round.closed", actor=by, obj=round_, programme=round_.programme)
    return round_


@transaction.atomic
def send_review_reminders(*, within_days: int) -> int:
    """E-mail each reviewer whose open invitation is due within ``within_days``, once."""
    today = timezone.localdate()
    due = (
        ReviewInvitation.objects.select_for_update()
        .filter(
            submitted_at__isnull=True,
            reminded_at__isnull=True,
            round__closed_at__isnull=True,
            round__deadline__gte=today,
            round__deadline__lte=today + timedelta(days=within_days),
        )
        .filter(~Q(reviewer__email=""))
        .select_related("round__toolbox", "reviewer")
    )
    sent = 0
    for invitation in due:
        with translation.override(invitation.reviewer.language):
            path = reverse(
                "toolboxes:round",
                kwargs={"slug": invitation.round.toolbox.slug, "pk": invitation.round_id},
            )
            context = {"invitation": invitation, "url": settings.SITE_URL + path}
            send_mail(
                subject=str(
                    _("Reminder: your review of %(toolbox)s is due on %(deadline)s")
                    % {
                        "toolbox": invitation.round.toolbox.title,
                        "deadline": invitation.round.deadline.isoformat(),
                    }
                ),
                message=render_to_string("toolboxes/email/review_reminder.txt", context),
                from_email=None,
                recipient_list=[invitation.reviewer.email],
            )
        invitation.reminded_at = timezone.now()
        invitation.save(update_fields=["reminded_at", "updated_at"])
        audit.record(
            "toolboxes.review.reminded",
            obj=invitation,
            programme=invitation.round.toolbox.programme,
        )
        sent += 1
    return sent


# --- local adaptation ------------------------------------------------------------------------


def adapting_organisation(user, toolbox: Toolbox):
    """The organisation on whose behalf ``user`` adapts toolboxes of the programme, if any."""
    membership = (
        Membership.objects.active()
        .filter(
            user=user,
            programme=toolbox.programme,
            role__in=[Role.CITY_COORDINATOR, Role.PROGRAMME_MANAGER],
            organisation__isnull=False,
        )
        .select_related("organisation")
        .order_by("role")
        .first()
    )
    return membership.organisation if membership else None


@transaction.atomic
def adapt_toolbox(*, toolbox: Toolbox, by) -> Adaptation:
    """Make the city's own copy of the latest published edition."""
    _require(by, "toolboxes.adapt_toolbox", toolbox)
    toolbox = _lock(Toolbox, toolbox)
    if toolbox.latest_edition_id is None:
        raise ToolboxError(_("Only a published toolbox can be adapted."), code="not_published")
    organisation = adapting_organisation(by, toolbox)
    if organisation is None:
        raise ToolboxError(
            _("Your role in this programme is not linked to a city or organisation."),
            code="no_organisation",
        )
    existing = Adaptation.objects.filter(toolbox=toolbox, organisation=organisation).first()
    if existing is not None:
        return existing
    adaptation = Adaptation.objects.create(
        toolbox=toolbox,
        edition_id=toolbox.latest_edition_id,
        organisation=organisation,
        created_by=by,
    )
    audit.record("toolboxes.adaptation.created", actor=by, obj=adaptation)
    return adaptation


@transaction.atomic
def save_local_note(*, adaptation: Adaptation, section_id: int, body: str, by) -> LocalNote | None:
    """The city's note under one section; an empty note removes it."""
    adaptation = _lock(Adaptation, adaptation)
    if not EditionSection.objects.filter(
        edition_id=adaptation.edition_id, source_section_id=section_id
    ).exists():
        raise ToolboxError(_("This section is not part of the edition."), code="foreign_section")
    body = _clean(body)
    if not body:
        LocalNote.objects.filter(adaptation=adaptation, source_section_id=section_id).delete()
        return None
    note, _created = LocalNote.objects.update_or_create(
        adaptation=adaptation, source_section_id=section_id, defaults={"body": body}
    )
    audit.record("toolboxes.adaptation.note_saved", actor=by, obj=adaptation)
    return note


@transaction.atomic
def save_local_contacts(*, adaptation: Adaptation, contacts: str, by) -> Adaptation:
    adaptation = _lock(Adaptation, adaptation)
    adaptation.local_contacts = contacts.strip()
    adaptation.save(update_fields=["local_contacts", "updated_at"])
    audit.record("toolboxes.adaptation.contacts_saved", actor=by, obj=adaptation)
    return adaptation


@transaction.atomic
def follow_latest_edition(*, adaptation: Adaptation, by) -> Adaptation:
    """Move the adaptation onto the newest edition; notes stay with their sections."""
    adaptation = _lock(Adaptation, adaptation)
    latest = Toolbox.objects.values_list("latest_edition_id", flat=True).get(
        pk=adaptation.toolbox_id
    )
    if latest is None or latest == adaptation.edition_id:
        raise ToolboxError(_("The adaptation follows the newest edition already."), code="current")
    before = adaptation.edition_id
    adaptation.edition_id = latest
    adaptation.save(update_fields=["edition", "updated_at"])
    audit.record(
        "toolboxes.adaptation.updated",
        actor=by,
        obj=adaptation,
        data={"from": before, "to": latest},
    )
    return adaptation


# --- expert profiles -------------------------------------------------------------------------


@transaction.atomic
def save_expert_profile(
    *, user, display_name: str, expertise: str = "", is_public: bool = False
) -> ExpertProfile:
    """How an expert is named on the toolboxes they reviewed; public only if they agree."""
    if not Membership.objects.active().filter(user=user, role=Role.EXPERT_REVIEWER).exists():
        raise ToolboxError(_("Only expert reviewers have a profile."), code="not_an_expert")
    if not _clean(display_name):
        raise ToolboxError(_("Give the name to show."), code="name_missing")
    profile, _created = ExpertProfile.objects.select_for_update().get_or_create(
        user=user, defaults={"display_name": _clean(display_name)}
    )
    profile.display_name = _clean(display_name)
    profile.expertise = _clean(expertise)
    profile.is_public = is_public
    profile.save(update_fields=["display_name", "expertise", "is_public", "updated_at"])
    audit.record(
        "toolboxes.expert_profile.saved", actor=user, obj=profile, data={"public": is_public}
    )
    return profile
