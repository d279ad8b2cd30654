import logging
import time

from django.db import DatabaseError, InterfaceError
from django.http import HttpResponse
from django.template.loader import render_to_string

logger = logging.getLogger("equalcity.request")

PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(self), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=(), interest-cohort=(), browsing-topics=()"
)


class RequestLogMiddleware:
    """One structured log line a request: method, route, status, duration.

    No address, no user agent and no query string is logged: a log must not
    become the trace a visitor of the help pages wanted to avoid.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        response = self.get_response(request)
        match = getattr(request, "resolver_match", None)
        logger.info(
            "request",
            extra={
                "method": request.method,
                "route": match.view_name if match else None,
                "status": response.status_code,
                "duration_ms": round((time.perf_counter() - started) * 1000, 1),
            },
        )
        return response


class DatabaseUnavailableMiddleware:
    """A database that does not answer gets a clear 503 page, never a stack trace."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            return self.get_response(request)
        except (DatabaseError, InterfaceError) as error:
            return self.unavailable(request, error)

    def process_exception(self, request, exception):
        if isinstance(exception, DatabaseError | InterfaceError):
            return self.unavailable(request, exception)
        return None

    @staticmethod
    def unavailable(request, error):
        logger.error("database unavailable", extra={"error": type(error).__name__})
        body = render_to_string("503.html", request=None)
        response = HttpResponse(body, status=503)
        response["Retry-After"] = "30"
        response["Cache-Control"] = "no-store"
        return response


class SecurityHeadersMiddleware:
    """Headers that Django's own settings do not cover.

    Pages are never stored by the browser (``no-store``): on a shared device the
    back button or the cache must not bring a help page back after a quick exit.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        response.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        content_type = response.get("Content-Type", "")
        if content_type.startswith(("text/html", "application/json")):
            response["Cache-Control"] = "no-store"
        return response
