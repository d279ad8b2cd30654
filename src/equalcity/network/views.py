from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.syndication.views import Feed
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.feedgenerator import Atom1Feed
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from equalcity.core.decorators import public_page
from equalcity.core.markdown import render_markdown
from equalcity.network import selectors, services
from equalcity.network.forms import (
    ApplicationForm,
    DecisionForm,
    EventForm,
    FeedbackForm,
    FollowUpForm,
    RegistrationForm,
    StageForm,
    StoryEditForm,
    StoryForm,
)
from equalcity.network.models import Application, Registration, Stage
from equalcity.programmes.models import Programme, TargetGroup

CITIES_PER_PAGE = 60


def _programme(slug: str, user=None, perm: str | None = None) -> Programme:
    """The programme behind ``slug``; one the user may not act on answers like a missing one."""
    programme = Programme.objects.filter(slug=slug).first()
    if programme is None or (perm and not user.has_perm(perm, programme)):
        raise Http404
    return programme


@public_page
def index(request):
    programmes = list(selectors.network_programmes())
    if len(programmes) == 1:
        return redirect("network:cities", programme=programmes[0].slug)
    return render(request, "network/index.html", {"programmes": programmes})


def _filters(request, programme) -> dict:
    networks = list(selectors.city_networks(programme).order_by("name"))
    countries = selectors.countries_of(programme)
    chosen = {
        "country": request.GET.get("country", "").upper()[:2],
        "network": request.GET.get("network", "")[:80],
        "track": request.GET.get("track", "")[:40],
    }
    if chosen["country"] not in {code for code, _name in countries}:
        chosen["country"] = ""
    if chosen["network"] not in {network.slug for network in networks}:
        chosen["network"] = ""
    if chosen["track"] not in TargetGroup.values:
        chosen["track"] = ""
    return {
        "chosen": chosen,
        # The chosen filters as a query string, kept by the page links.
        "filter_query": urlencode({key: value for key, value in chosen.items() if value}),
        "filter_countries": countries,
        "filter_networks": networks,
        "filter_tracks": TargetGroup.choices,
        "filtered": any(chosen.values()),
    }


@public_page
def cities(request, programme):
    programme = _programme(programme)
    filters = _filters(request, programme)
    profiles = selectors.city_profiles(programme, **filters["chosen"])
    page = Paginator(profiles, CITIES_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "network/cities.html",
        {"programme": programme, "page": page, "rows": selectors.city_rows(page), **filters},
    )


@public_page
def city_map(request, programme):
    """Every city on the map (one compact JSON block), the table under it a page at a time."""
    programme = _programme(programme)
    filters = _filters(request, programme)
    profiles = selectors.city_profiles(programme, **filters["chosen"])
    page = Paginator(profiles, CITIES_PER_PAGE).get_page(request.GET.get("page"))
    map_data = selectors.map_data(programme, **filters["chosen"])
    mapped = len(map_data["points"])
    return render(
        request,
        "network/map.html",
        {
            "programme": programme,
            "map_data": map_data,
            "mapped": mapped,
            "page": page,
            "rows": selectors.city_rows(page),
            "unmapped": page.paginator.count - mapped,
            "tile_url": getattr(settings, "MAP_TILE_URL", ""),
            **filters,
        },
    )


@public_page
def city(request, programme, slug):
    programme = _programme(programme)
    profile = selectors.city_profile(programme, slug)
    if profile is None:
        raise Http404
    may_change = request.user.has_perm("network.change_stage", programme)
    labels = dict(TargetGroup.choices)
    return render(
        request,
        "network/city.html",
        {
            "programme": programme,
            "profile": profile,
            "tracks": [labels[t] for t in selectors.tracks_of(profile)],
            "show_contact": request.user.has_perm("network.view_contact_details", programme),
            "may_change": may_change,
            "stage_form": StageForm(initial={"to_stage": profile.next_stage}),
            "next_stage_label": dict(Stage.choices).get(profile.next_stage, ""),
        },
    )


