"""A folder of cached results under `.cache/`, one pickled file per content-hash key.

Reading never trusts the folder: a missing, truncated, corrupted or foreign entry (written by
another version of the code, whose keys differ anyway) is a miss, removed and rebuilt by the
caller. A new entry is written straight at its name, created exclusively (never through an
existing name); one that exists is replaced by a temporary file renamed over it. Half an entry
(a build stopped while writing it, or one read while another build writes it) fails its digest
and is a miss like any damage: the output never depends on it.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
from pathlib import Path
from typing import Any

from .atomicfile import abandoned_temporary, create_file, read_whole, replace_file

#: The header every entry starts with; anything else is not one of ours. Then the entry's own
#: key and the SHA-256 of the pickled value, each on its line: an entry copied under another
#: key, or with a flipped byte that still unpickles, is a miss too.
MAGIC = b"kopienu-zinas-cache-2\n"
#: Beside the entries: the keys the previous `prune_keeping_previous` kept as used.
PREVIOUS_BUILD = "previous-build"


class CacheStore:
    """Entries of one kind (e.g. "markdown") under `root/<kind>/<key[:2]>/<key>`.

    `get` returns the stored value or None; `put` stores a picklable value; `used` lists the keys
    read or written by this process, so the caller can `prune` the rest at the end of a build.
    """

    def __init__(self, root: Path, kind: str) -> None:
        self.folder = root / kind
        self._folder = str(self.folder)
        self.used: set[str] = set()

    def entry_file(self, key: str) -> str:
        """The file that holds (or would hold) the entry of `key`."""
        return f"{self._folder}/{key[:2]}/{key}"

    def contains(self, key: str) -> bool:
        """Whether an entry is stored under `key` (not whether it is readable: `get` says)."""
        return os.path.isfile(self.entry_file(key))

    def get(self, key: str) -> Any | None:
        """The value stored under `key`, or None for a miss (an unreadable entry is removed)."""
        path = self.entry_file(key)
        try:
            data = _read(path)
        except OSError:
            return None
        try:
            value = pickle.loads(_payload(data, key))
        except Exception:  # any damage to an entry is a miss, never a failure
            with contextlib.suppress(OSError):
                os.unlink(path)
            return None
        self.used.add(key)
        return value

    def put(self, key: str, value: Any) -> None:
        """Store `value` under `key` (`get` finds it whole or not at all). A value that cannot
        be pickled, or a full disk, leaves the entry absent: the cache is an optimisation, never
        a reason to fail."""
        self.used.add(key)
        try:
            payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
            data = b"".join((MAGIC, key.encode("ascii"), b"\n",
                             hashlib.sha256(payload).hexdigest().encode("ascii"), b"\n", payload))
            _store(self.entry_file(key), data)
        except (OSError, pickle.PicklingError, TypeError, AttributeError):
            return

    def prune(self) -> int:
        """Remove every entry this process neither read nor wrote; how many went."""
        return self._remove_all_but(self.used)

    def prune_keeping_previous(self) -> int:
        """Like `prune`, but also keep the entries that the previous call used (the previous
        successful build), so that an edit undone in the next build finds its old entries:
        at most two builds' entries stay. How many went."""
        record = self.folder / PREVIOUS_BUILD
        try:
            previous = set(record.read_text(encoding="ascii").split())
        except (OSError, ValueError):  # absent or damaged: keep only this build's
            previous = set()
        removed = self._remove_all_but(self.used | previous)
        with contextlib.suppress(OSError):  # then next time only that build's entries are kept
            replace_file(record, "".join(f"{key}\n" for key in sorted(self.used)).encode("ascii"))
        return removed

    def _remove_all_but(self, keep: set[str]) -> int:
        """Remove every entry (and leftover temporary file) not named in `keep`: one listing
        of each `<key[:2]>` folder, no other call for a kept entry."""
        removed = 0
        try:
            listed = list(os.scandir(self._folder))
        except OSError:  # no folder: nothing stored
            return 0
        folders = [entry.path for entry in listed if entry.is_dir(follow_symlinks=False)]
        for entry in listed:  # the previous-build record's, left by a killed build (QA)
            if abandoned_temporary(entry.name):
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)
                removed += 1
        for folder in folders:
            with contextlib.suppress(OSError), os.scandir(folder) as entries:
                for entry in entries:
                    if entry.name not in keep:
                        with contextlib.suppress(FileNotFoundError):
                            os.unlink(entry.path)
                        removed += 1
        return removed


def _store(path: str, data: bytes) -> None:
    """Write an entry: a new one straight at its name, created exclusively (half of one, from
    a build stopped while writing it or read while another build writes it, fails its digest:
    a miss); one that exists, or whose folder is missing, by temp file + rename. Raises
    OSError."""
    try:
        create_file(path, data)
    except (FileExistsError, FileNotFoundError):
        replace_file(path, data)


def _read(path: str) -> bytes:
    """The bytes of the file at `path` (a short read, were there one, gives a damaged entry:
    a miss). Raises OSError."""
    handle = os.open(path, os.O_RDONLY | os.O_CLOEXEC)
    try:
        return read_whole(handle)
    finally:
        os.close(handle)


def _payload(data: bytes, key: str) -> bytes:
    """The pickled value of an entry read from disk, after checking its header, its key and
    its digest. Raises ValueError for anything else."""
    header, _, rest = data.partition(b"\n")
    stored_key, _, rest = rest.partition(b"\n")
    stored_digest, _, payload = rest.partition(b"\n")
    if header + b"\n" != MAGIC or stored_key != key.encode("ascii"):
        raise ValueError("not this key's entry")
    if hashlib.sha256(payload).hexdigest().encode("ascii") != stored_digest:
        raise ValueError("damaged entry")
    return payload
