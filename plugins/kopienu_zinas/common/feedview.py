"""How every feed (site, region, newsletter; RSS 2.0 and Atom) reads when a person opens it in
a browser: one CSS stylesheet and a date in the reader's words.

Browsers show an XML document with an ``<?xml-stylesheet type="text/css" href="…"?>``
processing instruction (W3C, "Associating Style Sheets with XML documents") styled by that CSS;
XSLT is not used (Chromium is removing it). CSS cannot rewrite text, and the standards fix the
date formats: RSS 2.0's ``pubDate`` is RFC 822 with English day and month names ("Tue, 01 Dec
2026 08:00:00 +0200"), Atom's ``published``/``updated`` are RFC 3339. Those stay exactly as the
standards require for programs; for people each item also carries the same date in words,
``<kz:date>2026. gada 1. decembris</kz:date>``, an extension element in our own namespace
(RSS 2.0: "elements … not described on this page, only if … defined within a namespace";
Atom: RFC 4287 §6.4 simple extension element). Feed readers ignore it; the stylesheet shows it
and hides the machine dates.

CSS cannot make an element a link either, and the standard `link` elements are no links to a
browser. So the feed (beside its channel `<link>`, RSS, or alternate `atom:link`, Atom) and each
item (beside its own) also carry the same address as an XHTML link,
``<h:a href="…">…</h:a>`` in the XHTML namespace: browsers show an element in that namespace
as the HTML element it is, a real link (by mouse, keyboard and screen reader, without
JavaScript); feed readers ignore it as foreign markup (RFC 4287 §6.4, RSS 2.0 namespaces).
Only an http(s) address on the site itself becomes such a link (:func:`view_link`): the
feed's page and its items' pages, never another scheme or site.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit
from xml.sax.saxutils import quoteattr

from .absolute_urls import on_site
from .dates import long_date

#: The namespace of our extension elements (an RFC 4151 tag: URI: a name, never fetched).
VIEW_NAMESPACE = "tag:kopienuzinas.lv,2026:feed-view"
VIEW_PREFIX = "kz"
#: The element that carries an item's date in words.
DATE_ELEMENT = "date"
#: The namespace (and its prefix) of the links people follow in the view: XHTML's.
LINK_NAMESPACE = "http://www.w3.org/1999/xhtml"
LINK_PREFIX = "h"
#: The link element, in LINK_NAMESPACE.
LINK_ELEMENT = "a"
#: The stylesheet, in the theme's static folder (theme/static/css/feed.css).
STYLESHEET = "css/feed.css"


def stylesheet_url(settings: Mapping[str, Any]) -> str:
    """The feed stylesheet's absolute URL: SITEURL/THEME_STATIC_DIR/css/feed.css."""
    static = str(settings.get("THEME_STATIC_DIR", "theme")).strip("/")
    return on_site(str(settings.get("SITEURL", "")), f"{static}/{STYLESHEET}")


def stylesheet_instruction(url: str) -> str:
    """The data of the ``xml-stylesheet`` processing instruction for `url`."""
    return f"type=\"text/css\" href={quoteattr(url)}"


def view_link(url: str, site_url: str) -> str | None:
    """`url` when the feed view may show it as a link: an http(s) address on the site whose
    address is `site_url` (the same scheme and host, under its path); else None (no link)."""
    wanted, site = urlsplit(url), urlsplit(site_url)
    if wanted.scheme not in ("http", "https") or any(c.isspace() for c in url) \
            or (wanted.scheme, wanted.netloc) != (site.scheme, site.netloc):
        return None
    return url if wanted.path.startswith(site.path.rstrip("/") + "/") or \
        wanted.path == site.path.rstrip("/") else None


def date_in_words(value: dt.datetime, lang: str | None) -> str:
    """'2026. gada 1. decembris' (or 'December 1, 2026'), in Riga time, in `lang` (the
    item's language: the newsletter's is Latvian, a site feed item's its article's)."""
    return long_date(value, lang or "lv")
