import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from equalcity.accounts.audit import record
from equalcity.accounts.models import Membership
from equalcity.core.decorators import public_page
from equalcity.core.pdf import render_pdf
from equalcity.core.spreadsheets import csv_response, xlsx_response
from equalcity.training import selectors, services
from equalcity.training.badges import open_badge
from equalcity.training.forms import (
    ChildEvaluationForm,
    ChildForm,
    ChildScoresForm,
    EnrolForm,
    EvaluationForm,
    InvitationForm,
    SessionForm,
    TestForm,
)
from equalcity.training.models import Audience, Enrolment, TestAttempt


def _session(request, public_id, perm="training.view_session"):
    """The session if the user may see it and ``perm`` on it; otherwise 404, as if absent."""
    session = selectors.visible_session(request.user, public_id)
    if session is None or not request.user.has_perm(perm, session):
        raise Http404
    return session


def _own_enrolment(request, session):
    enrolment = selectors.enrolment_of(session, request.user)
    if enrolment is None or enrolment.status != Enrolment.Status.ENROLLED:
        raise Http404
    return enrolment


SESSIONS_PER_PAGE = 50


@login_required
def index(request):
    page = Paginator(selectors.visible_sessions(request.user), SESSIONS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "training/index.html",
        {
            "page": page,
            "sessions": page.object_list,
            "enrolments": selectors.my_enrolments(request.user),
            "courses": [
                course
                for course in selectors.visible_courses(request.user)
                if request.user.has_perm("training.add_session", course)
            ],
        },
    )


@login_required
def session_detail(request, public_id):
    session = _session(request, public_id)
    enrolment = selectors.enrolment_of(session, request.user)
    context = {
        "session": session,
        "enrolment": enrolment,
        "enrolled": enrolment is not None and enrolment.status == Enrolment.Status.ENROLLED,
        "days": selectors.session_days(session),
        "can_enrol": request.user.has_perm("training.enrol_session", session)
        and (enrolment is None or enrolment.status == Enrolment.Status.CANCELLED),
        "can_mark": request.user.has_perm("training.mark_attendance", session),
        "can_see_results": request.user.has_perm("training.view_results", session),
        "can_change_registration": request.user.has_perm("training.change_registration", session),
        "can_invite": session.course.audience != Audience.CHILDREN
        and request.user.has_perm("training.invite_to_session", session),
        "can_manage_children": session.course.audience == Audience.CHILDREN
        and request.user.has_perm("training.manage_children", session),
    }
    # Invited people may register while registration is closed to everyone else.
    context["invited"] = (
        context["can_enrol"]
        and not session.registration_open
        and selectors.invitation_of(session, request.user) is not None
    )
    if context["can_enrol"]:
        membership = (
            Membership.objects.active()
            .filter(user=request.user, programme=session.programme, organisation__isnull=False)
            .first()
        )
        context["form"] = EnrolForm(
            initial={"organisation": membership.organisation_id if membership else None}
        )
    if context["enrolled"]:
        taken = {attempt.kind for attempt in enrolment.tests.all()}
        context["pre_done"] = TestAttempt.Kind.PRE in taken
        context["post_done"] = TestAttempt.Kind.POST in taken
        context["progress"] = selectors.completion(enrolment)
        context["certificate"] = selectors.certificate_of(enrolment)
    if context["can_see_results"]:
        context["results"] = selectors.participant_results(session)
        context["gain"] = selectors.session_gain(session)
        context["evaluations"] = selectors.session_evaluations(session)
        context["suggestions"] = selectors.change_suggestions(session)
    return render(request, "training/session.html", context)


@login_required
@require_POST
def enrol(request, public_id):
    session = _session(request, public_id, "training.enrol_session")
    form = EnrolForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose your organisation and profession."))
        return redirect("training:session", public_id=session.public_id)
    try:
        enrolment = services.enrol(
            session=session,
            user=request.user,
            organisation=form.cleaned_data["organisation"],
            profession=form.cleaned_data["profession"],
        )
    except services.TrainingError as error:
        messages.error(request, error.message)
    else:
        if enrolment.status == Enrolment.Status.WAITING:
            messages.success(request, _("The session is full: you are on the waiting list."))
        else:
            messages.success(request, _("You are registered for this session."))
    return redirect("training:session", public_id=session.public_id)


@login_required
@require_POST
def cancel(request, public_id):
    session = _session(request, public_id)
    enrolment = selectors.enrolment_of(session, request.user)
    if enrolment is None:
        raise Http404
    try:
        services.cancel_enrolment(enrolment=enrolment, by=request.user)
    except services.TrainingError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Your registration is cancelled."))
    return redirect("training:session", public_id=session.public_id)


