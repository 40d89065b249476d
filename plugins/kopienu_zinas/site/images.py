"""Rules: every image (in the text or in `image:`) must exist and have alt text.

Alt text is what screen readers say instead of the picture, so an image without it is an
accessibility failure, not a style choice.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..common.contentfolder import files
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


def _missing(target: Path | None, content_root: Path) -> str | None:
    """The path under content/ of a local target that is absent, its name compared in NFC (as
    macOS may store it); None when it is there, or not local. A target outside content/ is not
    "missing": containment.py names it (one problem, not two)."""
    if target is None or not is_inside(target, content_root):
        return None
    try:
        relative = Path(os.path.normpath(target)).relative_to(content_root).as_posix()
    except ValueError:  # outside content/: the containment rule names that, once
        return None
    return relative if find(content_root, relative) is None else None


#: Characters that end a Markdown link target written bare (`](…)`): whitespace starts a
#: title, an unbalanced `)` ends the link; inside `<…>` they are part of the address.
_BARE_TARGET_ENDS = re.compile(r"[\s()]")


def _markdown_picture(alt: str, target: str) -> str:
    """A Markdown picture that shows `target` as written: `![alt](<target>)` when the target
    holds a space or a parenthesis (Python-Markdown reads `<…>` as the whole address, as
    CommonMark does), else `![alt](target)`."""
    written = f"<{target}>" if _BARE_TARGET_ENDS.search(target) else target
    return f"![{alt.strip() or 'Kas redzams attēlā'}]({written})"


def _alike(relative: str, content_root: Path) -> str | None:
    """The one file under content/ whose path differs from `relative` only by case or
    Unicode form (`Foto 1.JPG` for `foto 1.jpg`), or None."""
    key = unicodedata.normalize("NFC", relative).casefold()
    alike = [name for name in files(content_root)
             if unicodedata.normalize("NFC", name).casefold() == key]
    return alike[0] if len(alike) == 1 else None


def _alike_fix(alike: str, written: str) -> str:
    """The fix naming the file meant (`alike`) and the line to write (`written`)."""
    return f"vai domāts {alike}? Raksti {written} (lielie/mazie burti ir svarīgi)"


def check_body_images(document: SourceDocument, content_root: Path) -> Iterator[ContentProblem]:
    for image in images(document):
        if not (image.alt or "").strip():
            yield ContentProblem(
                document.path, image.line, "alt", "attēlam nav apraksta", "image has no alt text",
                "ieraksti kvadrātiekavās, kas redzams attēlā: ![Lasītāji bibliotēkā](…)",
                image.target)
        missing = _missing(resolve(image.target, document, content_root), content_root)
        if missing is not None:
            alike = _alike(missing, content_root)
            fix = (_alike_fix(alike, _markdown_picture(image.alt or "",
                                                         f"{{static}}/{alike}"))
                   if alike is not None else _MISSING_FIX)
            yield ContentProblem(document.path, image.line, "image", *_MISSING, fix,
                                 image.target)


def check_header_image(document: SourceDocument, content_root: Path) -> Iterator[ContentProblem]:
    image = document.metadata.get("image")
    if not isinstance(image, str) or not image.strip():
        return
    missing = _missing(resolve(image.strip(), document, content_root, relative_to_root=True),
                       content_root)
    if missing is not None:
        alike = _alike(missing, content_root)
        yield document.problem("image", *_MISSING, value=image, fix=(
            _alike_fix(alike, f"image: {alike}") if alike is not None  # YAML needs no brackets
            else f"{_MISSING_FIX}; ceļš skaitās no content/ mapes"))
    alt = document.metadata.get("image_alt")
    if alt is None or (isinstance(alt, str) and not alt.strip()):  # other types: rules.py
        yield document.problem(
            "image_alt", "attēlam nav apraksta", "image has no alt text",
            "pievieno rindu 'image_alt: ' ar teikumu par to, kas redzams attēlā",
            at=("image_alt",) if "image_alt" in document.metadata else ("image",))
