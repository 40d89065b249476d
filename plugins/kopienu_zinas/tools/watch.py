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
"""

from __future__ import annotations

import os
import queue
import stat
import sys
import threading
import time
from collections.abc import Iterable
from pathlib import Path

import watchfiles

from ..common.leftbehind import left_behind

#: Milliseconds without a further change after which a batch of changes is reported.
QUIET_MS = 50
#: Milliseconds after which a batch is reported even if changes keep coming.
LONGEST_BATCH_MS = 1600
#: Milliseconds a batch with an empty file waits for it to be written (see above).
EMPTY_WAIT_MS = LONGEST_BATCH_MS


class SourceFilter(watchfiles.DefaultFilter):
    """watchfiles' DefaultFilter, and every name left behind (common/leftbehind.py): the
    changed file's or folder's own name, as Pelican matches IGNORE_FILES."""

    def __call__(self, change: watchfiles.Change, path: str) -> bool:
        return super().__call__(change, path) and not left_behind(os.path.basename(path))


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
        try:
            for batch in watchfiles.watch(*paths, watch_filter=accept, recursive=recursive,
                                          step=QUIET_MS, debounce=LONGEST_BATCH_MS,
                                          stop_event=self.stopping, raise_interrupt=False,
                                          force_polling=self.poll or None,
                                          poll_delay_ms=round(self.interval * 1000)):
                self.changes.put({path for _change, path in batch})
        except OSError as error:  # e.g. the inotify watch limit: poll instead
            if self.poll:
                raise
            print(f"Failu notikumi nav pieejami (file events unavailable: {error}); "
                  f"pārbaudu ik {self.interval} s (polling)", file=sys.stderr, flush=True)
            self.poll = True
            self._watch(paths, recursive, accept)

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
