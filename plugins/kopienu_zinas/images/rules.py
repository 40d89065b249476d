"""Content check for pictures outside the galleries, and the location warning.

Pictures are recognised by their content (kinds.py); a file whose picture ending (.jpg, .tif…)
promises a picture that is none is refused too. Errors (the build stops, output/ stays as it
was): a picture under STATIC_PATHS, named by
`image:` or by `{static}` in a text that the pipeline cannot take (unreadable, unsupported,
too large); two pictures of one folder whose published names coincide. Warning (`make check`
fails on it, `make html` goes on): a picture in content/ that carries a GPS position.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from ..common.frontmatter import SourceDocument
from ..common.leftbehind import left_behind_path
from ..common.problems import ContentProblem
from .kinds import is_picture
from .paths import collisions, content_path, content_relative, find, output_stem
from .pipeline import PICTURE_SUFFIXES, PhotoError, open_picture
from .privacy import location_fix, read_metadata
from .settings import from_pelican

logger = logging.getLogger(__name__)

_STATIC = re.compile(r"[{|](?:static|attach)[}|](?P<path>[^\s)\"'<>]+)")


def _meant_as_picture(path: Path) -> bool:
    """A picture by its content (whatever the ending), or a file whose picture ending says it
    should be one (refused by :func:`picture_problem` when it is not)."""
    return is_picture(path) or path.suffix.lower() in PICTURE_SUFFIXES


def _pictures_under(root: Path, folders: Sequence[str]) -> Iterator[Path]:
    """The pictures in these folders under content/ (or these files), what editors' tools
    and operating systems leave behind (common/leftbehind.py) left out, as Pelican leaves
    it out of the static files."""
    for folder in folders:
        base = root / folder
        if base.is_file() and _meant_as_picture(base):
            yield base
        elif base.is_dir():
            yield from (p for p in sorted(base.rglob("*")) if p.is_file()
                        and not left_behind_path(p.relative_to(root).as_posix())
                        and _meant_as_picture(p))


def named_pictures(document: SourceDocument, root: Path) -> Iterator[tuple[Path, str, int]]:
    """(file, field, line) of each existing picture the document names (`image:`, `{static}`)."""
    def existing(written: str, relative_to_root: bool) -> Path | None:
        relative = content_relative(written, document.path, relative_to_root=relative_to_root)
        found = find(root, relative) if relative is not None else None
        return found if found is not None and _meant_as_picture(found) else None

    image = document.metadata.get("image") if document.header_found else None
    if isinstance(image, str) and image.strip():
        found = existing(image.strip(), True)
        if found is not None:
            yield found, "image", document.line_of("image")
    if _STATIC.search(document.body) is None:  # most texts: no line to look at
        return
    for offset, text in enumerate(document.body.splitlines()):
        for match in _STATIC.finditer(text):
            found = existing(match.group("path"), False)
            if found is not None:
                yield found, "image", document.body_line + offset


def picture_problem(path: Path, root: Path, max_pixels: int) -> ContentProblem | None:
    """Why the pipeline cannot take this picture, or None."""
    name = content_path(path, root)
    try:
        with open_picture(path, max_pixels):
            return None
    except PhotoError as error:
        return error.problem.placed(name)


def check_documents(sender: Any, documents: Sequence[SourceDocument],
                    settings: dict[str, Any]) -> list[ContentProblem]:
    root = Path(settings["PATH"])
    config = from_pelican(settings)
    pictures = set(_pictures_under(root, settings.get("STATIC_PATHS", [])))
    for document in documents:
        pictures.update(found for found, _field, _line in named_pictures(document, root))
    problems = [p for p in (picture_problem(path, root, config.imaging.max_pixels)
                            for path in sorted(pictures)) if p is not None]
    for first, second in collisions([content_path(p, root) for p in pictures]):
        problems.append(ContentProblem(
            second, 0, "image", f"tāds pats publicētais nosaukums kā {first}",
            f"same published name as {first}",
            f"pārsauc vienu no failiem ({first} vai {second}), lai to nosaukumi atšķirtos ne tikai "
            f"ar lielajiem burtiem, atstarpēm vai paplašinājumu", output_stem(second)))
    return problems


def warn_located(pelican: Any) -> None:
    """A warning for each picture in content/ that carries a GPS position (signal
    `initialized`): a public repository publishes the original whatever the build does. The
    warning names where the position is (privacy.read_metadata) and advises `make
    strip-location` only for a file it can rewrite, else exporting it again."""
    if not from_pelican(pelican.settings).warn_location:
        return
    root = Path(pelican.settings["PATH"])
    for path in _pictures_under(root, ["."]):
        found = read_metadata(path)
        if found.location:
            problem = ContentProblem(
                content_path(path, root), 0, "location",
                "oriģinālā ir GPS atrašanās vieta", "the original carries a GPS location",
                location_fix(found), ", ".join(found.location))
            logger.warning("%s", problem.format(), extra={"content_problem": problem})
