from django import template

from equalcity.core.markdown import render_markdown

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text):
    """Render user-written Markdown to sanitised HTML: ``{{ section.body|markdown }}``."""
    return render_markdown(text)
