"""Searching in Chromium: Latvian as people type it, filters, keyboard only, axe, no JavaScript,
and nothing of the index loaded on pages where nobody searches."""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page

from tests.browser.test_pages import WCAG_22_AA
from tests.conftest import _QuietHandler
from tests.sitebuild import ROOT, BuiltSite, run_build
from tests.sources import articles

pytestmark = pytest.mark.browser

STATUS = "#meklesanas-statuss"
RESULT_LINKS = "#meklesanas-rezultati li h2 a"


def article_path(word: str) -> str:
    return "/" + next(a for a in articles() if word in a.url_path).url_path


def search(page: Page, site: BuiltSite, query: str, **filters: str) -> list[str]:
    """Open the search page with a query (and filters) and return the result paths in order."""
    params = "&".join([f"q={quote(query)}", *(f"{k}={quote(v)}" for k, v in filters.items())])
    page.goto(f"{site.siteurl}/meklet/?{params}")
    wait_for_results(page)
    return [href.removeprefix(site.siteurl) for href in
            page.eval_on_selector_all(RESULT_LINKS, "links => links.map(a => a.href)")]


def wait_for_results(page: Page) -> None:
    page.wait_for_function("() => /^(Atrast|Nekas|Meklēšana neizdevās)/"
                           f".test(document.querySelector('{STATUS}').textContent)")


def test_krustpils_finds_the_symposium_article_first(built_site: BuiltSite, page: Page) -> None:
    found = search(page, built_site, "Krustpils")
    assert found[0] == article_path("simpozijs")
    first = page.locator("#meklesanas-rezultati li").first
    assert "Krustpils" in first.locator("mark").first.inner_text()
    facts = first.locator(".meta").inner_text()
    assert "2024. gada 21. maijs" in facts and "Latgale" in facts and "pasākums" in facts
    assert "latviešu valodā" in facts


@pytest.mark.parametrize("typed, word", [("kraslava", "Krāslavas"), ("jekabpils", "Jēkabpils"),
                                         ("Jēkabpilī", "Jēkabpils")])
def test_words_without_diacritics_or_in_another_case_find_the_selija_article(
        typed: str, word: str, built_site: BuiltSite, page: Page) -> None:
    found = search(page, built_site, typed)
    assert article_path("selija") in found
    marks = page.locator("#meklesanas-rezultati li").nth(found.index(article_path("selija")))
    assert word in marks.locator("mark").all_inner_texts()


def test_an_event_place_finds_the_article_that_announces_it(built_site: BuiltSite,
                                                           page: Page) -> None:
    # "semināru telpa" is only in the event's `location:`, not in the article's text.
    assert article_path("domnicu") in search(page, built_site, "semināru telpa", kind="pasākums")


def test_a_region_filter_narrows_the_results(built_site: BuiltSite, page: Page) -> None:
    everywhere = search(page, built_site, "bibliotēka")
    in_selija = search(page, built_site, "bibliotēka", region="Sēlija")
    assert 0 < len(in_selija) < len(everywhere)
    assert set(in_selija) <= set(everywhere)
    facts = page.locator("#meklesanas-rezultati .meta").all_inner_texts()
    assert all("Sēlija" in line for line in facts)
    assert page.locator('input[name="region"][value="Sēlija"]').is_checked()
    page.locator('input[name="region"][value="Sēlija"]').uncheck()
    wait_for_results(page)
    page.wait_for_function(
        f"() => document.querySelectorAll('{RESULT_LINKS}').length === {len(everywhere)}")
    assert "region=" not in page.url


def test_keyboard_only_from_the_header_box_to_an_article(built_site: BuiltSite, page: Page) -> None:
    page.goto(built_site.siteurl + "/")
    for _ in range(30):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "vietnes-meklesana":
            break
    else:
        pytest.fail("Tab never reached the header search box")
    page.keyboard.type("Krustpils")
    page.keyboard.press("Enter")
    page.wait_for_url("**/meklet/?q=Krustpils")
    wait_for_results(page)
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("!!document.activeElement.closest('#meklesanas-rezultati')"):
            break
    else:
        pytest.fail("Tab never reached a search result")
    page.keyboard.press("Enter")
    page.wait_for_url(built_site.siteurl + article_path("simpozijs"))


