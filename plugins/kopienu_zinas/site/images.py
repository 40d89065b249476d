"""Rules: every image (in the text or in `image:`) must exist and have alt text.

Alt text is what screen readers say instead of the picture, so an image without it is an
accessibility failure, not a style choice.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..common.frontmatter import SourceDocument
from ..common.problems import ContentProblem
from ..images.paths import find
from .references import images, is_inside, resolve

_MISSING = ("attēla fails nav atrasts", "image file not found")
_MISSING_FIX = "pārbaudi faila nosaukumu un mapi (lielie/mazie burti ir svarīgi)"


def check_document(sender: Any, document: SourceDocument,
                   settings: dict[str, Any]) -> list[ContentProblem]:
    """document_check: this document's pictures (body and `image:`): present, with alt text."""
    if not document.header_found or document.node is None:
        return []
    root = Path(settings["PATH"])
    return [*check_body_images(document, root), *check_header_image(document, root)]


def _missing(target: Path | None, content_root: Path) -> bool:
    """Is a local target absent, its name compared in NFC (as macOS may store it)? A target
    outside content/ is not "missing": containment.py names it (one problem, not two)."""
    if target is None or not is_inside(target, content_root):
        return False
    try:
        relative = Path(os.path.normpath(target)).relative_to(content_root).as_posix()
    except ValueError:  # outside content/: the containment rule names that, once
        return False
    return find(content_root, relative) is None


def check_body_images(document: SourceDocument, content_root: Path) -> Iterator[ContentProblem]:
    for image in images(document):
        if not (image.alt or "").strip():
            yield ContentProblem(
                document.path, image.line, "alt", "attēlam nav apraksta", "image has no alt text",
                "ieraksti kvadrātiekavās, kas redzams attēlā: ![Lasītāji bibliotēkā](…)",
                image.target)
        target = resolve(image.target, document, content_root)
        if _missing(target, content_root):
            yield ContentProblem(document.path, image.line, "image", *_MISSING, _MISSING_FIX,
                                 image.target)


def check_header_image(document: SourceDocument, content_root: Path) -> Iterator[ContentProblem]:
    image = document.metadata.get("image")
    if not isinstance(image, str) or not image.strip():
        return
    target = resolve(image.strip(), document, content_root, relative_to_root=True)
    if _missing(target, content_root):
        yield document.problem("image", *_MISSING, value=image,
                               fix=f"{_MISSING_FIX}; ceļš skaitās no content/ mapes")
    alt = document.metadata.get("image_alt")
    if alt is None or (isinstance(alt, str) and not alt.strip()):  # other types: rules.py
        yield document.problem(
            "image_alt", "attēlam nav apraksta", "image has no alt text",
            "pievieno rindu 'image_alt: ' ar teikumu par to, kas redzams attēlā",
            at=("image_alt",) if "image_alt" in document.metadata else ("image",))
