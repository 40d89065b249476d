"""Content check for pictures outside the galleries, and the location warning.

Pictures are recognised by their content (kinds.py); a file whose picture ending (.jpg, .tif…)
promises a picture that is none is refused too. Errors (the build stops, output/ stays as it
was): a picture under STATIC_PATHS, named by
`image:` or by `{static}` in a text that the pipeline cannot take (unreadable, unsupported,
too large); two pictures of one folder whose published names coincide. Warning (`make check`
fails on it, `make html` goes on): a picture in content/ that carries a GPS position.

The warning sniffs every file under content/, most of them Markdown sources: what Pillow made
of a source's bytes is kept between builds by their SHA-256 (:class:`SourceFormats`, the
digests the content check recorded), so an unchanged source is not opened again.
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from ..common.build import once
from ..common.cachestore import CacheStore
from ..common.checkcache import SOURCE_DIGESTS
from ..common.fingerprint import code_digest, digest
from ..common.frontmatter import SourceDocument
from ..common.lastbuild import LastBuildTable
from ..common.leftbehind import left_behind_path
from ..common.problems import ContentProblem
from ..writing.render import cache_root
from .kinds import bytes_format, is_picture
from .paths import collisions, content_path, content_relative, find, output_stem
from .pipeline import HEIF, PICTURE_SUFFIXES, PhotoError, open_picture
from .privacy import location_fix, read_metadata
from .settings import from_pelican

logger = logging.getLogger(__name__)

_STATIC = re.compile(r"[{|](?:static|attach)[}|](?P<path>[^\s)\"'<>]+)")

#: Bumped when what an entry of :class:`SourceFormats` holds changes.
FORMATS_VERSION = "source-picture-formats-1"
#: Where :class:`SourceFormats` keeps its one entry, under `.cache/`.
FORMATS_FOLDER, FORMATS_KIND = "image-kinds", "sources"


class SourceFormats(LastBuildTable[str]):
    """What Pillow makes of a Markdown source's bytes (kinds.picture_format: a format name,
    "" for no picture), by their SHA-256 hex: the last build's answers and this build's
    (common/lastbuild.py). An answer is a function of the bytes, Pillow's version (in our
    code digest) and whether HEIF is registered (in the key)."""

    def __init__(self, store: CacheStore) -> None:
        super().__init__(store, digest(FORMATS_VERSION, code_digest(), f"heif={HEIF}"),
                         valid=lambda answer: isinstance(answer, str))

    def meant_as_picture(self, path: Path, sha: str) -> bool:
        """:func:`_meant_as_picture` of the source at `path` whose bytes the content check
        read with digest `sha`: the kept answer, else the file read now (and its answer kept
        under the digest of the bytes read now; a file that cannot be read is sniffed as
        before, and nothing kept)."""
        answer = self.get(sha)
        if answer is None:
            try:
                data = path.read_bytes()
            except OSError:
                return _meant_as_picture(path)
            answer = bytes_format(data) or ""
            self.put(hashlib.sha256(data).hexdigest(), answer)
        return bool(answer) or path.suffix.lower() in PICTURE_SUFFIXES


def _meant_as_picture(path: Path) -> bool:
    """A picture by its content (whatever the ending), or a file whose picture ending says it
    should be one (refused by :func:`picture_problem` when it is not)."""
    return is_picture(path) or path.suffix.lower() in PICTURE_SUFFIXES


def _pictures_under(root: Path, folders: Sequence[str],
                    meant: Callable[[Path, str], bool] = lambda path, _relative:
                    _meant_as_picture(path)) -> Iterator[Path]:
    """The pictures in these folders under content/ (or these files), what editors' tools
    and operating systems leave behind (common/leftbehind.py) left out, as Pelican leaves
    it out of the static files. `meant(path, relative POSIX path)` says whether a file is
    meant as a picture (:func:`_meant_as_picture`)."""
    for folder in folders:
        base = root / folder
        if base.is_file() and _meant_as_picture(base):
            yield base
        elif base.is_dir():
            for path in sorted(base.rglob("*")):
                relative = path.relative_to(root).as_posix()
                if path.is_file() and not left_behind_path(relative) and meant(path, relative):
                    yield path


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
    settings = pelican.settings
    if not from_pelican(settings).warn_location:
        return
    root = Path(settings["PATH"])
    digests: Mapping[str, str] | None = once(settings, SOURCE_DIGESTS, lambda: None)
    if digests is None:  # no digests recorded (the reading cache is off): every file sniffed
        _warn_located(root, _pictures_under(root, ["."]))
        return
    formats = SourceFormats(CacheStore(cache_root(settings) / FORMATS_FOLDER, FORMATS_KIND))

    def meant(path: Path, relative: str) -> bool:
        sha = digests.get(relative)
        return _meant_as_picture(path) if sha is None else formats.meant_as_picture(path, sha)

    _warn_located(root, _pictures_under(root, ["."], meant))
    formats.save()


def _warn_located(root: Path, pictures: Iterator[Path]) -> None:
    """The location warning of each of these pictures that carries a GPS position."""
    for path in pictures:
        found = read_metadata(path)
        if found.location:
            problem = ContentProblem(
                content_path(path, root), 0, "location",
                "oriģinālā ir GPS atrašanās vieta", "the original carries a GPS location",
                location_fix(found), ", ".join(found.location))
            logger.warning("%s", problem.format(), extra={"content_problem": problem})
