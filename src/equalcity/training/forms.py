from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from equalcity.accounts.models import Organisation
from equalcity.training.models import AgeBand, Profession, Question, Session

RATING_CHOICES = [(value, str(value)) for value in range(1, 6)]


class EnrolForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Your organisation"), queryset=Organisation.objects.order_by("name")
    )
    profession = forms.ChoiceField(label=_("Your profession"), choices=Profession.choices)


class InvitationForm(forms.Form):
    """Addresses one per line; each is checked by the service and reported on its own."""

    emails = forms.CharField(
        label=_("E-mail addresses, one per line"),
        max_length=20000,
        error_messages={"required": _("Write at least one e-mail address.")},
        widget=forms.Textarea(attrs={"rows": 8, "autocomplete": "off", "spellcheck": "false"}),
        help_text=_(
            "Members of the programme receive the session's link; anyone else also receives "
            "an invitation to join the programme as a frontline worker."
        ),
    )

    def clean_emails(self) -> list[str]:
        seen, emails = set(), []
        for line in self.cleaned_data["emails"].splitlines():
            email = line.strip()
            if email and email.lower() not in seen:
                seen.add(email.lower())
                emails.append(email)
        if not emails:
            raise forms.ValidationError(_("Write at least one e-mail address."))
        return emails


class TestForm(forms.Form):
    """One field per question of the bank, named by the question's public id."""

    def __init__(self, *args, questions, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = questions
        for question in questions:
            name = f"q-{question.public_id}"
            choices = list(enumerate(question.options))
            if question.kind == Question.Kind.SHORT:
                self.fields[name] = forms.CharField(label=question.text, max_length=200)
            elif question.kind == Question.Kind.MULTIPLE:
                self.fields[name] = forms.TypedMultipleChoiceField(
                    label=question.text,
                    choices=choices,
                    coerce=int,
                    widget=forms.CheckboxSelectMultiple,
                    help_text=_("Choose every answer that is right."),
                )
            else:
                self.fields[name] = forms.TypedChoiceField(
                    label=question.text, choices=choices, coerce=int, widget=forms.RadioSelect
                )
        self.fields["confidence"] = forms.TypedChoiceField(
            label=_("How confident do you feel about responding to SGBV? (1: not at all, 5: very)"),
            choices=RATING_CHOICES,
            coerce=int,
            widget=forms.RadioSelect,
        )

    def answers(self) -> dict[str, list]:
        answers = {}
        for question in self.questions:
            value = self.cleaned_data[f"q-{question.public_id}"]
            answers[str(question.public_id)] = value if isinstance(value, list) else [value]
        return answers


class EvaluationForm(forms.Form):
    relevance = forms.TypedChoiceField(
        label=_("How relevant was the session to your work? (1: not at all, 5: very)"),
        choices=RATING_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
    )
    clarity = forms.TypedChoiceField(
        label=_("How clear was the session? (1: not at all, 5: very)"),
        choices=RATING_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
    )
    practical_use = forms.TypedChoiceField(
        label=_("How useful is the toolbox in practice? (1: not at all, 5: very)"),
        choices=RATING_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
    )
    what_to_change = forms.CharField(
        label=_("What should change in the session or the tool?"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4, "dir": "auto"}),
        help_text=_("Do not write names or anything that identifies a person."),
    )


class ChildForm(forms.Form):
    """No name, no e-mail: the platform generates the pseudonym."""

    age_band = forms.ChoiceField(label=_("Age band"), choices=AgeBand.choices)
    guardian_consent = forms.BooleanField(
        label=_("The child's legal guardian has given consent"), required=True
    )
    consent_date = forms.DateField(
        label=_("Date of consent"), widget=forms.DateInput(attrs={"type": "date"})
    )


class ChildScoresForm(forms.Form):
    pre_score = forms.IntegerField(
        label=_("Pre-test (%)"), min_value=0, max_value=100, required=False
    )
    post_score = forms.IntegerField(
        label=_("Post-test (%)"), min_value=0, max_value=100, required=False
    )


SMILEY_CHOICES = [
    (1, _("Sad face: no")),
    (2, _("Neutral face: a little")),
    (3, _("Happy face: yes")),
]


class ChildEvaluationForm(forms.Form):
    liked = forms.TypedChoiceField(
        label=_("Did you like the session?"),
        choices=SMILEY_CHOICES,
        coerce=int,
        widget=forms.RadioSelect(attrs={"class": "smiley"}),
    )
    learned = forms.TypedChoiceField(
        label=_("Did you learn something useful?"),
        choices=SMILEY_CHOICES,
        coerce=int,
        widget=forms.RadioSelect(attrs={"class": "smiley"}),
    )
    felt_safe = forms.TypedChoiceField(
        label=_("Did you feel safe and listened to?"),
        choices=SMILEY_CHOICES,
        coerce=int,
        widget=forms.RadioSelect(attrs={"class": "smiley"}),
    )


class SessionForm(forms.Form):
    mode = forms.ChoiceField(label=_("How"), choices=Session.Mode.choices)
    venue = forms.CharField(label=_("Venue"), max_length=200, required=False)
    city = forms.CharField(label=_("City"), max_length=120, required=False)
    meeting_url = forms.URLField(
        assume_scheme="https",
        label=_("Online meeting link"),
        required=False,
        help_text=_("Shown only to people enrolled in the session."),
    )
    language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)
    starts_on = forms.DateField(
        label=_("First day"), widget=forms.DateInput(attrs={"type": "date"})
    )
    ends_on = forms.DateField(label=_("Last day"), widget=forms.DateInput(attrs={"type": "date"}))
    starts_at = forms.TimeField(
        label=_("Daily start"), widget=forms.TimeInput(attrs={"type": "time"})
    )
    ends_at = forms.TimeField(label=_("Daily end"), widget=forms.TimeInput(attrs={"type": "time"}))
    hours = forms.DecimalField(
        label=_("Hours of training"), min_value=0, max_digits=5, decimal_places=1
    )
    capacity = forms.IntegerField(label=_("Places"), min_value=1)
