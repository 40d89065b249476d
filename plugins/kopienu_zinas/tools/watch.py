"""Which source files changed, for the preview: file-system events through watchfiles.

watchfiles (Rust `notify`: inotify on Linux, FSEvents on macOS) reports a change in
milliseconds without walking the folders, so 4,000 articles cost nothing between saves. Where
events are not available (some network and container file systems; or forced with `--poll`)
it polls every `interval` seconds. Changes are debounced: an editor's save in several writes
(temporary file, rename, chmod) arrives as one batch once nothing has changed for `QUIET_MS`.
What editors' tools and operating systems leave behind (`.DS_Store`, `Thumbs.db`, `.#…` locks,
`.swp`, `~`; common/leftbehind.py, the names the build ignores) starts no build, nor do `.git`
and `__pycache__` (watchfiles' DefaultFilter).
"""

from __future__ import annotations

import os
import queue
import sys
import threading
from collections.abc import Iterable
from pathlib import Path

import watchfiles

from ..common.leftbehind import left_behind

#: Milliseconds without a further change after which a batch of changes is reported.
QUIET_MS = 50
#: Milliseconds after which a batch is reported even if changes keep coming.
LONGEST_BATCH_MS = 1600


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
        """The paths changed since the last call (blocks until there is at least one)."""
        changed = self.changes.get()
        while not self.changes.empty():
            changed |= self.changes.get_nowait()
        return changed

    def stop(self) -> None:
        self.stopping.set()

