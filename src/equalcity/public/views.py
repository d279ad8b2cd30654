"""Help pages for migrants: no cookie, no third-party request, no form sent anywhere."""

from django.http import Http404
from django.shortcuts import render

from equalcity.core.decorators import public_page
from equalcity.public.helplines import EU_NUMBERS
from equalcity.referral import selectors as directory
from equalcity.referral.selectors import SearchFilters


@public_page
def index(request):
    return render(request, "public/index.html", {"numbers": EU_NUMBERS[:1]})


@public_page
def rights(request):
    return render(request, "public/rights.html")


@public_page
def numbers(request):
    return render(request, "public/numbers.html", {"numbers": EU_NUMBERS})


@public_page
def find_help(request):
    return render(request, "public/find_help.html", {"cities": directory.cities()})


@public_page
def city(request, city):
    cities = {name.lower(): name for name in directory.cities()}
    name = cities.get(city.lower())
    if name is None:
        raise Http404
    page = directory.search_services(SearchFilters(city=name), per_page=100)
    safe_spaces = [
        listing
        for listing in page.results
        if any(t.code == "lgbtqi_safe" for t in listing.attributes)
    ]
    return render(
        request,
        "public/city.html",
        {"city": name, "page": page, "safe_spaces": safe_spaces, "numbers": EU_NUMBERS[:1]},
    )


@public_page
def safety_plan(request):
    return render(request, "public/safety_plan.html")
