"""sitemap.xml and robots.txt.

Written here rather than with pelican-sitemap because that plugin stamps index pages with the
wall clock (`datetime.now()`), which breaks byte-identical rebuilds. Index pages here carry the
date of their newest article instead.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Iterator
from typing import Any
from xml.sax.saxutils import escape

from pelican.generators import Generator

Entry = tuple[str, dt.datetime | None]


def _newest(articles: Iterable[Any]) -> dt.datetime | None:
    return max((getattr(a, "modified", None) or a.date for a in articles), default=None)


def _url(settings: dict[str, Any], url_setting: str) -> str:
    return settings.get(url_setting, "") or ""


class SitemapGenerator(Generator):
    """Lists every published page a search engine should know about."""

    def generate_output(self, writer: Any) -> None:
        siteurl = self.settings["SITEURL"].rstrip("/")
        entries = sorted(set(self._entries()), key=lambda entry: entry[0])
        lines = ['<?xml version="1.0" encoding="utf-8"?>',
                 '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
        for url, modified in entries:
            lastmod = f"<lastmod>{modified.isoformat()}</lastmod>" if modified else ""
            lines.append(f"<url><loc>{escape(f'{siteurl}/{url}')}</loc>{lastmod}</url>")
        lines.append("</urlset>\n")
        self._write("sitemap.xml", "\n".join(lines))
        self._write("robots.txt", f"User-agent: *\nAllow: /\nSitemap: {siteurl}/sitemap.xml\n")

    def _entries(self) -> Iterator[Entry]:
        context = self.context
        articles = context.get("articles", [])
        yield "", _newest(articles)
        yield _url(self.settings, "ARCHIVES_URL"), _newest(articles)
        for article in articles:
            yield article.url, getattr(article, "modified", None) or article.date
        for translation in context.get("translations", []):
            yield translation.url, getattr(translation, "modified", None) or translation.date
        for page in context.get("pages", []):
            yield page.url, getattr(page, "modified", None)
        for taxonomy in ("categories", "tags", "authors"):
            for item, item_articles in context.get(taxonomy, []):
                yield item.url, _newest(item_articles)

    def _write(self, name: str, text: str) -> None:
        path = os.path.join(self.output_path, name)
        with open(path, "w", encoding="utf-8") as out:
            out.write(text)


def get_generators(pelican: Any) -> type[Generator]:
    return SitemapGenerator