@login_required
@require_POST
def change_stage(request, programme, slug):
    programme = _programme(programme, request.user, "network.change_stage")
    profile = selectors.city_profile(programme, slug)
    if profile is None:
        raise Http404
    form = StageForm(request.POST)
    if form.is_valid():
        try:
            services.advance_stage(
                profile=profile,
                to_stage=form.cleaned_data["to_stage"],
                note=form.cleaned_data["note"],
                by=request.user,
                request=request,
            )
        except services.NetworkError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("The stage was changed."))
    return redirect("network:city", programme=programme.slug, slug=profile.slug)


@public_page
def apply(request, programme):
    programme = _programme(programme)
    networks = selectors.city_networks(programme).order_by("name")
    form = ApplicationForm(request.POST or None, networks=networks)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.submit_application(
                    programme=programme,
                    organisation_name=data["organisation_name"],
                    organisation_kind=data["organisation_kind"],
                    country=data["country"],
                    city=data["city"],
                    tracks=data["tracks"],
                    networks=list(data["networks"]),
                    latitude=data["latitude"],
                    longitude=data["longitude"],
                    contact_name=data["contact_name"],
                    contact_email=data["contact_email"],
                    motivation=data["motivation"],
                    request=request,
                )
            except services.NetworkError as error:
                form.add_error(None, error.message)
            else:
                return redirect("network:applied", programme=programme.slug)
        status = 400
    return render(
        request, "network/apply.html", {"programme": programme, "form": form}, status=status
    )


@public_page
def applied(request, programme):
    programme = _programme(programme)
    return render(request, "network/applied.html", {"programme": programme})


@login_required
def applications(request, programme):
    programme = _programme(programme, request.user, "network.view_applications")
    return render(
        request,
        "network/applications.html",
        {
            "programme": programme,
            "pending": selectors.pending_applications(programme),
            "decided": selectors.recent_decisions(programme),
            "form": DecisionForm(),
        },
    )


@login_required
@require_POST
def decide(request, programme, public_id):
    programme = _programme(programme, request.user, "network.decide_application")
    application = Application.objects.filter(programme=programme, public_id=public_id).first()
    if application is None:
        raise Http404
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose whether to approve or decline."))
        return redirect("network:applications", programme=programme.slug)
    reason = form.cleaned_data["reason"]
    try:
        if form.cleaned_data["decision"] == "approve":
            profile = services.approve_application(
                application=application, by=request.user, reason=reason, request=request
            )
            messages.success(
                request,
                _("%(name)s is now a city of the programme.") % {"name": profile.organisation.name},
            )
        else:
            services.decline_application(
                application=application, by=request.user, reason=reason, request=request
            )
            messages.success(
                request,
                _("The application of %(name)s was declined.")
                % {"name": application.organisation_name},
            )
    except services.NetworkError as error:
        messages.error(request, error.message)
    return redirect("network:applications", programme=programme.slug)


@public_page
def reach(request, programme):
    programme = _programme(programme)
    data = selectors.reach(programme)
    top = max((cumulative for _label, _new, cumulative in data.growth), default=0)
    chart = [
        {
            "label": label,
            "new": new,
            "cumulative": cumulative,
            "y": 10 + index * 28,
            "width": round(400 * cumulative / top) if top else 0,
        }
        for index, (label, new, cumulative) in enumerate(data.growth)
    ]
    return render(
        request,
        "network/reach.html",
        {
            "programme": programme,
            "reach": data,
            "chart": chart,
            "chart_height": 20 + 28 * len(chart),
        },
    )


# --- events --------------------------------------------------------------------------------


@public_page
def events(request, programme):
    programme = _programme(programme)
    return render(
        request,
        "network/events.html",
        {
            "programme": programme,
            "upcoming": selectors.events(programme, upcoming=True),
            "past": selectors.events(programme, upcoming=False),
            "may_manage": request.user.has_perm("network.manage_event", programme),
        },
    )


def _own_registration(request, event):
    if not request.user.is_authenticated:
        return None
    return (
        selectors.registrations_of_user(request.user)
        .filter(event=event)
        .exclude(status=Registration.Status.CANCELLED)
        .first()
    )


