from django import template

from equalcity.training import selectors

register = template.Library()


@register.inclusion_tag("training/includes/toolbox_evaluations.html", takes_context=True)
def toolbox_evaluations(context, toolbox):
    """Participants' evaluations of the toolbox in training, for its editors (aggregates only)."""
    user = context["request"].user
    if not user.has_perm("training.view_evaluations", toolbox):
        return {"summary": None}
    return {"summary": selectors.toolbox_evaluations(toolbox)}
