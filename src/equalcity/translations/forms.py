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
