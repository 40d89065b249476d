"""Following the site in Chromium: the sign-up form loads nothing from the provider, addresses
copy with one press (and stay selectable without JavaScript), and every feed opens as a
readable page with a Latvian explanation, not as a raw XML tree: item titles, no English date,
each item's address as text to copy."""

from __future__ import annotations

import re
import time
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, expect

from tests.browser.test_pages import WCAG_22_AA
from tests.conftest import SIGNUP
from tests.sitebuild import BuiltSite

pytestmark = pytest.mark.browser


def hosts_requested(page: Page, url: str) -> set[str]:
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(url)
    page.wait_for_load_state("networkidle")
    return {urlsplit(u).netloc for u in requested}


@pytest.mark.parametrize("path", ["/izdevums/", "/izdevums/2024/05/"])
def test_sign_up_form_loads_nothing_third_party(signup_site: BuiltSite, page: Page,
                                                path: str) -> None:
    hosts = hosts_requested(page, signup_site.siteurl + path)
    assert hosts == {urlsplit(signup_site.siteurl).netloc}
    field = page.get_by_label("Jūsu e-pasta adrese")
    assert field.is_visible() and field.get_attribute("type") == "email"
    form = page.locator("form.signup-form")
    assert form.get_attribute("action") == SIGNUP["signup_action"]
    assert page.get_by_role("button", name="Pieteikties").is_visible()
    results = Axe().run(page, options=WCAG_22_AA)
    assert results.violations_count == 0, results.generate_report()


def test_subscribe_page_without_sign_up_has_no_form_and_loads_only_the_site(
        built_site: BuiltSite, page: Page) -> None:
    hosts = hosts_requested(page, built_site.siteurl + "/abonet/")
    assert hosts == {urlsplit(built_site.siteurl).netloc}
    assert page.locator("input[type=email]").count() == 0
    assert page.get_by_text("E-pastā izdevumu pagaidām nesūtām").is_visible()
    results = Axe().run(page, options=WCAG_22_AA)
    assert results.violations_count == 0, results.generate_report()


def test_copy_button_copies_the_absolute_address(built_site: BuiltSite, browser: Browser) -> None:
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(built_site.siteurl + "/abonet/")
    field = page.get_by_role("textbox", name="Visas ziņas (Atom)", exact=True)
    page.get_by_role("button", name="Kopēt: Visas ziņas (Atom)").click()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == field.input_value() == f"{built_site.siteurl}/atom.xml"
    expect(page.locator("#copy-status")).to_have_text("Nokopēts")  # announced just after
    context.close()


def announced_copies(page: Page, expected: int = 2) -> int:
    """How many times the status line said "Nokopēts", once `expected` or after about five
    seconds: the clipboard answers its promise in its own time, and on a loaded machine the
    second announcement may come after the page's clock has run."""
    count = 0
    for _ in range(100):
        count = page.evaluate("announced.filter(text => text === 'Nokopēts').length")
        if count >= expected:
            break
        time.sleep(0.05)
    return count


def test_copy_button_by_keyboard_twice_keeps_its_label_focus_and_announces_each_copy(
        built_site: BuiltSite, browser: Browser) -> None:
    """A keyboard user presses "Kopēt" twice in a row: both copies are announced (the status
    line changes each time), focus stays on the button (pressing again copies again), and
    the button reads "Kopēt" once the "Nokopēts" moment has passed (it used to keep
    "Nokopēts" for good after a second press within two seconds). Timers run on Playwright's
    clock, not the wall clock."""
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.clock.install()
    page.goto(built_site.siteurl + "/abonet/")
    page.evaluate("""() => { window.announced = [];
        const status = document.getElementById('copy-status');
        new MutationObserver(() => announced.push(status.textContent))
          .observe(status, {childList: true, characterData: true, subtree: true}); }""")
    button = page.get_by_role("button", name="Kopēt: Visas ziņas (RSS)")
    button.focus()
    page.keyboard.press("Enter")
    page.clock.run_for(500)
    page.evaluate("navigator.clipboard.writeText('')")
    assert page.evaluate("document.activeElement.dataset.copy") == button.get_attribute("data-copy")
    page.keyboard.press("Enter")
    page.clock.run_for(500)
    assert page.evaluate("navigator.clipboard.readText()") == f"{built_site.siteurl}/rss.xml"
    assert announced_copies(page) == 2
    page.clock.run_for(5000)
    assert button.text_content() == "Kopēt"
    context.close()


