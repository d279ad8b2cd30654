from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from equalcity.accounts.selectors import memberships_of
from equalcity.core.decorators import public_page
from equalcity.core.pdf import render_pdf
from equalcity.programmes.models import Programme
from equalcity.referral import models as m
from equalcity.referral import selectors, services
from equalcity.referral.forms import (
    ImportForm,
    NewPathwayForm,
    PathwayForm,
    SafeSpaceForm,
    SearchForm,
    SlipForm,
    SlipStatusForm,
)


def _programme(user, slug: str, perm: str) -> Programme:
    """The programme if ``user`` holds ``perm`` on it; otherwise exactly like not found."""
    programme = Programme.objects.filter(slug=slug).first()
    if programme is None or not user.has_perm(perm, programme):
        raise Http404
    return programme


def _languages():
    return list(
        m.Language.objects.exclude(code="")
        .order_by("code")
        .values_list("code", flat=True)
        .distinct()
    )


@login_required
def index(request):
    programmes = {ms.programme.slug: ms.programme for ms in memberships_of(request.user)}
    if len(programmes) == 1:
        return redirect("referral:search", slug=next(iter(programmes)))
    return render(request, "referral/index.html", {"programmes": list(programmes.values())})


@login_required
def search(request, slug):
    programme = _programme(request.user, slug, "referral.search_services")
    form = SearchForm(request.GET or None, cities=selectors.cities(), languages=_languages())
    page, status = None, 200
    if form.is_bound:
        if form.is_valid():
            page = selectors.search_services(form.filters(), page=form.cleaned_data["page"] or 1)
        else:
            status = 400
    return render(
        request,
        "referral/search.html",
        {"programme": programme, "form": form, "page": page, "query": _query_without_page(request)},
        status=status,
    )


def _query_without_page(request) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


@login_required
def service_detail(request, slug, service_id):
    programme = _programme(request.user, slug, "referral.search_services")
    listing = selectors.service_listing(service_id)
    if listing is None:
        raise Http404
    may_manage = request.user.has_perm("referral.manage_service_staff", programme)
    return render(
        request,
        "referral/service.html",
        {
            "programme": programme,
            "listing": listing,
            "may_manage_staff": may_manage,
            "staff": selectors.staff_of(programme, listing.service) if may_manage else (),
        },
    )


@login_required
@require_POST
def service_staff(request, slug, service_id):
    """A manager lists or unlists a member as staff of the service (who may update slips)."""
    programme = _programme(request.user, slug, "referral.manage_service_staff")
    service = m.Service.objects.filter(id=service_id).first()
    if service is None:
        raise Http404
    try:
        if "remove" in request.POST:
            try:
                staff_id = int(request.POST["remove"])
            except ValueError:
                raise Http404 from None
            services.remove_service_staff(
                programme=programme, service=service, staff_id=staff_id, by=request.user
            )
            messages.success(request, _("Removed from the service's staff."))
        else:
            staff = services.add_service_staff(
                programme=programme,
                service=service,
                email=request.POST.get("email", ""),
                by=request.user,
            )
            messages.success(
                request,
                _("%(email)s may now update referrals sent to this service.")
                % {"email": staff.user.email},
            )
    except services.ReferralError as error:
        messages.error(request, error.message)
    return redirect("referral:service", slug=slug, service_id=service.id)


@login_required
def incoming_slips(request, slug):
    programme = _programme(request.user, slug, "referral.update_slip")
    return render(
        request,
        "referral/slips_incoming.html",
        {"programme": programme, "slips": selectors.incoming_slips(programme, request.user)},
    )


@login_required
def pathways(request, slug):
    programme = _programme(request.user, slug, "referral.view_pathway")
    return render(
        request,
        "referral/pathways.html",
        {
            "programme": programme,
            "pathways": selectors.pathways_of(programme),
            "can_edit": request.user.has_perm("referral.edit_pathway", programme),
        },
    )


def _pathway(request, slug, public_id):
    programme = _programme(request.user, slug, "referral.view_pathway")
    pathway = selectors.pathway_with_steps(programme, public_id)
    if pathway is None:
        raise Http404
    return programme, pathway


