"""The names under content/, listed once per build, so the content rules ask no more of the disk.

A :class:`ContentFolder` holds every file, folder and symbolic link under content/ (where each
link points), as the content check's cache key digests them (common/checkcache.py). While one
is *active* (:func:`activated`: the content check's run, or a check worker's life), the path
questions of the rules (site/references.py `is_inside`, site/links.py) are answered from it:
`os.path.realpath` of a path under content/ is the content folder's real path and the path's
own names, as long as no symbolic link lies on the way and no `..` leaves the folder; those
few paths, and every path when no snapshot is active, are asked of the disk as before. The
answers are the disk's as long as the folder does not change during the check (a change
during it changes the next build's keys anyway).

What editors' tools and operating systems leave behind (common/leftbehind.py: `.DS_Store`,
`Thumbs.db`, `.#raksts.md` …) is not listed, nor anything in a folder so named: it is no
content, so neither the rules nor the keys see it (a `.DS_Store` Finder rewrites is no change);
a path question about such a name is asked of the disk. A name that is not UTF-8 is left out
the same way (Pelican does not read it either), but listed apart, `misnamed`, with every such
name inside a folder so named: the content check reports each (common/filenames.py).
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .fingerprint import digest
from .leftbehind import left_behind, misnamed

#: Kinds of entries (what `os.scandir` says without following links).
FOLDER, FILE, LINK, OTHER = "folder", "file", "link", "other"


@dataclass(frozen=True)
class ContentFolder:
    """The content folder `root` (as the settings name it) and what lies under it, what is
    left behind (common/leftbehind.py) left out.

    `kinds` maps each relative POSIX path ("atteli/foto.jpg") to FOLDER, FILE, LINK or OTHER;
    `links` maps each symbolic link's relative path to where it points (`os.readlink`);
    `unlisted` holds folders that could not be listed (what is in them is asked of the disk);
    `misnamed`: (relative path, kind) of each file and folder whose own name is not UTF-8
    (leftbehind.misnamed), also inside a folder so named, in path order: none is in `kinds`.
    """

    root: str
    real_root: str
    kinds: dict[str, str] = field(default_factory=dict)
    links: dict[str, str] = field(default_factory=dict)
    unlisted: frozenset[str] = frozenset()
    misnamed: tuple[tuple[str, str], ...] = ()

    @classmethod
    def scan(cls, root: Path | str) -> ContentFolder:
        """List everything under `root` but what is left behind (symbolic links to folders
        are not followed, as `os.walk` does not); a folder that cannot be listed is skipped,
        as `os.walk` does. Names that are not UTF-8 are listed apart (`misnamed`)."""
        top = os.fspath(root)
        kinds: dict[str, str] = {}
        links: dict[str, str] = {}
        unlisted: set[str] = set()
        found_misnamed: list[tuple[str, str]] = []
        pending = [""]
        apart: set[str] = set()  # folders whose own name, or a folder's above, is not UTF-8
        while pending:
            relative = pending.pop()
            try:
                with os.scandir(os.path.join(top, relative) if relative else top) as entries:
                    listed = list(entries)
            except OSError:
                if relative not in apart:
                    unlisted.add(relative)
                continue
            for entry in listed:
                name = f"{relative}/{entry.name}" if relative else entry.name
                reported = misnamed(entry.name)
                if left_behind(entry.name) and not reported:
                    continue
                if reported:
                    found_misnamed.append((name, _kind(entry)))
                if reported or relative in apart:  # no content: only its names are looked at
                    if entry.is_dir(follow_symlinks=False):
                        apart.add(name)
                        pending.append(name)
                    continue
                if entry.is_symlink():
                    kinds[name] = LINK
                    try:
                        links[name] = os.readlink(entry.path)
                    except OSError:
                        links[name] = ""
                elif entry.is_dir(follow_symlinks=False):
                    kinds[name] = FOLDER
                    pending.append(name)
                else:
                    kinds[name] = FILE if entry.is_file(follow_symlinks=False) else OTHER
        return cls(top, os.path.realpath(top), kinds, links, frozenset(unlisted),
                   tuple(sorted(found_misnamed, key=lambda found: found[0].split("/"))))

    def complete_names(self) -> list[str] | None:
        """Every name under the folder (relative POSIX paths, folders included; what is left
        behind left out) when they are all the disk would show — no symbolic link (the disk
        may lead on through it), no folder that could not be listed — else None (the caller
        asks the disk)."""
        if self.links or self.unlisted:
            return None
        return list(self.kinds)

    def digest(self) -> str:
        """Digest of the names (and where each symbolic link points), not of the bytes."""
        return digest(*sorted(f"{name}\0{self.links[name]}" if name in self.links else name
                              for name in self.kinds))

    def walk(self, path: str) -> tuple[str, bool] | None:
        """`path` (under `root` as written, "." and ".." taken as they come) as a relative
        path ("" for the folder itself) that names no symbolic link on the way and stays
        inside the folder, and whether every name before its last is an existing folder (or
        the system refuses to look further: a missing folder, a file); None when the disk
        must say (a link, an unlisted folder, a name left behind, a `..` leaving content/,
        another folder, not POSIX)."""
        if os.sep != "/" or not (path == self.root or path.startswith(self.root + "/")):
            return None
        kept: list[str] = []
        current, reachable = "", True
        for part in path[len(self.root) + 1:].split("/") if path != self.root else ():
            if current in self.unlisted:
                return None
            if current and self.kinds.get(current) != FOLDER:
                reachable = False  # what follows a missing name or a file cannot be opened
            if part in ("", "."):
                continue
            if part == "..":
                if not kept:
                    return None
                kept.pop()
            elif left_behind(part):
                return None
            else:
                kept.append(part)
            current = "/".join(kept)
            if self.kinds.get(current) == LINK:
                return None
        return current, reachable

    def realpath(self, path: str) -> str:
        """`os.path.realpath(path)`, from the listing where it can be."""
        walked = self.walk(path)
        if walked is None:
            return os.path.realpath(path)
        return f"{self.real_root}/{walked[0]}" if walked[0] else self.real_root


def _kind(entry: os.DirEntry[str]) -> str:
    """FOLDER, FILE, LINK or OTHER, as `os.scandir` tells without following links."""
    if entry.is_symlink():
        return LINK
    if entry.is_dir(follow_symlinks=False):
        return FOLDER
    return FILE if entry.is_file(follow_symlinks=False) else OTHER


_ACTIVE: list[ContentFolder] = []


def active(path: str) -> ContentFolder | None:
    """The active snapshot whose folder holds `path` (as written), if any."""
    for snapshot in _ACTIVE:
        if path == snapshot.root or path.startswith(snapshot.root + "/"):
            return snapshot
    return None


@contextlib.contextmanager
def activated(snapshot: ContentFolder) -> Iterator[ContentFolder]:
    """Answer path questions under `snapshot.root` from it until the block ends."""
    _ACTIVE.insert(0, snapshot)
    try:
        yield snapshot
    finally:
        _ACTIVE.remove(snapshot)


def activate_for_process(snapshot: ContentFolder) -> None:
    """In a check worker: answer from `snapshot` for the rest of the process's life."""
    _ACTIVE.insert(0, snapshot)


