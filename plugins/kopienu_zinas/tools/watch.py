"""Which source files changed, for the preview: file-system events through watchfiles.

watchfiles (Rust `notify`: inotify on Linux, FSEvents on macOS) reports a change in
milliseconds without walking the folders, so 4,000 articles cost nothing between saves. Where
events are not available (some network and container file systems; or forced with `--poll`)
it polls every `interval` seconds. Changes are debounced: an editor's save in several writes
(temporary file, rename, chmod) arrives as one batch once nothing has changed for `QUIET_MS`.
A batch in which a changed file is empty waits up to `EMPTY_WAIT_MS` more for further changes:
an editor that saves by emptying the file and then writing it (or a copy that creates the
file first) would otherwise start a build of an empty file, and its problem would flash on
the page until the next build; a file still empty then is built as it is (a problem to show).
What editors' tools and operating systems leave behind (`.DS_Store`, `Thumbs.db`, `.#…` locks,
`.swp`, `~`; common/leftbehind.py, the names the build ignores) starts no build, nor do `.git`
and `__pycache__` (watchfiles' DefaultFilter).

A name that is not UTF-8 (`zi\\xf2as.md`, as `unzip` leaves a name from a Windows-made ZIP
archive) stops a watchfiles watch (1.x, src/lib.rs): its Rust side cannot make a Python
string of the path of any event about it, drops the batch and raises
`WatchfilesRustInternalError: Unable to decode path "…" to string` from then on. With file
events (inotify) that is every event: a *folder* so named stops the watch as soon as it
starts, and a build *reading* such a file (every build digests every file) stops it again,
so a watch started again would start a build after every build. Polling is told only of
changes (its first listing makes none; reading a file changes nothing it compares). So at the
first such error the watcher goes over to polling (every `interval` seconds, said in the
terminal) for the rest of the preview, and polling is started again after each such error
(a name so saved, made or removed), the path reported changed once the new watch is up: the
build then names the file (common/filenames.py). The changes of a dropped batch are read by
that build, which reads every file anyway (a full build: no page is rendered at once for
them).
"""

from __future__ import annotations

import os
import queue
import re
import stat
import sys
import threading
import time
from collections.abc import Iterable
from pathlib import Path

import watchfiles

from ..common.filenames import shown_name
from ..common.leftbehind import left_behind, misnamed

#: Milliseconds without a further change after which a batch of changes is reported.
QUIET_MS = 50
#: Milliseconds after which a batch is reported even if changes keep coming.
LONGEST_BATCH_MS = 1600
#: Milliseconds a batch with an empty file waits for it to be written (see above).
EMPTY_WAIT_MS = LONGEST_BATCH_MS
#: Milliseconds without changes after which watchfiles hands back control (an empty batch):
#: a watch started again tells so within this time that it is up.
IDLE_MS = 250

#: watchfiles' message for a path that is not UTF-8 (the path as Rust's `{:?}` writes it).
_UNDECODABLE = re.compile(r'Unable to decode path "(.*)" to string', re.DOTALL)
#: One escape of Rust's `{:?}` of a path: a byte that is not UTF-8, a Unicode escape, or
#: an escaped character.
_RUST_ESCAPE = re.compile(r"\\(?:x([0-9A-Fa-f]{2})|u\{([0-9A-Fa-f]{1,6})\}|(.))", re.DOTALL)
_RUST_CHARACTERS = {"n": "\n", "r": "\r", "t": "\t", "0": "\0"}


class SourceFilter(watchfiles.DefaultFilter):
    """watchfiles' DefaultFilter, and every name left behind (common/leftbehind.py): the
    changed file's or folder's own name, as Pelican matches IGNORE_FILES."""

    def __call__(self, change: watchfiles.Change, path: str) -> bool:
        name = os.path.basename(path)
        return super().__call__(change, path) and (misnamed(name) or not left_behind(name))


def shown_path(path: str) -> str:
    """A path as a file manager shows it (common/filenames.py), relative to the current
    folder when it is inside it."""
    relative = os.path.relpath(path)
    return shown_name(path if relative.startswith("..") else relative)


def undecodable_path(error: BaseException) -> str | None:
    """The path watchfiles could not decode, from its error (as Python gives a path: each
    byte that is not UTF-8 a lone surrogate, PEP 383); None for any other error."""
    found = _UNDECODABLE.fullmatch(str(error))
    if found is None:
        return None
    data = bytearray()
    text = found.group(1)
    at = 0
    for escape in _RUST_ESCAPE.finditer(text):
        data += text[at:escape.start()].encode("utf-8", "surrogateescape")
        byte, code, char = escape.groups()
        if byte is not None:
            data.append(int(byte, 16))
        elif code is not None:
            data += chr(int(code, 16)).encode("utf-8", "surrogateescape")
        else:
            data += _RUST_CHARACTERS.get(char, char).encode("utf-8", "surrogateescape")
        at = escape.end()
    data += text[at:].encode("utf-8", "surrogateescape")
    return os.fsdecode(bytes(data))


