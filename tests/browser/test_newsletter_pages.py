"""The newsletter's pages in Chromium: axe-core finds nothing, and no sideways scrolling."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page

from tests.browser.test_pages import WCAG_22_AA
from tests.sitebuild import BuiltSite

pytestmark = pytest.mark.browser

PAGES = {"archive": "/izdevums/", "issue": "/izdevums/2024/05/",
         "preview": "/izdevums/prieksskatijums/"}


@pytest.mark.parametrize("name", list(PAGES))
def test_axe_finds_no_violations(name: str, built_site: BuiltSite, page: Page) -> None:
    page.goto(built_site.siteurl + PAGES[name])
    results = Axe().run(page, options=WCAG_22_AA)
    assert results.violations_count == 0, results.generate_report()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_issue_page_fits_320px(scheme: str, built_site: BuiltSite, browser: Browser) -> None:
    context = browser.new_context(viewport={"width": 320, "height": 640}, color_scheme=scheme)
    page = context.new_page()
    page.goto(built_site.siteurl + PAGES["issue"])
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    context.close()
    assert overflow <= 0
