"""Pelican's own feeds (site and region RSS 2.0/Atom), written so that readers and validators
accept them.

Pelican's generators decide which feeds exist and which articles go in them
(`FEED_ALL_ATOM`, `CATEGORY_FEED_RSS`, `TRANSLATION_FEED_ATOM`, …); :class:`FeedWriter`,
Pelican's writer with its feed methods replaced (connected through the `get_writer` signal),
keeps one language per feed and decides what an item says:

- a feed is in one language (:func:`feed_language`) and carries only the items in it: the site,
  region, tag and author feeds the DEFAULT_LANG ones (Pelican put both versions of a translated
  story in the site feed, and English articles in the Latvian region feeds); a language's own
  feed (``TRANSLATION_FEED_*``, ``en/atom.xml``) the others, with that language and its name in
  the title; the default language's would repeat the site feed and is not written.

- an item's id is a ``tag:`` URI of the site's host, the fixed date FEED_ID_DATE and the
  article's source file (:func:`item_id`: ``tag:kopienuzinas.lv,2026-12-01:zinas/raksts.md``),
  so a corrected title or date (which change the address) never changes it and RSS-to-e-mail
  services never send an item twice (RFC 4287 §4.2.6: an entry's id MUST NOT change); in RSS
  the guid says ``isPermaLink="false"`` (RSS 2.0: a guid is a permalink unless marked, and the
  W3C validator rejects a ``tag:`` permalink: "guid must be a full URL, unless isPermaLink
  attribute is false");
- content and summaries have absolute URLs only, resolved against the item's own URL
  (common/absolute_urls.py, shared with the newsletter);
- an article without authors has no ``<author>`` (Pelican wrote ``<author><name/></author>``);
  the feed itself names the site's editor (setting ``EDITOR``), which RFC 4287 §4.1.1 accepts
  for entries without their own author; an article with several authors has one Atom
  ``<author>`` each (RFC 4287 §4.1.2 allows several, §3.2: each is one person or organisation)
  and one RSS ``<dc:creator>`` each (Pelican wrote one, "A, B": readers showed one author of
  that name, and a name with a comma became ambiguous);
- the channel has a description in the feed's language (``SITE_DESCRIPTION``, another
  language's from ``SITE_DESCRIPTION_BY_LANG``: site/settings.site_description; the English
  feeds described the site in Latvian) and that language (RSS ``<language>``, Atom
  ``xml:lang``), and the RSS ``atom:link rel="self"`` has its type.
- every feed says which page it follows and is its own: the channel ``<link>`` and Atom's
  alternate link are that page (the home page, a region's page: :func:`feed_page`), an Atom
  feed's ``<id>`` is its own URL (RFC 4287 §4.2.6: unique; Pelican gave every feed the site's).
- text fields (title, author, category, the Atom subtitle) are plain text, as their pages show
  them, and written escaped once (Pelican's ``Markup(title).striptags()`` read a plain title as
  HTML: "bērniem <12 gadi …, pieaugušajiem >18" lost everything between ``<`` and ``>``); plain
  text in an RSS ``<description>`` (the channel's) is HTML first (common/plaintext.as_html):
  readers read it as HTML.

- a person who opens a feed in a browser sees it styled by the one feed stylesheet
  (common/feedview.py: the ``xml-stylesheet`` instruction); an Atom entry also carries its
  address as ``<dc:identifier>``, text the view shows to select and copy. Nothing else is for
  the view: only elements in namespaces the W3C validator knows, with their usual prefixes.

- an article with a cover (``article.cover``, the images plugin's) carries it as Media RSS
  ``<media:content>`` (the processed JPEG, absolute, with its pixels), as the newsletter feed
  does; pictures in the text are one absolute JPEG ``<img>`` (feed readers drop ``<picture>``),
  at most the e-mail's 552 px column wide by its ``width``/``height`` (common/mailpictures.py:
  RSS-to-e-mail services send the content, and Outlook lays pictures out by attribute).

Extension point: :func:`feed_entry` turns an article into a :class:`FeedEntry`, the one place
that decides what an item carries; a new per-item field is a field there, written by the feed
classes' ``add_item_elements`` (:class:`SiteRssFeed`, :class:`SiteAtomFeed`); feedgenerator
passes unknown ``add_item`` arguments through in the item dict.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import mimetypes
import unicodedata
from dataclasses import dataclass, fields
from typing import Any
from urllib.parse import quote, urlsplit

from babel import Locale
from feedgenerator import Atom1Feed, Rss201rev2Feed
from feedgenerator.django.utils.xmlutils import SimplerXMLGenerator
from pelican.utils import set_date_tzinfo
from pelican.writers import Writer

from ..common.absolute_urls import absolutise_html
from ..common.build import build_of, once
from ..common.dates import SUPPORTED_LANGUAGES
from ..common.feedview import (
    DUBLIN_CORE,
    hex_references,
    stylesheet_instruction,
    stylesheet_url,
)
from ..common.mailpictures import EMAIL_COLUMN, fit_pictures
from ..common.plaintext import as_html
from ..images.markup import for_feeds
from .safety import SafeWriter
from .settings import feed_id_date, site_description

#: Media RSS (https://www.rssboard.org/media-rss), read by feed readers and RSS-to-e-mail
#: services for an item's picture in RSS and Atom alike.
MEDIA_RSS = "http://search.yahoo.com/mrss/"
#: Pelican's feeds of each taxonomy (context key → the settings of their save paths); the
#: site-wide feeds follow the home page.
TAXONOMY_FEEDS = (("categories", ("CATEGORY_FEED_ATOM", "CATEGORY_FEED_RSS")),
                  ("tags", ("TAG_FEED_ATOM", "TAG_FEED_RSS")),
                  ("authors", ("AUTHOR_FEED_ATOM", "AUTHOR_FEED_RSS")))


@dataclass(frozen=True)
class FeedImage:
    """An item's cover as ``media:content``: absolute URL of the processed JPEG, pixels."""

    url: str
    width: int
    height: int

    @property
    def mime(self) -> str:
        return mimetypes.guess_type(self.url)[0] or "image/jpeg"


