"""sitemap.xml and robots.txt, from the pages the build actually wrote.

The sitemap lists every HTML page in the output (articles, pages, lists, and whatever the
calendar, gallery and newsletter plugins wrote) except pages marked
`<meta name="robots" content="noindex">` (404, drafts, previews, e-mail editions). It runs at
Pelican's `finalized` signal because it describes what all generators have written; a generator
of its own would run before the other plugins' generators. pelican-sitemap is not used: it stamps
pages with `datetime.now()`, which breaks byte-identical builds. `lastmod` comes from content
dates: an article's or page's own, a region/tag/author page's newest article; other pages go
without (the field is optional).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from ..common.build import build_of
from .addresses import Addresses, content_addresses

#: Matched on the file's bytes, ASCII case-insensitively (as HTML compares attribute values):
#: no page is decoded only to be searched.
NOINDEX = re.compile(rb'<meta name="robots" content="[^"]*noindex', re.I)


def _newest(articles: Iterable[Any]) -> dt.datetime | None:
    return max((getattr(a, "modified", None) or a.date for a in articles), default=None)


def content_dates(context: dict[str, Any], addresses: Addresses
                  ) -> dict[str, dt.datetime | None]:
    """Site-relative directory URL → the date its content last changed."""
    articles = context.get("articles", [])
    dates: dict[str, dt.datetime | None] = {"": _newest(articles)}
    for item in [*articles, *context.get("translations", []), *context.get("pages", [])]:
        dates[addresses.url(item)] = getattr(item, "modified", None) or getattr(item, "date", None)
    for taxonomy in ("categories", "tags", "authors"):
        for item, item_articles in context.get(taxonomy, []):
            dates[item.url] = _newest(item_articles)
    return dates


def indexable_pages(output: Path) -> Iterator[str]:
    """Site-relative URLs of the written HTML pages that search engines may index."""
    for file in sorted(output.rglob("*.html")):
        if NOINDEX.search(file.read_bytes()):
            continue
        relative = file.relative_to(output).as_posix()
        yield relative.removesuffix("index.html")


def sitemap_xml(siteurl: str, urls: Iterable[str], dates: dict[str, dt.datetime | None]) -> str:
    lines = ['<?xml version="1.0" encoding="utf-8"?>',
             '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
    for url in sorted(urls):
        modified = dates.get(url)
        lastmod = f"<lastmod>{modified.isoformat()}</lastmod>" if modified else ""
        lines.append(f"<url><loc>{escape(f'{siteurl}/{url}')}</loc>{lastmod}</url>")
    lines.append("</urlset>\n")
    return "\n".join(lines)


def remember_content_dates(generators: list[Any]) -> None:
    """Keep the content dates on the build for write_sitemap: `finalized` gets no context."""
    build = build_of(generators[0].settings) if generators else None
    if build is not None:
        context = generators[0].context
        build.sitemap_dates = content_dates(context, content_addresses(build.settings, context))


def write_sitemap(pelican: Any) -> None:
    """Write sitemap.xml and robots.txt into the finished output folder."""
    output = Path(pelican.output_path)
    siteurl = pelican.settings["SITEURL"].rstrip("/")
    build = build_of(pelican.settings)
    dates = build.sitemap_dates if build is not None else {}
    (output / "sitemap.xml").write_text(
        sitemap_xml(siteurl, indexable_pages(output), dates), encoding="utf-8")
    (output / "robots.txt").write_text(
        f"User-agent: *\nAllow: /\nSitemap: {siteurl}/sitemap.xml\n", encoding="utf-8")
