"""Content-hash keys for the build caches: what a cached result was computed from.

A key is a SHA-256 hex digest over everything that can change a result: the bytes of a source,
the settings, the code of our plugins, the theme's templates and the versions of the libraries
that produce output. File times never take part, so a fresh clone with `.cache/` restored (as CI
does) is warm, and a change that is then reverted finds its old entries again.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import stat
import sys
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

#: The distributions whose versions change what a build writes.
LIBRARIES = ("pelican", "markdown", "jinja2", "pillow", "feedgen", "babel", "icalendar",
             "pyyaml", "markupsafe", "pelican-yaml-metadata", "python-dateutil", "lxml")

#: Settings that say where a build reads or writes, not what it writes: a build into a
#: temporary staging folder (every build) or a clone in another folder keeps its keys.
LOCATION_SETTINGS = frozenset({"OUTPUT_PATH", "CACHE_PATH", "PATH", "THEME", "PLUGIN_PATHS"})

_PLUGIN_ROOT = Path(__file__).resolve().parents[1]


def digest(*parts: bytes | str) -> str:
    """SHA-256 hex digest of the parts, each length-prefixed (so ("ab", "c") ≠ ("a", "bc")).

    Text is taken as UTF-8, a file name that is not UTF-8 as its bytes on the disk: Python
    gives each byte of such a name as a lone surrogate U+DC80–U+DCFF (PEP 383,
    `surrogateescape`), which plain UTF-8 cannot encode (the content check names the file:
    common/filenames.py); other text digests as before. Raises UnicodeEncodeError only for a
    surrogate no file name holds (U+D800–U+DC7F, U+DD00–U+DFFF)."""
    hasher = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8", "surrogateescape") if isinstance(part, str) else part
        hasher.update(len(data).to_bytes(8, "big"))
        hasher.update(data)
    return hasher.hexdigest()


def file_digest(path: Path | str) -> str:
    """SHA-256 hex digest of a file's bytes. Raises OSError when it cannot be read."""
    with open(path, "rb") as file:
        return hashlib.file_digest(file, "sha256").hexdigest()


#: What tells a file apart from one put in its place or changed since: device, inode, size,
#: modification and change times (ns). The change time moves with every write, chmod, link
#: and unlink of the file and cannot be set back by hand.
Identity = tuple[int, int, int, int, int]

#: What a file of a tree was when it was read: its identity (:func:`identity`, of the file a
#: link leads to), or for a symbolic link that leads to no file, where it points.
FileState = Identity | str

#: Nanoseconds before a tree is read within which a file's last change leaves its identity no
#: proof that a later change would show: a change within the same tick of the file system's
#: clock (a few milliseconds; two seconds on FAT) can leave every number as it was. Such
#: recent files are read again by :meth:`TreeRead.changed`.
RECENT_NS = 2_000_000_000


def identity(status: os.stat_result) -> Identity:
    return (status.st_dev, status.st_ino, status.st_size, status.st_mtime_ns,
            status.st_ctime_ns)


@dataclass(frozen=True)
class TreeRead:
    """A tree as :func:`read_tree` read it: `digest` (:func:`tree_digest`), each file's state
    (:data:`FileState`, taken before its bytes were read) by relative POSIX path in sorted
    order, and the digest part (the bytes' SHA-256 hex) of each file changed less than
    RECENT_NS before the reading began; `parts`: every file's digest part; `heads`: for the
    files a :class:`Heads` wanted, the digest of what it took from their bytes."""

    root: Path
    digest: str
    states: dict[str, FileState]
    recent: dict[str, str]
    parts: dict[str, str] = field(default_factory=dict)
    heads: dict[str, str] = field(default_factory=dict)

    def changed(self) -> bool:
        """Whether a file may have been saved, added, removed or renamed since the tree was
        read (also when it cannot be walked or read now): the files' states tell, and the
        recent files' bytes, read again; the other files are not read. One `stat` per file."""
        try:
            files = _tree_files(self.root)
            return [(relative, state) for relative, _path, state in files] \
                != list(self.states.items()) \
                or any(_part(path, state) != self.recent[relative]
                       for relative, path, state in files if relative in self.recent)
        except OSError:
            return True


def file_state(path: str) -> FileState | None:
    """The identity of the file at `path` (following links) if it is a regular file; for a
    symbolic link that leads to no regular file (to nothing, a loop of links, a device),
    `link:` and where it points; None for anything else (a named pipe, a file gone)."""
    try:
        status = os.stat(path)
        if stat.S_ISREG(status.st_mode):
            return identity(status)
    except OSError:
        pass
    try:
        return f"link:{os.readlink(path)}"
    except OSError:
        return None


def _part(path: str, state: FileState) -> str:
    """A tree file's part of the tree's digest: its bytes' SHA-256 hex, or its link text.
    Raises OSError when the file cannot be read."""
    return state if isinstance(state, str) else file_digest(path)


@dataclass(frozen=True)
class Heads:
    """What :func:`read_tree` also takes from some files' bytes, read once: `wanted(relative)`
    says which (by relative POSIX path; never asked about a path that is not UTF-8, which no
    build reads: common/leftbehind.py NOT_UTF8), `digest(data)` what it takes (a digest)."""

    wanted: Callable[[str], bool]
    digest: Callable[[bytes], str]


