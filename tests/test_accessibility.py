"""The pages in a real browser, driven through Playwright in Debian's Chromium: on every kind of
public page axe-core finds no WCAG 2.2 AA violation at 1280 and 320 px; nothing scrolls sideways
at 320 or 390 px (WCAG 1.4.10), not even with the text spacing of WCAG 1.4.12; filters fold away
on a phone; every control shows its focus; a keyboard alone reaches a minute from the home page.
`make screenshots` photographs every kind of page at 320 and 1280 px."""

import os
import re
import shutil
from pathlib import Path

import pytest

from .conftest import COMMITTEE_SLUG
from .pages import PAGES, alert_documents, import_every_kind_of_meeting

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
    import_every_kind_of_meeting()
    context = browser.new_context(base_url=live_server.url, viewport={"width": 390, "height": 844})
    page = context.new_page()
    # What the browser refused under the Content-Security-Policy (an inline style, say).
    page.refused = []
    page.on("console", lambda message: "Content Security Policy" in message.text and page.refused.append(message.text))
    yield page
    context.close()


def at(tab, width: int, path: str):
    tab.set_viewport_size({"width": width, "height": 900})
    return tab.goto(path)


def violations(page):
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
    return [
        f"{violation['id']}: {violation['help']} ({[node['target'] for node in violation['nodes']]})"
        for violation in results.response["violations"]
    ]


# The page wider than the window, and the elements that reach past its right edge.
OVERFLOW = """() => document.documentElement.scrollWidth <= innerWidth ? [] :
    [`page ${document.documentElement.scrollWidth} px wide`, ...[...document.querySelectorAll("body *")]
        .filter(e => e.getBoundingClientRect().right > innerWidth + 1)
        .slice(-3).map(e => `${e.tagName.toLowerCase()}.${e.className} ends at ${Math.round(e.getBoundingClientRect().right)}`)]"""
# The main column, or the results beside the filters, holding something wider than itself.
SPILLED = """() => [...document.querySelectorAll("main, main .results")]
    .filter(e => e.scrollWidth > e.clientWidth + 1)
    .map(e => `${e.tagName.toLowerCase()}.${e.className} holds ${e.scrollWidth} px in ${e.clientWidth}`)"""
# WCAG 1.4.12: what a reader's own style sheet may set; no content may be lost to it.
TEXT_SPACING = """* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; }
p { margin-bottom: 2em !important; }"""
# Boxes that hide what does not fit, and now hold more than they show (the visually hidden aside;
# a text box scrolls its own text, by design).
CLIPPED = """() => [...document.querySelectorAll("body *:not(input, select, textarea)")].filter(e => {
    const style = getComputedStyle(e);
    if (!/(hidden|clip)/.test(style.overflow) || e.clientWidth <= 1) return false;
    return e.scrollHeight > e.clientHeight + 1 || e.scrollWidth > e.clientWidth + 1;
}).map(e => `${e.tagName.toLowerCase()}.${e.className} clips its content`)"""


ADOPT_STYLE_SHEET = """css => {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
}"""


@pytest.mark.parametrize(("name", "path", "status"), PAGES, ids=[name for name, _path, _status in PAGES])
def test_every_kind_of_page_is_accessible_and_reflows_on_a_phone(tab, name, path, status):
    problems = []
    for width in (1280, 320):
        assert at(tab, width, path).status == status
        problems += [f"{width} px: {violation}" for violation in violations(tab)]
        problems += [f"{width} px: {problem}" for problem in tab.evaluate(SPILLED)]
    for width in (320, 390):
        at(tab, width, path)
        problems += [f"{width} px: {problem}" for problem in tab.evaluate(OVERFLOW)]
    at(tab, 320, path)
    # As a reader's own style sheet would, which the page's Content-Security-Policy does not govern.
    tab.evaluate(ADOPT_STYLE_SHEET, TEXT_SPACING)
    problems += [f"320 px, text spacing: {problem}" for problem in tab.evaluate(OVERFLOW) + tab.evaluate(CLIPPED)]
    problems += [f"refused by the Content-Security-Policy: {refused}" for refused in tab.refused]
    assert problems == []


def test_the_alerts_pages_and_mails_are_accessible(tab, client):
    """The pages the sign-up form and the mails' signed links lead to, shown as the site serves
    them (its style sheet and policy), and the mails' HTML, as a mail program would show it."""
    problems = []
    for name, html in alert_documents(client).items():
        for width in (1280, 320):
            if name.startswith("mail-"):  # as a mail program shows it: without the site's style sheet
                tab.set_viewport_size({"width": width, "height": 900})
                tab.goto("about:blank")
            else:
                at(tab, width, "/")
            tab.set_content(html)
            problems += [f"{name}, {width} px: {violation}" for violation in violations(tab)]
            problems += [f"{name}, {width} px: {problem}" for problem in tab.evaluate(OVERFLOW)]
    assert problems == []


