"""The newsletter's RSS 2.0 and Atom feeds, written with feedgen 1.0 around its known traps.

- An Atom entry's ``link()`` loses its ``rel`` (feedgen reads it from the new element), so an
  entry gets exactly one link, the issue page; the image goes into ``media:content``.
- ``content(type="CDATA")`` writes an invalid Atom content type: we use ``type="html"``.
- The RSS channel ``<link>`` is whichever ``link()`` came last: the site link is added last.
- The media extension wraps ``media:content`` in a ``media:group`` unless ``group=None``.
- feedgen stamps the feed's ``updated``/``lastBuildDate`` with the clock unless they are set;
  both come from the issues here (the build's "now" for a feed without issues: Atom requires
  ``updated``, and the wall clock would be later than the build), and every datetime is
  timezone-aware.
- Plain text (the feed's description, an item's summary) is HTML in an RSS ``<description>``
  (common/plaintext.as_html): readers read it as HTML, so escaped only once "<dzeja>" was a
  tag and disappeared. Atom's ``<subtitle>`` and ``<summary>`` are plain text (type text).
- For people who open a feed in a browser (common/feedview.py): the one feed stylesheet's
  ``xml-stylesheet`` instruction, and in Atom each entry's address as ``<dc:identifier>``
  (feedgen's own Dublin Core extension, Atom only), text the view shows to select and copy.
  Nothing else is for the view: only elements in namespaces the W3C validator knows.
- The issues have no authors of their own: the feed's author is the editor (Atom ``author``,
  RSS ``managingEditor`` with an e-mail address), one person or organisation.
"""

from __future__ import annotations

import datetime as dt
import mimetypes
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from feedgen.feed import FeedGenerator

from ..common.feedview import hex_references, stylesheet_instruction
from ..common.plaintext import as_html
from .issues import Issue

GENERATOR = "Kopienu ziņas (Pelican, feedgen)"


@dataclass(frozen=True)
class FeedInfo:
    title: str
    description: str
    site_url: str
    rss_url: str
    atom_url: str
    stylesheet_url: str
    editor: str
    editor_email: str | None
    logo_url: str | None
    ttl: int


@dataclass(frozen=True)
class FeedItem:
    issue: Issue
    title: str
    url: str
    summary: str
    content_html: str


def _require_aware(value: dt.datetime) -> dt.datetime:
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"feed dates must be timezone-aware, not {value!r}")
    return value


def _media_type(url: str) -> str:
    return mimetypes.guess_type(url)[0] or "image/jpeg"


def _feed(info: FeedInfo, items: Sequence[FeedItem], now: dt.datetime, *,
          rss: bool) -> FeedGenerator:
    """The RSS 2.0 feed (`rss`) or the Atom one; they differ in their self link and in how
    plain text is written (HTML in an RSS description)."""
    self_url, self_type = ((info.rss_url, "application/rss+xml") if rss
                           else (info.atom_url, "application/atom+xml"))
    text = as_html if rss else str
    feed = FeedGenerator()
    feed.load_extension("media", atom=True, rss=True)
    feed.load_extension("dc", atom=True, rss=False)  # an entry's address, for the feed view
    feed.id(info.atom_url)
    feed.title(info.title)
    feed.description(text(info.description))  # RSS's description, Atom's subtitle
    feed.language("lv")
    author = {"name": info.editor}
    if info.editor_email:
        author["email"] = info.editor_email
        feed.managingEditor(f"{info.editor_email} ({info.editor})")
    feed.author(author)
    feed.generator(GENERATOR)
    feed.ttl(info.ttl)
    if info.logo_url:
        feed.logo(info.logo_url)
    feed.link(href=self_url, rel="self", type=self_type)
    # Last: RSS's channel <link> is the last link() given.
    feed.link(href=info.site_url, rel="alternate", type="text/html")
    newest = max((_require_aware(i.issue.updated) for i in items), default=_require_aware(now))
    feed.updated(newest)
    feed.lastBuildDate(newest)
    if items:
        feed.pubDate(max(_require_aware(i.issue.published) for i in items))
    for item in reversed(items):  # feedgen prepends: the newest ends up first
        _entry(feed, item, text(item.summary))
    return feed


def _entry(feed: FeedGenerator, item: FeedItem, summary: str) -> None:
    """One issue; `summary` is its plain summary as this feed writes text."""
    entry = feed.add_entry()
    entry.id(item.url)
    entry.guid(item.url, permalink=True)
    entry.title(item.title)
    entry.link(href=item.url)  # the one alternate link (see the module docstring)
    entry.published(_require_aware(item.issue.published))
    entry.dc.dc_identifier(item.url)  # Atom only (the dc extension's)
    entry.updated(_require_aware(item.issue.updated))
    entry.summary(summary)  # RSS's description too
    entry.content(item.content_html, type="html")
    cover = item.issue.cover
    if cover is not None:
        entry.media.content(url=cover.src, medium="image", type=_media_type(cover.src),
                            width=str(cover.width), height=str(cover.height), group=None)


def _serialise(feed_xml: Callable[..., bytes], stylesheet_url: str) -> bytes:
    body = feed_xml(pretty=True, xml_declaration=False)
    head = ("<?xml version='1.0' encoding='UTF-8'?>\n"
            f"<?xml-stylesheet {stylesheet_instruction(stylesheet_url)}?>\n")
    return head.encode("utf-8") + body


def render_feeds(info: FeedInfo, items: Sequence[FeedItem],
                 now: dt.datetime) -> tuple[bytes, bytes]:
    """(RSS 2.0, Atom) documents for the given items, newest first; ``now`` (aware, the
    build's) dates a feed that has no items yet. RSS's `&` and `<` are hexadecimal character
    references (common/feedview.hex_references)."""
    rss = _feed(info, items, now, rss=True)
    atom = _feed(info, items, now, rss=False)
    return (hex_references(_serialise(rss.rss_str, info.stylesheet_url).decode("utf-8"))
            .encode("utf-8"), _serialise(atom.atom_str, info.stylesheet_url))