@login_required
def attendance(request, public_id):
    session = _session(request, public_id, "training.mark_attendance")
    days = selectors.session_days(session)
    if not days:
        raise Http404
    wanted = request.GET.get("day", "")
    day = next((d for d in days if d.date.isoformat() == wanted), days[0])
    return render(
        request,
        "training/attendance.html",
        {
            "session": session,
            "days": days,
            "day": day,
            "rows": selectors.attendance_sheet(session, day),
        },
    )


def _back_to_sheet(session, day):
    return redirect(f"{reverse('training:attendance', args=[session.public_id])}?day={day.date}")


@login_required
@require_POST
def mark(request, public_id, enrolment):
    session = _session(request, public_id, "training.mark_attendance")
    days = {d.date.isoformat(): d for d in selectors.session_days(session)}
    day = days.get(request.POST.get("day", ""))
    row = selectors.enrolment_in(session, enrolment)
    if day is None or row is None:
        raise Http404
    present = request.POST.get("present") == "1"
    try:
        services.mark_attendance(enrolment=row, day=day, present=present, by=request.user)
    except services.TrainingError as error:
        if request.headers.get("HX-Request"):
            return HttpResponse(error.message, status=400)
        messages.error(request, error.message)
        return _back_to_sheet(session, day)
    row.present = present
    if request.headers.get("HX-Request"):
        return render(
            request,
            "training/includes/attendance_row.html",
            {"row": row, "day": day, "session": session},
        )
    return _back_to_sheet(session, day)


@login_required
def take_test(request, public_id, kind):
    if kind not in TestAttempt.Kind.values:
        raise Http404
    session = _session(request, public_id)
    enrolment = _own_enrolment(request, session)
    questions = list(selectors.course_questions(session.course))
    form = TestForm(request.POST or None, questions=questions)
    if request.method == "POST" and form.is_valid():
        try:
            attempt = services.submit_test(
                enrolment=enrolment,
                kind=kind,
                answers=form.answers(),
                confidence=form.cleaned_data["confidence"],
                by=request.user,
            )
        except services.TrainingError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request,
                _("Your %(test)s is saved. Score: %(score)s%%.")
                % {"test": attempt.get_kind_display(), "score": attempt.score},
            )
        return redirect("training:session", public_id=session.public_id)
    return render(
        request,
        "training/test.html",
        {"session": session, "form": form, "kind_label": TestAttempt.Kind(kind).label},
    )


@login_required
def evaluate(request, public_id):
    session = _session(request, public_id)
    enrolment = _own_enrolment(request, session)
    form = EvaluationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.submit_evaluation(enrolment=enrolment, **form.cleaned_data)
        except services.TrainingError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Thank you: your evaluation is saved anonymously."))
        return redirect("training:session", public_id=session.public_id)
    return render(request, "training/evaluate.html", {"session": session, "form": form})


@login_required
@require_POST
def certificate_issue(request, public_id):
    session = _session(request, public_id)
    enrolment = _own_enrolment(request, session)
    try:
        services.issue_certificate(enrolment=enrolment, by=request.user)
    except services.TrainingError as error:
        messages.error(request, error.message)
        return redirect("training:session", public_id=session.public_id)
    return redirect("training:certificate", public_id=session.public_id)


def _own_certificate(request, public_id):
    session = _session(request, public_id)
    enrolment = _own_enrolment(request, session)
    certificate = selectors.certificate_of(enrolment)
    if certificate is None:
        raise Http404
    return session, certificate


def _verification(request, certificate):
    url = request.build_absolute_uri(reverse("training:verify", args=[certificate.code]))
    return url, segno.make(url, error="m").svg_data_uri(scale=4)


@login_required
def certificate(request, public_id):
    session, cert = _own_certificate(request, public_id)
    url, qr = _verification(request, cert)
    return render(
        request,
        "training/certificate.html",
        {"session": session, "certificate": cert, "verify_url": url, "qr": qr},
    )


