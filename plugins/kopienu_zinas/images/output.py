"""Writing processed pictures into output/: hard links to the cache where possible.

A hard link is the cache entry's file itself, so it carries that file's permissions, which are
whatever the process that wrote the entry had (its umask), or what a `chmod` of the cache gave
it since. A published picture must have the permissions a cold build gives it: those of a new
file under this build's umask (:func:`..common.atomicfile.usual_mode`, as the writer gives every
page). So the cache file is linked only when its permissions are those; otherwise it is first
replaced in the cache by a copy that has them (once: the next builds link it again), and where
the cache cannot be written (a read-only cache), the picture is copied into the output instead.
The cache file's inode is never changed (no `chmod`): other hard links to it (the published
output of an earlier build, still served while this one runs) keep theirs (QA report of session
11: a cache filled under umask 077 published every picture 0600 for good, and a web server
running as another user answered 403; a cache made read-only published them 0444).
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from ..common.atomicfile import create_file, replace_file, usual_mode


def link_or_copy(source: Path, target: Path, mode: int | None = None) -> None:
    """`target` (its folders created) with the bytes of `source` and the permissions `mode`
    (None: :func:`usual_mode`, a new file's under the process's umask); an existing file is
    replaced. `source` (a cache file) is linked when it has `mode`, else replaced by a copy
    that has it and then linked, else copied. Raises OSError (`source` unreadable, `target`'s
    folder not writable)."""
    mode = usual_mode() if mode is None else mode
    target.parent.mkdir(parents=True, exist_ok=True)
    target.unlink(missing_ok=True)
    if stat.S_IMODE(os.stat(source).st_mode) != mode:
        try:
            _renew(source, mode)
        except OSError:  # a read-only cache: the picture is copied, with the usual permissions
            _copy(source, target, mode)
            return
    try:
        os.link(source, target)
    except OSError:  # another file system, or no hard links there
        _copy(source, target, mode)


def _renew(source: Path, mode: int) -> None:
    """`source` replaced by a new file with the same bytes and permissions `mode` (temporary
    file renamed over it: a reader sees the old file or the new one, whole). Raises OSError."""
    replace_file(source, source.read_bytes())
    if stat.S_IMODE(os.stat(source).st_mode) != mode:  # `mode` is not the umask's
        os.chmod(source, mode)


def _copy(source: Path, target: Path, mode: int) -> None:
    """A new file at `target` with the bytes of `source` and permissions `mode`, created
    exclusively (never written through a name that exists: it may be a link into the cache).
    Raises OSError."""
    create_file(target, source.read_bytes())
    if stat.S_IMODE(os.stat(target).st_mode) != mode:
        os.chmod(target, mode)
