"""An editor changes a source section; the French translation of it turns outdated on the
coverage dashboard and the translator sees what changed. Every page visited passes axe."""

import pytest

from equalcity.accounts.models import Role, User
from equalcity.toolboxes import services as toolbox_services
from equalcity.translations import services
from tests.browser import flows
from tests.browser.conftest import assert_accessible
from tests.browser.flows import submit

pytestmark = pytest.mark.browser

EDITOR = "editor@demo.equalcity.example"
MANAGER = "manager@demo.equalcity.example"


def test_editing_a_source_section_marks_its_translation_outdated(site, page, demo, demo_password):
    editor = User.objects.get(email=EDITOR)
    manager = User.objects.get(email=MANAGER)
    assert editor.memberships.filter(role=Role.PARTNER_EDITOR).exists()
    toolbox = toolbox_services.create_toolbox(
        programme=demo, title="Listening first", target_group="women_girls", by=editor
    )
    module = toolbox_services.add_module(toolbox=toolbox, title="Listening", by=editor)
    section = toolbox_services.add_section(
        module=module, title="First contact", body="Listen without judging.", by=editor
    )
    services.enable_language(programme=demo, language="fr", by=manager)
    services.save_translation(
        toolbox=toolbox,
        unit_id=f"section:{section.pk}:body",
        language="fr",
        text="Écoutez sans juger.",
        done=True,
        by=editor,
    )

    flows.sign_in(page, site, EDITOR, demo_password)
    assert_accessible(page)
    dashboard = f"{site}/en/translations/{toolbox.slug}/"
    page.goto(dashboard)
    assert_accessible(page)
    row = page.locator('#coverage-table tr[data-language="fr"]')
    assert row.locator("td.translated").inner_text() == "1"
    assert row.locator("td.outdated").inner_text() == "0"

    # the editor changes the source text of the section
    page.goto(f"{site}/en/toolboxes/work/{toolbox.slug}/sections/{section.pk}/edit/")
    assert_accessible(page)
    page.locator("textarea[name=body]").fill("Listen without judging, and believe her.")
    submit(page, page.get_by_role("button", name="Save the section"))
    assert_accessible(page)

    page.goto(dashboard)
    assert_accessible(page)
    row = page.locator('#coverage-table tr[data-language="fr"]')
    assert row.locator("td.translated").inner_text() == "0"
    assert row.locator("td.outdated").inner_text() == "1"

    with page.expect_navigation():
        row.get_by_role("link").click()
    assert_accessible(page)
    unit = page.locator(f'[data-unit="section:{section.pk}:body"]')
    assert "Outdated" in unit.inner_text()
    assert unit.locator(".diff-after ins").count() > 0
    assert "believe" in " ".join(unit.locator(".diff-after ins").all_inner_texts())
