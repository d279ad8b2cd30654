"""Browser tests: Debian's Chromium driven by Playwright against the live server.

Every page a test opens is checked with axe-core (``assert_accessible``), and a guard
watches each page for requests to other hosts, Content-Security-Policy refusals, uncaught
errors and pages shown without an axe check. Nothing reaches the network: quick exit lands
on a neutral page served on this machine (``neutral_site``).
"""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest
from django.conf import settings

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
AXE_RUN = """async (tags) => {
  const results = await axe.run(document, {
    runOnly: {type: 'tag', values: tags},
    resultTypes: ['violations'],
  });
  return results.violations;
}"""
# Long enough for a page of the live server on a busy two-core machine; short enough that a
# missing element fails the test in seconds rather than after Playwright's default 30 s.
PAGE_TIMEOUT_MS = 10_000
CSP_MARKERS = ("Content Security Policy", "Refused to")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": "/usr/bin/chromium",
        "args": [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


@pytest.fixture(scope="session")
def axe_source() -> str:
    return (Path(settings.NODE_MODULES_DIR) / "axe-core" / "axe.min.js").read_text(encoding="utf-8")


def _without_fragment(url: str) -> str:
    return urlunsplit(urlsplit(url)._replace(fragment=""))


def assert_accessible(page) -> None:
    """Run axe-core (WCAG 2.0/2.1 A and AA rules) on the page as it is now; no violation."""
    guard = _guard_of(page)
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        # evaluate() is not subject to the page's Content-Security-Policy, a <script> would be.
        page.evaluate(guard.axe_source)
    violations = page.evaluate(AXE_RUN, AXE_TAGS)
    guard.checked.add(_without_fragment(page.url))
    assert not violations, f"axe found violations on {page.url}:\n" + "\n".join(
        _describe(violation) for violation in violations
    )


def _describe(violation: dict) -> str:
    lines = [
        f"- {violation['id']} ({violation.get('impact')}): {violation['help']}",
        f"  {violation.get('helpUrl', '')}",
    ]
    for node in violation["nodes"]:
        summary = " ".join((node.get("failureSummary") or "").split())
        lines.append(f"    {node['target']}: {summary[:300]}")
    return "\n".join(lines)


class PageGuard:
    """What a test's pages did that they must not: reach another host, break the CSP, throw.

    It also remembers which pages of the live server were shown, so that a test that forgets
    to run axe on one of them fails.
    """

    def __init__(self, context, live_server_url: str, axe_source: str):
        self.host = urlsplit(live_server_url).netloc
        self.axe_source = axe_source
        self.allowed_origins: set[str] = set()
        self.foreign_requests: list[str] = []
        self.csp_messages: list[str] = []
        self.page_errors: list[str] = []
        self.shown: list[str] = []
        self.checked: set[str] = set()
        context.on("request", self._on_request)
        context.on("page", self.watch)
        for page in context.pages:
            self.watch(page)

    def allow_origin(self, origin: str) -> None:
        self.allowed_origins.add(origin)

    def watch(self, page) -> None:
        if getattr(page, "_equalcity_guard", None) is self:
            return
        page._equalcity_guard = self
        page.set_default_timeout(PAGE_TIMEOUT_MS)
        page.on("console", self._on_console)
        page.on("pageerror", lambda error: self.page_errors.append(f"{page.url}: {error}"))
        page.on("framenavigated", lambda frame: self._on_navigated(page, frame))

    def _on_request(self, request) -> None:
        parts = urlsplit(request.url)
        if parts.scheme in {"data", "blob", "about"}:
            return  # nothing leaves the browser
        if parts.netloc == self.host:
            return
        if f"{parts.scheme}://{parts.netloc}" in self.allowed_origins:
            return
        self.foreign_requests.append(f"{request.method} {request.url}")

    def _on_console(self, message) -> None:
        if any(marker in message.text for marker in CSP_MARKERS):
            self.csp_messages.append(f"[{message.type}] {message.text}")

    def _on_navigated(self, page, frame) -> None:
        if frame is page.main_frame and urlsplit(frame.url).netloc == self.host:
            self.shown.append(_without_fragment(frame.url))

    def problems(self) -> list[str]:
        problems = [f"request to another host: {url}" for url in self.foreign_requests]
        problems += [f"Content-Security-Policy message: {text}" for text in self.csp_messages]
        problems += [f"uncaught error in the page: {text}" for text in self.page_errors]
        unchecked = [url for url in dict.fromkeys(self.shown) if url not in self.checked]
        problems += [f"page shown but never checked with axe: {url}" for url in unchecked]
        return problems


def _guard_of(page) -> PageGuard:
    guard = getattr(page, "_equalcity_guard", None)
    assert guard is not None, "this page is not watched by the page guard"
    return guard


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call":
        item.equalcity_call_failed = report.failed
    return report


@pytest.fixture
def page_guard(request, context, live_server, axe_source):
    guard = PageGuard(context, live_server.url, axe_source)
    yield guard
    problems = guard.problems()
    if getattr(request.node, "equalcity_call_failed", False):
        # The test failed already; say what else was seen without a second failure.
        if problems:
            request.node.add_report_section("teardown", "page guard", "\n".join(problems))
        return
    assert not problems, "the page guard saw:\n" + "\n".join(problems)


@pytest.fixture
def page(page_guard, page):
    """pytest-playwright's page, watched by the page guard."""
    page_guard.watch(page)
    return page


@pytest.fixture
def site(live_server, transactional_db, demo):
    """The live server's address, with the demo programme loaded where it can see it."""
    return live_server.url


NEUTRAL_PAGE = b"<html><head><title>Weather</title></head><body>neutral</body></html>"


class _NeutralPage(BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 - the name http.server calls
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(NEUTRAL_PAGE)))
        self.end_headers()
        self.wfile.write(NEUTRAL_PAGE)

    def log_message(self, format, *args):  # noqa: A002 - http.server's signature
        pass


@pytest.fixture(scope="session")
def neutral_server():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _NeutralPage)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()
    thread.join()


@pytest.fixture
def neutral_site(settings, page_guard, neutral_server):
    """Where quick exit sends the browser: a neutral page served on this machine.

    Playwright does not run routes for the target of a redirect, so routing the real
    QUICK_EXIT_URL (https://www.bbc.com/weather) lets Chromium try to resolve it first;
    the tests must never reach the network. The live server runs in this process, so it
    sees the overridden setting.
    """
    settings.QUICK_EXIT_URL = f"{neutral_server}/weather"
    page_guard.allow_origin(neutral_server)
    return settings.QUICK_EXIT_URL
