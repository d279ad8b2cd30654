from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from django_countries.fields import LazyTypedChoiceField

from equalcity.network.models import Application, Event, Feedback, Stage, Story
from equalcity.programmes.models import TargetGroup


def _country_choices():
    return [("", _("Choose a country")), *countries]


class ApplicationForm(forms.Form):
    organisation_name = forms.CharField(label=_("Name of the city or organisation"), max_length=200)
    organisation_kind = forms.ChoiceField(
        label=_("Kind"), choices=Application._meta.get_field("organisation_kind").choices
    )
    country = LazyTypedChoiceField(label=_("Country"), choices=_country_choices)
    city = forms.CharField(label=_("City"), max_length=120)
    tracks = forms.MultipleChoiceField(
        label=_("Toolbox tracks you want to follow"),
        choices=TargetGroup.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    networks = forms.ModelMultipleChoiceField(
        label=_("City networks you belong to"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    latitude = forms.DecimalField(
        label=_("Latitude (optional)"),
        help_text=_("Where to show you on the map, in decimal degrees, for example 50.85045."),
        required=False,
        min_value=-90,
        max_value=90,
        decimal_places=5,
    )
    longitude = forms.DecimalField(
        label=_("Longitude (optional)"),
        help_text=_("For example 4.34878."),
        required=False,
        min_value=-180,
        max_value=180,
        decimal_places=5,
    )
    contact_name = forms.CharField(label=_("Contact person"), max_length=200)
    contact_email = forms.EmailField(label=_("Contact e-mail address"))
    motivation = forms.CharField(
        label=_("Why do you want to join? (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "dir": "auto"}),
    )

    def __init__(self, *args, networks, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["networks"].queryset = networks
        for name in ("organisation_name", "city", "contact_name"):
            self.fields[name].widget.attrs["dir"] = "auto"
        self.fields["contact_email"].widget.attrs["autocomplete"] = "email"
        self.fields["contact_name"].widget.attrs["autocomplete"] = "name"


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("approve", _("Approve")), ("decline", _("Decline"))],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason (required when declining; sent to the applicant)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "dir": "auto"}),
    )


class StageForm(forms.Form):
    to_stage = forms.ChoiceField(choices=Stage.choices, widget=forms.HiddenInput)
    note = forms.CharField(label=_("Note (optional)"), required=False, max_length=500)


class RegistrationForm(forms.Form):
    name = forms.CharField(label=_("Your name"), max_length=200)
    email = forms.EmailField(label=_("Your e-mail address"))
    organisation_name = forms.CharField(
        label=_("Organisation (optional)"), max_length=200, required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].widget.attrs.update({"autocomplete": "name", "dir": "auto"})
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["organisation_name"].widget.attrs.update(
            {"autocomplete": "organization", "dir": "auto"}
        )


class FeedbackForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=_("How useful was the event for your work? (1 = not at all, 5 = very)"),
        choices=Feedback._meta.get_field("rating").choices,
        coerce=int,
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("What should we keep or change? (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "dir": "auto"}),
    )


class FollowUpForm(forms.Form):
    recording_url = forms.URLField(
        label=_("Link to the recording"), required=False, assume_scheme="https"
    )
    materials = forms.CharField(
        label=_("Materials (Markdown)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5, "dir": "auto"}),
    )


class StoryForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    slug = forms.SlugField(
        label=_("Short name"),
        max_length=80,
        help_text=_(
            "Letters, digits and hyphens. Use the same short name for the same story "
            "in another language."
        ),
    )
    language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)
    kind = forms.ChoiceField(label=_("Kind"), choices=Story.Kind.choices)
    city = forms.ModelChoiceField(label=_("City (optional)"), queryset=None, required=False)
    summary = forms.CharField(label=_("Summary (optional)"), max_length=400, required=False)
    body = forms.CharField(
        label=_("Story (Markdown)"), widget=forms.Textarea(attrs={"rows": 10, "dir": "auto"})
    )
    publish = forms.BooleanField(label=_("Publish now"), required=False)

    def __init__(self, *args, cities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["city"].queryset = cities
        self.fields["title"].widget.attrs["dir"] = "auto"
        self.fields["summary"].widget.attrs["dir"] = "auto"


class StoryEditForm(StoryForm):
    """The story's text and details, and the revision the editor started from."""

    revision = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    field_order = ["title", "slug", "language", "kind", "city", "summary", "body"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["publish"]
        self.fields["title"].error_messages["required"] = _("Give the story a title.")
        self.fields["body"].error_messages["required"] = _("Write the text of the story.")
        self.fields["slug"].error_messages["required"] = _(
            "Give the story a short name of letters, digits and hyphens."
        )
        self.fields["language"].error_messages["invalid_choice"] = _(
            "Choose one of the languages of the platform."
        )

    def clean(self):
        cleaned = super().clean()
        if self.has_error("revision"):
            # A hidden field: say it where the person reads it, above the form.
            self.add_error(None, _("This page is out of date. Open the story again to change it."))
        return cleaned

    @staticmethod
    def initial_for(story) -> dict:
        return {
            "title": story.title,
            "slug": story.slug,
            "language": story.language,
            "kind": story.kind,
            "city": story.city_id,
            "summary": story.summary,
            "body": story.body,
            "revision": story.revision,
        }


class EventForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    slug = forms.SlugField(label=_("Short name"), max_length=80)
    kind = forms.ChoiceField(label=_("Kind"), choices=Event.Kind.choices)
    language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)
    starts_at = forms.DateTimeField(
        label=_("Starts at"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    ends_at = forms.DateTimeField(
        label=_("Ends at"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    registration_closes_at = forms.DateTimeField(
        label=_("Registration closes at (optional; otherwise when the event starts)"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    capacity = forms.IntegerField(label=_("Places"), min_value=1)
    venue = forms.CharField(
        label=_("Venue (for a hybrid or in-person event)"), max_length=200, required=False
    )
    join_url = forms.URLField(
        label=_("Join link (shown only to people with a place)"),
        required=False,
        assume_scheme="https",
    )
    description = forms.CharField(
        label=_("Description (Markdown)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "dir": "auto"}),
    )
    agenda = forms.CharField(
        label=_("Agenda (Markdown)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "dir": "auto"}),
    )
    speakers = forms.CharField(
        label=_("Speakers, one a line: name | affiliation"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "dir": "auto"}),
    )
    is_published = forms.BooleanField(label=_("Published"), required=False, initial=True)

    @classmethod
    def initial_for(cls, event) -> dict:
        return {
            **{name: getattr(event, name) for name in cls.base_fields if name != "speakers"},
            "speakers": "\n".join(
                " | ".join(part for part in (s.name, s.affiliation) if part)
                for s in event.speakers.all()
            ),
        }
