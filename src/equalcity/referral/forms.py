import uuid

from django import forms
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

from equalcity.programmes.models import TargetGroup
from equalcity.referral import models as m
from equalcity.referral.selectors import SearchFilters
from equalcity.referral.taxonomy import ATTRIBUTES, NEEDS


def language_name(code: str) -> str:
    try:
        return get_language_info(code)["name_local"]
    except KeyError:
        return code


class SearchForm(forms.Form):
    """What a frontline worker searches by; every bound out-of-range value is a 400."""

    city = forms.ChoiceField(label=_("City"), required=False)
    need = forms.ChoiceField(label=_("Need"), required=False)
    language = forms.ChoiceField(label=_("Language spoken"), required=False)
    open_now = forms.BooleanField(label=_("Open now"), required=False)
    attributes = forms.MultipleChoiceField(
        label=_("The service must be"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=[(t.code, t.name) for t in ATTRIBUTES],
    )
    q = forms.CharField(label=_("Words in the name or description"), required=False, max_length=100)
    lat = forms.FloatField(label=_("Latitude"), required=False, min_value=-90, max_value=90)
    lon = forms.FloatField(label=_("Longitude"), required=False, min_value=-180, max_value=180)
    radius = forms.FloatField(
        label=_("Within (km)"), required=False, min_value=0.1, max_value=200, initial=10
    )
    page = forms.IntegerField(
        required=False, min_value=1, max_value=10_000, widget=forms.HiddenInput
    )

    def __init__(self, *args, cities, languages, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["city"].choices = [("", _("Any city"))] + [(c, c) for c in cities]
        self.fields["need"].choices = [("", _("Any need"))] + [(t.code, t.name) for t in NEEDS]
        self.fields["language"].choices = [("", _("Any language"))] + [
            (code, language_name(code)) for code in languages
        ]

    def clean(self):
        data = super().clean()
        if (data.get("lat") is None) != (data.get("lon") is None):
            raise forms.ValidationError(
                _("Give both latitude and longitude to search near a point."), code="coordinates"
            )
        return data

    def filters(self) -> SearchFilters:
        data = self.cleaned_data
        return SearchFilters(
            city=data["city"],
            need=data["need"],
            language=data["language"],
            open_now=data["open_now"],
            attributes=tuple(data["attributes"]),
            latitude=data["lat"],
            longitude=data["lon"],
            radius_km=data["radius"] or 10,
            text=data["q"],
        )


class ImportForm(forms.Form):
    package = forms.FileField(
        label=_("HSDS datapackage (zip of CSV files with datapackage.json) or HSDS JSON"),
    )


class SlipForm(forms.Form):
    needs = forms.MultipleChoiceField(
        label=_("Needs"),
        choices=[(t.code, t.name) for t in NEEDS],
        widget=forms.CheckboxSelectMultiple,
    )
    language = forms.ChoiceField(label=_("Language the person prefers"))
    consent_given = forms.BooleanField(
        label=_("The person agreed to this referral"),
        required=False,
        help_text=_("Write no name, date of birth, address or story: only what is asked here."),
    )

    def __init__(self, *args, languages, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = [(code, language_name(code)) for code in languages]


class SlipStatusForm(forms.Form):
    reference = forms.CharField(label=_("Referral reference"), max_length=12)
    status = forms.ChoiceField(
        label=_("New status"),
        choices=[c for c in m.ReferralSlip.Status.choices if c[0] != m.ReferralSlip.Status.SENT],
    )


SCORE_CHOICES = [(0, _("Not yet")), (1, _("Partly")), (2, _("Fully"))]


class SafeSpaceForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for code, label in m.SafeSpaceCriterion.choices:
            self.fields[code] = forms.TypedChoiceField(
                label=label, choices=SCORE_CHOICES, coerce=int, widget=forms.RadioSelect
            )


class NewPathwayForm(forms.Form):
    city = forms.ChoiceField(label=_("City"))
    target_group = forms.ChoiceField(label=_("Target group"), choices=TargetGroup.choices)
    title = forms.CharField(label=_("Title"), max_length=200)

    def __init__(self, *args, cities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["city"].choices = [(c, c) for c in cities]


class PathwayForm(forms.Form):
    """The steps of a pathway, in the fixed order of the referral sequence."""

    title = forms.CharField(label=_("Title"), max_length=200)
    introduction = forms.CharField(
        label=_("Introduction"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, services, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(str(s.id), s.name) for s in services]
        for kind, label in m.PathwayStep.choices:
            self.fields[f"{kind}__include"] = forms.BooleanField(
                label=_("Include the step “%(step)s”") % {"step": label}, required=False
            )
            self.fields[f"{kind}__guidance"] = forms.CharField(
                label=_("What to do at the step “%(step)s”") % {"step": label},
                required=False,
                widget=forms.Textarea(attrs={"rows": 3}),
            )
            self.fields[f"{kind}__services"] = forms.MultipleChoiceField(
                label=_("Services for the step “%(step)s”") % {"step": label},
                required=False,
                choices=choices,
                widget=forms.CheckboxSelectMultiple,
            )

    def step_groups(self):
        return [
            (label, self[f"{kind}__include"], self[f"{kind}__guidance"], self[f"{kind}__services"])
            for kind, label in m.PathwayStep.choices
        ]

    @staticmethod
    def initial_for(pathway) -> dict:
        initial = {"title": pathway.title, "introduction": pathway.introduction}
        for step in pathway.steps.all():
            initial[f"{step.kind}__include"] = True
            initial[f"{step.kind}__guidance"] = step.guidance
            initial[f"{step.kind}__services"] = [str(s.id) for s in step.services.all()]
        return initial

    def steps(self):
        from equalcity.referral.services import StepInput

        data = self.cleaned_data
        return [
            StepInput(
                kind=kind,
                guidance=data[f"{kind}__guidance"],
                service_ids=[uuid.UUID(value) for value in data[f"{kind}__services"]],
            )
            for kind in m.PathwayStep.values
            if data[f"{kind}__include"]
        ]