def test_filters_sit_beside_the_results_on_a_wide_screen_and_fold_away_on_a_phone(tab):
    committee = tab.locator("#id_committee")
    summary = tab.locator("details.filters > summary")
    at(tab, 1280, "/search/?q=school")
    assert committee.is_visible() and not summary.is_visible()
    results, filters = tab.locator("section.results").bounding_box(), tab.locator("details.filters").bounding_box()
    assert (
        results["x"] < filters["x"] and results["y"] < filters["y"] + filters["height"]
    )  # side by side, results first

    at(tab, 320, "/search/?q=school")
    assert summary.inner_text() == "Filter results" and not committee.is_visible()
    assert summary.bounding_box()["y"] < tab.locator("#results-heading").bounding_box()["y"]
    summary.click()
    assert committee.is_visible()

    # A filter chosen (by the form, or by a link from another page): the disclosure stays folded,
    # so the results come first, and its summary names what narrowed them.
    at(tab, 320, f"/search/?q=school&committee={COMMITTEE_SLUG}")
    assert not committee.is_visible()
    assert summary.inner_text() == "Showing: Education and Children's Services Scrutiny Board (2) · change filters"
    at(tab, 320, "/meetings/")
    assert not tab.locator("#id_committee").is_visible()
    at(tab, 320, "/meetings/?has_resolutions=on")
    assert not tab.locator("#id_has_resolutions").is_visible()
    assert tab.locator("details.filters > summary").inner_text() == "Showing: Only with resolutions · change filters"


# How an element is drawn where focus shows: outline, shadow, background.
FOCUS_STYLE = """(element) => {
    const style = getComputedStyle(element);
    return [style.outlineStyle, style.outlineWidth, style.boxShadow, style.backgroundColor].join(" ");
}"""


def test_every_control_shows_where_the_focus_is(tab):
    at(tab, 320, "/search/?q=school")
    tab.locator("details.filters > summary").click()
    controls = [
        "details.filters > summary",
        "#search-q",
        "#search-form button",
        ".site-nav a",
        "#results-heading + p a",
        "#order-newest",
        "#id_committee",
        "#id_date_from",
        "#id_has_resolutions",
        "details.filters button",
    ]
    unchanged = _focus_not_shown(tab, controls)
    at(tab, 320, "/meetings/")  # the header's search box (the search page has only its own)
    unchanged += _focus_not_shown(tab, ["#site-search", ".site-search button"])
    assert unchanged == []


def _focus_not_shown(tab, selectors: list[str]) -> list[str]:
    """The controls whose look does not change when they take the focus."""
    unchanged = []
    for selector in selectors:
        control = tab.locator(selector).first
        tab.evaluate("document.activeElement.blur()")
        before = control.evaluate(FOCUS_STYLE)
        control.focus()
        if control.evaluate(FOCUS_STYLE) == before:
            unchanged.append(selector)
    return unchanged


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


@pytest.mark.screenshots
def test_screenshots_of_every_kind_of_page(tab):
    """`make screenshots`: each kind of page at 320 and 1280 px, whole, for a reviewer's eyes."""
    folder = Path(os.environ.get("SCREENSHOTS_DIR", "screenshots"))
    folder.mkdir(parents=True, exist_ok=True)
    for name, path, status in PAGES:
        for width in (320, 1280):
            assert at(tab, width, path).status == status
            tab.screenshot(path=folder / f"{name}-{width}.png", full_page=True)
    assert len(list(folder.glob("*.png"))) >= 2 * len(PAGES)


def test_the_api_documentation_works_under_the_content_security_policy(tab):
    """Swagger UI, from files served here (django-ninja's), lists every operation and answers one."""
    assert at(tab, 1280, "/api/docs").status == 200
    tab.get_by_text("/api/committees/{slug}/minutes/{year}/{number}").first.wait_for()
    operations = tab.locator(".opblock-summary-path").all_inner_texts()
    assert "/api/search" in operations and "/api/actions" in operations
    committees = tab.locator(".opblock-summary-path", has_text=re.compile(r"^/api/committees$"))
    tab.locator(".opblock-get", has=committees).click()
    tab.get_by_role("button", name="Try it out").first.click()
    tab.get_by_role("button", name="Execute").first.click()
    answered = tab.locator(".live-responses-table tbody .response-col_status")
    answered.first.wait_for()
    assert answered.first.inner_text().strip() == "200"
    answer = tab.locator(".live-responses-table .microlight").first.inner_text()
    # The seeds' committee, the long words', Cabinet (printed minutes and the answers to
    # recommendations), the housing board (attendance), the scrutiny board (recommendations), a
    # Cabinet Member and the audit panel (revised minutes)
    assert '"count": 7' in answer and '"slug": "overview-and-scrutiny-committee"' in answer
    assert tab.refused == []
