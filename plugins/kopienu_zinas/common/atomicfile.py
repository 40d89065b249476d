"""Replacing a file without writing into it: a temporary file beside it, renamed over it.

A build's staging folder holds hardlinks (gallery files into `.cache/`, unchanged pages into the
published `output/`, docs/building.md "Caches: writing"): writing such a file in place would
change the cache or the published site too. Anything that rewrites a file in the output folder
uses :func:`replace_file`.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def replace_file(path: Path, data: bytes) -> None:
    """Put `data` at `path` by temp file + rename (atomic on POSIX). Raises OSError."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
