"""sitemap.xml and robots.txt, from the pages the build actually wrote.

The sitemap lists every HTML page in the output (articles, pages, lists, and whatever the
calendar, gallery and newsletter plugins wrote) except pages marked
`<meta name="robots" content="noindex">` (404, drafts, previews, e-mail editions). It runs at
Pelican's `finalized` signal because it describes what all generators have written; a generator
of its own would run before the other plugins' generators. pelican-sitemap is not used: it stamps
pages with `datetime.now()`, which breaks byte-identical builds. `lastmod` comes from content
dates: an article's, page's or translation's own, a region/tag/author page's newest article, a
gallery's date, a newsletter issue's `updated` (their lists: the newest); pages without a date
of their own (the calendar's months, undated pages) go without (the field is optional).

Whether a page may be indexed is a function of its bytes, kept between builds by their SHA-256
(:class:`Verdicts`, one entry in `.cache/site/sitemap/`): a page the writer placed this build
(writing/output.py), still with the identity it had when placed, is known by the digest of the
bytes it wrote, so an unchanged page is not read again; every other page (a plugin's own file,
one replaced since, a digest not seen before) is read and searched. A missing or damaged entry
is no verdicts: every page is read, as without the cache.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from ..common.build import build_of
from ..common.cachestore import CacheStore
from ..common.claims import site_file
from ..common.fingerprint import code_digest, digest
from ..common.lastbuild import LastBuildTable
from ..writing.manifest import Placed, identity
from ..writing.render import cache_root
from .addresses import Addresses, content_addresses

#: Matched on the file's bytes, ASCII case-insensitively (as HTML compares attribute values):
#: no page is decoded only to be searched.
#: The files this module writes at the site's root (site/reserved.py keeps documents off them).
SITEMAP, ROBOTS = "sitemap.xml", "robots.txt"
ROOT_FILES = (SITEMAP, ROBOTS)
NOINDEX = re.compile(rb'<meta name="robots" content="[^"]*noindex', re.I)


#: A date in the sitemap: a day (a gallery's) or a moment (the rest).
Lastmod = dt.date | dt.datetime


def _newest(articles: Iterable[Any]) -> dt.datetime | None:
    return max((getattr(a, "modified", None) or a.date for a in articles), default=None)


def _with_translations(items: Iterable[Any]) -> list[Any]:
    """Articles or pages and their translations (Pelican keeps translations on their
    original, `item.translations`, and in no context list)."""
    found = list(items)
    return found + [t for item in found for t in getattr(item, "translations", ())]


def plugin_dates(context: dict[str, Any]) -> dict[str, Lastmod]:
    """The dates of the galleries plugin's pages (`galleries`: each gallery's `date`, the
    list at `galleries_url` its newest) and the newsletter's (`newsletter`: each issue's
    `updated`, the archive its newest), by site-relative URL; none without the plugin."""
    dates: dict[str, Lastmod] = {}
    galleries = context.get("galleries") or []
    for gallery in galleries:
        dates[gallery.path] = gallery.date
    if galleries and context.get("galleries_url"):
        dates[str(context["galleries_url"])] = max(gallery.date for gallery in galleries)
    newsletter = context.get("newsletter")
    if newsletter:
        issues = newsletter["archive"].issues
        for issue in issues:
            dates[newsletter["layout"].issue(issue)] = issue.updated
        if issues:
            dates[newsletter["layout"].archive] = max(issue.updated for issue in issues)
    return dates


def content_dates(context: dict[str, Any], addresses: Addresses
                  ) -> dict[str, Lastmod | None]:
    """Site-relative directory URL → the date its content last changed: every article, page
    and translation, the lists of articles, and the pages of galleries and newsletter issues."""
    articles = context.get("articles", [])
    dates: dict[str, Lastmod | None] = {"": _newest(articles)}
    for item in [*_with_translations(articles), *_with_translations(context.get("pages", []))]:
        dates[addresses.url(item)] = getattr(item, "modified", None) or getattr(item, "date", None)
    for taxonomy in ("categories", "tags", "authors"):
        for item, item_articles in context.get(taxonomy, []):
            dates[item.url] = _newest(item_articles)
    dates.update(plugin_dates(context))
    return dates


#: Bumped when what an entry of :class:`Verdicts` holds changes.
VERDICTS_VERSION = "sitemap-noindex-1"


class Verdicts(LastBuildTable[bool]):
    """Whether a page may be indexed, by the SHA-256 hex of its bytes: those of the pages of
    the last sitemap written and this build's (common/lastbuild.py), kept as one entry whose
    key digests our code and the NOINDEX pattern. A verdict is a function of the bytes alone,
    so one found in a build that then failed is as good as any."""

    def __init__(self, store: CacheStore) -> None:
        super().__init__(store, digest(VERDICTS_VERSION, code_digest(), NOINDEX.pattern,
                                       str(NOINDEX.flags)),
                         valid=lambda verdict: isinstance(verdict, bool))


def html_files(output: Path) -> list[tuple[str, os.DirEntry[str]]]:
    """Every file under `output` whose name ends in `.html` (symbolic links to folders not
    followed), by relative POSIX path, in the order of their paths' parts."""
    found: list[tuple[str, os.DirEntry[str]]] = []
    pending = [(str(output), "")]
    while pending:
        folder, prefix = pending.pop()
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    pending.append((entry.path, f"{prefix}{entry.name}/"))
                elif entry.name.endswith(".html") and not entry.is_dir():
                    found.append((f"{prefix}{entry.name}", entry))
    found.sort(key=lambda pair: pair[0].split("/"))
    return found


def indexable_pages(output: Path, placed: Mapping[str, Placed] | None = None,
                    verdicts: Verdicts | None = None) -> Iterator[str]:
    """Site-relative URLs of the written HTML pages that search engines may index. `placed`:
    the writer's files by absolute path (writing/output.py), whose digests find `verdicts`
    of pages still as placed; every other page is read."""
    placed = placed or {}
    for relative, entry in html_files(output):
        known = placed.get(entry.path)
        sha = known.digest if known is not None and known.identity == identity(entry.stat()) \
            else None
        indexable = verdicts.get(sha) if verdicts is not None and sha is not None else None
        if indexable is None:
            with open(entry.path, "rb") as file:
                indexable = NOINDEX.search(file.read()) is None
            if verdicts is not None and sha is not None:
                verdicts.put(sha, indexable)
        if indexable:
            yield relative.removesuffix("index.html")


def sitemap_xml(siteurl: str, urls: Iterable[str], dates: dict[str, Lastmod | None]) -> str:
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
    output = Path(pelican.output_path).resolve()  # as the writer names what it placed
    siteurl = pelican.settings["SITEURL"].rstrip("/")
    build = build_of(pelican.settings)
    dates = build.sitemap_dates if build is not None else {}
    writing = build.writing if build is not None else None
    verdicts = Verdicts(CacheStore(cache_root(pelican.settings) / "site", "sitemap"))
    urls = list(indexable_pages(output, writing.outputs.placed if writing is not None else None,
                                verdicts))
    verdicts.save()
    for name, text in ((SITEMAP, sitemap_xml(siteurl, urls, dates)),
                       (ROBOTS, f"User-agent: *\nAllow: /\nSitemap: {siteurl}/sitemap.xml\n")):
        target = site_file(pelican.settings, output, name)
        if target is not None:
            target.write_text(text, encoding="utf-8")
