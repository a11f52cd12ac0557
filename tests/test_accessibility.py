"""The pages in a real browser: axe-core finds no WCAG 2.2 AA violation, and a keyboard alone
reaches a minute from the home page. Drives Debian's Chromium through Playwright."""

import os
import shutil

import pytest

from .conftest import APRIL_2016, APRIL_2017, COMMITTEE_SLUG, DATA
from .factories import import_path

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# Without these, Chromium tries to reach Google's services, which this closed network refuses.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


@pytest.fixture(scope="module")
def browser():
    if not os.path.exists(CHROMIUM):
        message = "Debian's Chromium is not installed (apt-get install chromium chromium-driver)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(f"{message}: browser tests skipped")
    from playwright.sync_api import sync_playwright

    # Playwright's synchronous API keeps an event loop in this thread; Django's ORM must still be
    # usable from the test itself.
    with pytest.MonkeyPatch.context() as patch, sync_playwright() as playwright:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def tab(browser, live_server):
    import_path(APRIL_2016)
    import_path(APRIL_2017)
    import_path(DATA / "meeting-6-april-2017.txt")
    context = browser.new_context(base_url=live_server.url, viewport={"width": 390, "height": 844})
    page = context.new_page()
    yield page
    context.close()


def violations(page):
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
    return [
        f"{violation['id']}: {violation['help']} ({[node['target'] for node in violation['nodes']]})"
        for violation in results.response["violations"]
    ]


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/", 200),
        ("/meetings/?has_resolutions=on", 200),
        ("/search/?q=improvement+board", 200),
        (f"/committees/{COMMITTEE_SLUG}/", 200),
        (f"/committees/{COMMITTEE_SLUG}/meetings/2017-04-27/", 200),
        (f"/committees/{COMMITTEE_SLUG}/minutes/2016/80/", 200),
        ("/actions/?status=outstanding", 200),
        (f"/committees/{COMMITTEE_SLUG}/actions/?status=outstanding&as_of=2017-04-27", 200),
        (f"/committees/{COMMITTEE_SLUG}/2016-17/work-programme/", 200),
        ("/accounts/login/", 200),
        ("/no-such-page/", 404),
    ],
)
def test_pages_have_no_accessibility_violations(tab, path, status):
    response = tab.goto(path)
    assert response.status == status
    assert violations(tab) == []


def test_a_keyboard_alone_reaches_a_minute_from_the_home_page(tab):
    tab.goto("/")
    tab.keyboard.press("Tab")
    assert tab.evaluate("document.activeElement.textContent") == "Skip to main content"

    def tab_to(text):
        for _ in range(60):
            tab.keyboard.press("Tab")
            if text in tab.evaluate("document.activeElement.textContent"):
                return
        raise AssertionError(f"no focusable element reads {text!r}")

    tab_to("Education and Children's Services Scrutiny Board (2)")
    # The focused link is visibly marked: the focus colour behind it.
    assert tab.evaluate("getComputedStyle(document.activeElement).backgroundColor") == "rgb(255, 221, 0)"
    tab.keyboard.press("Enter")
    tab.wait_for_url(f"**/committees/{COMMITTEE_SLUG}/")
    tab_to("27 April 2017")
    tab.keyboard.press("Enter")
    tab.wait_for_url("**/meetings/2017-04-27/")
    tab_to("Minute 84/16")
    tab.keyboard.press("Enter")
    tab.wait_for_url(f"**/committees/{COMMITTEE_SLUG}/minutes/2016/84/")
    assert tab.locator("h1").inner_text() == "Minute 84/16: Improvement Board"
