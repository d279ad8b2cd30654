from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from equalcity.programmes.models import TargetGroup
from equalcity.toolboxes.models import (
    CRITERIA,
    Rating,
    Resource,
    ReviewRound,
    SectionKind,
    Testimony,
)
from equalcity.toolboxes.services import MAX_UPLOAD_BYTES

SCORES = [(value, str(value)) for value in range(1, 6)]


class ToolboxForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    summary = forms.CharField(
        label=_("Summary"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    target_group = forms.ChoiceField(label=_("Target group"), choices=TargetGroup.choices)
    lead_partner = forms.ModelChoiceField(label=_("Lead partner"), queryset=None, required=False)
    source_language = forms.ChoiceField(
        label=_("Language it is written in"), choices=settings.LANGUAGES
    )

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead_partner"].queryset = organisations


class ModuleForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    learning_objectives = forms.CharField(
        label=_("Learning objectives"),
        help_text=_("One objective per line."),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    duration_minutes = forms.IntegerField(
        label=_("Estimated duration in minutes"), min_value=5, max_value=6000, initial=60
    )


class SectionAddForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=SectionKind.choices)
    body = forms.CharField(
        label=_("Text"),
        help_text=_("Markdown."),
        widget=forms.Textarea(attrs={"rows": 8}),
        required=False,
    )


class SectionEditForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    body = forms.CharField(
        label=_("Text"),
        help_text=_("Markdown: # headings, **bold**, - lists, [links](https://…)."),
        widget=forms.Textarea(attrs={"rows": 18, "dir": "auto"}),
        required=False,
    )
    revision = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class TestimonyForm(forms.Form):
    quote = forms.CharField(
        label=_("Quote"), widget=forms.Textarea(attrs={"rows": 3, "dir": "auto"})
    )
    attribution = forms.ChoiceField(label=_("Attribution"), choices=Testimony.Attribution.choices)
    pseudonym = forms.CharField(label=_("Pseudonym"), max_length=80, required=False)
    country = forms.ChoiceField(label=_("Country"), choices=[("", "—"), *countries], required=False)
    consent_given = forms.BooleanField(
        label=_("The person consented to publication as attributed"), required=False
    )
    is_illustrative = forms.BooleanField(
        label=_("Illustrative (not the words of a real person)"), required=False
    )


class ResourceForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=Resource.Kind.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    file = forms.FileField(
        label=_("File"),
        required=False,
        help_text=_("PDF, ODT, ODP, DOCX, PPTX, PNG or JPEG, at most %(limit)s MB.")
        % {"limit": MAX_UPLOAD_BYTES // 1024 // 1024},
    )
    url = forms.URLField(label=_("Or a link"), required=False, assume_scheme="https")


class MoveForm(forms.Form):
    to_status = forms.CharField(widget=forms.HiddenInput)
    note = forms.CharField(label=_("Note for the timeline"), max_length=2000, required=False)


class PublishForm(forms.Form):
    note = forms.CharField(label=_("What changed in this edition"), max_length=2000, required=False)
    major = forms.BooleanField(
        label=_("A major edition (2.0 after 1.x) rather than a minor one (1.1 after 1.0)"),
        required=False,
    )


class RoundForm(forms.Form):
    kind = forms.ChoiceField(label=_("Panel"), choices=ReviewRound.Kind.choices)
    title = forms.CharField(label=_("Title"), max_length=200, required=False)
    module = forms.ModelChoiceField(
        label=_("Module"), queryset=None, required=False, empty_label=_("The whole toolbox")
    )
    deadline = forms.DateField(label=_("Deadline"), widget=forms.DateInput(attrs={"type": "date"}))
    reviewers = forms.ModelMultipleChoiceField(
        label=_("Reviewers"), queryset=None, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, modules, reviewers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["module"].queryset = modules
        self.fields["reviewers"].queryset = reviewers


class ReviewForm(forms.Form):
    """One 1-5 choice per module and criterion."""

    def __init__(self, *args, modules, **kwargs):
        super().__init__(*args, **kwargs)
        self.modules = list(modules)
        labels = {
            criterion: Rating._meta.get_field(criterion).verbose_name for criterion in CRITERIA
        }
        for module in self.modules:
            for criterion in CRITERIA:
                self.fields[f"m{module.pk}_{criterion}"] = forms.TypedChoiceField(
                    label=_("%(module)s: %(criterion)s")
                    % {"module": module.title, "criterion": labels[criterion]},
                    choices=SCORES,
                    coerce=int,
                    widget=forms.RadioSelect,
                )

    def ratings(self) -> dict:
        return {
            module.pk: {
                criterion: self.cleaned_data[f"m{module.pk}_{criterion}"] for criterion in CRITERIA
            }
            for module in self.modules
        }


class CommentForm(forms.Form):
    section = forms.ModelChoiceField(label=_("Section"), queryset=None)
    quote = forms.CharField(
        label=_("Quoted passage"),
        help_text=_("Copy the words of the section your comment is about."),
        widget=forms.Textarea(attrs={"rows": 2, "dir": "auto"}),
    )
    body = forms.CharField(
        label=_("Comment"), widget=forms.Textarea(attrs={"rows": 4, "dir": "auto"})
    )
    is_blocking = forms.BooleanField(
        label=_("Blocking: must be resolved before the toolbox is final"), required=False
    )

    def __init__(self, *args, sections, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["section"].queryset = sections


class ReplyForm(forms.Form):
    body = forms.CharField(
        label=_("Answer"), widget=forms.Textarea(attrs={"rows": 2, "dir": "auto"})
    )


class ExpertProfileForm(forms.Form):
    display_name = forms.CharField(label=_("Name as shown"), max_length=200)
    expertise = forms.CharField(
        label=_("Expertise"),
        widget=forms.Textarea(attrs={"rows": 3, "dir": "auto"}),
        required=False,
    )
    is_public = forms.BooleanField(
        label=_("Show my name and expertise on the toolboxes I reviewed"), required=False
    )
