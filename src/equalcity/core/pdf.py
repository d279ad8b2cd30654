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


class BlockedResource(Exception):
    pass


def offline_url_fetcher(url: str, *args, **kwargs):
    if url.startswith("data:"):
        return weasyprint.default_url_fetcher(url, *args, **kwargs)
    path = urlparse(url).path
    if path.startswith(settings.STATIC_URL):
        found = finders.find(path[len(settings.STATIC_URL) :])
        if found:
            with open(found, "rb") as handle:
                data = handle.read()
            mime_type = mimetypes.guess_type(found)[0] or "application/octet-stream"
            return {"string": data, "mime_type": mime_type}
    raise BlockedResource(f"PDF rendering does not fetch {url!r}")


def render_pdf(template_name: str, context: dict, *, request=None) -> bytes:
    """Render a template to PDF bytes. Static files are named with ``{% static %}``."""
    html = render_to_string(template_name, context, request=request)
    document = weasyprint.HTML(
        string=html, base_url="http://equalcity.invalid/", url_fetcher=offline_url_fetcher
    )
    return document.write_pdf()
