"""Find what a Markdown body points at (links to other content, images) and where.

Editors write Pelican's intrasite links (`{filename}/raksts.md`, `{static}/atteli/foto.jpg`,
also the older `|filename|` form), Markdown links and images (`[teksts](…)`, `![apraksts](…)`,
`[id]: …` definitions, `<https://…>` autolinks) and sometimes HTML (`<a href="…">`,
`<img src="…">`). The rules in links.py, containment.py, linkcheck.py and images.py report the
ones that would break on the site; this module only finds and resolves them, each with its line
in the source file. Fenced code blocks and inline code are skipped: they show syntax.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import unquote

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
_DEFINITION = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*(?:<(?P<angle>[^>]*)>|(?P<bare>\S+))")
#: URL attributes in raw HTML (`<a href=…>`, `<img src=…>`).
_HTML_URL = re.compile(
    r"<(?P<tag>[a-z]+)\b[^>]*?\s(?:href|src)\s*=\s*(?P<q>[\"'])(?P<url>.*?)(?P=q)", re.I)
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
    fenced = False
    for offset, text in enumerate(document.body.splitlines()):
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


def all_references(document: SourceDocument) -> Iterator[Reference]:
    """Every link and picture in the body, whatever its form, in line order.

    Images come with their alt text (`""` when empty), links with ``alt=None``.
    """
    for line, text in body_lines(document):
        if "](" not in text and "]:" not in text and "<" not in text:
            continue  # most lines of prose: no link, no picture, no HTML
        if "`" in text:
            text = _CODE_SPAN.sub("", text)
        for match in _LINK.finditer(text):
            target = match.group("angle") if match.group("angle") is not None \
                else match.group("bare")
            yield Reference(line, target.strip(), match.group("text") if match.group("bang")
                            else None)
        definition = _DEFINITION.match(text)
        if definition:
            yield Reference(line, definition.group("angle") or definition.group("bare"))
        for match in _AUTOLINK.finditer(text):
            yield Reference(line, match.group("url"))
        for match in _HTML_URL.finditer(text):
            alt = re.search(r"\salt\s*=\s*([\"'])(.*?)\1", match.group(0))
            image = match.group("tag").lower() == "img"
            yield Reference(line, match.group("url").strip(),
                            (alt.group(2) if alt else "") if image else None)


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
    """Whether a path, with `..` and symbolic links resolved, lies within folder."""
    return path.resolve().is_relative_to(folder.resolve())


def intrasite_links(document: SourceDocument) -> Iterator[Reference]:
    """Every `{filename}`/`{static}`/`{attach}` link in the body that is not an image."""
    for line, text in body_lines(document):
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
    return content_root / PurePosixPath(document.path).parent / path