@dataclass(frozen=True)
class FeedEntry:
    """What one article says in a feed; the keyword arguments of feedgenerator's add_item."""

    title: str
    link: str
    unique_id: str
    description: str | None
    content: str | None
    categories: tuple[str, ...] | None
    pubdate: dt.datetime
    updateddate: dt.datetime | None
    unique_id_is_permalink: bool = False
    cover: FeedImage | None = None
    #: each author's name, in the article's order (feedgenerator's ``author_name`` is one name)
    authors: tuple[str, ...] = ()


def author_names(item: Any) -> tuple[str, ...]:
    """The article's authors' names, in its order (empty when it has none): each is one
    person or organisation (RFC 4287 §3.2), never joined into one name."""
    names = (str(author).strip() for author in getattr(item, "authors", None) or [])
    return tuple(name for name in names if name)


def feed_entry(item: Any, link: str, site_url: str, settings: dict[str, Any],
               *, rss: bool) -> FeedEntry:
    """One article as a feed item; ``link`` is its absolute URL (Pelican's).

    RSS has one element for the text, so it carries the full content (or the summary with
    RSS_FEED_SUMMARY_ONLY); Atom carries both, without a summary that repeats the content.
    """
    timezone = settings.get("TIMEZONE")
    content, summary = once(settings, ("feed texts", id(item), site_url, link),
                            lambda: feed_texts(item, link, site_url))
    description: str | None
    if rss:
        description = summary if settings.get("RSS_FEED_SUMMARY_ONLY") else content
        content_element = None
    else:
        description = None if summary == content else summary
        content_element = content
    categories = [*([item.category] if getattr(item, "category", None) else []),
                  *(getattr(item, "tags", None) or [])]
    modified = getattr(item, "modified", None)
    pubdate = set_date_tzinfo(item.date, timezone)
    return FeedEntry(
        title=str(item.title), link=link,
        unique_id=item_id(item, site_url, settings),
        description=description, content=content_element,
        categories=tuple(str(c) for c in categories) or None,
        pubdate=pubdate,
        updateddate=set_date_tzinfo(modified, timezone) if modified else None,
        cover=cover_image(item),
        authors=author_names(item))