class SourceWatcher:
    """Watches `sources` (content, theme) and `code` (plugin folders) recursively, and the
    Python files directly in `settings_folder` (which also holds output/ and .cache/: never
    watched deeper).

    `wait()` blocks until a batch of changes and returns the changed paths; changes made
    while the caller was busy (e.g. building) are returned together by the next call.
    """

    def __init__(self, sources: Iterable[Path], code: Iterable[Path], settings_folder: Path, *,
                 interval: float, poll: bool) -> None:
        self.changes: queue.Queue[set[str]] = queue.Queue()
        self.stopping = threading.Event()
        self.interval = interval
        self.poll = poll
        self.code = [folder.resolve() for folder in code]
        self.settings_folder = settings_folder.resolve()
        watched = [folder for folder in [*sources, *self.code] if folder.exists()]
        self.threads = [
            threading.Thread(target=self._watch, args=(watched, True, SourceFilter()),
                             daemon=True),
            threading.Thread(target=self._watch, args=([self.settings_folder], False,
                                                       watchfiles.PythonFilter()), daemon=True),
        ]
        for thread in self.threads:
            thread.start()

    def is_code(self, path: str) -> bool:
        """Whether a change needs a new warm build process: anything in a plugin folder (what
        fingerprint.code_digest covers, computed once per process) or the settings files."""
        changed = Path(path).resolve()
        return changed.parent == self.settings_folder or any(
            changed.is_relative_to(folder) for folder in self.code)

    def _watch(self, paths: list[Path], recursive: bool,
               accept: watchfiles.BaseFilter) -> None:
        """Watch until stopped: watchfiles started again after an error (module docstring),
        polling once events fail; the paths a failed watch dropped are reported changed once
        the next one is up."""
        dropped: set[str] = set()
        said = ""
        while not self.stopping.is_set():
            try:
                for batch in watchfiles.watch(*paths, watch_filter=accept, recursive=recursive,
                                              step=QUIET_MS, debounce=LONGEST_BATCH_MS,
                                              rust_timeout=IDLE_MS, yield_on_timeout=True,
                                              stop_event=self.stopping, raise_interrupt=False,
                                              force_polling=self.poll or None,
                                              poll_delay_ms=round(self.interval * 1000)):
                    changed = dropped | {path for _change, path in batch}
                    dropped = set()
                    if changed:
                        self.changes.put(changed)
                return
            except (OSError, RuntimeError) as error:  # RuntimeError: watchfiles' own errors
                path = undecodable_path(error)
                if path is not None:
                    if accept(watchfiles.Change.modified, path):
                        dropped.add(path)
                    if self.poll:  # such a name saved, made or removed: poll again at once
                        continue
                    reason = ("nosaukums nav UTF-8 (a name that is not UTF-8): "
                              f"{shown_path(path)}")
                else:  # e.g. the inotify watch limit
                    reason = str(error)
                if not self.poll:
                    self.poll = True
                    print(f"Failu notikumi nav pieejami (file events unavailable): {reason}; "
                          f"pārbaudu ik {self.interval} s (polling)", file=sys.stderr,
                          flush=True)
                else:  # polling failed too: said once, tried again after each interval
                    if reason != said:
                        print(f"Failu pārbaude neizdevās (watching failed): {reason}; mēģinu "
                              f"vēlreiz ik {self.interval} s (trying again)", file=sys.stderr,
                              flush=True)
                        said = reason
                    self.stopping.wait(self.interval)

    def wait(self) -> set[str]:
        """The paths changed since the last call (blocks until there is at least one; while
        one of them is an empty file, up to EMPTY_WAIT_MS more for further changes)."""
        changed = self.changes.get()
        deadline = time.monotonic() + EMPTY_WAIT_MS / 1000
        while True:
            while not self.changes.empty():
                changed |= self.changes.get_nowait()
            left = deadline - time.monotonic()
            if left <= 0 or not any(is_empty_file(path) for path in changed):
                return changed
            try:
                changed |= self.changes.get(timeout=left)
            except queue.Empty:
                return changed

    def stop(self) -> None:
        self.stopping.set()



def is_empty_file(path: str) -> bool:
    """Whether `path` is a file of no bytes (not a folder, nor a file that is gone)."""
    try:
        status = os.stat(path)
    except OSError:
        return False
    return stat.S_ISREG(status.st_mode) and status.st_size == 0