def realpath(path: Path | str) -> str:
    """`os.path.realpath`, from the active snapshot when one holds the path."""
    text = os.fspath(path)
    snapshot = active(text)
    return snapshot.realpath(text) if snapshot is not None else os.path.realpath(text)


def is_file(path: Path | str) -> bool:
    """`os.path.isfile`, from the active snapshot when one holds the path."""
    text = os.fspath(path)
    snapshot = active(text)
    walked = snapshot.walk(text) if snapshot is not None else None
    if snapshot is None or walked is None:
        return os.path.isfile(text)
    relative, reachable = walked
    return reachable and snapshot.kinds.get(relative) == FILE


def symlinks(root: Path | str) -> list[tuple[str, str]]:
    """Every symbolic link under `root` but those left behind (an emacs lock `.#raksts.md`):
    its POSIX path relative to `root` and where it points (`os.readlink`), sorted; from the
    active snapshot of `root` when there is one, else from the disk (`os.walk`, which like the
    snapshot does not follow links to folders)."""
    text = os.fspath(root)
    snapshot = active(text)
    if snapshot is not None and snapshot.root == text:
        return sorted(snapshot.links.items())
    return sorted((relative, os.readlink(path)) for relative, path in _walk(text)
                  if os.path.islink(path))


def misnamed_names(root: Path | str) -> tuple[tuple[str, str], ...]:
    """Every file and folder under `root` whose own name is not UTF-8, also inside a folder so
    named (ContentFolder `misnamed`: relative path as Python gives it, kind), in path order;
    from the active snapshot of `root` when there is one, else from the disk."""
    text = os.fspath(root)
    snapshot = active(text)
    if snapshot is not None and snapshot.root == text:
        return snapshot.misnamed
    return ContentFolder.scan(text).misnamed


def files(root: Path | str) -> list[str]:
    """Every file under `root`, and every symbolic link to one, but what is left behind: POSIX
    paths relative to `root`, sorted; from the active snapshot of `root` when there is one,
    else from the disk (links to folders not followed, as `os.walk` does not)."""
    text = os.fspath(root)
    snapshot = active(text)
    if snapshot is not None and snapshot.root == text:
        return sorted(name for name, kind in snapshot.kinds.items()
                      if kind == FILE or (kind == LINK and os.path.isfile(f"{text}/{name}")))
    return sorted(relative for relative, path in _walk(text) if os.path.isfile(path))


def _walk(root: str) -> Iterator[tuple[str, str]]:
    """(POSIX path relative to `root`, path) of every name under `root` (folders included) as
    `os.walk` finds them, but what is left behind (nor what such a folder holds)."""
    for folder, dirs, names in os.walk(root):
        dirs[:] = [name for name in dirs if not left_behind(name)]
        for name in [*dirs, *(name for name in names if not left_behind(name))]:
            path = os.path.join(folder, name)
            yield Path(path).relative_to(root).as_posix(), path
