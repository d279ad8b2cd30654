from django import forms
from django.utils.translation import gettext_lazy as _

from equalcity.surveys.models import FocusGroup

PARTICIPANT_CATEGORIES = [
    ("women", _("Women")),
    ("men", _("Men")),
    ("non_binary", _("Non-binary or other")),
    ("frontline_workers", _("Frontline workers")),
    ("migrants", _("Migrants")),
]


class ImportForm(forms.Form):
    workbook = forms.FileField(label=_("XLSForm workbook (.xlsx)"))
    anonymous = forms.BooleanField(label=_("Anonymous answers"), required=False, initial=True)
    open_now = forms.BooleanField(label=_("Open for answers now"), required=False)


class FocusGroupForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=FocusGroup.Kind.choices)
    held_on = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    city = forms.CharField(label=_("City"), max_length=120)
    target_group = forms.CharField(label=_("Target group"), max_length=120)
    facilitator = forms.CharField(label=_("Facilitator"), max_length=200)
    notes = forms.CharField(label=_("Notes"), widget=forms.Textarea, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for key, label in PARTICIPANT_CATEGORIES:
            self.fields[f"count_{key}"] = forms.IntegerField(
                label=_("Participants: %(category)s") % {"category": label},
                min_value=0,
                max_value=500,
                initial=0,
                required=False,
            )

    def participants(self) -> dict[str, int]:
        return {
            key: self.cleaned_data.get(f"count_{key}") or 0
            for key, _label in PARTICIPANT_CATEGORIES
            if self.cleaned_data.get(f"count_{key}")
        }


class ExcerptForm(forms.Form):
    text = forms.CharField(label=_("Excerpt"), widget=forms.Textarea, max_length=5000)
    themes = forms.CharField(
        label=_("Themes"), help_text=_("Separate themes with commas."), max_length=500
    )

    def theme_names(self) -> list[str]:
        return [name.strip() for name in self.cleaned_data["themes"].split(",") if name.strip()]
