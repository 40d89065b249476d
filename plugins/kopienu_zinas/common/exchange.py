"""Two paths trading places in one step: Linux's renameat2(2) with RENAME_EXCHANGE.

Replacing a folder by renaming the old one aside and the new one in leaves a moment with
nothing at the name: a build killed there (kill -9, a power cut, the OOM killer) left no
output/ at all (QA). RENAME_EXCHANGE swaps both names atomically (Linux 3.15, glibc 2.28; ext4,
xfs, btrfs, tmpfs and others support it). Python's `os` module has no binding for it, so the
C library's function is called through ctypes.
"""

from __future__ import annotations

import ctypes
import errno
import os
from collections.abc import Callable
from pathlib import Path

#: renameat2's "relative to the working directory" and its exchange flag (linux/fs.h).
_AT_FDCWD = -100
_RENAME_EXCHANGE = 2
#: What renameat2 says when this system or file system cannot exchange, or a name is missing.
_CANNOT = {errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP, errno.ENOENT,
           errno.EXDEV}


def _renameat2() -> Callable[..., int] | None:
    try:
        function = ctypes.CDLL(None, use_errno=True).renameat2
    except (AttributeError, OSError):  # no such function in this C library (not Linux)
        return None
    function.argtypes = (ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p,
                         ctypes.c_uint)
    function.restype = ctypes.c_int
    return function


_RENAMEAT2 = _renameat2()


def exchange(first: Path, second: Path) -> bool:
    """Swap the names of two existing paths atomically; False, changing nothing, where that
    cannot be done (no renameat2, a file system without RENAME_EXCHANGE, a path missing, two
    file systems). Raises OSError for any other failure (permissions, say)."""
    if _RENAMEAT2 is None:
        return False
    if _RENAMEAT2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second),
                  _RENAME_EXCHANGE) == 0:
        return True
    number = ctypes.get_errno()
    if number in _CANNOT:
        return False
    raise OSError(number, os.strerror(number), str(first), None, str(second))
