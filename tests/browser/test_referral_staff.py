"""A manager lists a worker as staff of the shelter; the worker sees the referrals sent to it.
A visitor's city help page shows the national helpline first. Every page passes axe."""

import pytest

from equalcity.accounts.models import Role
from equalcity.programmes.demo import DEMO_ACCOUNTS
from equalcity.referral import models as m
from equalcity.referral.demo import load_demo as load_directory_demo
from tests.browser.conftest import assert_accessible
from tests.browser.flows import pass_two_factor, sign_in, sign_out, submit

pytestmark = pytest.mark.browser

MANAGER = next(a for a in DEMO_ACCOUNTS if a.role == Role.PROGRAMME_MANAGER)
WORKER = next(a for a in DEMO_ACCOUNTS if a.role == Role.FRONTLINE_WORKER)


def test_staff_of_a_service_and_the_public_helplines(site, demo, page, demo_password):
    load_directory_demo(programme=demo)
    shelter = m.Service.objects.filter(name="Demo shelter for women (demo data)").first()

    sign_in(page, site, MANAGER.email, demo_password)
    pass_two_factor(page)
    assert_accessible(page)
    page.goto(f"{site}/en/referral/equalcity/services/{shelter.id}/")
    assert_accessible(page)
    staff = page.locator("section[aria-labelledby=staff-heading]")
    # an address that belongs to no member is refused with a clear message
    staff.get_by_label("E-mail address of a programme member").fill("nobody@example.org")
    submit(page, staff.get_by_role("button", name="Add to the service's staff"))
    assert_accessible(page)
    assert page.get_by_text("No member of this programme has that e-mail address").is_visible()
    staff = page.locator("section[aria-labelledby=staff-heading]")
    staff.get_by_label("E-mail address of a programme member").fill(WORKER.email)
    submit(page, staff.get_by_role("button", name="Add to the service's staff"))
    assert_accessible(page)
    assert page.locator("#service-staff").get_by_text(WORKER.email, exact=True).is_visible()
    sign_out(page)
    assert_accessible(page)

    sign_in(page, site, WORKER.email, demo_password)
    assert_accessible(page)
    page.goto(f"{site}/en/referral/equalcity/referrals/incoming/")
    assert_accessible(page)
    assert page.get_by_text("No referral has been sent to your services.").is_visible()
    sign_out(page)
    assert_accessible(page)

    page.goto(f"{site}/en/help/find-help/Luxembourg/")
    assert_accessible(page)
    assert page.get_by_role("heading", name="Helplines: call or write, wherever you are")
    assert page.get_by_text("Demo national helpline (demo data)").first.is_visible()