def item_id(item: Any, site_url: str, settings: dict[str, Any]) -> str:
    """The article's feed id, ``tag:<host>,<FEED_ID_DATE>:<source>`` (RFC 4151): the host of
    ``site_url``, the fixed date of the setting, and the article's source file relative to the
    content folder (NFC, percent-encoded as RFC 3986 wants: ``zinas/R%C4%93zekne.md``). A
    title or date fix leaves the file, so the id, alone; the file is unique, so is the id.
    Raises ValueError for an item without a source file (Pelican reads every article from
    one) and SettingsError for a missing or malformed FEED_ID_DATE."""
    source = item.get_relative_source_path()
    if not source:
        raise ValueError(f"a feed item needs its source file: {item!r}")
    path = quote(unicodedata.normalize("NFC", source), safe="/")
    return f"tag:{urlsplit(site_url).hostname},{feed_id_date(settings)}:{path}"


def feed_texts(item: Any, link: str, site_url: str) -> tuple[str, str]:
    """The article's content and summary as feeds carry them, URLs absolute against ``link``,
    pictures at most the e-mail's column wide by their attributes (RSS-to-e-mail services
    send the content; Outlook sizes by attribute). An article is in several feeds (the site's
    and its region's, RSS and Atom): feed_entry asks once per build (the article is final
    once the writers run)."""
    # feed readers drop <picture>: each picture as its one processed JPEG <img> (images plugin)
    return (fit_pictures(absolutise_html(for_feeds(item.get_content(site_url)), link),
                         EMAIL_COLUMN),
            fit_pictures(absolutise_html(str(item.summary), link), EMAIL_COLUMN))


def cover_image(item: Any) -> FeedImage | None:
    """The article's processed cover (``article.cover``, set by the images plugin), if any."""
    cover = getattr(item, "cover", None)
    if cover is None:
        return None
    return FeedImage(url=cover.src, width=cover.width, height=cover.height)


def add_extra_elements(handler: Any, item: dict[str, Any], *, rss: bool) -> None:
    """An item's authors, one element each (RSS ``<dc:creator>``, Atom ``<author>``), its
    cover's ``<media:content>`` and, in Atom, its address as ``<dc:identifier>`` for the feed
    view (common/feedview.py; feedgenerator passes FeedEntry fields through)."""
    for name in item.get("authors") or ():
        if rss:
            handler.addQuickElement("dc:creator", name)
        else:
            handler.startElement("author", {})
            handler.addQuickElement("name", name)
            handler.endElement("author")
    cover: FeedImage | None = item.get("cover")
    if cover is not None:
        handler.addQuickElement("media:content", None, {
            "url": cover.url, "medium": "image", "type": cover.mime,
            "width": str(cover.width), "height": str(cover.height)})
    if not rss:
        handler.addQuickElement("dc:identifier", item["link"])


def add_stylesheet(handler: Any, feed: dict[str, Any]) -> None:
    """The ``xml-stylesheet`` instruction (before the root element) for the feed's
    ``stylesheet`` (an extra feedgenerator keyword: feedgenerator's own ``stylesheets`` writes
    RSS only)."""
    handler.processingInstruction("xml-stylesheet", stylesheet_instruction(feed["stylesheet"]))


#: The namespaces our extra elements use, declared on the root element with the prefixes the
#: W3C validator knows them by.
EXTRA_NAMESPACES = {"xmlns:dc": DUBLIN_CORE, "xmlns:media": MEDIA_RSS}


