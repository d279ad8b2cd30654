"""The service directory (Open Referral HSDS 3), referral pathways and identity-free slips.

HSDS entities keep their HSDS identifiers (UUIDs) as primary keys, so a record keeps the
same id through import, the API and export. Two extensions to HSDS are ours:
``Location.is_confidential`` (a shelter whose address is never shown, exported or served;
only its intake phone is) and ``Location.city`` / ``Location.country`` (the city a worker
searches in, kept on the location so a search needs no join through addresses), and
``ServiceArea.country`` / ``ServiceArea.city`` (what a search matches a service without a
location — a national helpline, an online service — against).

No survivor is ever recorded: a referral slip holds needs, a language, whether consent
was given and a random reference the survivor keeps — nothing else about the person.
"""

import secrets
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from equalcity.programmes.models import TargetGroup

SGBV_TAXONOMY_ID = uuid.UUID("7d1f0a4e-2f6b-4a59-9a53-3c1e6f1c0001")
ATTRIBUTES_TAXONOMY_ID = uuid.UUID("7d1f0a4e-2f6b-4a59-9a53-3c1e6f1c0002")


class Stamped(models.Model):
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class Taxonomy(Stamped):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    uri = models.CharField(_("URI"), max_length=500, blank=True)
    version = models.CharField(_("version"), max_length=50, blank=True)

    class Meta:
        verbose_name = _("taxonomy")
        verbose_name_plural = _("taxonomies")
        ordering = ["name"]

    def __str__(self):
        return self.name


