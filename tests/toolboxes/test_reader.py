import pytest

from equalcity.toolboxes import services
from equalcity.toolboxes.models import SectionKind, Status
from tests.core.test_markdown import XSS_VECTORS, MarkupAudit
from tests.toolboxes.journeys import walk_to_final

pytestmark = pytest.mark.django_db


class ProseAudit(MarkupAudit):
    """Markup found inside the section text only (the page shell has its own scripts)."""

    def __init__(self):
        super().__init__()
        self.depth = 0

    def handle_starttag(self, tag, attrs):
        if self.depth:
            self.depth += tag not in {"br", "hr", "img", "input"}
            super().handle_starttag(tag, attrs)
        elif tag == "div" and ("class", "prose") in attrs:
            self.depth = 1

    def handle_endtag(self, tag):
        if self.depth:
            self.depth -= 1


def test_the_library_lists_published_toolboxes_only(published, demo, editor, client):
    draft = services.create_toolbox(
        programme=demo, title="Still a draft", target_group="women_girls", by=editor
    )
    html = client.get("/en/toolboxes/").content.decode()
    assert published.title in html
    assert draft.title not in html
    assert client.get(f"/en/toolboxes/{draft.slug}/").status_code == 404


def test_the_reader_has_contents_and_previous_next(published, client):
    html = client.get(f"/en/toolboxes/{published.slug}/").content.decode()
    assert "Contents" in html and "Module 1" in html and "Annex for trainers" in html
    sections = [s for m in published.modules.all() for s in m.sections.all()]
    page = client.get(f"/en/toolboxes/{published.slug}/sections/{sections[1].pk}/").content.decode()
    assert f'/sections/{sections[0].pk}/"' in page and f'/sections/{sections[2].pk}/"' in page
    assert 'rel="prev"' in page and 'rel="next"' in page


def test_a_reader_in_another_language_is_told_it_is_the_source_language(published, client):
    french = client.get(f"/fr/toolboxes/{published.slug}/").content.decode()
    assert 'class="notice"' in french
    english = client.get(f"/en/toolboxes/{published.slug}/").content.decode()
    assert 'class="notice"' not in english


def test_search_within_the_toolbox(published, client):
    html = client.get(f"/en/toolboxes/{published.slug}/search/?q=module 2").content.decode()
    assert "Section 2.1" in html and "Section 1.1" not in html
    empty = client.get(f"/en/toolboxes/{published.slug}/search/?q=").status_code
    assert empty == 200


def test_the_reader_page_loads_the_print_stylesheet(published, client):
    html = client.get(f"/en/toolboxes/{published.slug}/").content.decode()
    assert "toolboxes/toolboxes.css" in html
    from django.contrib.staticfiles import finders

    css = open(finders.find("toolboxes/toolboxes.css"), encoding="utf-8").read()
    assert "@media print" in css


def test_xss_vectors_in_a_section_render_inert_on_the_reader_page(
    toolbox, editor, reviewer, coordinator, manager, client
):
    module = toolbox.modules.first()
    sections = [
        services.add_section(module=module, title=f"Vector {i}", body=vector, by=editor)
        for i, vector in enumerate(XSS_VECTORS)
    ]
    walk_to_final(toolbox, editor=editor, reviewer=reviewer, coordinator=coordinator)
    services.publish_edition(toolbox=toolbox, by=manager)
    for section in sections:
        html = client.get(f"/en/toolboxes/{toolbox.slug}/sections/{section.pk}/").content.decode()
        audit = ProseAudit()
        audit.feed(html)
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
        }, section.body
        assert not any(a.startswith("on") or a == "style" for a in audit.attributes), section.body
        assert not any(u.startswith(("javascript:", "data:", "vbscript:")) for u in audit.urls), (
            section.body
        )


def test_the_prose_audit_sees_markup_in_the_section():
    audit = ProseAudit()
    audit.feed(
        '<div class="prose"><p><script>x</script><a href="javascript:1" onclick="x">a</a></p></div>'
    )
    assert (
        "script" in audit.tags and "onclick" in audit.attributes and audit.urls == ["javascript:1"]
    )


def grow(toolbox, *, editor, modules, sections):
    for m in range(modules):
        module = services.add_module(toolbox=toolbox, title=f"Grown {m}", by=editor)
        for s in range(sections):
            services.add_section(
                module=module,
                title=f"Grown {m}.{s}",
                body="Text " * 50,
                kind=SectionKind.FRONTLINE_ANNEX if s % 2 else SectionKind.CONTENT,
                by=editor,
            )


@pytest.mark.parametrize("page", ["read", "section", "search", "library"])
def test_reader_pages_run_a_constant_number_of_queries_as_the_toolbox_grows(
    page, published, editor, reviewer, coordinator, manager, client, django_assert_num_queries
):
    def url():
        published.refresh_from_db()
        first = published.latest_edition.sections.order_by("id").first()
        return {
            "read": f"/en/toolboxes/{published.slug}/",
            "section": f"/en/toolboxes/{published.slug}/sections/{first.source_section_id}/",
            "search": f"/en/toolboxes/{published.slug}/search/?q=text",
            "library": "/en/toolboxes/",
        }[page]

    def count():
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        target = url()
        client.get(target)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(target).status_code == 200
        return len(captured)

    small = count()
    services.move_toolbox(toolbox=published, to_status=Status.DRAFT, by=editor)
    grow(published, editor=editor, modules=6, sections=8)
    walk_to_final(published, editor=editor, reviewer=reviewer, coordinator=coordinator)
    services.publish_edition(toolbox=published, by=manager)
    target = url()
    with django_assert_num_queries(small):
        assert client.get(target).status_code == 200


def test_the_workspace_runs_a_constant_number_of_queries_as_the_toolbox_grows(
    toolbox, editor, client, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(editor)
    url = f"/en/toolboxes/work/{toolbox.slug}/"
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    grow(toolbox, editor=editor, modules=5, sections=6)
    with django_assert_max_num_queries(len(captured)):
        assert client.get(url).status_code == 200


def test_experts_who_agreed_are_named_on_the_toolbox(published, reviewer, client):
    from equalcity.toolboxes.models import ExpertProfile

    profile = ExpertProfile.objects.create(user=reviewer, display_name="Dr Panel", is_public=True)
    assert "Dr Panel" in client.get(f"/en/toolboxes/{published.slug}/").content.decode()
    profile.is_public = False
    profile.save()
    assert "Dr Panel" not in client.get(f"/en/toolboxes/{published.slug}/").content.decode()


def test_an_expert_agrees_to_be_named_on_their_profile_page(published, reviewer, client):
    client.force_login(reviewer)
    url = "/en/toolboxes/expert-profile/"
    assert client.get(url).status_code == 200
    client.post(url, {"display_name": "Dr Panel", "expertise": "GBV"})
    assert "Dr Panel" not in client.get(f"/en/toolboxes/{published.slug}/").content.decode()
    client.post(url, {"display_name": "Dr Panel", "expertise": "GBV", "is_public": "on"})
    assert "Dr Panel" in client.get(f"/en/toolboxes/{published.slug}/").content.decode()


def test_only_experts_have_a_profile_page(demo_users, client):
    from equalcity.accounts.models import Role

    client.force_login(demo_users[Role.PARTNER_EDITOR])
    assert client.get("/en/toolboxes/expert-profile/").status_code == 404