class SiteRssFeed(Rss201rev2Feed):
    """RSS 2.0 with a typed ``atom:link rel="self"`` (RSS Advisory Board's best practice),
    each item's authors as ``dc:creator`` and its cover as ``media:content``, styled for
    browsers."""

    def add_stylesheets(self, handler: Any) -> None:
        add_stylesheet(handler, self.feed)

    def write(self, outfile: Any, encoding: str) -> None:
        """The feed, its `&` and `<` written as hexadecimal character references
        (:func:`hex_references`)."""
        text = io.StringIO()
        super().write(text, encoding)
        outfile.write(hex_references(text.getvalue()))

    def rss_attributes(self) -> dict[str, str]:
        return {**super().rss_attributes(), **EXTRA_NAMESPACES}

    def add_item_elements(self, handler: Any, item: dict[str, Any]) -> None:
        super().add_item_elements(handler, item)
        add_extra_elements(handler, item, rss=True)

    def add_root_elements(self, handler: Any) -> None:
        feed_url = self.feed["feed_url"]
        self.feed["feed_url"] = None  # written below, with its type
        try:
            super().add_root_elements(handler)
        finally:
            self.feed["feed_url"] = feed_url
        if feed_url is not None:
            handler.addQuickElement("atom:link", None, {
                "rel": "self", "href": feed_url, "type": "application/rss+xml"})


class SiteAtomFeed(Atom1Feed):
    """Atom 1.0 with the stylesheet instruction (feedgenerator writes it for RSS only), each
    entry's authors as one ``author`` each, its cover as ``media:content`` and its address as
    ``dc:identifier``."""

    def write(self, outfile: Any, encoding: str) -> None:
        handler = SimplerXMLGenerator(outfile, encoding, short_empty_elements=True)
        handler.startDocument()
        add_stylesheet(handler, self.feed)
        handler.startElement("feed", self.root_attributes())
        self.add_root_elements(handler)
        self.write_items(handler)
        handler.endElement("feed")

    def root_attributes(self) -> dict[str, str]:
        return {**super().root_attributes(), **EXTRA_NAMESPACES}

    def add_item_elements(self, handler: Any, item: dict[str, Any]) -> None:
        super().add_item_elements(handler, item)
        add_extra_elements(handler, item, rss=False)


class FeedWriter(SafeWriter):
    """Pelican's writer; the feed methods differ (see the module docstring), and with the
    writing plugin (the build's ``writing``) pages render through its render cache and every
    file is written through its output files (temp file + rename, unchanged files linked)."""

    def __init__(self, output_path: str, settings: dict[str, Any] | None = None) -> None:
        super().__init__(output_path, settings=settings)
        self.writing = getattr(build_of(settings or {}), "writing", None)
        self.feed_page = ""  # the page the feed being written follows (write_feed)
        # the language of the feed being written (write_feed)
        self.feed_lang = str(self.settings.get("DEFAULT_LANG"))

    def write_feed(self, elements: Any, context: dict[str, Any], path: str | None = None,
                   *args: Any, **kwargs: Any) -> Any:
        lang = feed_language(self.settings, path)
        if lang is None:
            return None  # the default language's own feed: the site feed is that feed
        self.feed_page = feed_page(context, self.settings, path)
        self.feed_lang = lang
        in_language = [item for item in elements if item_language(item, self.settings) == lang]
        return super().write_feed(in_language, context, path, *args, **kwargs)

    def write_file(self, name: Any, template: Any, context: dict[str, Any], *args: Any,
                   **kwargs: Any) -> None:
        if self.writing is not None and name:
            template = self.writing.render.wrap(template)
            self.writing.render.on_error = functools.partial(self.report_write_failure, name,
                                                             kwargs)
        super().write_file(name, template, context, *args, **kwargs)

    def _open_claimed(self, filename: str, encoding: str) -> Any:
        if self.writing is None:
            return super()._open_claimed(filename, encoding)
        return self.writing.outputs.open(self.output_path, filename, encoding)

    def _create_new_feed(self, feed_type: str, feed_title: str | None,
                         context: dict[str, Any]) -> Rss201rev2Feed | Atom1Feed:
        rss = feed_type == "rss"
        lang = self.feed_lang
        if lang != self.settings.get("DEFAULT_LANG") and not feed_title:
            feed_title = (Locale.parse(lang).get_display_name(lang) or lang).capitalize()  # English
        title = context["SITENAME"] + (f" - {feed_title}" if feed_title else "")
        description = site_description(context, lang)
        return (SiteRssFeed if rss else SiteAtomFeed)(
            title=title, link=self.urljoiner(self.site_url, self.feed_page),
            feed_url=self.feed_url, feed_guid=self.feed_url,
            description=as_html(description) if rss else description,
            subtitle=description or None,
            language=lang, author_name=context.get("EDITOR") or None,
            stylesheet=stylesheet_url(self.settings))

    def _add_item_to_the_feed(self, feed: Rss201rev2Feed | Atom1Feed, item: Any) -> None:
        link = self.urljoiner(self.site_url, item.url)
        if self.settings["FEED_APPEND_REF"]:
            link = link + "?ref=feed"
        entry = feed_entry(item, link, self.site_url, self.settings,
                           rss=isinstance(feed, Rss201rev2Feed))
        arguments = {field.name: getattr(entry, field.name) for field in fields(entry)}
        arguments["categories"] = list(entry.categories) if entry.categories else None
        feed.add_item(**arguments)


