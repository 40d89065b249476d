"""Following the site in Chromium: the sign-up form loads nothing from the provider, addresses
copy with one press (and stay selectable without JavaScript), and every feed opens as a
readable page with a Latvian explanation, not as a raw XML tree."""

from __future__ import annotations

import time
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, expect

from kopienu_zinas.common.feedview import LINK_NAMESPACE, VIEW_NAMESPACE
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


FEED_VIEW = """(namespace) => {
  const root = document.documentElement;
  const date = document.getElementsByTagNameNS(namespace, "date")[0];
  const box = date.getBoundingClientRect();
  const title = root.querySelector("item > title, entry > title");
  const machine = root.querySelector("item > pubDate, entry > published, entry > updated");
  return {root: root.localName,
          explanation: getComputedStyle(root, "::before").content,
          date: date.textContent, dateShown: box.width > 0 && box.height > 0,
          titleSize: parseFloat(getComputedStyle(title).fontSize),
          titleShown: title.getBoundingClientRect().height > 0,
          machineDate: getComputedStyle(machine).display};
}"""


@pytest.mark.parametrize("path", ["/atom.xml", "/rss.xml", "/regioni/latgale/rss.xml",
                                  "/regioni/latgale/atom.xml", "/izdevums/rss.xml",
                                  "/izdevums/atom.xml"])
def test_every_feed_opens_as_a_readable_page(built_site: BuiltSite, page: Page,
                                             path: str) -> None:
    response = page.goto(built_site.siteurl + path)
    assert response is not None and response.ok
    view = page.evaluate(FEED_VIEW, VIEW_NAMESPACE)
    assert view["root"] in ("rss", "feed")
    assert "Šī ir ziņu plūsma" in view["explanation"] and "This is a news feed" in view["explanation"]
    assert view["dateShown"] and view["titleShown"] and view["titleSize"] >= 18
    assert view["machineDate"] == "none"  # the English RFC 822 date is not what people read
    assert any(month in view["date"] for month in (
        "janvāris", "februāris", "marts", "aprīlis", "maijs", "jūnijs", "jūlijs", "augusts",
        "septembris", "oktobris", "novembris", "decembris"))


FEED_LINKS = """(namespace) => Array.from(document.getElementsByTagNameNS(namespace, "a"),
  (a) => ({href: a.href, html: a instanceof HTMLAnchorElement, text: a.textContent,
           shown: a.getBoundingClientRect().height > 0,
           item: a.parentElement.localName === "item" || a.parentElement.localName === "entry"}))"""


@pytest.mark.parametrize("path", ["/atom.xml", "/rss.xml", "/izdevums/rss.xml",
                                  "/izdevums/atom.xml"])
def test_a_feeds_site_and_item_addresses_are_links_without_javascript(
        built_site: BuiltSite, browser: Browser, path: str) -> None:
    """The feed view showed each address as text (CSS makes no link): now the site and every
    item are real links, to the site only, followed by a click with JavaScript off."""
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(built_site.siteurl + path)
    links = page.evaluate(FEED_LINKS, LINK_NAMESPACE)
    items = page.evaluate("document.querySelectorAll('item, entry').length")
    assert [link["item"] for link in links].count(True) == items > 0
    assert [link["item"] for link in links].count(False) == 1  # the site's
    for link in links:
        assert link["html"] and link["shown"] and link["text"] == link["href"]
        assert link["href"].startswith(built_site.siteurl + "/")
    first = next(link["href"] for link in links if link["item"])
    page.locator(f"a[href='{first}']").click()
    page.wait_for_url(first)
    assert page.locator("h1").count() == 1
    context.close()
