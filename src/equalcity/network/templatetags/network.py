import json

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

register = template.Library()


@register.simple_tag
def has_network_perm(user, perm: str, programme) -> bool:
    """``{% has_network_perm user "network.view_applications" programme as may %}``."""
    return bool(user is not None and user.is_authenticated and user.has_perm(perm, programme))


# As Django's json_script: these three cannot close the <script> element or open a comment.
_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.filter
def compact_json_script(value, element_id: str):
    """``json_script`` without the spaces after separators: thousands of map points add up."""
    text = json.dumps(value, separators=(",", ":"), ensure_ascii=False).translate(
        _JSON_SCRIPT_ESCAPES
    )
    return format_html(
        '<script id="{}" type="application/json">{}</script>',
        element_id,
        mark_safe(text),  # noqa: S308
    )
