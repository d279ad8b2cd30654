from django.conf import settings
from django.contrib.auth import logout
from django.db import connection
from django.http import HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from equalcity.core.decorators import public_page


@never_cache
@require_GET
def healthz(request):
    """200 when the database answers a query, 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # noqa: BLE001 - any failure to answer means "unavailable"
        return JsonResponse({"status": "unavailable", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


@never_cache
@require_http_methods(["GET", "POST"])
def quick_exit(request):
    """The platform's own exit: drop the session, ask the browser to forget, leave.

    The page calls this with ``location.replace`` so the help page's history entry
    is replaced; the redirect then lands on a neutral site. Local storage is kept
    on purpose: a visitor's safety plan lives there and only they may delete it.
    """
    logout(request)
    request.session.flush()
    response = HttpResponseRedirect(settings.QUICK_EXIT_URL)
    response["Clear-Site-Data"] = '"cache", "cookies"'
    response["Cache-Control"] = "no-store"
    return response


@public_page
def browsing_safely(request):
    return render(request, "core/browsing_safely.html")


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    return render(request, "500.html", status=500)


def permission_denied(request, exception=None):
    # Not yours answers like not found.
    return render(request, "404.html", status=404)


def bad_request(request, exception=None):
    return render(request, "400.html", status=400)


def csrf_failure(request, reason=""):
    """A form sent without a valid security token: usually a page left open too long."""
    return render(request, "csrf_failure.html", status=403)
