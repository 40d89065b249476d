"""Replacing a file without writing into it: a temporary file beside it, renamed over it.

A build's staging folder holds hardlinks (gallery files into `.cache/`, unchanged pages into the
published `output/`, docs/building.md "Caches: writing"): writing such a file in place would
change the cache or the published site too. Anything that rewrites a file in the output folder
uses :func:`replace_file`.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path


def usual_mode(folder: bool = False) -> int:
    """The permissions a new file (0o666) or folder (0o777) gets from open()/mkdir() under the
    process's umask. `tempfile` makes them private (0600/0700), which a published site must not
    be: a web server that is not the file's owner would answer 403."""
    mask = os.umask(0)
    os.umask(mask)
    return (0o777 if folder else 0o666) & ~mask


def replace_with(path: Path, fill: Callable[[Path], None]) -> None:
    """Put a new file at `path` by temp file + rename (atomic on POSIX): `fill` gets the
    temporary file (empty, with the usual permissions, `usual_mode`) and writes it, or replaces
    it by a hardlink. Raises OSError (and whatever `fill` raises); no temporary file is left."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        os.fchmod(handle, usual_mode())
        os.close(handle)
        fill(Path(temporary))
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def replace_file(path: Path, data: bytes) -> None:
    """Put `data` at `path` by temp file + rename (`replace_with`). Raises OSError."""
    def fill(temporary: Path) -> None:
        temporary.write_bytes(data)

    replace_with(path, fill)