class TaxonomyTerm(Stamped):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    code = models.CharField(_("code"), max_length=100, blank=True, db_index=True)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    parent = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="children"
    )
    taxonomy_name = models.CharField(_("taxonomy as named"), max_length=200, blank=True)
    taxonomy = models.ForeignKey(
        Taxonomy, on_delete=models.PROTECT, null=True, blank=True, related_name="terms"
    )
    language = models.CharField(_("language"), max_length=20, blank=True)
    term_uri = models.CharField(_("term URI"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("taxonomy term")
        verbose_name_plural = _("taxonomy terms")
        ordering = ["taxonomy_id", "code", "name"]

    def __str__(self):
        return self.name


class Organization(Stamped):
    """An HSDS organization (a provider of services), not an account organisation."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    name = models.CharField(_("name"), max_length=300)
    alternate_name = models.CharField(_("alternate name"), max_length=300, blank=True)
    description = models.TextField(_("description"), blank=True)
    email = models.CharField(_("e-mail address"), max_length=254, blank=True)
    website = models.CharField(_("website"), max_length=500, blank=True)
    tax_status = models.CharField(_("tax status"), max_length=100, blank=True)
    tax_id = models.CharField(_("tax id"), max_length=100, blank=True)
    year_incorporated = models.PositiveSmallIntegerField(
        _("year incorporated"), null=True, blank=True
    )
    legal_status = models.CharField(_("legal status"), max_length=200, blank=True)
    logo = models.CharField(_("logo"), max_length=500, blank=True)
    uri = models.CharField(_("URI"), max_length=500, blank=True)
    parent = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="children"
    )

    class Meta:
        verbose_name = _("service provider")
        verbose_name_plural = _("service providers")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Service(Stamped):
    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        INACTIVE = "inactive", _("Inactive")
        DEFUNCT = "defunct", _("Defunct")
        TEMPORARILY_CLOSED = "temporarily closed", _("Temporarily closed")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, null=True, blank=True, related_name="services"
    )
    name = models.CharField(_("name"), max_length=300)
    alternate_name = models.CharField(_("alternate name"), max_length=300, blank=True)
    description = models.TextField(_("description"), blank=True)
    url = models.CharField(_("web address"), max_length=500, blank=True)
    email = models.CharField(_("e-mail address"), max_length=254, blank=True)
    status = models.CharField(
        _("status"), max_length=30, choices=Status.choices, default=Status.ACTIVE
    )
    interpretation_services = models.TextField(_("interpretation services"), blank=True)
    application_process = models.TextField(_("how to apply"), blank=True)
    fees_description = models.TextField(_("fees"), blank=True)
    wait_time = models.CharField(_("wait time"), max_length=200, blank=True)
    fees = models.CharField(_("fees (short)"), max_length=200, blank=True)
    accreditations = models.TextField(_("accreditations"), blank=True)
    eligibility_description = models.TextField(_("eligibility"), blank=True)
    minimum_age = models.PositiveSmallIntegerField(_("minimum age"), null=True, blank=True)
    maximum_age = models.PositiveSmallIntegerField(_("maximum age"), null=True, blank=True)
    assured_date = models.DateField(_("information checked on"), null=True, blank=True)
    assurer_email = models.CharField(_("checked by (e-mail)"), max_length=254, blank=True)
    licenses = models.TextField(_("licences"), blank=True)
    alert = models.TextField(_("alert"), blank=True)
    last_modified = models.DateTimeField(_("last modified"), null=True, blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        verbose_name = _("service")
        verbose_name_plural = _("services")
        ordering = ["name", "id"]
        indexes = [models.Index(fields=["name", "id"], name="service_name_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(minimum_age__isnull=True)
                | Q(maximum_age__isnull=True)
                | Q(maximum_age__gte=models.F("minimum_age")),
                name="service_age_range_ordered",
            )
        ]

    def __str__(self):
        return self.name


class Location(Stamped):
    class Kind(models.TextChoices):
        PHYSICAL = "physical", _("Physical")
        POSTAL = "postal", _("Postal")
        VIRTUAL = "virtual", _("Virtual")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    location_type = models.CharField(
        _("type"), max_length=20, choices=Kind.choices, default=Kind.PHYSICAL
    )
    url = models.CharField(_("web address"), max_length=500, blank=True)
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, null=True, blank=True, related_name="locations"
    )
    name = models.CharField(_("name"), max_length=300, blank=True)
    alternate_name = models.CharField(_("alternate name"), max_length=300, blank=True)
    description = models.TextField(_("description"), blank=True)
    transportation = models.TextField(_("how to get there"), blank=True)
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    external_identifier = models.CharField(_("external identifier"), max_length=200, blank=True)
    external_identifier_type = models.CharField(
        _("external identifier type"), max_length=100, blank=True
    )
    # Extensions to HSDS (not exported as HSDS fields).
    is_confidential = models.BooleanField(
        _("confidential address"),
        default=False,
        help_text=_("A shelter's address is never shown, exported or served; only its intake."),
    )
    city = models.CharField(_("city"), max_length=120, blank=True, db_index=True)
    country = CountryField(_("country"), blank=True)

    class Meta:
        verbose_name = _("location")
        verbose_name_plural = _("locations")
        ordering = ["city", "name", "id"]
        indexes = [models.Index(fields=["latitude", "longitude"], name="location_coords_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(latitude__isnull=True, longitude__isnull=True)
                | Q(
                    latitude__gte=-90,
                    latitude__lte=90,
                    longitude__gte=-180,
                    longitude__lte=180,
                ),
                name="location_coordinates_valid",
            ),
            models.CheckConstraint(
                condition=Q(is_confidential=False) | Q(latitude__isnull=True),
                name="confidential_location_has_no_coordinates",
            ),
        ]

    def __str__(self):
        return self.name or str(self.id)


class Address(Stamped):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="addresses")
    attention = models.CharField(_("attention"), max_length=200, blank=True)
    address_1 = models.CharField(_("address"), max_length=300)
    address_2 = models.CharField(_("address (continued)"), max_length=300, blank=True)
    city = models.CharField(_("city"), max_length=120)
    region = models.CharField(_("region"), max_length=120, blank=True)
    state_province = models.CharField(_("state or province"), max_length=120)
    postal_code = models.CharField(_("postal code"), max_length=30)
    country = models.CharField(_("country"), max_length=2)
    address_type = models.CharField(_("type"), max_length=20, default="physical")

    class Meta:
        verbose_name = _("address")
        verbose_name_plural = _("addresses")
        ordering = ["location", "address_type", "id"]

    def __str__(self):
        return f"{self.address_1}, {self.city}"


class ServiceAtLocation(Stamped):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="at_locations")
    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="at_locations")
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("service at a location")
        verbose_name_plural = _("services at locations")
        ordering = ["service", "location", "id"]

    def __str__(self):
        return f"{self.service_id} @ {self.location_id}"


class ServiceArea(Stamped):
    """An HSDS service area: where a service is available, whether or not it has a location.

    HSDS describes the area in free text (``name``, ``description``) and as a polygon
    (``extent`` in the format ``extent_type``). Search cannot match either, so an area also
    says which country it covers and, optionally, one city (an area without a city covers
    the whole country; a service available in three cities has three areas). These two
    fields are our extension and are not exported as HSDS fields.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="service_areas")
    service_at_location = models.ForeignKey(
        ServiceAtLocation,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="service_areas",
    )
    name = models.CharField(_("name"), max_length=500, blank=True)
    description = models.TextField(_("description"), blank=True)
    extent = models.TextField(_("extent"), blank=True)
    extent_type = models.CharField(
        _("extent type"),
        max_length=20,
        blank=True,
        help_text=_("The format of the extent: geojson, topojson, kml or text."),
    )
    uri = models.CharField(_("URI"), max_length=500, blank=True)
    # Extensions to HSDS (not exported as HSDS fields).
    country = CountryField(_("country covered"), blank=True)
    city = models.CharField(
        _("city covered"),
        max_length=120,
        blank=True,
        help_text=_("Leave empty when the service is available in the whole country."),
    )

    class Meta:
        verbose_name = _("service area")
        verbose_name_plural = _("service areas")
        ordering = ["service", "name", "id"]
        indexes = [models.Index(fields=["country", "city"], name="service_area_place_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(city="") | ~Q(country=""), name="service_area_city_has_country"
            )
        ]

    def __str__(self):
        return self.name or self.city or str(self.country) or str(self.id)


class Contact(Stamped):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, null=True, blank=True, related_name="contacts"
    )
    service = models.ForeignKey(
        Service, on_delete=models.CASCADE, null=True, blank=True, related_name="contacts"
    )
    service_at_location = models.ForeignKey(
        ServiceAtLocation, on_delete=models.CASCADE, null=True, blank=True, related_name="contacts"
    )
    location = models.ForeignKey(
        Location, on_delete=models.CASCADE, null=True, blank=True, related_name="contacts"
    )
    name = models.CharField(_("name"), max_length=200, blank=True)
    title = models.CharField(_("title"), max_length=200, blank=True)
    department = models.CharField(_("department"), max_length=200, blank=True)
    email = models.CharField(_("e-mail address"), max_length=254, blank=True)

    class Meta:
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        ordering = ["name", "id"]

    def __str__(self):
        return self.name or str(self.id)


