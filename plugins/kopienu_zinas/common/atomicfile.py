"""Replacing a file without writing into it: a temporary file beside it, renamed over it.

A build's staging folder holds hardlinks (gallery files into `.cache/`, unchanged pages into the
published `output/`, docs/building.md "Caches: writing"): writing such a file in place would
change the cache or the published site too. Anything that rewrites a file in the output folder
uses :func:`replace_file`.

The temporary file is named by the process and a counter (`.tmp-<pid>-<n>`) and created
exclusively with mode 0o666, so the umask gives it the usual permissions with no further call
(`tempfile` makes files private, 0600, which a web server that is not the file's owner could not
read). A folder is made only when the file cannot be created for want of it. So one replacement
costs four system calls (create, write, close, rename); a new file (:func:`create_file`), three.
"""

from __future__ import annotations

import contextlib
import itertools
import os
from collections.abc import Callable
from pathlib import Path

#: Numbers the temporary names of this process (a forked worker has its own pid).
_COUNTER = itertools.count()
#: The start of a temporary file's name, then the writing process's pid, `-` and a counter.
TEMPORARY_PREFIX = ".tmp-"


def abandoned_temporary(name: str) -> bool:
    """Whether a file name is one of this module's temporary files whose process has ended
    (killed between writing and renaming it): safe to remove."""
    if not name.startswith(TEMPORARY_PREFIX):
        return False
    pid, _, counter = name[len(TEMPORARY_PREFIX):].partition("-")
    if not (pid.isdigit() and counter.isdigit()):
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except OSError:  # another user's running process
        return False
    return False
#: How many temporary names to try when a name is taken (a leftover of an earlier process
#: that had the same pid).
_ATTEMPTS = 100
#: Flags of a new file written once: created here, never through an existing name.
CREATE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC


def usual_mode(folder: bool = False) -> int:
    """The permissions a new file (0o666) or folder (0o777) gets from open()/mkdir() under the
    process's umask."""
    mask = os.umask(0)
    os.umask(mask)
    return (0o777 if folder else 0o666) & ~mask


def read_whole(handle: int) -> bytes:
    """The bytes of the open regular file `handle`, from its start position to its end: its
    size asked, then one read of one byte more (a file that grew meanwhile is read on to its
    end). Raises OSError."""
    size = os.fstat(handle).st_size
    data = os.read(handle, size + 1)
    if len(data) <= size:
        return data
    parts = [data]
    while chunk := os.read(handle, 1 << 20):
        parts.append(chunk)
    return b"".join(parts)


def create_file(path: str | Path, data: bytes) -> None:
    """A new file at `path` holding `data`, with the usual permissions (0o666 under the umask).
    Raises FileExistsError when `path` exists (it may be a hardlink: never written through),
    FileNotFoundError when its folder does not, other OSError (a full disk); leaves no partial
    file."""
    handle = os.open(path, CREATE, 0o666)
    try:
        with memoryview(data) as rest:
            while rest:
                rest = rest[os.write(handle, rest):]
    except BaseException:
        os.close(handle)
        os.unlink(path)
        raise
    os.close(handle)


def replace_with(path: str | Path, create: Callable[[str], None]) -> None:
    """Put a new file at `path` by temp file + rename (atomic on POSIX): `create` gets a name
    beside `path` that does not exist and makes the file there (writes it, or hardlinks another
    file there), raising FileExistsError if the name exists. `path`'s folder is made if it is
    missing. Raises OSError (and whatever `create` raises); no temporary file is left."""
    folder = os.path.dirname(path)
    made_folder = False
    for _attempt in range(_ATTEMPTS):
        temporary = os.path.join(folder, f"{TEMPORARY_PREFIX}{os.getpid()}-{next(_COUNTER)}")
        try:
            create(temporary)
        except FileExistsError:
            continue
        except FileNotFoundError:
            if made_folder or not folder:
                raise
            os.makedirs(folder, exist_ok=True)
            made_folder = True
            continue
        try:
            os.replace(temporary, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
            raise
        return
    raise FileExistsError(f"no free temporary name beside {path}")


def replace_file(path: str | Path, data: bytes) -> None:
    """Put `data` at `path` by temp file + rename (`replace_with`). Raises OSError."""
    replace_with(path, lambda temporary: create_file(temporary, data))

