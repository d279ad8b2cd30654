"""Forms of the partner report, its finances and values, of meetings and of the programme's
phases: they bind and check the shape of what is sent; the services decide what is allowed."""

from django import forms
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from equalcity.accounts.models import Organisation
from equalcity.monitoring import currencies
from equalcity.monitoring.models import Meeting
from equalcity.monitoring.services import EVIDENCE_TYPES, PHASE_NAME_MAX


def _text(label, *, rows=4, required=False, help_text=""):
    return forms.CharField(
        label=label,
        required=required,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows, "dir": "auto"}),
    )


def _amount(label, *, max_digits=14, help_text=""):
    # No min_value: a negative amount reaches the service, whose refusal says why.
    return forms.DecimalField(
        label=label,
        max_digits=max_digits,
        decimal_places=2,
        help_text=help_text,
        widget=forms.NumberInput(attrs={"step": "0.01", "min": "0", "inputmode": "decimal"}),
    )


def _date(label):
    return forms.DateField(label=label, widget=forms.DateInput(attrs={"type": "date"}))


def period_key(year: int, quarter: int) -> str:
    return f"{year}-{quarter}"


class StartReportForm(forms.Form):
    organisation = forms.ModelChoiceField(label=_("Organisation"), queryset=None, empty_label=None)
    period = forms.CharField(label=_("Start the report for"))

    def __init__(self, *args, organisations, begun, free, **kwargs):
        """``organisations``: a list of those the user edits for; ``begun``: quarters of the
        programme that have begun; ``free``: those of them with no report yet for at least one
        of the organisations, the ones offered in the select."""
        super().__init__(*args, **kwargs)
        self.begun = set(begun)
        field = self.fields["organisation"]
        field.queryset = Organisation.objects.filter(
            pk__in=[organisation.pk for organisation in organisations]
        ).order_by("name")
        if len(organisations) == 1:
            field.widget = forms.HiddenInput()
            field.initial = organisations[0].pk
        self.fields["period"].widget = forms.Select(
            choices=[(period_key(*q), f"{q[0]} Q{q[1]}") for q in free]
        )
        if free:
            # The latest quarter without a report is the one a partner usually writes.
            self.fields["period"].initial = period_key(*free[-1])

    def clean_period(self):
        year, _sep, quarter = self.cleaned_data["period"].partition("-")
        if not (year.isdigit() and quarter.isdigit()):
            raise forms.ValidationError(_("Choose a quarter from the list."))
        period = int(year), int(quarter)
        if period not in self.begun:
            raise forms.ValidationError(_("Choose a quarter of the programme that has begun."))
        return period


class ReportTextForm(forms.Form):
    narrative = _text(_("Narrative"), rows=6, help_text=_("What happened in the quarter."))
    activities_planned = _text(_("Activities planned"))
    activities_done = _text(_("Activities done"))
    risks = _text(_("Risks and mitigation"))


class FinanceLineForm(forms.Form):
    line = forms.IntegerField(required=False, widget=forms.HiddenInput())
    budget_line = forms.CharField(
        label=_("Budget line"),
        max_length=200,
        widget=forms.TextInput(attrs={"dir": "auto"}),
        help_text=_("For example Staff, Travel, Translation."),
    )
    # Any code is passed on: an unknown one is refused by the service with a clear message.
    currency = forms.CharField(label=_("Currency"), max_length=10)
    budget = _amount(_("Budget"), help_text=_("For the whole programme."))
    spent_in_quarter = _amount(_("Spent in the quarter"))
    spent_to_date = _amount(
        _("Spent to date"), help_text=_("Since the programme began, this quarter included.")
    )
    variance_explained = _text(
        _("Variance explained"),
        rows=3,
        help_text=_("Why spending differs from plan, if it does."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["currency"].widget = forms.Select(choices=currencies.choices())


class IndicatorValueForm(forms.Form):
    value = forms.DecimalField(
        label=_("Value in the quarter"),
        max_digits=12,
        decimal_places=2,
        widget=forms.NumberInput(attrs={"step": "any", "min": "0", "inputmode": "decimal"}),
    )
    source = forms.CharField(
        label=_("Source"),
        max_length=300,
        widget=forms.TextInput(attrs={"dir": "auto"}),
        help_text=_("Where the figure comes from, for example an attendance list."),
    )
    evidence = forms.FileField(
        label=_("Evidence (optional)"),
        required=False,
        help_text=_("PDF, image, office document or CSV, 10 MB at most."),
        # A hint for the phone's file picker; the service checks the file either way.
        widget=forms.FileInput(attrs={"accept": ",".join(sorted(EVIDENCE_TYPES))}),
    )


class MeetingForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=Meeting.Kind.choices)
    title = forms.CharField(
        label=_("Title"), max_length=200, widget=forms.TextInput(attrs={"dir": "auto"})
    )
    held_on = _date(_("Date"))
    agenda = _text(_("Agenda"))
    participants = forms.ModelMultipleChoiceField(
        label=_("Participants"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    minutes = _text(_("Minutes"), rows=6)
    decisions = _text(_("Decisions"))

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["participants"].queryset = organisations


class ActionItemForm(forms.Form):
    text = forms.CharField(
        label=_("Action"), max_length=300, widget=forms.TextInput(attrs={"dir": "auto"})
    )
    owner = forms.ModelChoiceField(label=_("Owner"), queryset=None)
    due_on = _date(_("Due on"))

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = organisations


class PhaseForm(forms.Form):
    # The same sentence as the service's refusal: a blank name is stopped here already.
    name = forms.CharField(
        label=_("Name"),
        max_length=PHASE_NAME_MAX,
        widget=forms.TextInput(attrs={"dir": "auto"}),
        error_messages={"required": _("Give the phase a name.")},
    )
    starts_on = _date(_("Starts on"))
    ends_on = _date(_("Ends on"))
    description = _text(_("Description (optional)"), rows=3)

    def __init__(self, *args, programme, **kwargs):
        super().__init__(*args, **kwargs)
        # A hint, and bounds for the date picker; the service refuses dates outside either way.
        hint = _("Between %(start)s and %(end)s, the programme's dates.") % {
            "start": date_format(programme.starts_on),
            "end": date_format(programme.ends_on),
        }
        for field in ("starts_on", "ends_on"):
            self.fields[field].help_text = hint
            self.fields[field].widget.attrs.update(
                {"min": programme.starts_on.isoformat(), "max": programme.ends_on.isoformat()}
            )