def item_language(item: Any, settings: dict[str, Any]) -> str:
    """An article's language: its ``lang``, else DEFAULT_LANG."""
    return str(getattr(item, "lang", None) or settings.get("DEFAULT_LANG"))


def note_feed_languages(generator: Any) -> None:
    """Give the templates ``FEED_LANGUAGES``: the sorted languages of the published articles
    and translations, the languages a ``TRANSLATION_FEED_*`` feed is written for (Pelican
    writes one only for a language that has an article), so that a page links its language's
    feed only where it exists (macros/feeds.html; else the site feed)."""
    items = [*generator.articles, *generator.translations]
    generator.context["FEED_LANGUAGES"] = sorted(
        {item_language(item, generator.settings) for item in items})


def feed_language(settings: dict[str, Any], path: str | None) -> str | None:
    """The language of the feed saved at `path`: the language of a ``TRANSLATION_FEED_*``
    feed (``en/atom.xml`` → "en"; None for DEFAULT_LANG's, which the site feed already is),
    else DEFAULT_LANG (site, region, tag and author feeds)."""
    default = str(settings.get("DEFAULT_LANG"))
    patterns = [str(settings[name]) for name in ("TRANSLATION_FEED_ATOM", "TRANSLATION_FEED_RSS")
                if settings.get(name)]
    for lang in SUPPORTED_LANGUAGES:
        if any(pattern.format(lang=lang) == path for pattern in patterns):
            return None if lang == default else lang
    return default


def feed_page(context: dict[str, Any], settings: dict[str, Any], path: str | None) -> str:
    """The site-relative URL of the page the feed saved at `path` follows: its region's
    (category's), tag's or author's page (Pelican's ``*_FEED_*`` settings, ``{slug}``), else
    the home page (""). Raises nothing: an unknown feed follows the home page."""
    for key, names in TAXONOMY_FEEDS:
        patterns = [str(settings[name]) for name in names if settings.get(name)]
        found = context.get(key) or ()
        pairs = found.items() if isinstance(found, dict) else found  # Pelican's tags: a dict
        for taxonomy, _articles in pairs if patterns else ():
            if any(pattern.format(slug=taxonomy.slug) == path for pattern in patterns):
                return str(taxonomy.url)
    return ""


def get_writer(pelican: Any) -> type[Writer]:
    return FeedWriter
