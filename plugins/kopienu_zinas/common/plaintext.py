"""HTML fragments as plain text: for summaries in calendars and the newsletter's text e-mail;
and back (:func:`as_html`, for RSS descriptions).

Read with the standard library's HTML tokenizer (``html.parser``, as ``absolute_urls`` does):
character references are decoded, tags dropped, and whitespace (any Unicode space, the no-break
space included) collapsed to single spaces. Block-level elements (and ``<br>``) end a paragraph;
inline elements (``<em>``, ``<a>``…) join their text to their neighbours' as a browser does.
"""

from __future__ import annotations

import html
from html.parser import HTMLParser

#: Elements whose end (or, for ``br``, whose start) ends a text paragraph.
BLOCK_ENDS = frozenset({"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr",
                        "br", "div", "ul", "ol", "table", "figure", "figcaption"})


class _Text(HTMLParser):
    """Text paragraphs of a fragment; with ``links``, a link's text is followed by ` (href)`."""

    def __init__(self, links: bool) -> None:
        super().__init__(convert_charrefs=True)
        self.links = links
        self.hrefs: list[str | None] = []
        self.blocks: list[list[str]] = [[]]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            self.hrefs.append(dict(attrs).get("href"))
        elif tag == "br":
            self.blocks.append([])

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self.hrefs:
            href = self.hrefs.pop()
            if self.links and href:
                self.blocks[-1].append(f" ({href})")
        elif tag in BLOCK_ENDS:
            self.blocks.append([])

    def handle_data(self, data: str) -> None:
        self.blocks[-1].append(data)


def _blocks(markup: str | None, links: bool) -> tuple[str, ...]:
    parser = _Text(links)
    parser.feed(markup or "")
    parser.close()
    texts = (" ".join("".join(block).split()) for block in parser.blocks)
    return tuple(text for text in texts if text)


def plain_text(markup: str | None) -> str:
    """'<p>Sveiki &amp; <em>lasiet</em></p>' → 'Sveiki & lasiet' (one line)."""
    return " ".join(_blocks(markup, links=False))


def paragraphs(markup: str | None) -> tuple[str, ...]:
    """Plain-text paragraphs for a text e-mail; a link becomes "text (url)":
    '<p>Sk. <a href="https://x.lv/">šeit</a>.</p><p>B</p>' → ('Sk. šeit (https://x.lv/).', 'B')."""
    return _blocks(markup, links=True)


def as_html(text: str) -> str:
    """Plain text as the HTML that shows it: 'Koncerts & <dzeja>' → 'Koncerts &amp; &lt;dzeja&gt;'.

    For an RSS ``<description>`` (an item's or the channel's): readers treat it as HTML, so
    plain text there is HTML-escaped here, and XML-escaped again when the feed is written;
    escaped only once, "<dzeja>" would reach the reader as a tag and disappear."""
    return html.escape(text, quote=False)
