"""Picture file names as people read them: Unicode NFC on both sides of every lookup.

macOS stores "ā" as "a" + a combining macron (NFD); an editor types the composed letter (NFC).
Both name the same file here: folder listings, `image:`, `{static}` and `captions.yml` keys are
compared in NFC, and output names are built from the NFC form.
"""

from __future__ import annotations

import posixpath
import unicodedata
from pathlib import Path, PurePosixPath
from urllib.parse import unquote

from ..common.slugs import slugify
from .markup import placeholder_path


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def find(root: Path, relative: str) -> Path | None:
    """The existing file `root/relative`, its components compared in NFC; None when missing.

    `relative` is a content-relative POSIX path ("atteli/Foto.jpg"); "." and ".." components
    are not followed (a picture is always inside the content folder).
    """
    current = root
    parts = [p for p in PurePosixPath(relative).parts if p not in {"/", "."}]
    if not parts or ".." in parts:
        return None
    for part in parts:
        exact = current / part
        if exact.exists():
            current = exact
            continue
        wanted = nfc(part)
        try:
            match = next((entry for entry in current.iterdir() if nfc(entry.name) == wanted),
                         None)
        except (NotADirectoryError, FileNotFoundError):
            return None
        if match is None:
            return None
        current = match
    return current if current.is_file() else None


def content_relative(written: str, document: str, *, relative_to_root: bool) -> str | None:
    """The content-relative path a text names, as Pelican resolves `{static}` (a leading "/"
    is the content folder, anything else is beside the document at `document`, unless
    ``relative_to_root``, as for `image:`); None for a web address or a path leaving content/.
    An `image:` written as in the body, `{static}/atteli/foto.jpg` (or `{attach}`, `|static|`),
    is that path as the body reads it: editors write paths so in the text.
    """
    marked = placeholder_path(written) if relative_to_root else None
    if marked is not None:
        written, relative_to_root = marked, False
    path = unquote(written.split("#", 1)[0].split("?", 1)[0]).strip()
    if not path or "://" in path or path.startswith("//"):
        return None
    if path.startswith("/") or relative_to_root:
        joined = path.lstrip("/")
    else:
        joined = posixpath.join(posixpath.dirname(document), path)
    normal = posixpath.normpath(joined)
    return None if normal == ".." or normal.startswith("../") else normal


def content_path(path: Path, root: Path) -> str:
    """`path` relative to the content folder, POSIX, NFC ("atteli/foto.jpg")."""
    return nfc(path.relative_to(root).as_posix())


def output_stem(file: str) -> str:
    """The output name of a picture file: the slug of its NFC stem ("Foto 1.JPG" → "foto-1")."""
    return slugify(nfc(PurePosixPath(file).stem)) or "attels"


def url_folder(folder: str) -> str:
    """The ASCII address of a content folder's renditions, each component slugged as output
    names are ("atteli/Ēkas vasarā" → "atteli/ekas-vasara"; "." → "")."""
    parts = [p for p in PurePosixPath(folder).parts if p not in {".", "/"}]
    return "/".join(slugify(nfc(part)) or "mape" for part in parts)


def collisions(paths: list[str]) -> list[tuple[str, str]]:
    """Pairs (first, second) of content-relative paths whose output addresses coincide (same
    folder address, same stem: "plakats.jpg"/"plakats.png", "Foto 1.JPG"/"foto-1.jpg",
    "Ēkas/a.jpg"/"ekas/a.jpg"), in sorted order."""
    seen: dict[tuple[str, str], str] = {}
    pairs = []
    for path in sorted(paths):
        posix = PurePosixPath(path)
        key = (url_folder(posix.parent.as_posix()), output_stem(posix.name))
        if key in seen:
            pairs.append((seen[key], path))
        else:
            seen[key] = path
    return pairs
