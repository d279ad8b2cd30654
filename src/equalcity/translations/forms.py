from django import forms
from django.utils.translation import gettext_lazy as _

FORMAT_CHOICES = [("xliff12", _("XLIFF 1.2")), ("xliff2", _("XLIFF 2.0")), ("po", _("gettext PO"))]


class UnitForm(forms.Form):
    unit_id = forms.CharField(widget=forms.HiddenInput, max_length=80)
    text = forms.CharField(
        label=_("Translation"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    done = forms.BooleanField(label=_("Finished (ready for review)"), required=False)


class ImportForm(forms.Form):
    format = forms.ChoiceField(label=_("File format"), choices=FORMAT_CHOICES)
    file = forms.FileField(label=_("Translated file"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > 5 * 1024 * 1024:
            raise forms.ValidationError(_("The file is larger than 5 MB."))
        return upload


class MemberChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.full_name} ({obj.email})" if obj.full_name else obj.email


class TranslatorForm(forms.Form):
    """Assign a member of the programme to one of its enabled content languages."""

    user = MemberChoiceField(
        label=_("Person"),
        queryset=None,
        empty_label=_("Choose a member of the programme"),
        error_messages={
            "required": _("Choose the person who will translate."),
            "invalid_choice": _("Choose a member of the programme; invite the person first."),
        },
    )
    language = forms.ChoiceField(
        label=_("Language"),
        error_messages={
            "required": _("Choose the language they will translate into."),
            "invalid_choice": _("Choose one of the languages the programme offers."),
        },
    )

    def __init__(self, *args, members, languages: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = members
        self.fields["language"].choices = [("", _("Choose a language")), *languages]
