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
import sys
from collections.abc import Iterable, Mapping
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
    """SHA-256 hex digest of the parts, each length-prefixed (so ("ab", "c") ≠ ("a", "bc"))."""
    hasher = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        hasher.update(len(data).to_bytes(8, "big"))
        hasher.update(data)
    return hasher.hexdigest()


def file_digest(path: Path) -> str:
    """SHA-256 hex digest of a file's bytes. Raises OSError when it cannot be read."""
    with path.open("rb") as file:
        return hashlib.file_digest(file, "sha256").hexdigest()


def tree_digest(root: Path, files: Iterable[Path] | None = None) -> str:
    """Digest of the relative names and bytes of every file under `root` (or of `files`, each
    under `root`), in sorted order; `__pycache__` folders are left out. A missing root gives the
    digest of nothing. Files in a folder reached through a symbolic link count under the link's
    name, as Pelican's generators (`os.walk(followlinks=True)`) and Jinja's loader read them."""
    chosen = sorted(files if files is not None else files_under(root))
    parts: list[str] = []
    for file in chosen:
        parts += [file.relative_to(root).as_posix(),
                  file_digest(file) if os.path.isfile(file) else f"link:{os.readlink(file)}"]
    return digest(*parts)


def files_under(root: Path) -> list[Path]:
    """Every file under `root`, links to folders followed (a link back to a folder already
    walked is not: no loop), `__pycache__` folders left out; and every symbolic link that
    leads to no file (to nothing, or a loop of links), which counts by where it points: an
    editor adding one changes the tree (the content check names it)."""
    found: list[Path] = []
    walked: set[str] = set()
    for folder, folders, names in os.walk(root, followlinks=True):
        walked.add(os.path.realpath(folder))
        folders[:] = [name for name in folders if name != "__pycache__"
                      and os.path.realpath(os.path.join(folder, name)) not in walked]
        found.extend(Path(folder, name) for name in names
                     if os.path.isfile(path := os.path.join(folder, name))
                     or os.path.islink(path))
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


def _stable(value: Any) -> Any:
    """A JSON-ready form of a setting's value whose text is the same in every run (callables
    by their qualified name, not by their address)."""
    if isinstance(value, Mapping):
        return {str(key): _stable(item) for key, item in sorted(value.items(), key=repr)}
    if isinstance(value, (list, tuple)):
        return [_stable(item) for item in value]
    if isinstance(value, (set, frozenset)):
        return sorted(repr(_stable(item)) for item in value)
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
    chosen = {key: _stable(value) for key, value in settings.items() if key not in skipped}
    return digest(json.dumps(chosen, sort_keys=True, ensure_ascii=False),
                  *plugin_code_digests(settings))


def plugin_code_digests(settings: Mapping[str, Any]) -> list[str]:
    """The digest of every folder in PLUGIN_PATHS (the code of the plugins the settings load,
    ours and any other), in order: a plugin edited outside our package changes the settings'
    digest, so no cache serves what its old code made."""
    return [tree_digest(Path(folder)) for folder in settings.get("PLUGIN_PATHS") or []]


def templates_digest(settings: Mapping[str, Any]) -> str:
    """Digest of the theme's files (templates and static files) named by THEME."""
    return tree_digest(Path(settings["THEME"]))