def _render_event(request, programme, event, form, status=200, notice=""):
    return render(
        request,
        "network/event.html",
        {
            "programme": programme,
            "event": event,
            "full": selectors.is_full(event),
            "form": form,
            "own": _own_registration(request, event),
            "notice": notice,
            "may_manage": request.user.has_perm("network.manage_event", programme),
            "now": timezone.now(),
        },
        status=status,
    )


@public_page
def event(request, programme, slug):
    programme = _programme(programme)
    event = selectors.event(programme, slug)
    if event is None:
        raise Http404
    initial = {}
    if request.user.is_authenticated:
        initial = {"name": request.user.full_name, "email": request.user.email}
    return _render_event(request, programme, event, RegistrationForm(initial=initial))


@public_page
@require_POST
def register(request, programme, slug):
    programme = _programme(programme)
    event = selectors.event(programme, slug)
    if event is None:
        raise Http404
    form = RegistrationForm(request.POST)
    if not form.is_valid():
        return _render_event(request, programme, event, form, status=400)
    try:
        registration, created = services.register(
            event=event,
            name=form.cleaned_data["name"],
            email=form.cleaned_data["email"],
            organisation_name=form.cleaned_data["organisation_name"],
            user=request.user,
            request=request,
        )
    except services.NetworkError as error:
        form.add_error(None, error.message)
        return _render_event(request, programme, event, form, status=400)
    if not created:
        notice = _(
            "This e-mail address is already registered for this event. Open the link in "
            "the confirmation e-mail to see your registration or to cancel it."
        )
        return _render_event(request, programme, event, RegistrationForm(), notice=notice)
    if registration.status == Registration.Status.CONFIRMED:
        messages.success(request, _("You are registered. We have sent you a confirmation e-mail."))
    else:
        messages.success(
            request,
            _(
                "The event is full: you are on the waiting list. We will write to you "
                "as soon as a place opens."
            ),
        )
    return redirect(services.registration_path(registration))


def _registration_by_link(public_id, token) -> Registration:
    registration = selectors.registration(public_id)
    if registration is None or not services.check_registration_token(registration, token):
        raise Http404
    return registration


def _render_registration(request, registration, feedback_form=None, status=200):
    event = registration.event
    has_feedback = hasattr(registration, "feedback")
    return render(
        request,
        "network/registration.html",
        {
            "registration": registration,
            "event": event,
            "programme": event.programme,
            "position": (
                Registration.objects.filter(
                    event=event,
                    status=Registration.Status.WAITING,
                    queued_at__lte=registration.queued_at,
                ).count()
                if registration.status == Registration.Status.WAITING
                else None
            ),
            "feedback_form": feedback_form or FeedbackForm(),
            "feedback_open": (
                registration.status == Registration.Status.CONFIRMED
                and event.has_started()
                and not has_feedback
            ),
            "has_feedback": has_feedback,
        },
        status=status,
    )


@public_page
def registration(request, public_id, token):
    return _render_registration(request, _registration_by_link(public_id, token))


@public_page
@require_POST
def cancel(request, public_id, token):
    registration = _registration_by_link(public_id, token)
    services.cancel_registration(registration=registration, request=request)
    messages.success(request, _("Your registration is cancelled. Thank you for letting us know."))
    return redirect("network:registration", public_id=public_id, token=token)


@public_page
@require_POST
def feedback(request, public_id, token):
    registration = _registration_by_link(public_id, token)
    form = FeedbackForm(request.POST)
    if form.is_valid():
        try:
            services.submit_feedback(
                registration=registration,
                rating=form.cleaned_data["rating"],
                comment=form.cleaned_data["comment"],
                request=request,
            )
        except services.NetworkError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Thank you for your feedback."))
            return redirect("network:registration", public_id=public_id, token=token)
    registration = _registration_by_link(public_id, token)
    return _render_registration(request, registration, feedback_form=form, status=400)


@login_required
def my_registrations(request):
    return render(
        request,
        "network/my_registrations.html",
        {"registrations": selectors.registrations_of_user(request.user)},
    )


