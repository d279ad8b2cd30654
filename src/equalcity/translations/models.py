"""Translations of toolbox content, one row per unit and language.

A unit is one translatable field of the working draft, named by a stable id such as
``section:12:body`` (see :mod:`equalcity.translations.units`). Each translation keeps the
source text and its hash as they were when it was made, so a later change of the source
makes it *outdated* and the translator can see what changed.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from equalcity.accounts.models import Membership
from equalcity.core.languages import CONTENT_LANGUAGES


class TranslationStatus(models.TextChoices):
    MISSING = "missing", _("Missing")
    IN_PROGRESS = "in_progress", _("In progress")
    MACHINE_DRAFT = "machine_draft", _("Machine draft")
    TRANSLATED = "translated", _("Translated")
    REVIEWED = "reviewed", _("Reviewed")


# Only these are shown to readers; a machine draft never is.
PUBLISHABLE = (TranslationStatus.TRANSLATED, TranslationStatus.REVIEWED)


class ProgrammeLanguage(models.Model):
    """A content language enabled in a programme."""

    programme = models.ForeignKey(
        "programmes.Programme", on_delete=models.CASCADE, related_name="content_languages"
    )
    language = models.CharField(_("language"), max_length=10, choices=CONTENT_LANGUAGES)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("content language")
        verbose_name_plural = _("content languages")
        ordering = ["programme", "language"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "language"], name="programme_language_once"
            )
        ]

    def __str__(self):
        return f"{self.programme}: {self.language}"


class TranslatorAssignmentQuerySet(models.QuerySet):
    def in_force(self):
        """Assignments whose translator is still an active member of the programme: the
        assignment hangs off the membership and ends with it."""
        return self.filter(
            models.Exists(
                Membership.objects.active().filter(
                    user=models.OuterRef("user"), programme=models.OuterRef("programme")
                )
            )
        )


class TranslatorAssignment(models.Model):
    """A user may translate a programme's toolboxes into one language, while a member."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="translator_assignments"
    )
    programme = models.ForeignKey(
        "programmes.Programme", on_delete=models.CASCADE, related_name="translator_assignments"
    )
    language = models.CharField(_("language"), max_length=10, choices=CONTENT_LANGUAGES)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = TranslatorAssignmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("translator assignment")
        verbose_name_plural = _("translator assignments")
        ordering = ["programme", "language", "user"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "programme", "language"], name="translator_assignment_once"
            )
        ]

    def __str__(self):
        return f"{self.user} → {self.language}"


class Translation(models.Model):
    toolbox = models.ForeignKey(
        "toolboxes.Toolbox", on_delete=models.CASCADE, related_name="translations"
    )
    unit_id = models.CharField(_("unit"), max_length=80)
    language = models.CharField(_("language"), max_length=10, choices=CONTENT_LANGUAGES)
    text = models.TextField(_("translation"), blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=TranslationStatus.choices,
        default=TranslationStatus.MISSING,
    )
    source_text = models.TextField(_("source text translated"), blank=True)
    source_hash = models.CharField(max_length=64, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    is_demo = models.BooleanField(_("demo translation"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("translation")
        verbose_name_plural = _("translations")
        ordering = ["toolbox", "language", "unit_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["toolbox", "unit_id", "language"], name="translation_unit_language_once"
            )
        ]

    def __str__(self):
        return f"{self.unit_id} [{self.language}]"

    @property
    def programme(self):
        return self.toolbox.programme
