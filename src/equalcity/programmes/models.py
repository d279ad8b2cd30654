from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField


class TargetGroup(models.TextChoices):
    """The four target groups of the Equalcity toolboxes."""

    LGBTQI_MIGRANTS = "lgbtqi_migrants", _("LGBTQI+ people with a migration background")
    WOMEN_GIRLS = "women_girls", _("Migrant women and girls")
    UNACCOMPANIED_CHILDREN = "unaccompanied_children", _("Unaccompanied migrant children")
    MIGRANT_PARENTS = "migrant_parents", _("Migrant parents")


class Programme(models.Model):
    """The root that memberships, toolboxes, trainings, indicators and reports belong to."""

    slug = models.SlugField(_("short name"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=200)
    summary = models.TextField(_("summary"), blank=True)
    lead_organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="led_programmes",
        verbose_name=_("lead organisation"),
    )
    funder = models.CharField(_("funder"), max_length=200, blank=True)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        ordering = ["-starts_on", "name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="programme_ends_after_start",
            )
        ]

    def __str__(self):
        return self.name


class PilotSite(models.Model):
    """A pilot city: where a toolbox for one target group is drafted and piloted."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="pilot_sites")
    city = models.CharField(_("city"), max_length=120)
    country = CountryField(_("country"))
    target_group = models.CharField(_("target group"), max_length=40, choices=TargetGroup.choices)
    partners = models.ManyToManyField(
        "accounts.Organisation", related_name="pilot_sites", verbose_name=_("partners")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("pilot site")
        verbose_name_plural = _("pilot sites")
        ordering = ["programme", "position", "city"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "city"], name="pilot_site_city_once")
        ]

    def __str__(self):
        return f"{self.city} · {self.get_target_group_display()}"


class Participation(models.Model):
    """How an organisation takes part in a programme beyond the pilot sites."""

    class Kind(models.TextChoices):
        TRAINEE = "trainee", _("Trainee city or organisation")
        CITY_NETWORK = "city_network", _("City network")
        PARTNER = "partner", _("Partner")

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="participations"
    )
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="participations"
    )
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    target_group = models.CharField(
        _("toolbox track"), max_length=40, choices=TargetGroup.choices, blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("participation")
        verbose_name_plural = _("participations")
        ordering = ["programme", "kind", "organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "organisation", "kind", "target_group"],
                name="participation_once",
            )
        ]

    def __str__(self):
        return f"{self.organisation} · {self.get_kind_display()}"


class ProgrammeTarget(models.Model):
    """A headline target of the programme; the monitoring app measures progress against it."""

    class Measure(models.TextChoices):
        FRONTLINE_WORKERS_TRAINED = "frontline_workers_trained", _("Frontline workers trained")
        CHILDREN_TRAINED = "children_trained", _("Unaccompanied children trained")
        TOOLBOXES = "toolboxes", _("Toolboxes published")
        TRAINEE_CITIES = "trainee_cities", _("Trainee cities")
        CITIES_REACHED = "cities_reached", _("Cities reached")

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="targets")
    measure = models.CharField(_("measure"), max_length=40, choices=Measure.choices)
    value = models.PositiveIntegerField(_("target value"))
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("programme target")
        verbose_name_plural = _("programme targets")
        ordering = ["programme", "position"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "measure"], name="target_measure_once")
        ]

    def __str__(self):
        return f"{self.get_measure_display()}: {self.value}"
