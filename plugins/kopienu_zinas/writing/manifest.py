"""The output manifest: what a successful build published, and from which inputs.

After every successful build the build tool records, per output folder, the SHA-256 of every
file it published and the digest of the whole build's inputs (:func:`build_inputs`). The next
build uses the manifest twice:

- unchanged pages are hardlinked from the published folder (writing/output.py) where the
  recorded digest is that of the new bytes, each published file then compared with them;
- "nothing changed": when the inputs' digest is the recorded one and every published file still
  has its recorded digest (and there is no other file), the published folder is what a new build
  would write (a build is a function of its inputs and BUILD_DATE), so the build stops there.

It also keeps each page file's dependency record (writing/records.py): the content its key
read, and the build's structure digest and Markdown sources' digests, so that the next build
can place a page whose content did not change without computing its key.

The manifest lives in `.cache/writing/manifests/`, named by the output folder's path; a missing
or damaged manifest is no manifest.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import stat
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from importlib import metadata
from pathlib import Path
from typing import Any

from ..common.atomicfile import replace_file, usual_mode
from ..common.fingerprint import (
    LOCATION_SETTINGS,
    Heads,
    Identity,
    TreeRead,
    code_digest,
    digest,
    file_digest,
    identity,
    read_tree,
    settings_digest,
    tree_digest,
)
from ..common.frontmatter import is_source
from ..common.sourcereader import shared_key
from .records import PageRecord, PreviousRecords, Structure, front_matter_digest
from .render import settings_code

VERSION = 3


@dataclass(frozen=True)
class Manifest:
    """`files`: relative path → SHA-256 hex of the published bytes; `inputs`: the build's
    input digest (None when the build cannot be repeated, e.g. without BUILD_DATE);
    `records`: the (level, text) problems the build printed, printed again when it is reused;
    `sources`: relative path → the render key (writing/render.py) of the page text whose UTF-8
    bytes the file held as the writer placed it, for the files that still held them when
    the build was published (writing/output.py proves reused pages with it); `touched`: for
    files in `sources`, the source paths of the content the page's key read; `structure` and
    `bodies`: the build's structure digest (None: its records are not to be used) and its
    Markdown sources' digests (writing/records.py)."""

    inputs: str | None
    files: dict[str, str]
    records: list[tuple[int, str]] = field(default_factory=list)
    sources: dict[str, str] = field(default_factory=dict)
    touched: dict[str, frozenset[str]] = field(default_factory=dict)
    structure: str | None = None
    bodies: dict[str, str] = field(default_factory=dict)

    def previous_records(self) -> PreviousRecords:
        """The page records this manifest holds, for the next build."""
        return PreviousRecords(self.structure, self.bodies, {
            relative: PageRecord(key, self.touched[relative])
            for relative, key in self.sources.items() if relative in self.touched})


def manifest_path(cache: Path, output: Path) -> Path:
    return cache / "writing" / "manifests" / f"{digest(str(output.resolve()))}.json"


def load(cache: Path, output: Path) -> Manifest | None:
    """The manifest of `output`, or None when there is none or it cannot be read."""
    try:
        data = json.loads(manifest_path(cache, output).read_text(encoding="utf-8"))
        if data.get("version") != VERSION or not isinstance(data["inputs"], (str, type(None))):
            return None
        structure = data["structure"]
        if not isinstance(structure, (str, type(None))):
            return None
        return Manifest(inputs=data["inputs"], files=_texts(data["files"]),
                        records=[(int(level), str(text)) for level, text in data["records"]],
                        sources=_texts(data["sources"]), touched=_touched(data["touched"]),
                        structure=structure, bodies=_texts(data["bodies"]))
    except (OSError, ValueError, KeyError, TypeError, AttributeError, IndexError):
        return None


def _touched(value: Any) -> dict[str, frozenset[str]]:
    """The page records' sets as saved (:func:`_touched_data`). Raises ValueError,
    IndexError or TypeError for anything else."""
    paths = value["paths"]
    if not isinstance(paths, list) or not all(isinstance(path, str) for path in paths):
        raise ValueError("not a list of paths")
    pages = value["pages"]
    if not isinstance(pages, dict) or not all(
            isinstance(indexes, list) and all(type(index) is int and index >= 0
                                              for index in indexes)
            for indexes in pages.values()):
        raise ValueError("not an object of index lists")
    return {relative: frozenset(paths[index] for index in indexes)
            for relative, indexes in pages.items()}