@login_required
def certificate_pdf(request, public_id):
    session, cert = _own_certificate(request, public_id)
    url, qr = _verification(request, cert)
    pdf = render_pdf(
        "training/pdf/certificate.html", {"certificate": cert, "verify_url": url, "qr": qr}
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="certificate-{cert.code}.pdf"'
    return response


@login_required
def certificate_badge(request, public_id):
    session, cert = _own_certificate(request, public_id)
    url, _qr = _verification(request, cert)
    response = JsonResponse(open_badge(cert, verify_url=url), json_dumps_params={"indent": 2})
    response["Content-Disposition"] = f'attachment; filename="badge-{cert.code}.json"'
    return response


@public_page
def verify(request, code):
    found = selectors.certificate_by_code(code)
    return render(
        request, "training/verify.html", {"valid": found is not None}, status=200 if found else 404
    )


# --- children: pseudonymous participants, handled by their trainer only ---------------------


@login_required
def children(request, public_id):
    session = _session(request, public_id, "training.manage_children")
    form = ChildForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            child = services.add_child(session=session, by=request.user, **form.cleaned_data)
        except services.TrainingError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request,
                _("Added as %(pseudonym)s. Keep the key to this pseudonym on paper only.")
                % {"pseudonym": child.pseudonym},
            )
            return redirect("training:children", public_id=session.public_id)
    # Individual records of children: every look at them is written to the audit log.
    record("training.children.viewed", actor=request.user, obj=session, request=request)
    return render(
        request,
        "training/children.html",
        {
            "session": session,
            "form": form,
            "children": selectors.children_of(session),
            "smileys": selectors.child_evaluations(session),
        },
    )


def _child(request, public_id, child):
    session = _session(request, public_id, "training.manage_children")
    found = selectors.child_in(session, child)
    if found is None:
        raise Http404
    return session, found


@login_required
@require_POST
def child_scores(request, public_id, child):
    session, found = _child(request, public_id, child)
    form = ChildScoresForm(request.POST)
    if form.is_valid():
        services.record_child_scores(child=found, by=request.user, **form.cleaned_data)
        messages.success(request, _("Scores saved for %(pseudonym)s.") % {"pseudonym": found})
    else:
        messages.error(request, _("Scores go from 0 to 100."))
    return redirect("training:children", public_id=session.public_id)


@login_required
def child_evaluate(request, public_id, child):
    session, found = _child(request, public_id, child)
    form = ChildEvaluationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.submit_child_evaluation(child=found, **form.cleaned_data)
        except services.TrainingError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Thank you!"))
        return redirect("training:children", public_id=session.public_id)
    return render(
        request, "training/child_evaluate.html", {"session": session, "child": found, "form": form}
    )


@login_required
def path(request, public_id):
    session = _session(request, public_id)
    enrolment = _own_enrolment(request, session)
    if request.method == "POST":
        try:
            services.complete_module(
                enrolment=enrolment, module_id=int(request.POST.get("module", 0)), by=request.user
            )
        except (services.TrainingError, ValueError):
            raise Http404 from None
        return redirect("training:path", public_id=session.public_id)
    modules = selectors.path_modules(enrolment)
    done = sum(1 for module in modules if module.done)
    return render(
        request,
        "training/path.html",
        {"session": session, "modules": modules, "done": done, "total": len(modules)},
    )


@login_required
def session_create(request, course):
    found = selectors.visible_courses(request.user).filter(public_id=course).first()
    if found is None or not request.user.has_perm("training.add_session", found):
        raise Http404
    form = SessionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            session = services.create_session(
                course=found, trainers=[request.user], by=request.user, **form.cleaned_data
            )
        except services.TrainingError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The session is created; registration is open."))
            return redirect("training:session", public_id=session.public_id)
    return render(request, "training/session_form.html", {"course": found, "form": form})


@login_required
@require_POST
def registration(request, public_id):
    session = _session(request, public_id, "training.change_registration")
    services.set_registration(
        session=session, open_=request.POST.get("open") == "1", by=request.user
    )
    return redirect("training:session", public_id=session.public_id)


INVITATIONS_PER_PAGE = 100
# Refusals that mean the person already has what the invitation would give.
ALREADY = ("already_invited", "already_registered")


@login_required
def invitations(request, public_id):
    """Invite people by e-mail; each address is reported on its own, nothing half-sent."""
    session = _session(request, public_id, "training.invite_to_session")
    if session.course.audience == Audience.CHILDREN:
        raise Http404
    form = InvitationForm(request.POST or None)
    outcomes = []
    if request.method == "POST" and form.is_valid():
        try:
            outcomes = services.invite_addresses(
                session=session,
                emails=form.cleaned_data["emails"],
                by=request.user,
                request=request,
            )
        except services.TrainingError as error:
            form.add_error("emails", error.message)
        else:
            # The addresses that could not be sent stay in the box, to be corrected.
            refused = [o.email for o in outcomes if not o.sent and o.code not in ALREADY]
            form = InvitationForm(initial={"emails": "\n".join(refused)})
    page = Paginator(selectors.session_invitations(session), INVITATIONS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "training/invitations.html",
        {
            "session": session,
            "form": form,
            "sent": [o for o in outcomes if o.sent],
            "already": [o for o in outcomes if o.code in ALREADY],
            "refused": [o for o in outcomes if not o.sent and o.code not in ALREADY],
            "page": page,
            "invitations": page.object_list,
        },
    )