def test_more_results_come_ten_at_a_time_and_take_the_focus(built_site: BuiltSite,
                                                             page: Page) -> None:
    first_ten = search(page, built_site, "kopiena")
    total = int(page.locator(STATUS).inner_text().split()[1])
    assert len(first_ten) == 10 < total
    page.locator(".search-more").focus()
    page.keyboard.press("Enter")
    page.wait_for_function(f"() => document.querySelectorAll('{RESULT_LINKS}').length === {total}")
    assert page.evaluate("document.activeElement.closest('li') === "
                         "document.querySelectorAll('#meklesanas-rezultati li')[10]")
    assert page.locator(".search-more").is_hidden()


def test_axe_finds_no_violations_with_results_shown(built_site: BuiltSite, page: Page) -> None:
    assert search(page, built_site, "kopiena")
    results = Axe().run(page, options=WCAG_22_AA)
    assert results.violations_count == 0, results.generate_report()


@pytest.mark.parametrize("path, names", [("/meklet/", ("Meklēt vietnē", "Meklēt")),
                                         ("/en/search/", ("Search the site", "Search"))])
def test_the_two_search_forms_are_named_apart(path: str, names: tuple[str, str],
                                              built_site: BuiltSite, page: Page) -> None:
    """axe-core 4.14's landmark-unique (QA s9 F10; the axe bundled with the tests, 4.12, does
    not report it): the header's search and the page's own are both search landmarks, so each
    has its own accessible name: the header box's label, the page's heading."""
    page.goto(built_site.siteurl + path)
    page.wait_for_function("() => !document.querySelector('#meklesana').hidden")
    assert page.get_by_role("search").count() == 2
    for name in names:
        assert page.get_by_role("search", name=name, exact=True).count() == 1, name


def test_without_javascript_the_search_page_says_so_and_links_on(built_site: BuiltSite,
                                                                 browser: Browser) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(built_site.siteurl + "/")
    page.fill("#vietnes-meklesana", "Krustpils")
    page.press("#vietnes-meklesana", "Enter")
    page.wait_for_url("**/meklet/?q=Krustpils")
    message = page.locator(".search-nojs").inner_text()
    visible_form = page.locator("#meklesana").is_visible()
    page.get_by_role("link", name="Ziņas pa reģioniem").click()
    page.wait_for_url(built_site.siteurl + "/regioni/")
    context.close()
    assert "JavaScript" in message and not visible_form


def test_pages_not_searched_load_nothing_of_the_index(built_site: BuiltSite, page: Page) -> None:
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(built_site.siteurl + article_path("simpozijs"))
    page.focus("#vietnes-meklesana")
    page.wait_for_load_state("networkidle")
    assert [url for url in requested if "pagefind" in url or "search" in url] == []
    search(page, built_site, "Krustpils")
    assert any(url.endswith("/pagefind/pagefind.js") for url in requested)
    assert any(".pf_fragment" in url for url in requested)


@pytest.fixture(scope="module")
def two_languages(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BuiltSite]:
    """The fixture with one Latvian and one English article, built and served on localhost."""
    root = tmp_path_factory.mktemp("search-two-languages")
    handler = functools.partial(_QuietHandler, directory=str(root / "site"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    siteurl = f"http://127.0.0.1:{server.server_address[1]}"
    result = run_build(root / "site", "--strict", "--siteurl", siteurl,
                       content=ROOT / "tests/fixtures/english")
    assert result.returncode == 0, result.stderr
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield BuiltSite(Path(root / "site"), siteurl)
    server.shutdown()


def test_one_search_finds_both_languages_labelled_in_the_english_ui(two_languages: BuiltSite,
                                                                    page: Page) -> None:
    page.goto(f"{two_languages.siteurl}/en/search/?q=latvia")
    page.wait_for_function(
        f"() => /results? for/.test(document.querySelector('{STATUS}').textContent)")
    assert page.locator(STATUS).inner_text().endswith(" results for “latvia”.")
    facts = {}
    for item in page.locator("#meklesanas-rezultati li").all():
        href = item.locator("h2 a").get_attribute("href")
        facts[href] = item.locator(".meta").inner_text()
    english = facts["/en/zinas/2024/welcome-to-community-news/"]
    latvian_facts = facts["/zinas/2024/sveicinati-kopienu-zinas/"]
    assert english == "May 16, 2024 · Latgale · news · in English"
    assert latvian_facts == "May 16, 2024 · Latgale · news · in Latvian"
    latvian = page.locator('#meklesanas-rezultati a[href="/zinas/2024/sveicinati-kopienu-zinas/"]')
    assert latvian.get_attribute("lang") == "lv"
    assert page.locator('#meklesanas-rezultati a[href^="/en/"]').get_attribute("lang") is None
    assert page.locator("label[for=meklesanas-vards]").inner_text() == "Words to search for"
