"""PDF rendering with WeasyPrint, offline by construction.

The URL fetcher serves only the platform's own static files and ``data:`` URIs: a
template or a user-written text that names another host makes no request.
"""

import mimetypes
from urllib.parse import urlparse

import weasyprint
from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from weasyprint.urls import URLFetcher, URLFetcherResponse

BASE_URL = "http://equalcity.invalid/"


class BlockedResource(Exception):
    pass


class OfflineURLFetcher(URLFetcher):
    """Static files from the platform itself and ``data:`` URIs; nothing else."""

    def fetch(self, url, headers=None):
        if url.startswith("data:"):
            return super().fetch(url, headers)
        path = urlparse(url).path
        if url.startswith(BASE_URL) and path.startswith(settings.STATIC_URL):
            found = finders.find(path[len(settings.STATIC_URL) :])
            if found:
                with open(found, "rb") as handle:
                    body = handle.read()
                mime_type = mimetypes.guess_type(found)[0] or "application/octet-stream"
                return URLFetcherResponse(url, body, {"Content-Type": mime_type})
        raise BlockedResource(f"PDF rendering does not fetch {url!r}")


def render_pdf(template_name: str, context: dict, *, request=None) -> bytes:
    """Render a template to PDF bytes. Static files are named with ``{% static %}``."""
    html = render_to_string(template_name, context, request=request)
    document = weasyprint.HTML(string=html, base_url=BASE_URL, url_fetcher=OfflineURLFetcher())
    return document.write_pdf()
