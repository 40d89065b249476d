"""How every feed (site, region, newsletter; RSS 2.0 and Atom) reads when a person opens it in
a browser: one CSS stylesheet, and the feed's own elements.

Browsers show an XML document with an ``<?xml-stylesheet type="text/css" href="…"?>``
processing instruction (W3C, "Associating Style Sheets with XML documents") styled by that CSS
(theme/static/css/feed.css); XSLT is not used (Chromium is removing it). The stylesheet explains
in Latvian and English what a feed is and how to follow it (CSS generated content) and shows the
feed's title and each item's title and address; the rest stays hidden.

CSS cannot rewrite text or make an element a link, and the feeds carry nothing of our own for
the view: only their standard elements and ones in namespaces the W3C Feed Validation Service
knows, with their usual prefixes (its ``namespaces`` table, src/feedvalidator/base.py). A date
element in a namespace of our own drew "Use of unknown namespace", an XHTML link outside Atom
content "Misplaced XHTML content" and "Avoid Namespace Prefix", on every feed. So:

- the view shows no date: the standard ones are English (RSS 2.0 ``pubDate``, RFC 822:
  "Tue, 01 Dec 2026 08:00:00 +0200") or machine-shaped (Atom, RFC 3339), and are hidden;
- addresses are text to select and copy, not links. An RSS item's address is the text of its
  ``<link>``; an Atom entry's is only an attribute (``<link href>``), which generated content
  shows but a person cannot select, so each Atom entry also carries it as Dublin Core
  ``<dc:identifier>`` (DCMI: "an unambiguous reference to the resource", a URI: the entry's
  page), a namespace and prefix the validator knows (:data:`DUBLIN_CORE`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from xml.sax.saxutils import quoteattr

from .absolute_urls import on_site

#: Dublin Core's element namespace (https://www.dublincore.org/specifications/dublin-core/dces/),
#: prefix ``dc`` as the W3C validator wants: an Atom entry's address as ``dc:identifier`` (the
#: view) and an RSS item's authors as ``dc:creator``, one each (site/feeds.py).
DUBLIN_CORE = "http://purl.org/dc/elements/1.1/"
#: The stylesheet, in the theme's static folder (theme/static/css/feed.css).
STYLESHEET = "css/feed.css"


def stylesheet_url(settings: Mapping[str, Any]) -> str:
    """The feed stylesheet's absolute URL: SITEURL/THEME_STATIC_DIR/css/feed.css."""
    static = str(settings.get("THEME_STATIC_DIR", "theme")).strip("/")
    return on_site(str(settings.get("SITEURL", "")), f"{static}/{STYLESHEET}")


def stylesheet_instruction(url: str) -> str:
    """The data of the ``xml-stylesheet`` processing instruction for `url`."""
    return f"type=\"text/css\" href={quoteattr(url)}"


def hex_references(xml: str) -> str:
    """Serialized XML with each `&amp;` and `&lt;` as `&#x26;` and `&#x3C;`: the same
    characters to every XML parser, and what the RSS Best Practices Profile asks of plain text
    (the W3C feed validator's "Encode "&" and "<" in plain text using hexadecimal character
    references" warned at every title holding `&` or `<word`: QA session 11)."""
    return xml.replace("&amp;", "&#x26;").replace("&lt;", "&#x3C;")