class Phone(Stamped):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    location = models.ForeignKey(
        Location, on_delete=models.CASCADE, null=True, blank=True, related_name="phones"
    )
    service = models.ForeignKey(
        Service, on_delete=models.CASCADE, null=True, blank=True, related_name="phones"
    )
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, null=True, blank=True, related_name="phones"
    )
    contact = models.ForeignKey(
        Contact, on_delete=models.CASCADE, null=True, blank=True, related_name="phones"
    )
    service_at_location = models.ForeignKey(
        ServiceAtLocation, on_delete=models.CASCADE, null=True, blank=True, related_name="phones"
    )
    number = models.CharField(_("number"), max_length=40)
    extension = models.CharField(_("extension"), max_length=20, blank=True)
    type = models.CharField(_("type"), max_length=20, blank=True)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("phone")
        verbose_name_plural = _("phones")
        ordering = ["number", "id"]

    def __str__(self):
        return self.number


class Schedule(Stamped):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    service = models.ForeignKey(
        Service, on_delete=models.CASCADE, null=True, blank=True, related_name="schedules"
    )
    location = models.ForeignKey(
        Location, on_delete=models.CASCADE, null=True, blank=True, related_name="schedules"
    )
    service_at_location = models.ForeignKey(
        ServiceAtLocation,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="schedules",
    )
    valid_from = models.DateField(null=True, blank=True)
    valid_to = models.DateField(null=True, blank=True)
    dtstart = models.DateField(null=True, blank=True)
    timezone = models.FloatField(null=True, blank=True)
    until = models.DateField(null=True, blank=True)
    count = models.PositiveIntegerField(null=True, blank=True)
    wkst = models.CharField(max_length=2, blank=True)
    freq = models.CharField(max_length=10, blank=True)
    interval = models.PositiveIntegerField(null=True, blank=True)
    byday = models.CharField(
        max_length=40, blank=True, help_text=_("Days as MO,TU,WE,TH,FR,SA,SU.")
    )
    byweekno = models.CharField(max_length=200, blank=True)
    bymonthday = models.CharField(max_length=200, blank=True)
    byyearday = models.CharField(max_length=200, blank=True)
    description = models.TextField(blank=True)
    opens_at = models.TimeField(null=True, blank=True)
    closes_at = models.TimeField(null=True, blank=True)
    schedule_link = models.CharField(max_length=500, blank=True)
    attending_type = models.TextField(blank=True)
    notes = models.TextField(blank=True)

    class Meta:
        verbose_name = _("opening hours")
        verbose_name_plural = _("opening hours")
        ordering = ["service", "byday", "opens_at", "id"]

    def __str__(self):
        return f"{self.byday} {self.opens_at}-{self.closes_at}"


