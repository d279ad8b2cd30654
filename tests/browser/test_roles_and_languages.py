import pytest
from django.utils import translation

from equalcity.accounts.models import Role
from equalcity.programmes.demo import DEMO_ACCOUNTS
from tests.browser.conftest import assert_accessible
from tests.browser.flows import header, pass_two_factor, path_of, sign_in, sign_out

pytestmark = pytest.mark.browser

LANGUAGES = ["en", "fr", "nl", "it", "sv", "de"]


def role_label(role: str) -> str:
    with translation.override("en"):
        return str(Role(role).label)


@pytest.mark.parametrize("account", DEMO_ACCOUNTS, ids=lambda account: account.local_part)
def test_each_demo_role_signs_in_reaches_my_work_and_signs_out(
    site, page, demo_users, demo_password, account
):
    # given a person of the demo programme on the sign-in page
    is_manager = account.role == Role.PROGRAMME_MANAGER

    # when they sign in (a programme manager with the second step)
    sign_in(page, site, account.email, demo_password)
    if is_manager:
        pass_two_factor(page)

    # then they are on My work, which names their role
    assert path_of(page) == "/en/accounts/", page.url
    assert_accessible(page)
    main = page.locator("main")
    assert main.locator("h1").inner_text() == "My work"
    tags = main.locator(".tag").all_inner_texts()
    assert any(role_label(account.role) in tag for tag in tags), tags
    people = main.get_by_role("link", name="People and roles", exact=True)
    audit = main.get_by_role("link", name="Audit log", exact=True)

    if is_manager:
        people.click()
        page.wait_for_load_state()
        assert path_of(page) == "/en/accounts/programmes/equalcity/members/"
        assert_accessible(page)
        listed = page.locator("main table").first.inner_text()
        for other in DEMO_ACCOUNTS:
            assert other.email in listed

        page.go_back()
        audit.click()
        page.wait_for_load_state()
        assert path_of(page) == "/en/accounts/programmes/equalcity/audit/"
        assert_accessible(page)
        actions = page.locator("main table td code").all_inner_texts()
        assert "accounts.two_factor.enabled" in actions, actions
    else:
        assert people.count() == 0 and audit.count() == 0

    # and signing out leaves them on a public page, signed out
    sign_out(page)
    assert_accessible(page)
    assert header(page).get_by_role("link", name="Sign in", exact=True).count() == 1
    assert header(page).locator("form button[type=submit]").count() == 0


def test_language_switcher_goes_through_every_language(site, page):
    page.goto(f"{site}/en/")
    assert_accessible(page)
    headings = {"en": page.locator("h1").inner_text()}
    switcher = page.locator("header nav:has(a[hreflang])")
    assert switcher.get_attribute("aria-label"), "the language switcher has no accessible name"

    for language in LANGUAGES[1:] + ["en"]:
        switcher.locator(f"a[hreflang={language}]").click()
        page.wait_for_url(f"{site}/{language}/")
        assert page.locator("html").get_attribute("lang") == language
        assert path_of(page) == f"/{language}/"
        current = switcher.locator("a[aria-current=true]")
        assert current.count() == 1 and current.get_attribute("hreflang") == language
        assert_accessible(page)
        headings[language] = page.locator("h1").inner_text()

    # The French home page is written in French: needs the compiled French catalogue.
    assert headings["fr"] != headings["en"], (
        f"the French home page has the English heading {headings['fr']!r}: "
        "is the French catalogue translated and compiled (equalcity build_catalogues)?"
    )
