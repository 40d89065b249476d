"""Galleries in Chromium: accessible pages and a lightbox that works from the keyboard."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page

from tests.browser.test_pages import WCAG_22_AA
from tests.sitebuild import BuiltSite

pytestmark = pytest.mark.browser

GALLERY = "/galerijas/simpozija-fotoizstade/"


@pytest.mark.parametrize("path", ["/galerijas/", GALLERY])
def test_gallery_pages_have_no_axe_violations(path: str, built_site: BuiltSite,
                                              page: Page) -> None:
    page.goto(built_site.siteurl + path)
    results = Axe().run(page, options=WCAG_22_AA)
    assert results.violations_count == 0, results.generate_report()


def test_lightbox_opens_moves_with_arrows_closes_with_escape_and_returns_focus(
        built_site: BuiltSite, page: Page) -> None:
    page.goto(built_site.siteurl + GALLERY)
    links = page.locator(".gallery-link")
    captions = page.locator(".gallery-grid figcaption")
    dialog = page.locator("dialog.lightbox")
    assert not dialog.is_visible()
    links.nth(0).focus()
    page.keyboard.press("Enter")
    assert dialog.is_visible()
    assert dialog.locator("figcaption").inner_text() == captions.nth(0).inner_text()
    dialog.locator("img").wait_for()
    # the photo loads (a broken address never does: the wait times out and fails the test)
    page.wait_for_function("(() => { const img = document.querySelector('dialog.lightbox img');"
                           " return img.complete && img.naturalWidth > 0; })()", timeout=5000)
    page.keyboard.press("ArrowRight")
    assert dialog.locator("figcaption").inner_text() == captions.nth(1).inner_text()
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("ArrowLeft")  # wraps round to the last photo
    assert dialog.locator("figcaption").inner_text() == captions.last.inner_text()
    page.keyboard.press("Escape")
    assert not dialog.is_visible()
    # focus goes back to the thumbnail of the photo shown last (the dialog's "close" event)
    page.wait_for_function("document.activeElement === [...document.querySelectorAll("
                           "'.gallery-link')].at(-1)", timeout=2000)


def test_swipe_moves_to_the_next_photo(built_site: BuiltSite, browser: Browser) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 800}, has_touch=True)
    page = context.new_page()
    page.goto(built_site.siteurl + GALLERY)
    page.locator(".gallery-link").first.tap()
    captions = page.locator(".gallery-grid figcaption")
    page.evaluate("""() => {
      const d = document.querySelector('dialog.lightbox');
      const touch = x => new Touch({identifier: 1, target: d, clientX: x, clientY: 300});
      d.dispatchEvent(new TouchEvent('touchstart', {changedTouches: [touch(300)]}));
      d.dispatchEvent(new TouchEvent('touchend', {changedTouches: [touch(100)]}));
    }""")
    shown = page.locator("dialog.lightbox figcaption").inner_text()
    second = captions.nth(1).inner_text()
    context.close()
    assert shown == second


def test_without_javascript_a_thumbnail_opens_the_large_image(built_site: BuiltSite,
                                                              browser: Browser) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(built_site.siteurl + GALLERY)
    href = page.locator(".gallery-link").first.get_attribute("href")
    response = page.request.get(href)
    page.locator(".gallery-link").first.click()
    url = page.url
    context.close()
    assert response.ok and response.headers["content-type"] == "image/jpeg"
    assert url == href


def test_lightbox_script_is_under_4_kb(built_site: BuiltSite) -> None:
    assert (built_site.output / "theme/galleries/lightbox.js").stat().st_size < 4096
