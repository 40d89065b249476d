"""Find what a Markdown body points at (links to other content, images) and where.

Editors write Pelican's intrasite links (`{filename}/raksts.md`, `{static}/atteli/foto.jpg`,
also the older `|filename|` form), Markdown links and images (`[teksts](…)`, `![apraksts](…)`,
`[id]: …` definitions, `<https://…>` autolinks) and sometimes HTML (`<a href="…">`,
`<img src="…" srcset="…">`, `<video poster="…">`: every URL attribute the feeds' absolutiser
knows, common/absolute_urls.py). The rules in links.py, containment.py, linkcheck.py and
images.py report the ones that would break on the site; this module only finds and resolves
them, each with its line in the source file. Fenced code blocks, inline code and HTML comments
are skipped: they show syntax or are not shown at all. Raw HTML is read with the standard
library's HTML tokenizer, which decodes character references in attribute values
(`href="&#x2F;par-mums&#x2F;"` is `/par-mums/`).
"""

from __future__ import annotations

import os
import posixpath
import re
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote

from ..common import contentfolder
from ..common.absolute_urls import SRCSET_ATTRIBUTES, URL_ATTRIBUTES, srcset_candidates
from ..common.frontmatter import SourceDocument

#: A link target that starts with Pelican's marker (after "(", a quote, "<" or "]: ").
_INTRASITE = re.compile(
    r"(?:(?<=[(\"'<])|(?<=\]: )|^)[{|](?P<what>filename|static|attach)[}|](?P<path>[^\s)\"'<>]*)")
_IMAGE = re.compile(r"!\[(?P<alt>[^\]]*)\]\(\s*<?(?P<src>[^)\s>]*)>?(?:\s+[\"'(][^)]*)?\)")
_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
_EXTERNAL = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//|#)", re.I)
#: Any Markdown link or image: `[text](target "title")`, `![alt](<target with spaces>)`.
_LINK = re.compile(
    r"(?P<bang>!?)\[(?P<text>(?:[^\[\]]|\[[^\]]*\])*)\]\(\s*"
    r"(?:<(?P<angle>[^>\n]*)>|(?P<bare>[^\s()]*(?:\([^\s()]*\)[^\s()]*)*))"
    r"(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^)]*\)))?\s*\)")
#: A reference definition `[id]: target "title"` (CommonMark: up to three spaces of indent).
_DEFINITION = re.compile(r"^\s{0,3}\[(?!\^)[^\]]+\]:\s*(?:<(?P<angle>[^>]*)>|(?P<bare>\S+))")
#: Elements whose URL attributes name a picture (reported as "image", with their alt text).
_PICTURE_TAGS = frozenset({"img", "source", "picture", "video"})
#: A Markdown autolink `<https://…>` (the only way a bare address becomes a link).
_AUTOLINK = re.compile(r"<(?P<url>(?:https?|webcal)://[^\s<>]+)>", re.I)
_CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1")


@dataclass(frozen=True)
class Reference:
    line: int
    target: str  # as written, e.g. "{static}/atteli/foto.jpg"
    alt: str | None = None  # images only

    @property
    def field(self) -> str:
        """The name editors see in messages: "image" for pictures, "link" for the rest."""
        return "link" if self.alt is None else "image"


def body_lines(document: SourceDocument) -> Iterator[tuple[int, str]]:
    """(line number in the file, text) of every body line outside fenced code."""
    lines = document.body.splitlines()
    if "```" not in document.body and "~~~" not in document.body:  # no fence: every line
        yield from enumerate(lines, document.body_line)
        return
    fenced = False
    for offset, text in enumerate(lines):
        if _FENCE.match(text):
            fenced = not fenced
            continue
        if not fenced:
            yield document.body_line + offset, text


def images(document: SourceDocument) -> Iterator[Reference]:
    """Every Markdown image `![alt](src)` in the body."""
    for line, text in body_lines(document):
        for match in _IMAGE.finditer(text):
            yield Reference(line, match.group("src"), match.group("alt"))


def _outside_comments(lines: Iterator[tuple[int, str]]) -> Iterator[tuple[int, str]]:
    """The lines with every `<!-- … -->` (also over several lines) removed."""
    in_comment = False
    for line, text in lines:
        kept, position = [], 0
        while position <= len(text):
            if in_comment:
                end = text.find("-->", position)
                if end < 0:
                    break
                position, in_comment = end + 3, False
            else:
                start = text.find("<!--", position)
                if start < 0:
                    kept.append(text[position:])
                    break
                kept.append(text[position:start])
                position, in_comment = start + 4, True
        yield line, "".join(kept)


