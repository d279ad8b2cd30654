"""Reads shared by the reader, the workspace, the API, the PDF task and the benchmarks.

Every list and page reads in a constant number of queries whatever the toolbox's size.
"""

from django.db.models import Avg, Count, Prefetch, Q

from equalcity.accounts.models import Membership, Organisation, Role
from equalcity.core.languages import CONTENT_LANGUAGES, direction
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
    Module,
    Rating,
    ReviewComment,
    ReviewInvitation,
    ReviewRound,
    Section,
    Status,
    Testimony,
    Toolbox,
    Transition,
)

DRAFT_ROLES = [
    Role.PROGRAMME_MANAGER,
    Role.PARTNER_EDITOR,
    Role.EXPERT_REVIEWER,
    Role.CITY_COORDINATOR,
]


# --- what readers see ------------------------------------------------------------------------


def published_toolboxes():
    return (
        Toolbox.objects.filter(latest_edition__isnull=False)
        .exclude(status=Status.ARCHIVED)
        .select_related("latest_edition", "lead_partner", "pilot_site")
        .order_by("title")
    )


def published_toolbox(slug: str) -> Toolbox | None:
    return published_toolboxes().filter(slug=slug).first()


def reader_language(toolbox: Toolbox, wanted: str) -> tuple[str, bool]:
    """The language the edition is shown in, and whether that is a fallback.

    Editions are written in the toolbox's source language; translations come from the
    translations app, so until one exists the reader falls back to the source language.
    """
    shown = toolbox.latest_edition.language if toolbox.latest_edition else toolbox.source_language
    return shown, shown != wanted


def content_language(toolbox: Toolbox, wanted: str | None, fallback: str) -> str:
    """The content language a reader gets (see :mod:`equalcity.toolboxes.content`)."""
    return content.provider().content_language(toolbox, wanted, fallback)


def content_languages(toolbox: Toolbox) -> list[tuple[str, str, str]]:
    """(code, name, direction) of the languages the reader may switch the content to."""
    enabled = set(content.provider().enabled_languages(toolbox.programme))
    source = toolbox.latest_edition.language if toolbox.latest_edition else toolbox.source_language
    return [
        (code, name, direction(code))
        for code, name in CONTENT_LANGUAGES
        if code in enabled or code == source
    ]


def translate_edition(
    edition: Edition, modules, language: str, *, sections=(), testimonies: bool = True
) -> dict:
    return content.provider().translate_edition(
        edition, modules, language, sections=sections, testimonies=testimonies
    )


def draft_testimonies(module_ids) -> dict[int, list[Testimony]]:
    """The working draft's testimonies of these modules, by module pk, in one query.

    An edition keeps a copy of each testimony's words; the reader checks that copy against
    the draft's record, where consent may have been withdrawn since publication.
    """
    found: dict[int, list[Testimony]] = {}
    for testimony in Testimony.objects.filter(module_id__in=list(module_ids)).only(
        "id", "module_id", "quote", "consent_given", "is_illustrative"
    ):
        found.setdefault(testimony.module_id, []).append(testimony)
    return found


def edition_contents(edition: Edition):
    """Modules of an edition with the titles of their sections: the table of contents."""
    return EditionModule.objects.filter(edition=edition).prefetch_related(
        Prefetch(
            "sections",
            queryset=EditionSection.objects.only(
                "id", "module_id", "source_section_id", "position", "kind", "title"
            ).order_by("position"),
        )
    )


def edition_section(edition: Edition, source_section_id: int) -> EditionSection | None:
    return (
        EditionSection.objects.filter(edition=edition, source_section_id=source_section_id)
        .select_related("module")
        .first()
    )


def edition_document(edition: Edition, *, language: str) -> dict:
    """Everything the PDF of an edition shows."""
    modules = EditionModule.objects.filter(edition=edition).prefetch_related(
        Prefetch("sections", queryset=EditionSection.objects.order_by("position"))
    )
    shown, fallback = reader_language(edition.toolbox, language)
    modules = list(modules)
    content = translate_edition(edition, modules, language)
    return {
        "edition": edition,
        "toolbox": edition.toolbox,
        "modules": modules,
        "language": language,
        # the whole-document notice only when nothing is translated; units say it otherwise
        "fallback": fallback and not content.get("translated_any", False),
        "content": content,
    }


def search_edition(edition: Edition, query: str, *, limit: int = 50):
    query = query.strip()
    if not query:
        return EditionSection.objects.none()
    return (
        EditionSection.objects.filter(edition=edition)
        .filter(Q(title__icontains=query) | Q(body__icontains=query))
        .select_related("module")
        .order_by("module__position", "position")[:limit]
    )


def editions_of(toolbox: Toolbox):
    return Edition.objects.filter(toolbox=toolbox).order_by("-major", "-minor")


def edition_by_number(toolbox: Toolbox, number: str) -> Edition | None:
    try:
        major, minor = (int(part) for part in number.split("."))
    except (ValueError, TypeError):
        return None
    return Edition.objects.filter(toolbox=toolbox, major=major, minor=minor).first()


def edition_sections(edition: Edition):
    return list(
        EditionSection.objects.filter(edition=edition).order_by("module__position", "position")
    )


def edition_pdf(edition: Edition, language: str) -> EditionPdf | None:
    return EditionPdf.objects.filter(edition=edition, language=language).first()


def public_experts(toolbox: Toolbox):
    """Expert reviewers of the toolbox who agreed to be named."""
    return ExpertProfile.objects.filter(
        is_public=True,
        user__review_invitations__round__toolbox=toolbox,
        user__review_invitations__round__kind=ReviewRound.Kind.EXPERT_PANEL,
    ).distinct()


