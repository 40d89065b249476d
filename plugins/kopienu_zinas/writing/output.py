"""Writing output files into the staging folder without ever changing a published file.

Every page and feed the writer writes goes through :class:`OutputFiles`: the text is written to
a temporary file beside its target and renamed over it, never written in place (the staging
folder holds hardlinks: gallery files into `.cache/`, unchanged pages into the previous
output). When the bytes are those the previous build published at the same path (its manifest's
digest, checked against the file itself), the previous file is hardlinked instead of written.
"""

from __future__ import annotations

import hashlib
import io
import logging
import os
from pathlib import Path
from typing import Any

from pelican.writers import FileOverwriteFailedError

from ..common.atomicfile import replace_with, usual_mode
from ..common.fingerprint import file_digest
from .render import placeholder_index

logger = logging.getLogger(__name__)


class OutputFiles:
    """The files one build writes: `previous` is the published output folder and its manifest
    (relative path → SHA-256 of its bytes), when there is one."""

    def __init__(self) -> None:
        self.previous: Path | None = None
        self.previous_files: dict[str, str] = {}
        self.linked = 0
        self.written = 0
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
        """Put `data` at `target` (inside `root`): the previous output's file when its bytes
        are the same, else a new file; by temp file + rename either way."""
        def fill(temporary: Path) -> None:
            if not self._link_previous(root, target, data, temporary):
                temporary.write_bytes(data)
                self.written += 1

        replace_with(target, fill)

    def _link_previous(self, root: Path, target: Path, data: bytes, temporary: Path) -> bool:
        if self.previous is None:
            return False
        relative = target.relative_to(root).as_posix()
        expected = self.previous_files.get(relative)
        if expected is None or expected != hashlib.sha256(data).hexdigest():
            return False
        published = self.previous / relative
        try:
            if file_digest(published) != expected \
                    or published.stat().st_mode & 0o777 != usual_mode():
                return False
            temporary.unlink()
            os.link(published, temporary)
        except OSError:
            return False
        self.linked += 1
        return True


    def write_rendered(self, texts: list[str | None]) -> None:
        """Write the files whose pages were queued, now that `texts` has them (None: the page
        could not be rendered and was reported; its file is not written)."""
        pending, self.pending = self.pending, []
        for index, root, target, encoding in pending:
            text = texts[index]
            if text is not None:
                self.finish(root, target, text.encode(encoding))


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
