"""Calendar pages in headless Chromium: axe-core clean, reachable by keyboard alone."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

from tests.browser.test_pages import WCAG_22_AA
from tests.sitebuild import BuiltSite
from tests.sources import articles, front_matter

pytestmark = pytest.mark.browser


def event_months() -> list[tuple[int, int]]:
    """The months of the seed events, earliest first."""
    starts = {str(e["start"])[:7] for a in articles()
              for e in front_matter(a.file).get("events") or []}
    return sorted((int(s[:4]), int(s[5:7])) for s in starts)


def first_event_month() -> str:
    return "{:04d}/{:02d}".format(*event_months()[0])


@pytest.mark.parametrize("path", ["/kalendars/", "/kalendars/arhivs/", "month"])
def test_calendar_pages_have_no_axe_violations(path: str, built_site: BuiltSite, page: Page) -> None:
    url = f"/kalendars/{first_event_month()}/" if path == "month" else path
    page.goto(built_site.siteurl + url)
    results = Axe().run(page, options=WCAG_22_AA)
    assert results.violations_count == 0, results.generate_report()


def tab_to(page: Page, selector: str, limit: int = 60) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"document.activeElement.matches({selector!r})"):
            return
    raise AssertionError(f"Tab never reached {selector}")


def test_keyboard_reaches_next_month_and_an_event_article(built_site: BuiltSite, page: Page) -> None:
    # month pages exist only for months with events: "next" from the first event month
    # leads to the second
    first, second = event_months()[:2]
    page.goto(f"{built_site.siteurl}/kalendars/{first[0]:04d}/{first[1]:02d}/")
    tab_to(page, "a[rel=next]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith("/kalendars/{:04d}/{:02d}/".format(*second))
    tab_to(page, ".events .event-title a")
    target = page.evaluate("document.activeElement.getAttribute('href')")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == target
    assert page.locator(f"#{target.split('#')[1]}").is_visible()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_month_grid_fits_a_320px_phone(scheme: str, built_site: BuiltSite, browser) -> None:
    context = browser.new_context(viewport={"width": 320, "height": 640}, color_scheme=scheme)
    page = context.new_page()
    page.goto(f"{built_site.siteurl}/kalendars/{first_event_month()}/")
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    results = Axe().run(page, options={"runOnly": {"type": "rule", "values": ["color-contrast"]}})
    context.close()
    assert overflow <= 0
    assert results.violations_count == 0, results.generate_report()
