"""Pictures in article HTML: `<img src="{static}/…">` (or the root-relative address of a
published original, `<img src="/atteli/foto.jpg">`) → `<picture>`, and back to one `<img>`.

Pelican keeps `{static}`/`|static|`/`{attach}` placeholders in an article's raw HTML until it
renders it; :func:`replace_images` rewrites each `<img>` whose source is such a placeholder while
they are still there, so Pelican never links (or copies) the original. Feed readers and mail
apps drop `<picture>`: :func:`for_feeds` turns each back into one absolute `<img>` of the
processed JPEG (for feeds and the e-mail edition).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Collection
from html.parser import HTMLParser
from urllib.parse import unquote

_IMG = re.compile(r"<img\b[^>]*>", re.I)
_PICTURE = re.compile(r"<picture\b[^>]*>.*?(<img\b[^>]*>).*?</picture>", re.I | re.S)
_PLACEHOLDER = re.compile(r"^(?:\{(?:static|attach)\}|\|(?:static|attach)\|)(?P<path>.*)$")
_FEED_DROP = {"srcset", "sizes", "loading", "decoding"}


class _Attributes(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.attributes: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.attributes = {name: value or "" for name, value in attrs}

    handle_startendtag = handle_starttag


def attributes(tag: str) -> dict[str, str]:
    """The attributes of one start tag, entities decoded."""
    parser = _Attributes()
    parser.feed(tag)
    parser.close()
    return parser.attributes


def placeholder_path(src: str) -> str | None:
    """The path of a `{static}…`/`|static|…`/`{attach}…` source, as written; None otherwise."""
    match = _PLACEHOLDER.match(src.strip())
    return match.group("path") if match else None


def root_relative_path(src: str, published: Collection[str]) -> str | None:
    """"/atteli/foto.jpg" when `src` is the root-relative address of one of the `published`
    originals (site paths in NFC, "atteli/foto.jpg"; percent-encoding decoded), else None."""
    src = src.strip()
    if not src.startswith("/") or src.startswith("//"):
        return None
    site_path = unicodedata.normalize("NFC", unquote(src.split("#", 1)[0].split("?", 1)[0]))
    return site_path if site_path.lstrip("/") in published else None


def replace_images(html: str, render: Callable[[str, str, int], str | None],
                   published: Collection[str] = ()) -> str:
    """Every `<img>` with a placeholder source, or with the root-relative address of one of the
    `published` originals (see :func:`root_relative_path`), replaced by
    ``render(path, alt, index)`` (a root-relative path starts with "/", as `{static}/…` does;
    index counts the replaced images from 0); None from `render` keeps the tag as it was."""
    index = 0

    def replace(match: re.Match[str]) -> str:
        nonlocal index
        attrs = attributes(match.group(0))
        src = attrs.get("src", "")
        path = placeholder_path(src) or root_relative_path(src, published)
        if path is None:
            return match.group(0)
        html = render(path, attrs.get("alt", ""), index)
        if html is None:
            return match.group(0)
        index += 1
        return html

    return _IMG.sub(replace, html)


def for_feeds(html: str) -> str:
    """Each `<picture>` as its `<img>` alone (absolute JPEG src, width, height, alt), without
    srcset/sizes/loading, which feed readers and mail apps do not take."""
    def flatten(match: re.Match[str]) -> str:
        img = match.group(1)
        for name in _FEED_DROP:
            img = re.sub(rf'\s{name}="[^"]*"', "", img)
        return img

    return _PICTURE.sub(flatten, html)
