"""The built site's icons: at the root, at their sizes, linked from every page (issue 15: every
page asked for /favicon.ico and got 404)."""

from __future__ import annotations

import re

from PIL import Image

from tests.sitebuild import BuiltSite

#: The files browsers and phones ask for, with their pixel sizes (ICO: every size inside).
EXPECTED = {"favicon.ico": [(16, 16), (32, 32), (48, 48)], "apple-touch-icon.png": [(180, 180)],
            "icon-192.png": [(192, 192)], "icon-512.png": [(512, 512)]}
#: Written by the build but not pages: the e-mail edition (read in a mail app). The editor's
#: page (/admin/) is a page of the site's own and has the icons too.
NOT_PAGES = ("epasts.html",)


def test_the_icons_are_at_the_root_at_their_sizes(built_site: BuiltSite) -> None:
    for name, sizes in EXPECTED.items():
        with Image.open(built_site.output / name) as image:
            found = sorted(image.info["sizes"]) if image.format == "ICO" else [image.size]
        assert found == sizes, name
    assert (built_site.output / "favicon.svg").read_text(encoding="utf-8").lstrip().startswith("<svg")


def test_every_page_links_every_icon(built_site: BuiltSite) -> None:
    pages = [p for p in built_site.output.rglob("*.html")
             if not p.as_posix().endswith(NOT_PAGES)]
    assert len(pages) > 20
    assert built_site.output / "admin" / "index.html" in pages
    for page in pages:
        head = page.read_text(encoding="utf-8").split("</head>", 1)[0]
        linked = set(re.findall(r'<link rel="(?:icon|apple-touch-icon)" href="([^"]+)"', head))
        assert linked == {f"{built_site.siteurl}/{name}" for name in [*EXPECTED, "favicon.svg"]}, page
