"""The home page on a phone: the upcoming events within the first two screens, after the lead
story (issue 15: "Gaidāmie pasākumi" started at y=2733 of 4058 px on a 390×844 screen)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser

from tests.sitebuild import BuiltSite

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


def test_upcoming_events_start_within_two_phone_screens_after_the_lead_story(
        built_site: BuiltSite, browser: Browser) -> None:
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(built_site.siteurl + "/")
    page.wait_for_load_state("load")  # pictures have their size before anything is measured
    tops = page.evaluate("""(() => {
        const top = e => e.getBoundingClientRect().top + scrollY;
        const cards = [...document.querySelectorAll('main .card')];
        return {events: top(document.getElementById('gaidamie-pasakumi')),
                lead: top(cards[0]), others: cards.slice(1).map(top),
                height: document.scrollingElement.scrollHeight}; })()""")
    context.close()
    assert tops["events"] < 1700, tops  # two 844 px screens, less the browser's bars
    assert tops["lead"] < tops["events"], tops
    assert tops["others"] and all(t > tops["events"] for t in tops["others"]), tops
