"""Fixtures of the accessibility tests: the demo with a page of every type (scenario.py), and pages whose context
lets Playwright inject axe-core (the portal's Content-Security-Policy allows no inline script; `bypass_csp` lifts
it for the injected tool only, in the test browser), in Vietnamese or English."""

import pytest

from .scenario import build

DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}


@pytest.fixture(autouse=True)
def _fresh_live_cache(fresh_live_cache):
    """The dialogue day's feed keys in Redis must not outlive a test (tests/conftest.py)."""


@pytest.fixture
def world(demo, settings):
    # The question's sender is counted per address in Redis, across runs: the limit is not what is tested here.
    settings.QUESTION_RATE_LIMIT = 100_000
    return build(demo)


@pytest.fixture
def open_page(browser, live_server):
    """open_page(language="vi", viewport=DESKTOP): a fresh browser context (own cookies), closed after the test."""
    contexts = []

    def _open(language: str = "vi", viewport: dict = DESKTOP, *, bypass_csp: bool = True):
        context = browser.new_context(
            base_url=live_server.url,
            locale="vi-VN" if language == "vi" else "en-GB",
            timezone_id="Asia/Ho_Chi_Minh",
            viewport=viewport,
            bypass_csp=bypass_csp,
        )
        context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
        context.set_default_timeout(15_000)
        contexts.append(context)
        return context.new_page()

    yield _open
    for context in contexts:
        context.close()


def sign_in(page, username: str, password: str) -> None:
    page.context.clear_cookies(name="sessionid")
    page.goto("/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.locator("main button[type=submit]").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)