@login_required
def edit_event(request, programme, slug=None):
    programme = _programme(programme, request.user, "network.manage_event")
    event = None
    if slug is not None:
        event = selectors.event(programme, slug, published_only=False)
        if event is None:
            raise Http404
    initial = EventForm.initial_for(event) if event else {"language": translation.get_language()}
    form = EventForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                event = services.save_event(
                    programme=programme,
                    event=event,
                    by=request.user,
                    request=request,
                    **form.cleaned_data,
                )
            except services.NetworkError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, _("The event is saved."))
                return redirect("network:event-manage", programme=programme.slug, slug=event.slug)
        status = 400
    return render(
        request,
        "network/event_form.html",
        {"programme": programme, "event": event, "form": form},
        status=status,
    )


@login_required
def manage_event(request, programme, slug):
    programme = _programme(programme, request.user, "network.manage_event")
    event = selectors.event(programme, slug, published_only=False)
    if event is None:
        raise Http404
    follow_up = FollowUpForm(
        initial={"recording_url": event.recording_url, "materials": event.materials}
    )
    if request.method == "POST":
        if request.POST.get("action") == "attendance":
            ids = {int(value) for value in request.POST.getlist("attended") if value.isdigit()}
            count = services.record_attendance(
                event=event, attended=ids, by=request.user, request=request
            )
            messages.success(
                request, _("Attendance saved: %(count)s people took part.") % {"count": count}
            )
            return redirect("network:event-manage", programme=programme.slug, slug=event.slug)
        follow_up = FollowUpForm(request.POST)
        if follow_up.is_valid():
            services.publish_follow_up(
                event=event,
                recording_url=follow_up.cleaned_data["recording_url"],
                materials=follow_up.cleaned_data["materials"],
                by=request.user,
                request=request,
            )
            messages.success(request, _("The recording and materials were saved."))
            return redirect("network:event-manage", programme=programme.slug, slug=event.slug)
    ratings, average = selectors.feedback_summary(event)
    return render(
        request,
        "network/event_manage.html",
        {
            "programme": programme,
            "event": event,
            "registrations": selectors.registrations_of_event(event),
            "follow_up": follow_up,
            "ratings": ratings,
            "average": average,
        },
    )


# --- stories -------------------------------------------------------------------------------


@public_page
def stories(request, programme):
    programme = _programme(programme)
    language = translation.get_language()
    in_language = selectors.published_stories(programme, language=language)
    return render(
        request,
        "network/stories.html",
        {
            "programme": programme,
            "may_write": request.user.has_perm("network.write_story", programme),
            "stories": in_language,
            "others": selectors.published_stories(programme).exclude(language=language),
        },
    )


@public_page
def story(request, programme, slug):
    programme = _programme(programme)
    language = request.GET.get("lang", "")[:10] or translation.get_language()
    story = selectors.story(programme, slug, language)
    if story is None:
        raise Http404
    return render(
        request,
        "network/story.html",
        {
            "programme": programme,
            "story": story,
            "languages": selectors.story_languages(programme, slug),
            "may_write": request.user.has_perm("network.write_story", programme),
        },
    )


