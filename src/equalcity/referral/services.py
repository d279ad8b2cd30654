"""Every write of the referral app: one transaction each, with an audit entry."""

import uuid
from dataclasses import dataclass, field
from datetime import time

from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from equalcity.accounts import audit
from equalcity.core import jobs
from equalcity.core.errors import DomainError
from equalcity.referral import hsds
from equalcity.referral import models as m
from equalcity.referral.taxonomy import NEEDS, TAXONOMIES, TERMS


class ImportRefused(DomainError):
    code = "import_refused"

    def __init__(self, report: hsds.Report):
        super().__init__(
            _("The datapackage was not imported: %(count)s problems were found.")
            % {"count": len(report.errors)}
        )
        self.report = report


class ReferralError(DomainError):
    pass


@transaction.atomic
def ensure_taxonomies() -> dict[str, m.TaxonomyTerm]:
    """The SGBV taxonomy and the attribute terms, created once; a second call writes nothing."""
    for taxonomy_id, name, description in TAXONOMIES:
        m.Taxonomy.objects.get_or_create(
            id=taxonomy_id, defaults={"name": name, "description": description, "version": "1"}
        )
    existing = {
        term.id: term
        for term in m.TaxonomyTerm.objects.filter(id__in=[t.id for t in TERMS.values()])
    }
    terms = {}
    for code, term in TERMS.items():
        obj = existing.get(term.id)
        if obj is None:
            obj = m.TaxonomyTerm.objects.create(
                id=term.id,
                code=code,
                name=str(term.name),
                description=str(term.description),
                taxonomy_id=term.taxonomy_id,
                language="en",
            )
        terms[code] = obj
    return terms


# --- HSDS import ------------------------------------------------------------------------------


def import_datapackage(*, source, programme, by) -> hsds.Report:
    """Import an HSDS 3 tabular datapackage: all of it, or nothing with a row-by-row report."""
    files, report = hsds.read_package(source)
    parsed = None
    if report.ok:
        known = {
            table.name: set(table.model.objects.values_list("id", flat=True))
            for table in hsds.TABLES
        }
        parsed = hsds.parse_package(files, report, known_ids=known)
    if not report.ok:
        audit.record(
            "referral.import.refused",
            actor=by,
            programme=programme,
            data={"errors": len(report.errors)},
        )
        raise ImportRefused(report)
    _write_package(parsed, programme=programme, by=by)
    return report


@transaction.atomic
def _write_package(parsed: hsds.Parsed, *, programme, by) -> None:
    counts = {}
    for table in hsds.TABLES:
        rows = parsed.rows[table.name]
        for identifier, values in rows.items():
            defaults = {}
            for name, value in values.items():
                if name == "id":
                    continue
                field_obj = table.model._meta.get_field(name)
                defaults[field_obj.attname] = value
            table.model.objects.update_or_create(id=identifier, defaults=defaults)
        counts[table.name] = len(rows)
    parsed.report.counts = counts
    audit.record(
        "referral.import.completed",
        actor=by,
        programme=programme,
        data={"counts": counts, "warnings": len(parsed.report.warnings)},
    )


# --- services registered by hand (and by tests, the demo of the bench) ---------------------


@dataclass
class Opening:
    days: str  # "MO,TU,WE"
    opens_at: time
    closes_at: time


@dataclass
class AreaInput:
    """Where a service is available: a whole country, or one city of it."""

    country: str  # ISO 3166-1 alpha-2
    city: str = ""
    name: str = ""  # by default the city, or the country's English name
    description: str = ""


@dataclass
class ServiceInput:
    """A service; without a city, address or position it has no location and is reached by
    phone or online only, in its ``areas``."""

    name: str
    provider: str
    city: str
    country: str
    description: str = ""
    needs: list[str] = field(default_factory=list)
    attributes: list[str] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)  # ISO 639-1 codes
    phone: str = ""
    address: str = ""
    postal_code: str = ""
    latitude: float | None = None
    longitude: float | None = None
    confidential: bool = False
    hours: list[Opening] = field(default_factory=list)
    eligibility: str = ""
    application_process: str = ""
    url: str = ""
    is_demo: bool = False
    areas: list[AreaInput] = field(default_factory=list)

    @property
    def has_location(self) -> bool:
        return bool(self.city or self.address or self.latitude is not None or self.confidential)


