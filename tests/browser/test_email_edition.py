"""The newsletter's e-mail edition in Chromium as mail apps show it: from a 320 px phone to a
600 px desktop pane, with pictures shown and with pictures blocked (many mail apps' default).

Issue 15: at 360 px with pictures blocked it laid out 616 px wide around an empty 368 px box,
and the introduction's links were default blue."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, Route

from tests.browser.test_pages import WCAG_22_AA
from tests.sitebuild import BuiltSite

pytestmark = pytest.mark.browser

WIDTHS = (320, 360, 600)


def editions(site: BuiltSite) -> list[str]:
    found = sorted(f"/{p.relative_to(site.output).as_posix()}"
                   for p in site.output.glob("izdevums/*/*/epasts.html"))
    assert found, "the build wrote no e-mail edition"
    return found


@pytest.fixture(params=[(w, blocked) for w in WIDTHS for blocked in (False, True)],
                ids=lambda p: f"{p[0]}px-{'blocked' if p[1] else 'shown'}")
def mail_app(request: pytest.FixtureRequest, browser: Browser) -> Iterator[tuple[Page, bool]]:
    width, blocked = request.param
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    if blocked:
        page.route("**/*", lambda route: _block_images(route))
    yield page, blocked
    context.close()


def _block_images(route: Route) -> None:
    if route.request.resource_type == "image":
        route.abort()
    else:
        route.continue_()


def test_every_edition_fits_the_screen_with_pictures_shown_or_blocked(
        built_site: BuiltSite, mail_app: tuple[Page, bool]) -> None:
    page, blocked = mail_app
    pictured = 0
    for edition in editions(built_site):
        page.goto(built_site.siteurl + edition)
        page.wait_for_load_state("load")
        width = page.evaluate("innerWidth")
        assert page.evaluate("document.scrollingElement.scrollWidth") <= width, edition
        pictures = page.evaluate("""[...document.images].map(i => ({alt: i.alt,
            loaded: i.complete && i.naturalWidth > 0, width: i.getBoundingClientRect().width,
            height: i.getBoundingClientRect().height, colour: getComputedStyle(i).color,
            ground: getComputedStyle(i).backgroundColor}))""")
        pictured += len(pictures)
        for picture in pictures:
            assert picture["loaded"] is not blocked, (edition, picture)
            assert 0 < picture["width"] <= width and picture["height"] > 0, (edition, picture)
            if blocked:  # the alt text is shown, readable, on a visible ground
                assert picture["alt"].strip(), (edition, picture)
                assert picture["ground"] not in ("rgba(0, 0, 0, 0)", "transparent"), picture
    assert pictured, "no edition has a picture: the blocked-picture case is not exercised"


def test_every_link_has_the_editions_colour(built_site: BuiltSite, page: Page) -> None:
    """The frame's first link ("Lasīt tīmeklī") gives the edition's colour; every other link,
    the introduction's Markdown links included (their paragraphs carry no style of ours), has
    it too, inline (not from a stylesheet)."""
    intro_links = 0
    for edition in editions(built_site):
        page.goto(built_site.siteurl + edition)
        links = page.evaluate("""[...document.querySelectorAll('a')].filter(a => a.textContent.trim())
            .map(a => ({text: a.textContent.trim(), colour: getComputedStyle(a).color,
                        inline: (a.getAttribute('style') || '').includes('color:'),
                        intro: !!a.closest('p') && !a.closest('p').hasAttribute('style')}))""")
        edition_colour = links[0]["colour"]
        assert edition_colour != "rgb(0, 0, 238)"  # not the browser's default link blue
        for link in links:
            assert link["colour"] == edition_colour and link["inline"], (edition, link)
        intro_links += sum(link["intro"] for link in links)
    assert intro_links, "no introduction with a link: the introduction's colour is not exercised"


def test_every_edition_has_a_main_landmark_for_axe(built_site: BuiltSite, page: Page) -> None:
    """The edition is a web page too (QA s9 F10: axe's landmark-one-main and region): its
    outer cell is the main landmark, and axe finds nothing else."""
    for edition in editions(built_site):
        page.goto(built_site.siteurl + edition)
        assert page.get_by_role("main").count() == 1, edition
        results = Axe().run(page, options=WCAG_22_AA)
        assert results.violations_count == 0, (edition, results.generate_report())
