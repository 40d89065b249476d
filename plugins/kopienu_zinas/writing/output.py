"""Writing output files into the staging folder without ever changing a published file.

Every page and feed the writer writes goes through :class:`OutputFiles`. A file is written only
when its name is new (created exclusively), else to a temporary file beside it renamed over it:
never through a name that already exists (the staging folder holds hardlinks: gallery files into
`.cache/`, unchanged pages into the previous output). When the bytes are those the previous
build published at the same path (its manifest's digest, then the published file's bytes read
and compared), the previous file is hardlinked instead of written.

Each file's SHA-256 is computed once, from the bytes in memory, and kept with the file's
identity (:func:`manifest.identity`) for the manifest (`placed`), which then reads only the
files put in place otherwise (static files, gallery images, plugins' own files) or changed
since.
"""

from __future__ import annotations

import hashlib
import io
import logging
import os
import stat
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pelican.writers import FileOverwriteFailedError

from ..common.atomicfile import replace_with, usual_mode
from .manifest import Placed, identity
from .render import placeholder_index

logger = logging.getLogger(__name__)


class OutputFiles:
    """The files one build writes: `previous` is the published output folder and its manifest
    (relative path → SHA-256 of its bytes), when there is one; `placed` what this build put in
    place, by absolute path (:class:`manifest.Placed`)."""

    def __init__(self) -> None:
        self.previous: Path | None = None
        self.previous_files: dict[str, str] = {}
        self.placed: dict[str, Placed] = {}
        self.linked = 0
        self.written = 0
        self._mode = usual_mode()
        self._folders: set[Path] = set()
        self._overridden: set[str] = set()
        self._written: set[str] = set()
        #: files whose page is still to be rendered: (queue index, root, target, encoding)
        self.pending: list[tuple[int, Path, Path, str]] = []

    def claim(self, filename: str, override: bool) -> str:
        """Pelican's rule for one path written twice (Writer._open_w): a second write fails
        unless exactly one of them overrides; a later plain write after an override is
        skipped. The path to write, or os.devnull."""
        if filename in self._overridden:
            if override:
                raise FileOverwriteFailedError(
                    f'Failed to overwrite "{filename}" a second time (was previously overwritten)')
            return os.devnull
        if filename in self._written and not override:
            raise FileOverwriteFailedError(
                f'Failed to overwrite "{filename}" as Pelican has already written to it '
                "previously (set `override=True` if intended)")
        if override:
            self._overridden.add(filename)
        self._written.add(filename)
        return filename

    def open(self, output_root: str, filename: str, encoding: str,
             override: bool) -> io.TextIOBase:
        target = self.claim(filename, override)
        if target == os.devnull:
            return open(os.devnull, "w", encoding=encoding)
        return _AtomicText(self, Path(output_root), Path(target), encoding)

    def finish(self, root: Path, target: Path, data: bytes) -> None:
        """Put `data` at `target` (inside `root`) and note it. Raises OSError as `place`."""
        self.note(self.place(root, target, data))

    def place(self, root: Path, target: Path, data: bytes) -> Placement:
        """Put `data` at `target` (inside `root`): the previous output's file when its bytes
        are the same, else a new file; what :meth:`note` records of it. Changes no state of
        this object but the folders known to exist, so a forked rendering worker may place
        files and send the placements back (writing/parallel.py). Raises OSError when neither
        can be put there."""
        digest = hashlib.sha256(data).hexdigest()
        published = self._same_published(target.relative_to(root).as_posix(), data, digest)
        linked = published is not None and self._link(published, target)
        if not linked:
            self._place(target, lambda path: _create(path, data))
        return Placement(str(target), Placed(identity(os.stat(target)), digest), linked)

    def note(self, placement: Placement) -> None:
        """Record a placed file for the manifest and the counts."""
        if placement.linked:
            self.linked += 1
        else:
            self.written += 1
        self.placed[placement.path] = placement.placed

    def _same_published(self, relative: str, data: bytes, digest: str) -> Path | None:
        """The published file at `relative` when the manifest recorded `digest` for it and it
        holds exactly `data` with the usual permissions. Its bytes are compared, not its
        digest trusted: a file edited by hand since (in place, through any of its links, its
        size and times restored) is never linked."""
        if self.previous is None or self.previous_files.get(relative) != digest:
            return None
        published = self.previous / relative
        try:
            with open(os.open(published, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC), "rb") as file:
                status = os.fstat(file.fileno())
                if not stat.S_ISREG(status.st_mode) or status.st_size != len(data) \
                        or stat.S_IMODE(status.st_mode) != self._mode or file.read() != data:
                    return None
        except OSError:
            return None
        return published

    def _link(self, published: Path, target: Path) -> bool:
        """Hardlink `published` at `target`; False when it is gone or moved since."""
        try:
            self._place(target, lambda path: os.link(published, path))
        except OSError:
            return False
        return True

    def _place(self, target: Path, put: Callable[[Path], None]) -> None:
        """Make a new file at `target` with `put`, which creates the name it is given and fails
        if it exists; where `target` exists, by a temporary name renamed over it."""
        if target.parent not in self._folders:
            target.parent.mkdir(parents=True, exist_ok=True)
            self._folders.add(target.parent)
        try:
            put(target)
        except FileExistsError:
            def fill(temporary: Path) -> None:
                temporary.unlink()
                put(temporary)
            replace_with(target, fill)

    def take_pending(self) -> dict[int, list[tuple[Path, Path, str]]]:
        """The files whose pages are still to be rendered, by queue index: (root, target,
        encoding) each; none are pending afterwards."""
        pending, self.pending = self.pending, []
        by_index: dict[int, list[tuple[Path, Path, str]]] = {}
        for index, root, target, encoding in pending:
            by_index.setdefault(index, []).append((root, target, encoding))
        return by_index


@dataclass(frozen=True)
class Placement:
    """One file put in place (:meth:`OutputFiles.place`): its absolute path, as the manifest
    takes it, and whether it is the published file linked."""

    path: str
    placed: Placed
    linked: bool


def _create(path: Path, data: bytes) -> None:
    """A new file holding `data`, with the usual permissions (0o666 under the umask). Raises
    FileExistsError when `path` exists (it may be a hardlink: never written through); leaves
    no partial file."""
    handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o666)
    try:
        with open(handle, "wb", closefd=True) as file:
            file.write(data)
    except BaseException:
        path.unlink(missing_ok=True)
        raise


class _AtomicText(io.StringIO):
    """A text file for the writer: collected in memory, put in place on close."""

    def __init__(self, files: OutputFiles, root: Path, target: Path, encoding: str) -> None:
        super().__init__()
        self.files = files
        self.root = root
        self.target = target
        self.encoding_name = encoding

    def close(self) -> None:
        if not self.closed:
            data = self.getvalue().encode(self.encoding_name)
            super().close()
            queued = placeholder_index(data)
            if queued is not None:
                self.files.pending.append((queued, self.root.resolve(), self.target.resolve(),
                                           self.encoding_name))
            else:
                self.files.finish(self.root.resolve(), self.target.resolve(), data)

    def __exit__(self, *exc: Any) -> None:
        if exc[0] is None:
            self.close()
        else:
            super().close()
