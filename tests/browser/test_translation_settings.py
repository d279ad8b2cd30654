"""A programme manager turns on a content language and assigns a translator to it from the
translations pages; the translator then finds the language on the coverage dashboard. Every
page visited passes axe."""

import pytest

from equalcity.accounts.models import Role, User
from equalcity.toolboxes import services as toolbox_services
from equalcity.translations.models import ProgrammeLanguage, TranslatorAssignment
from tests.browser import flows
from tests.browser.conftest import assert_accessible
from tests.browser.flows import pass_two_factor, path_of, sign_in, submit

pytestmark = pytest.mark.browser

MANAGER = "manager@demo.equalcity.example"
EDITOR = "editor@demo.equalcity.example"
VIEWER = "viewer@demo.equalcity.example"


def test_a_manager_turns_on_tigrinya_and_assigns_a_translator(site, page, demo, demo_password):
    editor = User.objects.get(email=EDITOR)
    viewer = User.objects.get(email=VIEWER)
    assert viewer.memberships.filter(role=Role.VIEWER).exists()
    toolbox = toolbox_services.create_toolbox(
        programme=demo, title="Listening first", target_group="women_girls", by=editor
    )
    module = toolbox_services.add_module(toolbox=toolbox, title="Listening", by=editor)
    toolbox_services.add_section(
        module=module, title="First contact", body="Listen without judging.", by=editor
    )

    sign_in(page, site, MANAGER, demo_password)
    pass_two_factor(page)
    assert_accessible(page)
    page.goto(f"{site}/en/translations/{toolbox.slug}/")
    assert_accessible(page)
    with page.expect_navigation():
        page.get_by_role("link", name="Content languages and translators of the programme").click()
    assert path_of(page) == f"/en/translations/settings/{demo.slug}/"
    assert_accessible(page)

    row = page.locator('#language-settings tr[data-language="ti"]')
    assert row.locator('[lang="ti"]').inner_text() == "ትግርኛ"
    assert "Left to right" in row.inner_text()
    assert (
        page.locator('#language-settings tr[data-language="ps"]')
        .inner_text()
        .count("Right to left")
        == 1
    )
    submit(page, row.get_by_role("button", name="Turn on Tigrinya"))
    assert_accessible(page)
    assert "Tigrinya is now offered" in page.locator(".messages").inner_text()
    assert (
        page.locator('#language-settings tr[data-language="ti"]').get_attribute("data-enabled")
        == "true"
    )
    assert ProgrammeLanguage.objects.filter(programme=demo, language="ti").exists()

    # sent without choosing anyone: the page answers 400 and says what is missing
    form = page.locator("#assign-translator")
    with page.expect_navigation() as sent:
        form.get_by_role("button", name="Assign").click()
    assert sent.value.status == 400
    assert_accessible(page)
    errors = page.locator("#assign-translator").inner_text()
    assert "Choose the person who will translate." in errors
    assert "Choose the language they will translate into." in errors
    assert not TranslatorAssignment.objects.filter(language="ti").exists()

    form = page.locator("#assign-translator")
    form.get_by_label("Person").select_option(label=f"{viewer.full_name} ({viewer.email})")
    form.get_by_label("Language").select_option("ti")
    submit(page, form.get_by_role("button", name="Assign"))
    assert_accessible(page)
    assert (
        f"{viewer.full_name} now translates into Tigrinya."
        in page.locator(".messages").inner_text()
    )
    row = page.locator('#language-settings tr[data-language="ti"]')
    assert viewer.full_name in row.inner_text()
    assert TranslatorAssignment.objects.filter(user=viewer, programme=demo, language="ti").exists()

    # the new translator sees Tigrinya on the dashboard and can open its units
    flows.sign_out(page)
    assert_accessible(page)
    sign_in(page, site, VIEWER, demo_password)
    assert_accessible(page)
    page.goto(f"{site}/en/translations/{toolbox.slug}/")
    assert_accessible(page)
    tigrinya = page.locator('#coverage-table tr[data-language="ti"]')
    with page.expect_navigation():
        tigrinya.get_by_role("link").click()
    assert_accessible(page)
    assert path_of(page) == f"/en/translations/{toolbox.slug}/ti/"
    assert page.locator('textarea[lang="ti"]').count() >= 2