@login_required
def write_story(request, programme):
    programme = _programme(programme, request.user, "network.write_story")
    cities = selectors.story_city_choices(programme)
    form = StoryForm(
        request.POST or None, cities=cities, initial={"language": translation.get_language()}
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                story = services.write_story(
                    programme=programme,
                    slug=data["slug"],
                    language=data["language"],
                    kind=data["kind"],
                    title=data["title"],
                    summary=data["summary"],
                    body=data["body"],
                    city=data["city"],
                    publish=data["publish"],
                    by=request.user,
                    request=request,
                )
            except services.NetworkError as error:
                form.add_error(None, error.message)
            else:
                if story.published_at:
                    messages.success(request, _("The story is published."))
                    return redirect("network:stories", programme=programme.slug)
                messages.success(request, _("The story is saved as a draft."))
                return redirect("network:story-edit", programme=programme.slug, pk=story.pk)
        status = 400
    drafts = selectors.draft_stories(programme)
    return render(
        request,
        "network/story_form.html",
        {"programme": programme, "form": form, "drafts": drafts},
        status=status,
    )


@login_required
@require_POST
def publish_story(request, programme, pk):
    programme = _programme(programme, request.user, "network.write_story")
    story = selectors.draft_stories(programme).filter(pk=pk).first()
    if story is None:
        raise Http404
    services.publish_story(story=story, by=request.user, request=request)
    messages.success(request, _("The story is published."))
    return redirect("network:stories", programme=programme.slug)


def _story_preview(*, title: str, summary: str, body: str, language: str) -> dict:
    return {
        "title": title,
        "summary": summary,
        "body": render_markdown(body),
        "language": language,
    }


@login_required
def edit_story(request, programme, pk):
    """Change a draft or published story, with a preview; a save never overwrites another's."""
    programme = _programme(programme, request.user, "network.write_story")
    story = selectors.story_for_editing(programme, pk)
    if story is None:
        raise Http404
    cities = selectors.story_city_choices(programme)
    conflict = None
    preview = None
    status = 200
    if request.method == "POST":
        form = StoryEditForm(request.POST, cities=cities)
        if not form.is_valid():
            status = 400
        elif request.POST.get("action") == "preview":
            data = form.cleaned_data
            preview = _story_preview(
                title=data["title"],
                summary=data["summary"],
                body=data["body"],
                language=data["language"],
            )
        else:
            data = form.cleaned_data
            try:
                services.change_story(
                    story=story,
                    expected_revision=data["revision"],
                    slug=data["slug"],
                    language=data["language"],
                    kind=data["kind"],
                    title=data["title"],
                    summary=data["summary"],
                    body=data["body"],
                    city=data["city"],
                    by=request.user,
                    request=request,
                )
            except services.StoryConflict as error:
                conflict = error.current
                # The editor's text stays in the form; the revision moves on to theirs, so
                # saving again (after comparing) is a deliberate choice that goes through.
                posted = request.POST.copy()
                posted["revision"] = conflict.revision
                form = StoryEditForm(posted, cities=cities)
                form.is_valid()
                form.add_error(None, error.message)
                status = 409
            except services.NetworkError as error:
                form.add_error(None, error.message)
                status = 400
            else:
                messages.success(request, _("The changes to the story are saved."))
                return redirect("network:story-edit", programme=programme.slug, pk=story.pk)
    else:
        form = StoryEditForm(initial=StoryEditForm.initial_for(story), cities=cities)
        preview = _story_preview(
            title=story.title, summary=story.summary, body=story.body, language=story.language
        )
    return render(
        request,
        "network/story_edit.html",
        {
            "programme": programme,
            "story": story,
            "form": form,
            "preview": preview,
            "previewing": preview is not None and request.method == "POST",
            "conflict": conflict,
        },
        status=status,
    )


@login_required
@require_POST
def story_publication(request, programme, pk):
    """Take a story offline (it becomes a draft again) or publish it again."""
    programme = _programme(programme, request.user, "network.write_story")
    story = selectors.story_for_editing(programme, pk)
    if story is None:
        raise Http404
    action = request.POST.get("action")
    try:
        if action == "unpublish":
            services.unpublish_story(story=story, by=request.user, request=request)
            messages.success(request, _("The story is no longer public: it is a draft again."))
        elif action == "publish":
            services.publish_story(story=story, by=request.user, request=request)
            messages.success(request, _("The story is published."))
        else:
            messages.error(request, _("Choose whether to publish the story or take it offline."))
    except services.NetworkError as error:
        messages.error(request, error.message)
    return redirect("network:story-edit", programme=programme.slug, pk=story.pk)


class StoryFeed(Feed):
    feed_type = Atom1Feed
    description = gettext_lazy("In the spotlight: frontline workers, trainee cities, updates.")

    def get_object(self, request, programme):
        return _programme(programme)

    def title(self, obj):
        return _("%(programme)s: stories from the network") % {"programme": obj.name}

    def link(self, obj):
        return reverse("network:stories", kwargs={"programme": obj.slug})

    def subtitle(self, obj):
        return self.description

    def items(self, obj):
        return selectors.published_stories(obj)[:50]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return render_markdown(item.body)

    def item_link(self, item):
        with translation.override(item.language):
            return reverse(
                "network:story", kwargs={"programme": item.programme.slug, "slug": item.slug}
            )

    def item_guid(self, item):
        return f"urn:uuid:equalcity-story-{item.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_categories(self, item):
        return [item.get_kind_display()]


story_feed = public_page(StoryFeed())