def _dashboard_programme(request, slug):
    """The programme if the user may see its training dashboard; otherwise 404, as if absent."""
    programme = selectors.dashboard_programmes(request.user).filter(slug=slug).first()
    if programme is None or not request.user.has_perm("training.view_dashboard", programme):
        raise Http404
    return programme


@login_required
def dashboard(request, slug):
    programme = _dashboard_programme(request, slug)
    figures = selectors.programme_dashboard(programme, today=timezone.localdate())
    # Sessions whose means are shown (five people or more); the table has every session.
    shown = [row for row in figures["sessions"] if row["pre"] is not None]
    chart = {
        "type": "bar",
        "axis": _("Mean score (%)"),
        "max": 100,
        "labels": [
            f"{row['session'].city or _('Online')} {row['session'].starts_on:%Y-%m-%d}"
            for row in shown
        ],
        "datasets": [
            {"label": _("Mean pre-test (%)"), "data": [float(row["pre"]) for row in shown]},
            {"label": _("Mean post-test (%)"), "data": [float(row["post"]) for row in shown]},
        ],
    }
    return render(
        request,
        "training/dashboard.html",
        {"programme": programme, "ratings": selectors.RATING_LABELS, "chart": chart, **figures},
    )


def _session_table(figures) -> tuple[list, list]:
    """The dashboard's session table, suppressed exactly as on the page."""
    header = [
        _("Course"),
        _("City"),
        _("First day"),
        _("Participants"),
        _("Took both tests"),
        _("Mean pre-test (%)"),
        _("Mean post-test (%)"),
        _("Learning gain (Hake's g)"),
        _("Evaluations"),
        *(str(label) for label in selectors.RATING_LABELS.values()),
    ]
    rows = [
        [
            row["session"].course.title,
            row["session"].city or _("Online"),
            row["session"].starts_on,
            str(row["enrolled"]),
            str(row["participants"]),
            row["pre"],
            row["post"],
            row["gain"],
            str(row["evaluations"]),
            *(row[name] for name in selectors.RATINGS),
        ]
        for row in figures["sessions"]
    ]
    return header, rows


@login_required
def dashboard_csv(request, slug):
    programme = _dashboard_programme(request, slug)
    figures = selectors.programme_dashboard(programme, today=timezone.localdate())
    header, rows = _session_table(figures)
    return csv_response(f"training-{programme.slug}-sessions.csv", header, rows)


@login_required
def dashboard_xlsx(request, slug):
    """Every table of the dashboard, one sheet each, with the page's suppression."""
    programme = _dashboard_programme(request, slug)
    figures = selectors.programme_dashboard(programme, today=timezone.localdate())
    ratings = [str(label) for label in selectors.RATING_LABELS.values()]
    module_header = [
        _("Module"),
        _("Took both tests"),
        _("Mean pre-test (%)"),
        _("Mean post-test (%)"),
        _("Learning gain (Hake's g)"),
        _("Evaluations"),
        *ratings,
    ]
    sheets = [
        (
            _("Targets"),
            [_("Target"), _("Reached"), _("Target value")],
            [[t.label, str(t.reached), t.value] for t in figures["progress"]],
        ),
        (
            _("Cities"),
            [_("City"), _("Sessions held"), _("Frontline participants"), _("Children")],
            [
                [
                    _("Online") if row["online"] else row["city"],
                    row["sessions"],
                    str(row["participants"]),
                    str(row["children"]),
                ]
                for row in figures["cities"]
            ],
        ),
        (
            _("Professions"),
            [_("Profession"), _("Participants")],
            [[str(row["label"]), str(row["participants"])] for row in figures["professions"]],
        ),
        (_("Sessions"), *_session_table(figures)),
        (
            _("Modules"),
            module_header,
            [
                [
                    f"{row['position']}. {row['title']}",
                    str(row["participants"]),
                    row["pre"],
                    row["post"],
                    row["gain"],
                    str(row["evaluations"]),
                    *(row[name] for name in selectors.RATINGS),
                ]
                for row in figures["modules"]
            ],
        ),
    ]
    return xlsx_response(f"training-{programme.slug}-dashboard.xlsx", sheets)