def _touched_data(touched: Mapping[str, frozenset[str]]) -> dict[str, Any]:
    """The page records' sets compactly: every source path once (`paths`), each page file's
    set as indexes into it (`pages`)."""
    paths = sorted(set().union(*touched.values()))
    number = {path: index for index, path in enumerate(paths)}
    return {"paths": paths, "pages": {relative: sorted(number[path] for path in read)
                                      for relative, read in touched.items()}}


def _texts(value: Any) -> dict[str, str]:
    """A JSON object of text values as a dict. Raises ValueError for anything else (a
    manifest edited or damaged so that it still parses is no manifest)."""
    if not isinstance(value, dict) or not all(isinstance(key, str) and isinstance(text, str)
                                              for key, text in value.items()):
        raise ValueError("not an object of text values")
    return value


def save(cache: Path, output: Path, manifest: Manifest) -> None:
    """Write the manifest atomically. A cache that cannot be written (read-only, full) leaves
    it unwritten: the next build then builds, as without a cache."""
    text = json.dumps({"version": VERSION, "inputs": manifest.inputs, "files": manifest.files,
                       "records": manifest.records, "sources": manifest.sources,
                       "touched": _touched_data(manifest.touched),
                       "structure": manifest.structure, "bodies": manifest.bodies},
                      ensure_ascii=False, sort_keys=True)
    with contextlib.suppress(OSError):
        replace_file(manifest_path(cache, output), text.encode("utf-8"))


def forget(cache: Path, output: Path) -> None:
    """Remove the manifest before the output changes. If it cannot be removed (a read-only
    cache), the stale manifest is harmless: `matches` checks the output's bytes against it."""
    with contextlib.suppress(OSError):
        manifest_path(cache, output).unlink(missing_ok=True)


@dataclass(frozen=True)
class Placed:
    """A file as the writer put it in place (writing/output.py): its identity just after,
    the SHA-256 hex of the bytes it wrote or linked, the render key of the page text they
    are the UTF-8 bytes of (None: not known to be a rendered page's), and the source paths of
    the content that key read (None: not known)."""

    identity: Identity
    digest: str
    source: str | None = None
    touched: frozenset[str] | None = None

    def with_touched(self, touched: frozenset[str] | None) -> Placed:
        return self if touched is None or self.source is None else replace(self, touched=touched)


def _entries(folder: str) -> Iterator[os.DirEntry[str]]:
    """Every file under `folder`, as os.walk finds them (links to folders not followed)."""
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                yield from _entries(entry.path)
            elif not entry.is_dir():
                yield entry


def scan_output(root: Path, placed: Mapping[str, Placed] | None = None
                ) -> tuple[dict[str, str], dict[str, str], dict[str, frozenset[str]]]:
    """Every file under `root` by relative path, with the SHA-256 of its bytes: from `placed`
    (absolute path → :class:`Placed`) for a file that still has the identity it had when it
    was placed, else read from the file (files not written by the writer: static files,
    gallery images, plugins' own files, and any replaced or changed since); the render
    key of each file that still has its placed identity and a known `source` (the manifest's
    `sources`), and of those the content their key read where it is known (`touched`).
    Raises OSError."""
    placed = placed or {}
    files: dict[str, str] = {}
    sources: dict[str, str] = {}
    touched: dict[str, frozenset[str]] = {}
    prefix = len(str(root)) + 1
    for entry in _entries(str(root)):
        relative = entry.path[prefix:].replace(os.sep, "/")
        known = placed.get(entry.path)
        if known is not None and known.identity == identity(entry.stat()):
            files[relative] = known.digest
            if known.source is not None:
                sources[relative] = known.source
                if known.touched is not None:
                    touched[relative] = known.touched
        else:
            files[relative] = file_digest(Path(entry.path))
    return files, sources, touched


def matches(root: Path, files: Mapping[str, str]) -> bool:
    """Whether `root` holds exactly `files` with exactly these bytes, as a build writes them:
    each a regular file, and nothing else — no symbolic link (in a file's place, or to a
    folder), no folder without a recorded file under it."""
    if not root.is_dir():
        return False
    folders = {relative.rsplit("/", depth)[0] for relative in files
               for depth in range(1, relative.count("/") + 1)}
    file_mode, folder_mode = usual_mode(), usual_mode(folder=True)
    prefix = len(str(root)) + 1
    pending = [str(root)]
    seen = 0
    try:
        while pending:
            with os.scandir(pending.pop()) as entries:
                for entry in entries:
                    relative = entry.path[prefix:].replace(os.sep, "/")
                    if entry.is_dir(follow_symlinks=False):
                        if relative not in folders \
                                or stat.S_IMODE(entry.stat(follow_symlinks=False).st_mode) \
                                != folder_mode:
                            return False
                        pending.append(entry.path)
                        continue
                    expected = files.get(relative)
                    if expected is None or _published_digest(entry.path, file_mode) != expected:
                        return False
                    seen += 1
    except OSError:  # a folder or file that cannot be read: build
        return False
    return seen == len(files)


