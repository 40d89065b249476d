"""Chromium finds the site's icons: no 404 for /favicon.ico or any linked icon."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from tests.sitebuild import BuiltSite

pytestmark = pytest.mark.browser


def test_the_favicon_and_every_linked_icon_load(built_site: BuiltSite, page: Page) -> None:
    failed: list[str] = []
    page.on("response", lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    page.goto(built_site.siteurl + "/")
    icons = page.evaluate("""[...document.querySelectorAll('link[rel~=icon], link[rel=apple-touch-icon]')]
        .map(l => l.href)""")
    assert f"{built_site.siteurl}/favicon.ico" in icons
    for url in icons:
        response = page.request.get(url)
        assert response.status == 200 and response.body(), url
    page.goto(built_site.siteurl + "/favicon.ico")  # what a browser asks for without a link
    assert page.evaluate("document.images.length && document.images[0].naturalWidth") == 48
    assert not failed
