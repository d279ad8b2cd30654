from django import template

register = template.Library()


@register.simple_tag
def has_network_perm(user, perm: str, programme) -> bool:
    """``{% has_network_perm user "network.view_applications" programme as may %}``."""
    return bool(user is not None and user.is_authenticated and user.has_perm(perm, programme))