def read_tree(root: Path, heads: Heads | None = None) -> TreeRead:
    """Read every file under `root` (:func:`tree_digest`), each file's state taken before its
    bytes are read; the files `heads` wants are read whole, and what it takes from them kept.
    Raises OSError when a file cannot be read."""
    since = time.time_ns() - RECENT_NS
    recent: dict[str, str] = {}
    parts: dict[str, str] = {}
    taken: dict[str, str] = {}
    files = _tree_files(root)
    for relative, path, state in files:
        if heads is not None and isinstance(state, tuple) and is_text(relative) \
                and heads.wanted(relative):
            with open(path, "rb") as file:
                data = file.read()
            part = hashlib.sha256(data).hexdigest()
            taken[relative] = heads.digest(data)
        else:
            part = _part(path, state)
        if isinstance(state, tuple) and state[4] >= since:
            recent[relative] = part
        parts[relative] = part
    return TreeRead(root, digest(*(text for pair in parts.items() for text in pair)),
                    {relative: state for relative, _path, state in files}, recent, parts, taken)


def is_text(path: str) -> bool:
    """Whether a path (or name) as Python gives it is UTF-8 text: it holds no byte of a name
    that is not UTF-8 (a lone surrogate, PEP 383)."""
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def tree_digest(root: Path) -> str:
    """Digest of the relative names and bytes of every file under `root`, in sorted order;
    `__pycache__` folders are left out. A missing root gives the digest of nothing. Files in a
    folder reached through a symbolic link count under the link's name, as Pelican's generators
    (`os.walk(followlinks=True)`) and Jinja's loader read them; a symbolic link that leads to
    no file (to nothing, or a loop of links) counts by where it points: an editor adding one
    changes the tree (the content check names it). Raises OSError when a file cannot be
    read."""
    return read_tree(root).digest


def _tree_files(root: Path) -> list[tuple[str, str, FileState]]:
    """Every file under `root` as (relative POSIX path, path, :func:`file_state`), sorted as
    their `Path`s sort (part by part): links to folders followed (a link back to a folder
    already walked is not: no loop), `__pycache__` folders left out."""
    top = os.fspath(root)
    found: list[tuple[str, str, FileState]] = []
    walked: set[str] = set()
    for folder, folders, names in os.walk(top, followlinks=True):
        walked.add(os.path.realpath(folder))
        folders[:] = [name for name in folders if name != "__pycache__"
                      and os.path.realpath(os.path.join(folder, name)) not in walked]
        under = os.path.relpath(folder, top).replace(os.sep, "/")
        for name in names:
            path = os.path.join(folder, name)
            state = file_state(path)
            if state is not None:
                found.append((name if under == "." else f"{under}/{name}", path, state))
    found.sort(key=lambda file: file[0].split("/"))
    return found


@functools.cache
def library_versions() -> dict[str, str]:
    """Python's and each installed library's version, by distribution name."""
    versions = {"python": sys.version.split()[0]}
    for name in LIBRARIES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "-"
    return versions


@functools.cache
def code_digest() -> str:
    """Digest of our plugins' code (every file of the kopienu_zinas package) and the library
    versions: a new version of either makes every cached result a miss."""
    return digest(tree_digest(_PLUGIN_ROOT), json.dumps(library_versions(), sort_keys=True))


#: What a setting's value that names an existing file or folder by its absolute path stands
#: as in the settings' digest (:func:`_stable`).
NAMED_PATH = "<path>"


def _stable(value: Any, project: str = "") -> Any:
    """A JSON-ready form of a setting's value whose text is the same in every run (callables
    by their qualified name, not by their address) and in every clone: an absolute path of
    an existing file or folder, or one inside the `project` folder (CMS["bundle"], installed
    or not yet), as :data:`NAMED_PATH`, so that a `.cache/` copied to a clone at another path
    is warm (QA); what such a file holds is counted where it is read
    (writing/manifest.environment_digest)."""
    if isinstance(value, str) and os.path.isabs(value) and (
            os.path.exists(value) or (project and value.startswith(project + os.sep))):
        return NAMED_PATH
    if isinstance(value, Mapping):
        return {str(key): _stable(item, project)
                for key, item in sorted(value.items(), key=repr)}
    if isinstance(value, (list, tuple)):
        return [_stable(item, project) for item in value]
    if isinstance(value, (set, frozenset)):
        return sorted(repr(_stable(item, project)) for item in value)
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    if callable(value):
        return f"{getattr(value, '__module__', '')}.{getattr(value, '__qualname__', repr(type(value)))}"
    return repr(value)


def settings_digest(settings: Mapping[str, Any], leave_out: Iterable[str] = ()) -> str:
    """Digest of the settings, without the locations (LOCATION_SETTINGS) and `leave_out`
    (e.g. BUILD_DATE for a result that does not depend on the day), with the code of the
    plugin folders they name (`plugin_code_digests`)."""
    skipped = LOCATION_SETTINGS | set(leave_out)
    chosen = {key: _stable(value, project_folder(settings)) for key, value in settings.items()
              if key not in skipped}
    return digest(json.dumps(chosen, sort_keys=True, ensure_ascii=False),
                  *plugin_code_digests(settings))


def project_folder(settings: Mapping[str, Any]) -> str:
    """The folder the content folder (PATH) is in: the clone's, for the settings the
    Makefile builds with ("" without PATH)."""
    path = settings.get("PATH")
    return os.path.dirname(os.path.abspath(path)) if path else ""


def plugin_code_digests(settings: Mapping[str, Any]) -> list[str]:
    """The digest of every folder in PLUGIN_PATHS (the code of the plugins the settings load,
    ours and any other), in order: a plugin edited outside our package changes the settings'
    digest, so no cache serves what its old code made."""
    return [tree_digest(Path(folder)) for folder in settings.get("PLUGIN_PATHS") or []]


def templates_digest(settings: Mapping[str, Any]) -> str:
    """Digest of the theme's files (templates and static files) named by THEME."""
    return tree_digest(Path(settings["THEME"]))
