"""User-written Markdown renders inert: a real list of XSS vectors comes out harmless."""

from html.parser import HTMLParser

import pytest

from equalcity.core.markdown import render_markdown

XSS_VECTORS = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[click](  javascript:alert(1))",
    "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[click](vbscript:msgbox(1))",
    '<svg onload="alert(1)"><circle r="10"/></svg>',
    '<iframe src="https://evil.example/"></iframe>',
    '<a href="javascript:alert(1)">x</a>',
    '<div style="background:url(javascript:alert(1))">x</div>',
    "![x](javascript:alert(1))",
    '<details open ontoggle="alert(1)">',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    '<object data="javascript:alert(1)"></object>',
    '<form action="javascript:alert(1)"><input type=submit></form>',
    "<<script>script>alert(1)<</script>/script>",
    '[x](https://ok.example/ "title" onmouseover="alert(1)")',
]


class MarkupAudit(HTMLParser):
    """Collects what a browser would treat as markup: tags, attributes, link targets."""

    def __init__(self):
        super().__init__()
        self.tags, self.attributes, self.urls = set(), set(), []

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        for name, value in attrs:
            self.attributes.add(name)
            if name in {"href", "src", "action", "formaction", "data"}:
                self.urls.append((value or "").strip().lower())


@pytest.mark.parametrize("source", XSS_VECTORS)
def test_xss_vectors_render_inert(source):
    audit = MarkupAudit()
    audit.feed(str(render_markdown(source)))
    assert not audit.tags & {
        "script",
        "iframe",
        "svg",
        "math",
        "object",
        "form",
        "input",
        "style",
        "embed",
        "base",
        "meta",
        "link",
    }, audit.tags
    assert not {a for a in audit.attributes if a.startswith("on") or a == "style"}
    for url in audit.urls:
        assert url.split(":", 1)[0] in {"http", "https", "mailto", "tel"} or ":" not in url, url


def test_ordinary_markdown_survives():
    html = str(
        render_markdown(
            "## Safety first\n\n*Listen* and [ask](https://who.int/) — **then** act.\n\n"
            "| a | b |\n|---|---|\n| 1 | 2 |"
        )
    )
    assert "<h2>Safety first</h2>" in html
    assert "<em>Listen</em>" in html
    assert 'href="https://who.int/"' in html and 'rel="noopener noreferrer nofollow"' in html
    assert "<table>" in html
