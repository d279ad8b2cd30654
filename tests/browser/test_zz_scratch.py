import pytest
from tests.browser.flows import sign_in, path_of

pytestmark = pytest.mark.browser


def _same_origin(route):
    response = route.fetch(max_redirects=0)
    headers = dict(response.headers)
    if "text/html" not in headers.get("content-type", ""):
        return route.fulfill(response=response)
    headers["referrer-policy"] = "same-origin"
    body = response.text().replace('<meta name="referrer" content="no-referrer">', '<meta name="referrer" content="same-origin">')
    route.fulfill(response=response, headers=headers, body=body)


def test_scratch(site, page):
    page.route(f"{site}/**", _same_origin)
    seen = []
    page.on("request", lambda r: r.method == "POST" and seen.append(r.all_headers().get("origin")))
    sign_in(page, site, "worker@demo.equalcity.example", "equalcity-demo")
    print("ORIGIN", seen, page.url)
    assert path_of(page) == "/en/accounts/"
