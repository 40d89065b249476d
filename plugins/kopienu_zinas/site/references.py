"""Find what a Markdown body points at (links to other content, images) and where.

Editors write Pelican's intrasite links (`{filename}/raksts.md`, `{static}/atteli/foto.jpg`,
also the older `|filename|` form) and Markdown images (`![apraksts](…)`). The rules in links.py
and images.py report the ones that would break on the site; this module only finds and resolves
them, each with its line in the source file. Fenced code blocks are skipped: they show syntax.
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


@dataclass(frozen=True)
class Reference:
    line: int
    target: str  # as written, e.g. "{static}/atteli/foto.jpg"
    alt: str | None = None  # images only


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
