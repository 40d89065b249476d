"""Rewrite the attributes of start tags in an HTML fragment, leaving everything else as it is.

The markup is read with the standard library's HTML tokenizer (``html.parser``): it unquotes
attribute values however they are written (double, single or no quotes, character references),
and only the start tags whose attributes change are written anew; everything else stays byte for
byte, so the HTML5 elements Markdown and our plugins write (``<picture>``, ``<source>``,
``<figure>``) are never re-nested the way a tree-building HTML 4 parser (libxml2) would.
Used for absolute URLs in feeds and e-mail (absolute_urls) and the e-mail edition's inline
styles (newsletter/inline).
"""

from __future__ import annotations

import html
from collections.abc import Callable
from html.parser import HTMLParser

#: A start tag's attributes in document order: (name, value); value None for a bare attribute.
Attributes = list[tuple[str, str | None]]
#: (tag name, its attributes) → the attributes it should have.
Rewrite = Callable[[str, Attributes], Attributes]


class _StartTags(HTMLParser):
    """Collects (offset, raw text, rewritten text) of the start tags that `rewrite` changes."""

    def __init__(self, markup: str, rewrite: Rewrite) -> None:
        super().__init__(convert_charrefs=False)
        self.rewrite = rewrite
        self.line_offsets = [0]
        for line in markup.split("\n")[:-1]:
            self.line_offsets.append(self.line_offsets[-1] + len(line) + 1)
        self.rewrites: list[tuple[int, str, str]] = []

    def handle_starttag(self, tag: str, attrs: Attributes) -> None:
        self._rewrite(tag, attrs, ">")

    def handle_startendtag(self, tag: str, attrs: Attributes) -> None:
        self._rewrite(tag, attrs, "/>")

    def _rewrite(self, tag: str, attrs: Attributes, end: str) -> None:
        raw = self.get_starttag_text() or ""
        changed = self.rewrite(tag, attrs)
        if changed == attrs:
            return
        line, column = self.getpos()
        written = "".join(f" {name}" if value is None else f' {name}="{html.escape(value)}"'
                          for name, value in changed)
        self.rewrites.append((self.line_offsets[line - 1] + column, raw, f"<{tag}{written}{end}"))


def rewrite_start_tags(markup: str, rewrite: Rewrite) -> str:
    """`markup` with each start tag's attributes replaced by `rewrite(tag, attributes)`
    (tag names lower case); tags whose attributes come back equal are left untouched."""
    scanner = _StartTags(markup, rewrite)
    scanner.feed(markup)
    scanner.close()
    pieces: list[str] = []
    done = 0
    for offset, raw, written in scanner.rewrites:
        pieces += [markup[done:offset], written]
        done = offset + len(raw)
    pieces.append(markup[done:])
    return "".join(pieces)