def test_without_javascript_addresses_are_selectable_and_no_dead_buttons(
        built_site: BuiltSite, browser: Browser) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(built_site.siteurl + "/abonet/")
    assert page.locator("button.copy-button:visible").count() == 0
    field = page.get_by_role("textbox", name="Visas ziņas (RSS)", exact=True)
    assert field.is_visible() and field.is_editable() is False
    assert field.input_value() == f"{built_site.siteurl}/rss.xml"
    context.close()


FEED_VIEW = """() => {
  const root = document.documentElement;
  const shown = (element) => element.getBoundingClientRect().height > 0;
  const titles = Array.from(root.querySelectorAll("item > title, entry > title"));
  const selection = getSelection();
  selection.selectAllChildren(root);  // the text a person sees (and copies), without the CSS's
  const text = selection.toString();
  selection.removeAllRanges();
  return {root: root.localName,
          explanation: getComputedStyle(root, "::before").content,
          feedTitle: shown(root.querySelector("channel > title, feed > title")),
          titles: titles.filter(shown).map((title) => title.textContent),
          items: titles.length,
          titleSize: parseFloat(getComputedStyle(titles[0]).fontSize),
          text: text};
}"""
#: An RFC 822 date (RSS pubDate, lastBuildDate) and an RFC 3339 one (Atom), as the feeds
#: write them: not what a person should read on the page.
MACHINE_DATES = re.compile(r"\b(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d\d (Jan|Feb|Mar|Apr|May|Jun|"
                           r"Jul|Aug|Sep|Oct|Nov|Dec) \d{4}|\d{4}-\d\d-\d\dT\d\d:\d\d")
FEED_PATHS = ["/atom.xml", "/rss.xml", "/regioni/latgale/rss.xml", "/regioni/latgale/atom.xml",
              "/izdevums/rss.xml", "/izdevums/atom.xml"]


@pytest.mark.parametrize("path", FEED_PATHS)
def test_every_feed_opens_as_a_readable_page(built_site: BuiltSite, page: Page,
                                             path: str) -> None:
    """The explanation in Latvian and English (saying the addresses are not links), the
    feed's and each item's title, and no English or machine date anywhere on the page (the
    feeds carry no date in words any more: QA, the W3C validator's unknown-namespace
    warning)."""
    response = page.goto(built_site.siteurl + path)
    assert response is not None and response.ok
    view = page.evaluate(FEED_VIEW)
    assert view["root"] in ("rss", "feed")
    assert "Šī ir ziņu plūsma" in view["explanation"] and "This is a news feed" in view["explanation"]
    assert "Adreses šajā lapā nav saites" in view["explanation"]
    assert view["feedTitle"] and view["titleSize"] >= 18
    assert len(view["titles"]) == view["items"] > 0
    assert all(title.strip() and title in view["text"] for title in view["titles"])
    assert MACHINE_DATES.search(view["text"]) is None, MACHINE_DATES.search(view["text"])


FIRST_ADDRESS = """() => {
  const address = document.documentElement.querySelector(
    "item > link, entry > identifier");  // RSS's <link>; Atom's dc:identifier
  address.scrollIntoView({block: "center"});
  const range = document.createRange();
  range.selectNodeContents(address);  // the text itself, not the label before it
  const box = range.getClientRects()[0];
  return {text: address.textContent, x: box.left + box.width / 2, y: box.top + box.height / 2};
}"""


@pytest.mark.parametrize("path", ["/atom.xml", "/rss.xml", "/izdevums/rss.xml",
                                  "/izdevums/atom.xml"])
def test_an_items_address_is_text_one_click_selects_to_copy(
        built_site: BuiltSite, browser: Browser, path: str) -> None:
    """The addresses are not links (CSS makes none, and the feeds carry no XHTML link: the
    W3C validator's "Misplaced XHTML content"): each item's address is shown as text, and one
    click on it selects the whole address, which copies as it is, without JavaScript."""
    context = browser.new_context(java_script_enabled=False,
                                  permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(built_site.siteurl + path)
    address = page.evaluate(FIRST_ADDRESS)
    assert address["text"].startswith(built_site.siteurl + "/")
    page.mouse.click(address["x"], address["y"])
    page.keyboard.press("Control+C")
    assert page.evaluate("getSelection().toString()") == address["text"]
    assert page.evaluate("navigator.clipboard.readText()") == address["text"]
    context.close()