def _published_digest(path: str, mode: int) -> str | None:
    """The SHA-256 hex of the file at `path` if it is a regular file (not a symbolic link)
    with permissions `mode`, as a build makes every file (chmod 600 by hand: a web server
    that is not its owner could not read it), else None. Raises OSError."""
    handle = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC)
    with os.fdopen(handle, "rb") as file:
        status = os.fstat(handle)
        if not stat.S_ISREG(status.st_mode) or stat.S_IMODE(status.st_mode) != mode:
            return None
        return hashlib.file_digest(file, "sha256").hexdigest()


def _named_paths(value: Any) -> Iterator[Path]:
    """Existing absolute paths named by a setting's value (e.g. CMS["bundle"])."""
    if isinstance(value, str) and os.path.isabs(value) and os.path.exists(value):
        yield Path(value)
    elif isinstance(value, Mapping):
        for item in value.values():
            yield from _named_paths(item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _named_paths(item)


@dataclass(frozen=True)
class Sources:
    """The files editors save, as read before a build: the content folder and the theme."""

    trees: tuple[TreeRead, ...]

    @property
    def digest(self) -> str:
        return digest(*(tree.digest for tree in self.trees))

    def changed(self) -> bool:
        """Whether a file was saved, added or removed since they were read (one `stat` per
        file, the files changed just before they were read read again:
        `fingerprint.TreeRead.changed`): the build tool asks after a build, since a file
        saved while the build read it makes the build's inputs unknown."""
        return any(tree.changed() for tree in self.trees)


#: What the content folder's Markdown sources are read for besides their digest: their front
#: matter's digest (the structure's, writing/records.py).
FRONT_MATTER = Heads(is_source, front_matter_digest)


def read_sources(settings: Mapping[str, Any]) -> Sources:
    """Read the content folder (PATH), each Markdown source's front matter digested too, and
    the theme (THEME). Raises OSError when a file cannot be read."""
    return Sources((read_tree(Path(settings["PATH"]), FRONT_MATTER),
                    read_tree(Path(settings["THEME"]))))


def environment_digest(settings: Mapping[str, Any], mode: str) -> str | None:
    """The digest of what a build reads besides the content folder and the theme: our code
    and every installed distribution's version, the settings (with BUILD_DATE), the build mode
    (`mode`, e.g. strict), what the reading cache's entries share (the Markdown arguments the
    reader uses, `sourcereader.shared_key`: the structure digest, and so the content digests
    kept across builds, is another whenever the HTML made of an unchanged body may be), and
    every file or folder another setting names. None without a fixed BUILD_DATE: then "now"
    differs in every build."""
    if not settings.get("BUILD_DATE"):
        return None
    distributions = sorted(f"{fields['Name']}=={fields['Version']}"  # each parsed once
                           for fields in (dist.metadata for dist in metadata.distributions()))
    named = sorted({(key, path.resolve()) for key, value in settings.items()
                    if key not in LOCATION_SETTINGS for path in _named_paths(value)})
    parts = [code_digest(), *distributions, settings_digest(settings), settings_code(settings),
             shared_key(settings), mode]
    for key, path in named:  # by the setting and what it holds: not where the clone is
        parts += [key, tree_digest(path) if path.is_dir() else file_digest(path)]
    return digest(*parts)


def build_inputs(environment: str | None, sources: Sources) -> str | None:
    """The digest of everything a build reads: its `environment` (:func:`environment_digest`;
    None: the build cannot be repeated), the content folder and the theme (`sources`)."""
    return None if environment is None else digest(environment, sources.digest)


def build_structure(environment: str | None, sources: Sources) -> Structure | None:
    """What the build tool knows of the build's structure (writing/records.py) before Pelican
    runs: its `environment`, the theme, and the content folder with each Markdown source by
    its path and front matter, every other file by its bytes; and each Markdown source's
    digest. None when the build cannot be repeated."""
    if environment is None:
        return None
    content, theme = sources.trees
    structure = digest(*(text for relative, part in content.parts.items() for text in (
        relative, f"front matter {content.heads[relative]}" if relative in content.heads
        else part)))
    return Structure(digest(environment, theme.digest, structure),
                     {relative: content.parts[relative] for relative in content.heads},
                     sources.changed)
