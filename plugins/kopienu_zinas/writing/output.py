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

A page the render cache reuses need not be read back from it: when the manifest recorded that
a published file was placed from the text of the page's render key, and that file's bytes (read)
still have the recorded digest, :meth:`OutputFiles.published_page` proves it and
:meth:`OutputFiles.place_proven` puts those bytes in place, the published file linked (the
queued page's job, writing/render.py `RenderCache.render_queued`, asks before the cache).
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

from ..common.atomicfile import create_file, read_whole, replace_with, usual_mode
from .manifest import Manifest, Placed, identity
from .render import placeholder_index

logger = logging.getLogger(__name__)


#: The encoding the manifest's `sources` mean (Pelican's writer writes pages in UTF-8).
SOURCE_ENCODING = "utf-8"


@dataclass(frozen=True)
class ProvenPage:
    """A published file found to hold the UTF-8 bytes of the text rendered under `key`; its
    `signature` (:func:`signature`) as it was read."""

    key: str
    relative: str
    data: bytes
    digest: str
    signature: Signature


#: Which file a published path held when its bytes were read: device, inode, size and
#: modification time in nanoseconds (:func:`signature`).
Signature = tuple[int, int, int, int]


def relative_path(root: Path, target: Path) -> str:
    """`target`'s path inside `root`, `/`-separated, as `target.relative_to(root).as_posix()`
    gives it, without making paths (asked for every file the writer places). Raises
    ValueError when `target` is not inside `root`."""
    base, text = str(root), str(target)
    if text.startswith(base) and text[len(base):len(base) + 1] == os.sep:
        return text[len(base) + 1:].replace(os.sep, "/")
    return target.relative_to(root).as_posix()


def signature(status: os.stat_result) -> Signature:
    """What tells the file a path names apart from any file put there since: another build
    swapping the output folder, or an editor's tool replacing a page, between its bytes being
    read and the file being hardlinked by its path."""
    return (status.st_dev, status.st_ino, status.st_size, status.st_mtime_ns)


class OutputFiles:
    """The files one build writes: `previous` is the published output folder and its manifest
    (relative path → SHA-256 of its bytes; render key → relative path of a file holding that
    page), when there is one; `placed` what this build put in place, by absolute path
    (:class:`manifest.Placed`)."""

    def __init__(self) -> None:
        self.previous: Path | None = None
        self.previous_files: dict[str, str] = {}
        self.previous_pages: dict[str, str] = {}
        self.placed: dict[str, Placed] = {}
        self.linked = 0
        self.written = 0
        self._mode = usual_mode()
        #: each output root given to `open`: with its symbolic links resolved, and the
        #: absolute path its files' paths begin with
        self._roots: dict[str, tuple[Path, str]] = {}
        #: files whose page is still to be rendered: (queue index, root, target, encoding)
        self.pending: list[tuple[int, Path, Path, str]] = []

    def use_previous(self, folder: Path, manifest: Manifest | None) -> None:
        """Link unchanged files from the published `folder`, whose manifest is `manifest`."""
        self.previous = folder
        self.previous_files = manifest.files if manifest else {}
        self.previous_pages = ({key: relative for relative, key in manifest.sources.items()}
                               if manifest else {})

    def published_page(self, key: str) -> ProvenPage | None:
        """The published file that holds the UTF-8 bytes of the page rendered under `key`:
        the manifest recorded the file as placed from that text, and the file, read now, has
        the recorded digest and the usual permissions (so a file edited by hand since is never
        taken, whatever its size and times). :meth:`place_proven` puts those bytes in place.
        None: the text must come from the render cache. Changes no state of this object (a
        forked rendering worker asks)."""
        relative = self.previous_pages.get(key)
        if relative is None:
            return None
        published = self._published(relative)
        digest = self.previous_files.get(relative)
        if published is None or hashlib.sha256(published[0]).hexdigest() != digest:
            return None
        return ProvenPage(key, relative, published[0], digest, published[1])

    def write_text(self, root: Path, target: Path, text: str, encoding: str) -> None:
        """Put what the writer wrote to `target` (inside `root`) in place: a page's text, or its
        placeholder (the page's job runs later, writing/render.py). Raises OSError as `place`."""
        data = text.encode(encoding)
        queued = placeholder_index(data)
        if queued is not None:
            self.pending.append((queued, root, target, encoding))
            return
        self.note(self.place(root, target, data))

    def place_proven(self, root: Path, target: Path, proven: ProvenPage,
                     encoding: str) -> Placement:
        """Put a proven page's bytes (:meth:`published_page`) at `target`, in `encoding`: the
        published file linked when it is at the same path, else its bytes placed as any
        others; what :meth:`note` records of it. Changes no state of this object, as
        :meth:`place`."""
        if encoding != SOURCE_ENCODING:
            return self.place(root, target, proven.data.decode(SOURCE_ENCODING).encode(encoding))
        assert self.previous is not None  # a page is proven from the previous output only
        if relative_path(root, target) == proven.relative \
                and self._link(os.path.join(self.previous, proven.relative), proven.signature,
                               target):
            return Placement(str(target), Placed(identity(os.stat(target)), proven.digest,
                                                 proven.key), True)
        return self.place(root, target, proven.data, proven.key)

    def open(self, output_root: str, filename: str, encoding: str) -> io.TextIOBase:
        """A text file for the writer, put in place at `filename` (inside `output_root`) when
        closed. The writer claims the name first (site/safety.py `SafeWriter`): no file is
        written twice in one build."""
        return _AtomicText(self, *self._resolved(output_root, filename), encoding)

    def _resolved(self, root: str, target: str) -> tuple[Path, Path]:
        """`root` and `target` with their symbolic links resolved (as the manifest names
        them): the root's once; a target inside it by its path from there, for the folders
        the build makes in its new output folder are no links."""
        known = self._roots.get(root)
        if known is None:
            known = self._roots[root] = (Path(root).resolve(),
                                         os.path.join(os.path.abspath(root), ""))
        resolved, inside = known
        target = os.path.abspath(target)
        if target.startswith(inside):
            return resolved, resolved / target[len(inside):]
        return resolved, Path(target).resolve()

    def place(self, root: Path, target: Path, data: bytes, source: str | None = None
              ) -> Placement:
        """Put `data` at `target` (inside `root`): the previous output's file when its bytes
        are the same, else a new file; what :meth:`note` records of it (with `source`, the
        render key of the page text `data` is the UTF-8 of, if it is one). Changes no state of
        this object, so a forked rendering worker may place files and send the placements
        back (writing/parallel.py). Raises OSError when neither can be put there."""
        digest = hashlib.sha256(data).hexdigest()
        published = self._same_published(relative_path(root, target), data, digest)
        linked = published is not None and self._link(*published, target)
        if not linked:
            self._place(target, lambda path: create_file(path, data))
        return Placement(str(target), Placed(identity(os.stat(target)), digest, source), linked)

    def note(self, placement: Placement, touched: frozenset[str] | None = None) -> None:
        """Record a placed file for the manifest and the counts, with the dependency record
        (`touched`) of the page whose text it holds, if known."""
        if placement.linked:
            self.linked += 1
        else:
            self.written += 1
        self.placed[placement.path] = placement.placed.with_touched(touched)

    def _same_published(self, relative: str, data: bytes,
                        digest: str) -> tuple[Path, Signature] | None:
        """The published file at `relative`, with its signature as read, when the manifest
        recorded `digest` for it and it holds exactly `data` with the usual permissions. Its
        bytes are compared, not its digest trusted: a file edited by hand since (in place,
        through any of its links, its size and times restored) is never linked."""
        if self.previous_files.get(relative) != digest:
            return None
        published = self._published(relative)
        if published is None or published[0] != data:
            return None
        assert self.previous is not None  # previous_files are the previous output's
        return self.previous / relative, published[1]

    def _published(self, relative: str) -> tuple[bytes, Signature] | None:
        """The bytes of the published file at `relative` and its signature, if it is a regular
        file (not a symbolic link) with the usual permissions."""
        if self.previous is None:
            return None
        try:
            handle = os.open(os.path.join(self.previous, relative),
                             os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC)
        except OSError:
            return None
        try:
            status = os.fstat(handle)
            if not stat.S_ISREG(status.st_mode) or stat.S_IMODE(status.st_mode) != self._mode:
                return None
            return read_whole(handle), signature(status)
        except OSError:
            return None
        finally:
            os.close(handle)

    def _link(self, published: Path | str, read: Signature, target: Path) -> bool:
        """Hardlink `published` at `target`; False (and no link left) when it is gone, or is
        not the file whose bytes were read (`read`, its signature then): the path is linked
        by name, so the file the link made is compared with the one that was read. The file
        read, found at `target` already (linked by the page's job in a worker that died before
        reporting it: the job runs again, writing/parallel.py), is left in place: renaming
        another link of one file over it does nothing (rename(2)), and the temporary name would
        stay in the output folder."""
        try:
            self._place(target, lambda path: os.link(published, path),
                        kept=lambda: signature(os.lstat(target)) == read)
        except OSError:
            return False
        try:
            if signature(os.lstat(target)) == read:
                return True
            os.unlink(target)
        except OSError:
            pass
        return False

    def _place(self, target: Path, put: Callable[[Path], None],
               kept: Callable[[], bool] | None = None) -> None:
        """Make a new file at `target` with `put`, which creates the name it is given and fails
        if it exists; where `target` exists, by a temporary name renamed over it (unless
        `kept()` says the file there is the one wanted), which also makes a missing folder
        (the writer makes it first: so no call is spent asking)."""
        try:
            put(target)
        except FileExistsError:
            if kept is None or not kept():
                replace_with(target, lambda temporary: put(Path(temporary)))
        except FileNotFoundError:
            replace_with(target, lambda temporary: put(Path(temporary)))

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
            text = self.getvalue()
            super().close()
            self.files.write_text(self.root, self.target, text, self.encoding_name)

    def __exit__(self, *exc: Any) -> None:
        if exc[0] is None:
            self.close()
        else:
            super().close()