class _UrlAttributes(HTMLParser):
    """Collects (line in the fed text, tag, URL, alt) of every URL in start tags."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[int, str, str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line = self.getpos()[0]
        values = {name: value or "" for name, value in attrs}
        alt = values.get("alt", "") if tag in _PICTURE_TAGS else None
        for name, value in attrs:
            if name in URL_ATTRIBUTES and value is not None:
                self.found.append((line, tag, value.strip(), alt))
            elif name in SRCSET_ATTRIBUTES and value is not None:
                self.found.extend((line, tag, url, alt) for url, _ in srcset_candidates(value))

    handle_startendtag = handle_starttag

    def parse_marked_section(self, i: int, report: bool = True) -> int:
        """`<![…` that is no marked section is text (the standard library's tokenizer raises
        AssertionError on it)."""
        try:
            return super().parse_marked_section(i, report)
        except AssertionError:
            return i + 3  # past "<![": the rest is read on as usual


def html_references(lines: list[tuple[int, str]]) -> Iterator[Reference]:
    """Every URL in raw HTML start tags of the given lines, at its tag's line."""
    parser = _UrlAttributes()
    parser.feed("\n".join(text for _line, text in lines))
    parser.close()
    for fed_line, _tag, url, alt in parser.found:
        yield Reference(lines[fed_line - 1][0], url, alt)


def all_references(document: SourceDocument) -> Iterator[Reference]:
    """Every link and picture in the body, whatever its form, in line order.

    Images come with their alt text (`""` when empty), links with ``alt=None``.
    """
    body = body_lines(document)
    lines = [(line, _CODE_SPAN.sub("", text) if "`" in text else text)
             for line, text in (_outside_comments(body) if "<!--" in document.body else body)]
    found: list[Reference] = []
    for line, text in lines:
        if "](" not in text and "]:" not in text and "<" not in text:
            continue  # most lines of prose: no link, no picture, no HTML
        for match in _LINK.finditer(text):
            target = match.group("angle") if match.group("angle") is not None \
                else match.group("bare")
            found.append(Reference(line, target.strip(), match.group("text")
                                   if match.group("bang") else None))
        definition = _DEFINITION.match(text)
        if definition:
            found.append(Reference(line, definition.group("angle") or definition.group("bare")))
        found.extend(Reference(line, match.group("url")) for match in _AUTOLINK.finditer(text))
    if any("<" in text for _line, text in lines):
        found.extend(html_references(lines))
    yield from sorted(found, key=lambda reference: reference.line)


def intrasite(target: str) -> tuple[str, str] | None:
    """("filename" | "static" | "attach", path as written) for Pelican's intrasite links."""
    match = _INTRASITE.match(target)
    return (match.group("what"), match.group("path")) if match else None


#: Pelican's other markers: `{tag}kultura`, `{category}Latgale`, `{author}…`, `{index}`.
_LISTING = re.compile(r"^[{|](?P<what>tag|category|author|index)[}|](?P<value>.*)$")


def listing_marker(target: str) -> tuple[str, str] | None:
    """("tag" | "category" | "author" | "index", the name as written, decoded, no fragment)."""
    match = _LISTING.match(target)
    if not match:
        return None
    return match.group("what"), unquote(match.group("value").split("#", 1)[0].split("?", 1)[0])


def is_external(target: str) -> bool:
    """A web address with a scheme (https:, mailto:, webcal:), a `//host` one or a `#fragment`."""
    return bool(_EXTERNAL.match(target))


def is_inside(path: Path, folder: Path) -> bool:
    """Whether a path, with `..` and symbolic links resolved (`os.path.realpath`), lies within
    folder; the content check answers from its listing of content/ (common/contentfolder.py)."""
    real, real_folder = contentfolder.realpath(path), contentfolder.realpath(folder)
    return real == real_folder or real.startswith(real_folder.rstrip(os.sep) + os.sep)


def intrasite_links(document: SourceDocument) -> Iterator[Reference]:
    """Every `{filename}`/`{static}`/`{attach}` link in the body that is not an image."""
    for line, text in body_lines(document):
        if "{" not in text and "|" not in text:
            continue  # no marker: most lines
        text = _IMAGE.sub("", text)
        for match in _INTRASITE.finditer(text):
            yield Reference(line, match.group(0))


def resolve(target: str, document: SourceDocument, content_root: Path,
            *, relative_to_root: bool = False) -> Path | None:
    """The file a link or image points at, or None when it is not a local file (a web address).

    As in Pelican, a path starting with "/" is inside the content folder and any other path is
    next to the document, unless ``relative_to_root`` (front matter paths such as `image:`).
    """
    match = _INTRASITE.match(target)
    path = match.group("path") if match else target
    path = unquote(path.split("#", 1)[0].split("?", 1)[0])
    if not path or (not match and _EXTERNAL.match(path)):
        return None
    if path.startswith("/") or relative_to_root:
        return content_root / path.lstrip("/")
    return Path(content_root, posixpath.dirname(document.path), path)
