"""Rule: links to other content (`{filename}…`, `{static}…`) must point at a file that exists.

Paths that leave content/ are reported by containment.py instead (one problem per mistake).
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..common import contentfolder
from ..common.frontmatter import SourceDocument
from ..common.problems import ContentProblem
from ..images.paths import find
from .references import intrasite_links, is_inside, resolve


def check_document(sender: Any, document: SourceDocument,
                   settings: dict[str, Any]) -> list[ContentProblem]:
    """document_check: this document's `{filename}`/`{static}` links to files that are absent."""
    if not document.header_found:
        return []
    return list(check_links(document, Path(settings["PATH"])))


def _exists(target: Path, content_root: Path) -> bool:
    """The file exists, its name compared in NFC (macOS stores "Ēkas" decomposed)."""
    if contentfolder.is_file(target):
        return True
    relative = posixpath.normpath(target.relative_to(content_root).as_posix())
    return find(content_root, relative) is not None


def check_links(document: SourceDocument, content_root: Path) -> Iterator[ContentProblem]:
    for link in intrasite_links(document):
        target = resolve(link.target, document, content_root)
        if target is not None and is_inside(target, content_root) and not _exists(
                target, content_root):
            yield ContentProblem(
                document.path, link.line, "link", "saite uz failu, kura nav",
                "link to a file that does not exist",
                "pārbaudi faila nosaukumu un mapi; ceļš ar '/' sākumā skaitās no content/ mapes",
                link.target)