@transaction.atomic
def register_service(*, data: ServiceInput, programme, by) -> m.Service:
    """Add one service with its provider, location, phone, languages, hours and tags."""
    terms = ensure_taxonomies()
    unknown = [code for code in data.needs + data.attributes if code not in terms]
    if unknown:
        raise ReferralError(
            _("Unknown need or attribute: %(codes)s.") % {"codes": ", ".join(unknown)},
            code="unknown_term",
        )
    if (data.latitude is None) != (data.longitude is None):
        raise ReferralError(_("Give both latitude and longitude, or neither."), code="coordinates")
    if data.latitude is not None and not (
        -90 <= data.latitude <= 90 and -180 <= data.longitude <= 180
    ):
        raise ReferralError(_("These coordinates are not a position on Earth."), code="coordinates")
    if data.confidential and (data.latitude is not None or data.address):
        raise ReferralError(
            _("A confidential location has no address or coordinates in the directory."),
            code="confidential",
        )
    if data.phone and not hsds.PHONE_RE.match(data.phone):
        raise ReferralError(
            _("%(value)s is not a phone number.") % {"value": data.phone}, code="phone"
        )
    if not data.has_location and not data.areas:
        raise ReferralError(
            _("Give the city where the service is, or the country it covers by phone or online."),
            code="nowhere",
        )
    areas = [_area(area) for area in data.areas]
    provider = m.Organization.objects.filter(name=data.provider).order_by("pk").first()
    if provider is None:
        provider = m.Organization.objects.create(name=data.provider)
    service = m.Service.objects.create(
        organization=provider,
        name=data.name,
        description=data.description,
        eligibility_description=data.eligibility,
        application_process=data.application_process,
        url=data.url,
        is_demo=data.is_demo,
        last_modified=timezone.now(),
    )
    if data.has_location:
        location = m.Location.objects.create(
            organization=provider,
            name=data.name,
            latitude=data.latitude,
            longitude=data.longitude,
            is_confidential=data.confidential,
            city=data.city,
            country=data.country,
        )
        if data.address:
            m.Address.objects.create(
                location=location,
                address_1=data.address,
                city=data.city,
                state_province=data.city,
                postal_code=data.postal_code,
                country=data.country,
            )
        m.ServiceAtLocation.objects.create(service=service, location=location)
    for area in areas:
        area.service = service
    m.ServiceArea.objects.bulk_create(areas)
    if data.phone:
        m.Phone.objects.create(service=service, number=data.phone, type="voice")
    m.Language.objects.bulk_create(
        [m.Language(service=service, code=code, name=code) for code in data.languages]
    )
    m.Schedule.objects.bulk_create(
        [
            m.Schedule(
                service=service,
                freq="WEEKLY",
                byday=opening.days,
                opens_at=opening.opens_at,
                closes_at=opening.closes_at,
            )
            for opening in data.hours
        ]
    )
    m.Attribute.objects.bulk_create(
        [
            m.Attribute(
                link_id=service.id,
                link_entity="service",
                link_type="service_category"
                if code in {t.code for t in NEEDS}
                else "service_attribute",
                taxonomy_term=terms[code],
            )
            for code in data.needs + data.attributes
        ]
    )
    audit.record("referral.service.registered", actor=by, obj=service, programme=programme)
    return service


def _area(data: AreaInput) -> m.ServiceArea:
    """An unsaved service area, checked; refused when the country is not an ISO code."""
    code = data.country.strip().upper()
    if code not in countries:
        raise ReferralError(
            _("%(value)s is not a country code (ISO 3166, such as BE).") % {"value": data.country},
            code="country",
        )
    with translation.override("en"):
        country_name = str(countries.name(code))
    return m.ServiceArea(
        name=data.name or data.city or country_name,
        description=data.description,
        country=code,
        city=data.city.strip(),
    )


# --- pathways -----------------------------------------------------------------------------


@dataclass
class StepInput:
    kind: str
    guidance: str
    service_ids: list[uuid.UUID] = field(default_factory=list)


@transaction.atomic
def save_pathway(
    *,
    programme,
    city: str,
    country: str,
    target_group: str,
    title: str,
    introduction: str,
    steps: list[StepInput],
    by,
    is_demo: bool = False,
    only_new: bool = False,
) -> m.Pathway:
    """Create or replace a city's pathway for a target group, with its ordered steps."""
    kinds = [step.kind for step in steps]
    if not country:
        raise ReferralError(_("The city has no country in the directory."), code="country")
    if (
        only_new
        and m.Pathway.objects.filter(
            programme=programme, city=city, target_group=target_group
        ).exists()
    ):
        raise ReferralError(
            _("This city already has a pathway for this target group."), code="exists"
        )
    if not steps:
        raise ReferralError(_("A pathway needs at least one step."), code="no_steps")
    if any(kind not in m.PathwayStep.values for kind in kinds):
        raise ReferralError(_("Unknown kind of step."), code="unknown_step")
    if len(set(kinds)) != len(kinds):
        raise ReferralError(
            _("Each kind of step appears once in a pathway."), code="duplicate_step"
        )
    wanted = {sid for step in steps for sid in step.service_ids}
    found = set(m.Service.objects.filter(id__in=wanted).values_list("id", flat=True))
    if wanted - found:
        raise ReferralError(
            _("A step names a service that is not in the directory."), code="unknown_service"
        )
    pathway, _created = m.Pathway.objects.select_for_update().update_or_create(
        programme=programme,
        city=city,
        target_group=target_group,
        defaults={
            "country": country,
            "title": title,
            "introduction": introduction,
            "is_demo": is_demo,
        },
    )
    pathway.steps.all().delete()
    for position, step in enumerate(steps, start=1):
        obj = m.Step.objects.create(
            pathway=pathway, position=position, kind=step.kind, guidance=step.guidance
        )
        obj.services.set(step.service_ids)
    audit.record(
        "referral.pathway.saved", actor=by, obj=pathway, programme=programme, data={"steps": kinds}
    )
    return pathway


