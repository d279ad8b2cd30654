"""What a person does in the browser, step by step, shared by the browser tests."""

import base64
from urllib.parse import urlsplit

from django_otp.oath import totp

from tests.browser.conftest import assert_accessible


def path_of(page) -> str:
    return urlsplit(page.url).path


def header(page):
    return page.locator("header.site-header")


def submit(page, button) -> None:
    """Send a form with its button; the browser must land on a working page."""
    with page.expect_navigation() as navigation:
        button.click()
    response = navigation.value
    assert response is not None and response.ok, (
        f"sending the form answered {response.status if response else 'nothing'} at {page.url}"
    )


def sign_in(page, base: str, email: str, password: str, language: str = "en") -> None:
    """Sign in on the sign-in page (checked with axe before the form is sent)."""
    page.goto(f"{base}/{language}/accounts/login/")
    assert_accessible(page)
    page.locator("main form input[name=username]").fill(email)
    page.locator("main form input[name=password]").fill(password)
    submit(page, page.locator("main form button[type=submit]"))


def totp_code(secret: str) -> str:
    """The code an authenticator app shows now for a key written as groups of base32."""
    raw = secret.replace(" ", "").upper()
    key = base64.b32decode(raw + "=" * (-len(raw) % 8))
    return f"{totp(key):06d}"


def pass_two_factor(page) -> None:
    """Set up the authenticator on first use, as a manager with a phone app would."""
    assert path_of(page).endswith("/accounts/two-factor/"), page.url
    assert_accessible(page)
    secret = page.locator("[data-totp-secret]").inner_text().strip()
    assert secret, "the two-factor page shows no key to type into an authenticator app"
    page.locator("main form input[name=token]").fill(totp_code(secret))
    submit(page, page.locator("main form button[type=submit]"))


def sign_out(page) -> None:
    """Sign out with the header's button; the landing page must be a working page."""
    submit(page, header(page).locator("form button[type=submit]"))