@login_required
def pathway_detail(request, slug, public_id):
    programme, pathway = _pathway(request, slug, public_id)
    return render(
        request,
        "referral/pathway.html",
        {
            "programme": programme,
            "pathway": pathway,
            "can_edit": request.user.has_perm("referral.edit_pathway", programme),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def new_pathway(request, slug):
    programme = _programme(request.user, slug, "referral.edit_pathway")
    form = NewPathwayForm(request.POST or None, cities=selectors.cities())
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            pathway = services.save_pathway(
                programme=programme,
                city=data["city"],
                country=selectors.country_of(data["city"]),
                target_group=data["target_group"],
                title=data["title"],
                introduction="",
                steps=[services.StepInput(kind=m.PathwayStep.FIRST_CONTACT, guidance="")],
                by=request.user,
                only_new=True,
            )
        except services.ReferralError as error:
            form.add_error(None, error.message)
        else:
            return redirect("referral:edit-pathway", slug=slug, public_id=pathway.public_id)
    return render(
        request,
        "referral/pathway_new.html",
        {"programme": programme, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def edit_pathway(request, slug, public_id):
    programme = _programme(request.user, slug, "referral.edit_pathway")
    pathway = selectors.pathway_with_steps(programme, public_id)
    if pathway is None:
        raise Http404
    form = PathwayForm(
        request.POST or None,
        initial=PathwayForm.initial_for(pathway),
        services=selectors.services_in(pathway.city),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.save_pathway(
                programme=programme,
                city=pathway.city,
                country=str(pathway.country),
                target_group=pathway.target_group,
                title=form.cleaned_data["title"],
                introduction=form.cleaned_data["introduction"],
                steps=form.steps(),
                by=request.user,
                is_demo=pathway.is_demo,
            )
        except services.ReferralError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The pathway was saved."))
            return redirect("referral:pathway", slug=slug, public_id=pathway.public_id)
    return render(
        request,
        "referral/pathway_edit.html",
        {"programme": programme, "pathway": pathway, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
def pocket_card(request, slug, public_id):
    """One A6 page in the worker's language, after the IASC GBV Pocket Guide's local card."""
    programme, pathway = _pathway(request, slug, public_id)
    pdf = render_pdf(
        "referral/pocket_card.html",
        {"pathway": pathway, "language": get_language()},
        request=request,
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="pathway-{pathway.city.lower()}.pdf"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def new_slip(request, slug, service_id):
    programme = _programme(request.user, slug, "referral.create_slip")
    service = m.Service.objects.filter(id=service_id).first()
    if service is None:
        raise Http404
    form = SlipForm(request.POST or None, languages=_languages() or ["en"])
    if request.method == "POST" and form.is_valid():
        try:
            slip = services.create_referral_slip(
                programme=programme,
                service=service,
                needs=form.cleaned_data["needs"],
                language=form.cleaned_data["language"],
                consent_given=form.cleaned_data["consent_given"],
                by=request.user,
            )
        except services.ReferralError as error:
            form.add_error(None, error.message)
        else:
            return redirect("referral:slip", slug=slug, reference=slip.reference)
    status = 400 if form.errors else 200
    return render(
        request,
        "referral/slip_form.html",
        {"programme": programme, "service": service, "form": form},
        status=status,
    )


@login_required
def slip(request, slug, reference):
    programme = _programme(request.user, slug, "referral.create_slip")
    found = selectors.slip_by_reference(programme, reference)
    if found is None or found.referred_by_id != request.user.pk:
        raise Http404
    return render(request, "referral/slip.html", {"programme": programme, "slip": found})


@login_required
def slips(request, slug):
    programme = _programme(request.user, slug, "referral.create_slip")
    return render(
        request,
        "referral/slips.html",
        {"programme": programme, "slips": selectors.slips_of(programme, request.user)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def slip_status(request, slug):
    """The receiving service updates a referral by the reference the person brought."""
    programme = _programme(request.user, slug, "referral.update_slip")
    form = SlipStatusForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            updated = services.update_slip_status(
                programme=programme,
                reference=form.cleaned_data["reference"],
                status=form.cleaned_data["status"],
                by=request.user,
            )
        except services.ReferralError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request,
                _("Referral %(reference)s is now %(status)s.")
                % {"reference": updated.reference, "status": updated.get_status_display()},
            )
            return redirect("referral:slip-status", slug=slug)
    return render(
        request,
        "referral/slip_status.html",
        {"programme": programme, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def directory_exchange(request, slug):
    programme = _programme(request.user, slug, "referral.import_directory")
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        job = services.request_import(
            programme=programme, upload=form.cleaned_data["package"], by=request.user
        )
        return redirect("referral:import", slug=slug, public_id=job.public_id)
    counts = None
    if request.user.has_perm("referral.view_referral_counts", programme):
        counts = selectors.referral_counts_by_service(programme)
    return render(
        request,
        "referral/exchange.html",
        {
            "programme": programme,
            "form": form,
            "imports": selectors.imports_of(programme)[:10],
            "counts": counts,
        },
        status=400 if form.errors else 200,
    )


@login_required
def directory_import(request, slug, public_id):
    programme = _programme(request.user, slug, "referral.import_directory")
    job = selectors.imports_of(programme).filter(public_id=public_id).first()
    if job is None:
        raise Http404
    return render(request, "referral/import.html", {"programme": programme, "job": job})


@login_required
def export(request, slug):
    _programme(request.user, slug, "referral.export_directory")
    response = HttpResponse(selectors.export_datapackage(), content_type="application/zip")
    response["Content-Disposition"] = 'attachment; filename="hsds-datapackage.zip"'
    return response


@login_required
def service_map(request, slug):
    """Services (and safe(r) spaces) of a city on an offline base map; tiles only if set."""
    programme = _programme(request.user, slug, "referral.search_services")
    all_cities = selectors.cities()
    city = request.GET.get("city") or (all_cities[0] if all_cities else "")
    if city and city not in all_cities:
        return render(
            request,
            "referral/map.html",
            {
                "programme": programme,
                "cities": all_cities,
                "city": "",
                "points": [],
                "listings": [],
            },
            status=400,
        )
    points, listings = selectors.map_points(city) if city else ([], [])
    return render(
        request,
        "referral/map.html",
        {
            "programme": programme,
            "cities": all_cities,
            "city": city,
            "points": points,
            "listings": listings,
            "tile_url": getattr(settings, "MAP_TILE_URL", ""),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def safe_space(request, slug, service_id):
    programme = _programme(request.user, slug, "referral.assess_safe_space")
    service = m.Service.objects.filter(id=service_id).first()
    if service is None:
        raise Http404
    form = SafeSpaceForm(request.POST or None)
    result = None
    if request.method == "POST" and form.is_valid():
        try:
            result = services.assess_safe_space(
                programme=programme, service=service, scores=form.cleaned_data, by=request.user
            )
        except services.ReferralError as error:
            form.add_error(None, error.message)
    return render(
        request,
        "referral/safe_space.html",
        {"programme": programme, "service": service, "form": form, "result": result},
        status=400 if form.errors else 200,
    )


@public_page
def guide(request):
    return render(request, "referral/guide.html")
