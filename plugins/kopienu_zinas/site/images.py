"""Rules: every image (in the text or in `image:`) must exist and have alt text.

Alt text is what screen readers say instead of the picture, so an image without it is an
accessibility failure, not a style choice.

A picture that is not there is named with the file meant when there is one (meant.py): the
path written with Windows' `\\` between folders, when the path with `/` is a file; the file
whose name differs only by case. `image:` may be written as in the body, `{static}/atteli/…`
(the images plugin reads it as the same path: images/paths.content_relative); `{filename}`
there is named, as the images plugin would find no picture. A path on the editor's own
computer (`C:\\…`) is localpaths.py's.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..common.frontmatter import SourceDocument
from ..common.problems import ContentProblem
from ..images.paths import find
from .localpaths import own_computer, written_address
from .meant import BACKSLASHES, alike, alike_fix, markdown_picture, with_slashes
from .references import images, intrasite, is_inside, resolve

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


def check_body_images(document: SourceDocument, content_root: Path) -> Iterator[ContentProblem]:
    for image in images(document):
        if not (image.alt or "").strip():
            yield ContentProblem(
                document.path, image.line, "alt", "attēlam nav apraksta", "image has no alt text",
                "ieraksti kvadrātiekavās, kas redzams attēlā: ![Lasītāji bibliotēkā](…)",
                image.target)
        if written_address(image, document) is not None:
            continue  # a file on the editor's own computer: localpaths.py names it
        missing = _missing(resolve(image.target, document, content_root), content_root)
        if missing is None:
            continue
        slashed = _slashed(image.target, document, content_root, relative_to_root=False)
        if slashed is not None:
            yield ContentProblem(document.path, image.line, "image", *BACKSLASHES,
                                 f"raksti {markdown_picture(image.alt or '', slashed)}",
                                 image.target)
            continue
        if _named_with_marks(image.target, document, content_root):
            yield ContentProblem(document.path, image.line, "image", *_MARKS, _MARKS_FIX,
                                 image.target)
            continue
        meant = alike(missing, content_root)
        fix = (alike_fix(meant, markdown_picture(image.alt or "", f"{{static}}/{meant}"))
               if meant is not None else _MISSING_FIX)
        yield ContentProblem(document.path, image.line, "image", *_MISSING, fix, image.target)


#: A picture whose file name holds `#` or `%` (QA: `zīme#1.jpg`, `percent%20name.jpg` were
#: "not found" though the editor saw the very name).
_MARKS = ("faila nosaukumā ir # vai %: adresē # sāk enkuru, bet % — kodu, tāpēc failu neatrod",
          "the file name holds # or %: in an address # begins an anchor and % an escape, so "
          "the file is not found")
_MARKS_FIX = ("pārsauc failu bez # un % (piemēram zime-1.jpg vai procenti-20.jpg) un raksti "
              "jauno nosaukumu")


def _named_with_marks(written: str, document: SourceDocument, content_root: Path, *,
                      relative_to_root: bool = False) -> bool:
    """Whether the file meant is there by the very name written, once the `#` and `%` in
    it are taken as part of the name (an address reads them otherwise); `relative_to_root`
    as resolve's (`image:`'s paths count from content/)."""
    if "#" not in written and "%" not in written:
        return False
    literal = written.replace("%", "%25").replace("#", "%23")
    return _missing(resolve(literal, document, content_root, relative_to_root=relative_to_root),
                    content_root) is None


def _slashed(written: str, document: SourceDocument, content_root: Path, *,
             relative_to_root: bool) -> str | None:
    """What to write for a path with `\\` between folders (Windows) when the path with `/`
    names a file under content/: that file's path, after `{static}/` in the body (a path
    without the marker counts from the page's address: linkcheck.py), as it is in `image:`;
    None when it names none too."""
    slashed = with_slashes(written)
    target = (resolve(slashed, document, content_root, relative_to_root=relative_to_root)
              if slashed is not None else None)
    if target is None or not is_inside(target, content_root):
        return None
    relative = Path(os.path.normpath(target)).relative_to(content_root).as_posix()
    found = find(content_root, relative)
    if found is None:
        return None
    path = found.relative_to(content_root).as_posix()
    return path if relative_to_root else f"{{static}}/{path}"


def check_header_image(document: SourceDocument, content_root: Path) -> Iterator[ContentProblem]:
    image = document.metadata.get("image")
    if not isinstance(image, str) or not image.strip():
        return
    marker = intrasite(image.strip())
    if own_computer(image):
        pass  # a file on the editor's own computer: localpaths.py names it
    elif marker is not None and marker[0] == "filename":
        yield document.problem(
            "image", "{filename} ir saitei uz rakstu, ne attēlam",
            "{filename} links to an article, not to a picture", value=image,
            fix="raksti attēla ceļu no content/ mapes, piemēram image: atteli/foto.jpg")
    elif (missing := _missing(resolve(image.strip(), document, content_root,
                                      relative_to_root=True), content_root)) is not None:
        slashed = _slashed(image.strip(), document, content_root, relative_to_root=True)
        if slashed is not None:
            yield document.problem("image", *BACKSLASHES, value=image,
                                   fix=f"raksti image: {slashed}")
        elif _named_with_marks(image.strip(), document, content_root, relative_to_root=True):
            yield document.problem("image", *_MARKS, value=image, fix=_MARKS_FIX)
        else:
            meant = alike(missing, content_root)
            yield document.problem("image", *_MISSING, value=image, fix=(
                alike_fix(meant, f"image: {meant}") if meant is not None  # YAML: no brackets
                else f"{_MISSING_FIX}; ceļš skaitās no content/ mapes"))
    alt = document.metadata.get("image_alt")
    if alt is None or (isinstance(alt, str) and not alt.strip()):  # other types: rules.py
        yield document.problem(
            "image_alt", "attēlam nav apraksta", "image has no alt text",
            "pievieno rindu 'image_alt: ' ar teikumu par to, kas redzams attēlā",
            at=("image_alt",) if "image_alt" in document.metadata else ("image",))
