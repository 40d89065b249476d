"""What a reader gets in a real browser: accessible pages, phone layouts, keyboard use."""

from __future__ import annotations

from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page

from tests.sitebuild import BuiltSite
from tests.sources import articles, slug

pytestmark = pytest.mark.browser

WCAG_22_AA = {"runOnly": {"type": "tag", "values": [
    "wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]}}


def key_pages() -> dict[str, str]:
    article = articles()[0]
    return {
        "home": "/",
        "article": f"/{article.url_path}",
        "region": f"/regioni/{slug(article.region)}/",
        "404": "/404.html",
        "tags": "/temas/",
        "archives": "/arhivs/",
        "about": "/par-mums/",
    }


@pytest.mark.parametrize("name", list(key_pages()))
def test_axe_finds_no_violations(name: str, built_site: BuiltSite, page: Page) -> None:
    page.goto(built_site.siteurl + key_pages()[name])
    results = Axe().run(page, options=WCAG_22_AA)
    assert results.violations_count == 0, results.generate_report()


@pytest.mark.parametrize("name", list(key_pages()))
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_horizontal_scroll_at_320px(name: str, scheme: str, built_site: BuiltSite,
                                       browser: Browser) -> None:
    context = browser.new_context(viewport={"width": 320, "height": 640}, color_scheme=scheme)
    page = context.new_page()
    page.goto(built_site.siteurl + key_pages()[name])
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    context.close()
    assert overflow <= 0


#: Each visible button's label: its words, and the lines its text takes (one rect per line).
BUTTON_LINES = """[...document.querySelectorAll('button')].filter(b => b.offsetParent).map(b => {
  const range = document.createRange(); range.selectNodeContents(b);
  const lines = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
  return {label: b.textContent.trim(), words: b.textContent.trim().split(/\\s+/).length,
          lines: lines.size}; })"""


@pytest.mark.parametrize("path", [*key_pages().values(), "/abonet/", "/meklet/", "/izdevums/"])
def test_button_labels_break_only_between_words_at_320px(path: str, built_site: BuiltSite,
                                                         browser: Browser) -> None:
    """The page text may break anywhere (long addresses), but a button's label never breaks
    inside a word: at 320 px the header's search button read "Mekl" / "ēt"."""
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    page.goto(built_site.siteurl + path)
    buttons = page.evaluate(BUTTON_LINES)
    context.close()
    assert buttons, "no visible button: the test would pass on nothing"
    assert [b for b in buttons if b["lines"] > b["words"]] == []


def test_dark_mode_has_no_contrast_violations(built_site: BuiltSite, browser: Browser) -> None:
    context = browser.new_context(color_scheme="dark")
    page = context.new_page()
    page.goto(built_site.siteurl + key_pages()["article"])
    results = Axe().run(page, options={"runOnly": {"type": "rule", "values": ["color-contrast"]}})
    context.close()
    assert results.violations_count == 0, results.generate_report()


def test_home_screenshot_at_phone_width(built_site: BuiltSite, browser: Browser, tmp_path: Path) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(built_site.siteurl + "/")
    shot = tmp_path / "home-390.png"
    page.screenshot(path=str(shot), full_page=True)
    context.close()
    print(f"home page at 390 px: {shot}")
    assert shot.read_bytes().startswith(b"\x89PNG")


def test_first_tab_reaches_a_visible_skip_link_to_main(built_site: BuiltSite, page: Page) -> None:
    page.goto(built_site.siteurl + key_pages()["article"])
    page.keyboard.press("Tab")
    focused = page.evaluate("""() => { const el = document.activeElement;
        const r = el.getBoundingClientRect();
        return {href: el.getAttribute('href'), visible: r.width > 0 && r.height > 0,
                outline: getComputedStyle(el).outlineStyle}; }""")
    assert focused["href"] == "#saturs" and focused["visible"] and focused["outline"] != "none"
    page.keyboard.press("Enter")
    assert page.evaluate("document.querySelector('main').id") == "saturs"


def test_pages_read_without_javascript(built_site: BuiltSite, browser: Browser) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    article = articles()[0]
    page.goto(built_site.siteurl + "/" + article.url_path)
    heading = page.locator("h1").inner_text()
    body = page.locator("main").inner_text()
    context.close()
    assert heading.strip() == article.title
    assert len(body) > 500