# --- referral slips -----------------------------------------------------------------------

NEXT_STATUSES = {
    m.ReferralSlip.Status.SENT: {m.ReferralSlip.Status.RECEIVED, m.ReferralSlip.Status.DECLINED},
    m.ReferralSlip.Status.RECEIVED: {
        m.ReferralSlip.Status.ACCEPTED,
        m.ReferralSlip.Status.DECLINED,
    },
    m.ReferralSlip.Status.ACCEPTED: {m.ReferralSlip.Status.COMPLETED},
    m.ReferralSlip.Status.COMPLETED: set(),
    m.ReferralSlip.Status.DECLINED: set(),
}


@transaction.atomic
def create_referral_slip(
    *, programme, service: m.Service, needs: list[str], language: str, consent_given: bool, by
) -> m.ReferralSlip:
    """A referral note that names no one: needs, language, consent and a random reference."""
    if not consent_given:
        raise ReferralError(
            _(
                "Refer only with the person's consent. Without it, give them the service's "
                "details instead."
            ),
            code="no_consent",
        )
    terms = ensure_taxonomies()
    if not needs or any(code not in terms for code in needs):
        raise ReferralError(_("Choose at least one need from the list."), code="needs")
    slip = m.ReferralSlip.objects.create(
        programme=programme,
        service=service,
        language=language,
        consent_given=consent_given,
        referred_by=by,
    )
    slip.needs.set([terms[code] for code in needs])
    audit.record("referral.slip.created", actor=by, obj=slip, programme=programme)
    return slip


@transaction.atomic
def update_slip_status(*, programme, reference: str, status: str, by) -> m.ReferralSlip:
    """The receiving service marks a referral received, accepted, completed or declined."""
    slip = (
        m.ReferralSlip.objects.select_for_update()
        .filter(programme=programme, reference=reference.strip().upper())
        .first()
    )
    # Someone neither at the receiving service nor the referrer hears "no such referral".
    if slip is None or not by.has_perm("referral.change_slip_status", slip):
        raise ReferralError(_("No referral has this reference."), code="not_found")
    if status not in NEXT_STATUSES[slip.status]:
        raise ReferralError(
            _("A referral that is %(current)s cannot become %(wanted)s.")
            % {"current": slip.get_status_display(), "wanted": m.ReferralSlip.Status(status).label}
            if status in m.ReferralSlip.Status.values
            else _("Unknown status."),
            code="transition",
        )
    slip.status = status
    slip.status_changed_at = timezone.now()
    slip.save(update_fields=["status", "status_changed_at", "updated_at"])
    audit.record(
        "referral.slip.status_changed",
        actor=by,
        obj=slip,
        programme=programme,
        data={"status": status},
    )
    return slip


@transaction.atomic
def add_service_staff(*, programme, service: m.Service, email: str, by) -> m.ServiceStaff:
    """Let a programme member update the referrals sent to ``service``; twice is once."""
    from equalcity.accounts.models import Membership

    membership = (
        Membership.objects.active()
        .filter(programme=programme, user__email__iexact=email.strip())
        .select_related("user")
        .first()
    )
    if membership is None:
        raise ReferralError(
            _("No member of this programme has that e-mail address. Invite them first."),
            code="not_a_member",
        )
    staff, created = m.ServiceStaff.objects.get_or_create(
        programme=programme, service=service, user=membership.user, defaults={"added_by": by}
    )
    if created:
        audit.record(
            "referral.staff.added",
            actor=by,
            obj=staff,
            programme=programme,
            data={"service": str(service.id), "user": membership.user_id},
        )
    return staff