# --- what members see ------------------------------------------------------------------------


def draft_programme_ids(user) -> list[int]:
    if not user.is_authenticated:
        return []
    return list(
        Membership.objects.active()
        .filter(user=user, role__in=DRAFT_ROLES)
        .values_list("programme_id", flat=True)
        .distinct()
    )


def toolboxes_in_progress(user):
    return (
        Toolbox.objects.filter(programme_id__in=draft_programme_ids(user))
        .select_related("programme", "latest_edition")
        .order_by("title")
    )


def toolbox_for_members(slug: str) -> Toolbox | None:
    return Toolbox.objects.select_related("programme", "latest_edition").filter(slug=slug).first()


def workspace_modules(toolbox: Toolbox):
    return Module.objects.filter(toolbox=toolbox).prefetch_related(
        Prefetch(
            "sections",
            queryset=Section.objects.only(
                "id", "module_id", "position", "kind", "title", "revision", "updated_at"
            ).order_by("position"),
        ),
        "testimonies",
        "resources",
    )


def timeline(toolbox: Toolbox):
    return Transition.objects.filter(toolbox=toolbox).select_related("by").order_by("created_at")


def rounds_of(toolbox: Toolbox):
    return (
        ReviewRound.objects.filter(toolbox=toolbox)
        .select_related("module")
        .annotate(
            invited=Count("invitations", distinct=True),
            submitted=Count(
                "invitations", filter=Q(invitations__submitted_at__isnull=False), distinct=True
            ),
        )
    )


def invitation_of(round_: ReviewRound, user) -> ReviewInvitation | None:
    if not user.is_authenticated:
        return None
    return ReviewInvitation.objects.filter(round=round_, reviewer=user).first()


def round_comments(round_: ReviewRound):
    return (
        ReviewComment.objects.filter(round=round_)
        .select_related("section", "author", "resolved_by")
        .prefetch_related(
            Prefetch("replies", queryset=CommentReply.objects.select_related("author"))
        )
    )


def round_sections(round_: ReviewRound):
    sections = Section.objects.filter(module__toolbox_id=round_.toolbox_id)
    if round_.module_id:
        sections = sections.filter(module_id=round_.module_id)
    return sections.select_related("module").order_by("module__position", "position")


def round_summary(round_: ReviewRound) -> dict:
    """Average per criterion and module, response rate and open comments of a round."""
    modules = Module.objects.filter(toolbox_id=round_.toolbox_id).order_by("position")
    if round_.module_id:
        modules = modules.filter(pk=round_.module_id)
    averages = {
        row["module_id"]: row
        for row in Rating.objects.filter(invitation__round=round_)
        .values("module_id")
        .annotate(
            responses=Count("id"),
            **{criterion: Avg(criterion) for criterion in CRITERIA},
        )
    }
    rows = []
    for module in modules:
        row = averages.get(module.pk, {})
        rows.append(
            {
                "module": module,
                "responses": row.get("responses", 0),
                **{criterion: row.get(criterion) for criterion in CRITERIA},
            }
        )
    invited = ReviewInvitation.objects.filter(round=round_).count()
    submitted = ReviewInvitation.objects.filter(round=round_, submitted_at__isnull=False).count()
    comments = ReviewComment.objects.filter(round=round_).aggregate(
        open=Count("id", filter=Q(resolved_at__isnull=True)),
        open_blocking=Count("id", filter=Q(resolved_at__isnull=True, is_blocking=True)),
        total=Count("id"),
    )
    return {
        "round": round_,
        "rows": rows,
        "invited": invited,
        "submitted": submitted,
        "response_rate": round(100 * submitted / invited) if invited else 0,
        "comments": comments,
    }


# --- local adaptations -----------------------------------------------------------------------


def adaptations_for(user):
    """Adaptations of the organisations the user works for, and all of a manager's programmes."""
    if not user.is_authenticated:
        return Adaptation.objects.none()
    visible = Q(pk__in=[])
    memberships = (
        Membership.objects.active()
        .filter(user=user)
        .values_list("programme_id", "organisation_id", "role")
    )
    for programme_id, organisation_id, role in memberships:
        if role == Role.PROGRAMME_MANAGER:
            visible |= Q(toolbox__programme_id=programme_id)
        elif organisation_id is not None:
            visible |= Q(toolbox__programme_id=programme_id, organisation_id=organisation_id)
    return (
        Adaptation.objects.filter(visible)
        .select_related("toolbox__programme", "toolbox__latest_edition", "edition", "organisation")
        .order_by("toolbox__title", "organisation__name")
    )


def adaptation_for(user, pk: int) -> Adaptation | None:
    return adaptations_for(user).filter(pk=pk).first()


def adaptation_sections(adaptation: Adaptation) -> list[tuple]:
    """The edition's sections, each with the city's note (or None)."""
    notes = {n.source_section_id: n for n in adaptation.notes.all()}
    sections = EditionSection.objects.filter(edition_id=adaptation.edition_id).select_related(
        "module"
    )
    return [(section, notes.get(section.source_section_id)) for section in sections]


def is_expert(user) -> bool:
    return Membership.objects.active().filter(user=user, role=Role.EXPERT_REVIEWER).exists()


def programme_partners(programme):
    """Organisations that can lead a toolbox: the lead agency, pilot-site partners, partners."""
    return Organisation.objects.filter(
        Q(led_programmes=programme)
        | Q(pilot_sites__programme=programme)
        | Q(participations__programme=programme, participations__kind="partner")
    ).distinct()