class Language(Stamped):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    service = models.ForeignKey(
        Service, on_delete=models.CASCADE, null=True, blank=True, related_name="languages"
    )
    location = models.ForeignKey(
        Location, on_delete=models.CASCADE, null=True, blank=True, related_name="languages"
    )
    phone = models.ForeignKey(
        Phone, on_delete=models.CASCADE, null=True, blank=True, related_name="languages"
    )
    name = models.CharField(_("language"), max_length=100, blank=True)
    code = models.CharField(_("code"), max_length=20, blank=True, db_index=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("language spoken")
        verbose_name_plural = _("languages spoken")
        ordering = ["code", "id"]

    def __str__(self):
        return self.name or self.code


class Accessibility(Stamped):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="accessibility")
    description = models.TextField(_("description"), blank=True)
    details = models.TextField(_("details"), blank=True)
    url = models.CharField(_("web address"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("accessibility")
        verbose_name_plural = _("accessibility")
        ordering = ["location", "id"]

    def __str__(self):
        return self.description[:60]


class CostOption(Stamped):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="cost_options")
    valid_from = models.DateField(null=True, blank=True)
    valid_to = models.DateField(null=True, blank=True)
    option = models.CharField(_("option"), max_length=300, blank=True)
    currency = models.CharField(_("currency"), max_length=3, blank=True)
    amount = models.DecimalField(_("amount"), max_digits=12, decimal_places=2, null=True)
    amount_description = models.CharField(_("amount description"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("cost option")
        verbose_name_plural = _("cost options")
        ordering = ["service", "id"]

    def __str__(self):
        return self.option


class RequiredDocument(Stamped):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    service = models.ForeignKey(
        Service, on_delete=models.CASCADE, related_name="required_documents"
    )
    document = models.TextField(_("document"))
    uri = models.CharField(_("URI"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("required document")
        verbose_name_plural = _("required documents")
        ordering = ["service", "id"]

    def __str__(self):
        return self.document[:60]


class Attribute(Stamped):
    """A taxonomy term attached to any HSDS entity (needs and attributes of a service)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    link_id = models.UUIDField(_("linked record"), db_index=True)
    link_type = models.CharField(_("link type"), max_length=100, blank=True)
    link_entity = models.CharField(_("linked entity"), max_length=50)
    taxonomy_term = models.ForeignKey(
        TaxonomyTerm, on_delete=models.PROTECT, related_name="attributes"
    )
    value = models.CharField(_("value"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("attribute")
        verbose_name_plural = _("attributes")
        ordering = ["link_entity", "link_id", "id"]
        indexes = [
            models.Index(fields=["taxonomy_term", "link_id"], name="attribute_term_link_idx")
        ]

    def __str__(self):
        return f"{self.link_entity}:{self.link_id} {self.taxonomy_term_id}"


class PathwayStep(models.TextChoices):
    FIRST_CONTACT = "first_contact", _("First contact")
    IMMEDIATE_SAFETY = "immediate_safety", _("Immediate safety")
    MEDICAL = "medical", _("Medical care (within 72 hours where it applies)")
    PSYCHOSOCIAL = "psychosocial", _("Psychosocial support")
    LEGAL = "legal", _("Legal aid and justice")
    SHELTER = "shelter", _("Shelter and safe accommodation")
    RECOVERY = "recovery", _("Longer-term recovery")


class Pathway(Stamped):
    """The referral pathway of one city for one target group."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    programme = models.ForeignKey(
        "programmes.Programme", on_delete=models.CASCADE, related_name="pathways"
    )
    city = models.CharField(_("city"), max_length=120)
    country = CountryField(_("country"))
    target_group = models.CharField(_("target group"), max_length=40, choices=TargetGroup.choices)
    title = models.CharField(_("title"), max_length=200)
    introduction = models.TextField(_("introduction"), blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        verbose_name = _("referral pathway")
        verbose_name_plural = _("referral pathways")
        ordering = ["programme", "city", "target_group"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "city", "target_group"], name="pathway_once_per_city_group"
            )
        ]

    def __str__(self):
        return self.title


class Step(Stamped):
    pathway = models.ForeignKey(Pathway, on_delete=models.CASCADE, related_name="steps")
    position = models.PositiveSmallIntegerField(_("position"))
    kind = models.CharField(_("step"), max_length=30, choices=PathwayStep.choices)
    guidance = models.TextField(_("what to do at this step"), blank=True)
    services = models.ManyToManyField(
        Service, blank=True, related_name="pathway_steps", verbose_name=_("services")
    )

    class Meta:
        verbose_name = _("pathway step")
        verbose_name_plural = _("pathway steps")
        ordering = ["pathway", "position"]
        constraints = [
            models.UniqueConstraint(fields=["pathway", "position"], name="step_position_once")
        ]

    def __str__(self):
        return f"{self.position}. {self.get_kind_display()}"


REFERENCE_ALPHABET = "ABCDEFGHJKMNPQRSTVWXYZ23456789"  # no 0/O, 1/I/L, U: easy to read out


def new_reference() -> str:
    """A 10-character random reference (about 49 bits): the survivor keeps it."""
    return "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(10))


class ReferralSlip(Stamped):
    """A referral to a service that holds nothing identifying about the person referred."""

    class Status(models.TextChoices):
        SENT = "sent", _("Sent")
        RECEIVED = "received", _("Received")
        ACCEPTED = "accepted", _("Accepted")
        COMPLETED = "completed", _("Completed")
        DECLINED = "declined", _("Declined")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    reference = models.CharField(_("reference"), max_length=12, unique=True, default=new_reference)
    programme = models.ForeignKey(
        "programmes.Programme", on_delete=models.CASCADE, related_name="referral_slips"
    )
    service = models.ForeignKey(Service, on_delete=models.PROTECT, related_name="referral_slips")
    needs = models.ManyToManyField(
        TaxonomyTerm, related_name="referral_slips", verbose_name=_("needs")
    )
    language = models.CharField(_("language"), max_length=20)
    consent_given = models.BooleanField(_("consent given"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.SENT
    )
    status_changed_at = models.DateTimeField(null=True, blank=True)
    referred_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("referral slip")
        verbose_name_plural = _("referral slips")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return self.reference


class SafeSpaceCriterion(models.TextChoices):
    STAFF_TRAINING = (
        "staff_training",
        _("Staff are trained on LGBTQI+ people with a migration background"),
    )
    VISIBLE_SIGNALS = "visible_signals", _("Visible signals that LGBTQI+ people are welcome")
    CONFIDENTIALITY = "confidentiality", _("Confidentiality is explained and kept")
    INCLUSIVE_FORMS = "inclusive_forms", _("Forms and language include every gender and family")
    REFERRAL_LINKS = "referral_links", _("Links to LGBTQI+ and migrant organisations for referral")
    COMPLAINTS = "complaints", _("A safe way to complain, also anonymously")


class SafeSpaceAssessment(Stamped):
    """A service's self-assessment against the safe(r)-space charter; scores 0, 1 or 2."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    programme = models.ForeignKey(
        "programmes.Programme", on_delete=models.CASCADE, related_name="safe_space_assessments"
    )
    service = models.ForeignKey(
        Service, on_delete=models.CASCADE, related_name="safe_space_assessments"
    )
    scores = models.JSONField(_("scores"), default=dict)
    total = models.PositiveSmallIntegerField(_("score"))
    meets_charter = models.BooleanField(_("meets the charter"))
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("safe(r)-space self-assessment")
        verbose_name_plural = _("safe(r)-space self-assessments")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(total__lte=12), name="safe_space_total_in_range")
        ]

    def __str__(self):
        return f"{self.service_id} {self.total}/12"


class DirectoryImport(Stamped):
    """An HSDS package waiting for, or done with, the background import; its report stays."""

    class State(models.TextChoices):
        QUEUED = "queued", _("Waiting")
        RUNNING = "running", _("Importing")
        DONE = "done", _("Imported")
        REFUSED = "refused", _("Refused: nothing was imported")
        FAILED = "failed", _("Failed: nothing was imported")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    programme = models.ForeignKey(
        "programmes.Programme", on_delete=models.CASCADE, related_name="directory_imports"
    )
    package = models.FileField(upload_to="referral/imports/", blank=True)
    file_name = models.CharField(_("file"), max_length=255)
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.QUEUED)
    errors = models.JSONField(_("problems"), default=list, blank=True)
    warnings = models.JSONField(_("notes"), default=list, blank=True)
    counts = models.JSONField(_("imported"), default=dict, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("directory import")
        verbose_name_plural = _("directory imports")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.file_name} · {self.get_state_display()}"

    @property
    def finished(self) -> bool:
        return self.state in {self.State.DONE, self.State.REFUSED, self.State.FAILED}


class ServiceStaff(Stamped):
    """A programme member who works at a service and may update the referrals sent to it."""

    programme = models.ForeignKey(
        "programmes.Programme", on_delete=models.CASCADE, related_name="referral_service_staff"
    )
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="staff")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="referral_services"
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("service staff member")
        verbose_name_plural = _("service staff")
        ordering = ["service", "user__email"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "service", "user"], name="referral_service_staff_unique"
            )
        ]

    def __str__(self):
        return f"{self.user} @ {self.service}"