@transaction.atomic
def remove_service_staff(*, programme, service: m.Service, staff_id: int, by) -> None:
    staff = (
        m.ServiceStaff.objects.select_for_update()
        .filter(programme=programme, service=service, pk=staff_id)
        .first()
    )
    if staff is None:
        raise ReferralError(_("This person is not listed for the service."), code="not_staff")
    audit.record(
        "referral.staff.removed",
        actor=by,
        obj=staff,
        programme=programme,
        data={"service": str(service.id), "user": staff.user_id},
    )
    staff.delete()


# --- safe(r) spaces -----------------------------------------------------------------------

SAFE_SPACE_PASS_MARK = 10  # of 12, with no criterion left at 0

IMPROVEMENTS = {
    m.SafeSpaceCriterion.STAFF_TRAINING: _(
        "Train every front-desk and case worker with the LGBTQI+ toolbox module, and new staff "
        "within three months."
    ),
    m.SafeSpaceCriterion.VISIBLE_SIGNALS: _(
        "Show at the entrance and online that LGBTQI+ people are welcome, in the languages of "
        "your visitors."
    ),
    m.SafeSpaceCriterion.CONFIDENTIALITY: _(
        "Explain at the first contact what is kept confidential and what is not; never note "
        "sexual orientation or gender identity unless the person asks."
    ),
    m.SafeSpaceCriterion.INCLUSIVE_FORMS: _(
        "Let people give their own name and gender; remove questions that are not needed."
    ),
    m.SafeSpaceCriterion.REFERRAL_LINKS: _(
        "Agree referral contacts with at least one LGBTQI+ organisation and one migrant "
        "organisation in the city."
    ),
    m.SafeSpaceCriterion.COMPLAINTS: _(
        "Offer a way to complain that does not go through the person complained about, and that "
        "can be anonymous."
    ),
}


@dataclass
class SafeSpaceResult:
    assessment: "m.SafeSpaceAssessment"
    plan: list


@transaction.atomic
def assess_safe_space(
    *, programme, service: m.Service, scores: dict[str, int], by
) -> SafeSpaceResult:
    """Score a service against the charter, mark it in the directory if it meets it."""
    criteria = set(m.SafeSpaceCriterion.values)
    if set(scores) != criteria or any(value not in (0, 1, 2) for value in scores.values()):
        raise ReferralError(_("Answer every question of the charter."), code="incomplete")
    total = sum(scores.values())
    meets = total >= SAFE_SPACE_PASS_MARK and min(scores.values()) > 0
    assessment = m.SafeSpaceAssessment.objects.create(
        programme=programme,
        service=service,
        scores=scores,
        total=total,
        meets_charter=meets,
        assessed_by=by,
    )
    term = ensure_taxonomies()["lgbtqi_safe"]
    marked = m.Attribute.objects.filter(link_id=service.id, taxonomy_term=term)
    if meets and not marked.exists():
        m.Attribute.objects.create(
            link_id=service.id,
            link_entity="service",
            link_type="service_attribute",
            taxonomy_term=term,
        )
    elif not meets:
        marked.delete()
    audit.record(
        "referral.safe_space.assessed",
        actor=by,
        obj=service,
        programme=programme,
        data={"total": total, "meets_charter": meets},
    )
    plan = [
        (m.SafeSpaceCriterion(code).label, IMPROVEMENTS[code])
        for code in m.SafeSpaceCriterion.values
        if scores[code] < 2
    ]
    return SafeSpaceResult(assessment=assessment, plan=plan)


# --- background import --------------------------------------------------------------------


@transaction.atomic
def request_import(*, programme, upload, by) -> m.DirectoryImport:
    """Keep the uploaded package and import it in the background (see ``tasks``)."""
    job = m.DirectoryImport(programme=programme, file_name=upload.name[:255], requested_by=by)
    job.package.save(f"{uuid.uuid4()}.upload", upload, save=False)
    job.save()
    audit.record(
        "referral.import.requested",
        actor=by,
        obj=job,
        programme=programme,
        data={"file": job.file_name},
    )
    jobs.enqueue_on_commit("referral.directory_import", job.pk)
    return job


@transaction.atomic
def mark_import_running(*, job: m.DirectoryImport) -> None:
    job.state = m.DirectoryImport.State.RUNNING
    job.save(update_fields=["state", "updated_at"])


@transaction.atomic
def finish_import(*, job: m.DirectoryImport, report: hsds.Report | None, state: str) -> None:
    """Keep the report; the uploaded package itself is not kept once it was read."""
    job.state = state
    if report is not None:
        job.errors = [str(line) for line in report.errors]
        job.warnings = [str(line) for line in report.warnings]
        job.counts = report.counts
    if job.package:
        job.package.delete(save=False)
    job.save(update_fields=["state", "errors", "warnings", "counts", "package", "updated_at"])
