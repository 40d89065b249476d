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
  ``xml-stylesheet`` instruction, and each item's date in words as ``<kz:date>`` (a feedgen
  extension, :class:`DateInWords`).
"""

from __future__ import annotations

import datetime as dt
import mimetypes
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from feedgen.ext.base import BaseEntryExtension, BaseExtension
from feedgen.feed import FeedGenerator
from feedgen.util import xml_elem

from ..common.feedview import (
    DATE_ELEMENT,
    LINK_ELEMENT,
    LINK_NAMESPACE,
    LINK_PREFIX,
    VIEW_NAMESPACE,
    VIEW_PREFIX,
    date_in_words,
    stylesheet_instruction,
    view_link,
)
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


def _view_link(parent: Any, url: str | None) -> None:
    """``<h:a href="url">url</h:a>`` in `parent`, the feed view's link (common/feedview.py)."""
    if url:
        link = xml_elem(f"{{{LINK_NAMESPACE}}}{LINK_ELEMENT}", parent, href=url)
        link.text = url


class DateInWordsFeed(BaseExtension):
    """Declares the feed view's namespaces on the root element; the feed's link to the site."""

    def __init__(self) -> None:
        self.url: str | None = None

    def site(self, url: str | None) -> None:
        self.url = url

    def extend_ns(self) -> dict[str, str]:
        return {VIEW_PREFIX: VIEW_NAMESPACE, LINK_PREFIX: LINK_NAMESPACE}

    def extend_atom(self, feed: Any) -> Any:
        _view_link(feed, self.url)
        return feed

    def extend_rss(self, feed: Any) -> Any:
        _view_link(feed[0], self.url)  # in the channel
        return feed


class DateInWords(BaseEntryExtension):
    """An entry's ``<kz:date>`` (its publication date in words) and its link for the feed
    view, in RSS and Atom alike."""

    def __init__(self) -> None:
        self.text: str | None = None
        self.url: str | None = None

    def date(self, text: str) -> None:
        self.text = text

    def link(self, url: str | None) -> None:
        self.url = url

    def _extend(self, entry: Any) -> Any:
        if self.text:
            xml_elem(f"{{{VIEW_NAMESPACE}}}{DATE_ELEMENT}", entry).text = self.text
        _view_link(entry, self.url)
        return entry

    extend_rss = extend_atom = _extend


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
    feed.register_extension(VIEW_PREFIX, DateInWordsFeed, DateInWords)
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
    getattr(feed, VIEW_PREFIX).site(view_link(info.site_url, info.site_url))
    newest = max((_require_aware(i.issue.updated) for i in items), default=_require_aware(now))
    feed.updated(newest)
    feed.lastBuildDate(newest)
    if items:
        feed.pubDate(max(_require_aware(i.issue.published) for i in items))
    for item in reversed(items):  # feedgen prepends: the newest ends up first
        _entry(feed, item, text(item.summary), info.site_url)
    return feed


def _entry(feed: FeedGenerator, item: FeedItem, summary: str, site_url: str) -> None:
    """One issue; `summary` is its plain summary as this feed writes text; `site_url` the
    site's address (the feed view links only to the site)."""
    entry = feed.add_entry()
    entry.id(item.url)
    entry.guid(item.url, permalink=True)
    entry.title(item.title)
    entry.link(href=item.url)  # the one alternate link (see the module docstring)
    entry.published(_require_aware(item.issue.published))
    getattr(entry, VIEW_PREFIX).date(date_in_words(item.issue.published, "lv"))
    getattr(entry, VIEW_PREFIX).link(view_link(item.url, site_url))
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
    build's) dates a feed that has no items yet."""
    rss = _feed(info, items, now, rss=True)
    atom = _feed(info, items, now, rss=False)
    return _serialise(rss.rss_str, info.stylesheet_url), _serialise(atom.atom_str, info.stylesheet_url)
