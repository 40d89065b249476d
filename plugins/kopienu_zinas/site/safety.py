"""The safety net: whatever goes wrong while one source is read or written is reported
against that source, and the build goes on, so that every other problem is still found; the
build then fails (publishing) or shows the problems (preview).

- Reading: Pelican's generators skip a file whose reading raised, logging only "Could not
  process <file>" (without the error unless DEBUG). `guard_reading` (readers_init) reports
  the error first, as a `ContentProblem` of that file, and re-raises it as `SourceFailed`.
- Writing is not guarded by Pelican: one page that cannot be rendered or saved (a title too
  long for a file name, a template or library raising on odd input) would stop the whole
  build. `SafeWriter` (get_writer) reports it against its source file and goes on; a feed
  that fails is retried one item at a time to name the article(s) it cannot take.
- No file is written twice (Pelican lets a document with its own `save_as:` overwrite any
  other writer's file): the writer claims each file it opens for what it is writing (a
  document's source, or the site's own page or feed) in the build's one register, where the
  plugins claim the files they write themselves (common/claims.py), and a second claim of one
  file, whoever makes it, is an error against the document that has the `save_as:`, naming
  the one that keeps the file; a document's own `save_as:` on a file the build writes
  otherwise (site/reserved.py `taken_by_site`: the plugins' own files, the sections) is
  refused before it is written. The file keeps what was written first; the build fails (the
  previous output stays), the preview shows it on its banner and goes on.
"""

from __future__ import annotations

import functools
import os
from pathlib import Path, PurePosixPath
from typing import Any

from pelican.writers import Writer

from ..common.build import build_of
from ..common.claims import OutputTaken, Owner, claim, taken_problem
from ..common.frontmatter import markdown_ending, read_document
from ..common.problems import (
    ContentProblem,
    ContentRoot,
    SourceFailed,
    failure_problem,
    log_problem,
    relative_source,
)
from .reserved import taken_by_site


def source_of(objects: dict[str, Any], content_root: ContentRoot, fallback: str) -> str:
    """The content file behind a page being written: an article's or page's `source_path`
    (relative to content/), a gallery's folder; else `fallback` (what is being written)."""
    for value in objects.values():
        source = getattr(value, "source_path", None)
        if isinstance(source, str):
            return content_root.relative(source)
    gallery = objects.get("gallery")
    if gallery is not None and isinstance(getattr(gallery, "name", None), str):
        return f"galleries/{gallery.name}/"
    return fallback


def source_failed(content_root: str, source: str, error: Exception, stage: str) -> ContentProblem:
    """The problem to report, at the source's title line when the source is a Markdown file."""
    file = Path(content_root) / source
    line = 1
    if markdown_ending(file.name) and file.is_file():
        line = read_document(Path(content_root), file)[0].line_of("title")
    return failure_problem(source, error, stage, title_line=line)


def guard_reading(readers: Any) -> None:
    """readers_init: every error while reading one file is reported against that file."""
    read_file = readers.read_file
    root = readers.settings["PATH"]

    @functools.wraps(read_file)
    def guarded(base_path: str, path: str, *args: Any, **kwargs: Any) -> Any:
        try:
            return read_file(base_path, path, *args, **kwargs)
        except SourceFailed as failed:
            log_problem(failed.problem)
            raise
        except Exception as error:
            source = relative_source(Path(base_path) / path, root)
            problem = source_failed(root, source, error, "reading")
            log_problem(problem)
            raise SourceFailed(problem) from error

    readers.read_file = guarded


class SafeWriter(Writer):
    """Pelican's writer, guarded: a page or feed that cannot be written is reported against its
    source and the build goes on; no file is written twice (the module docstring). The site's
    writer (site/feeds.py `FeedWriter`) builds on it: Pelican uses only the first writer that
    `get_writer` returns."""

    def __init__(self, output_path: str, settings: dict[str, Any] | None = None) -> None:
        super().__init__(output_path, settings=settings)
        build = build_of(settings or {})
        #: each file claimed (relative to the output folder) → who for: the build's register
        #: (common/claims.py), shared with the plugins' own files; outside a build, its own
        self.claimed: dict[str, Owner] = build.claimed if build is not None else {}
        self.writing_for: Owner = ""

    @functools.cached_property
    def content_root(self) -> ContentRoot:
        """content/ (PATH), resolved once for the build's every page (`source_of`)."""
        return ContentRoot(self.settings["PATH"])

    def write_file(self, name: Any, template: Any, context: dict[str, Any], *args: Any,
                   **kwargs: Any) -> None:
        root = self.settings["PATH"]
        self.writing_for = source_of(kwargs, self.content_root, "")
        try:
            self._refuse_site_file(str(name), kwargs)
            super().write_file(name, template, context, *args, **kwargs)
        except OutputTaken as taken:
            log_problem(taken_problem(root, taken))
        except Exception as error:
            self.report_write_failure(name, kwargs, error)
        finally:
            self.writing_for = ""

    def _refuse_site_file(self, name: str, kwargs: dict[str, Any]) -> None:
        """Raise OutputTaken when a document's own `save_as:` is a file the build writes
        otherwise (site/reserved.py `taken_by_site`)."""
        content = kwargs.get("article") or kwargs.get("page")
        if self.writing_for and hasattr(content, "override_save_as") and taken_by_site(
                PurePosixPath(name).as_posix(), "article" if "article" in kwargs else "page",
                self.settings):
            raise OutputTaken(PurePosixPath(name).as_posix(), "", self.writing_for)

    def _open_w(self, filename: str, encoding: str, override: bool = False) -> Any:
        """Claim `filename` for what is being written, then open it (:meth:`_open_claimed`).
        Raises OutputTaken when it was claimed before in this build (`override` is not
        honoured: one file, one writer)."""
        claim(self.claimed, self._relative(filename), self.writing_for)
        return self._open_claimed(filename, encoding)

    def _relative(self, filename: str) -> str:
        """The name a file is claimed by: its path in the output folder, `/`-separated (the
        file's name alone outside it). Without making paths where both paths are normal (as
        Pelican's writer gives them: every page asks)."""
        base = str(self.output_path)
        if filename.startswith(base) and filename[len(base):len(base) + 1] == os.sep \
                and os.path.normpath(filename) == filename and os.path.normpath(base) == base:
            return filename[len(base) + 1:].replace(os.sep, "/")
        path = Path(filename)
        return path.relative_to(base).as_posix() if path.is_relative_to(base) else path.name

    def _open_claimed(self, filename: str, encoding: str) -> Any:
        """Open a claimed file for writing (Pelican's way: it was never written before)."""
        return super()._open_w(filename, encoding)

    def report_write_failure(self, name: Any, kwargs: dict[str, Any], error: Exception) -> None:
        """A page that cannot be written, reported against its source; its name is kept as
        unwritten (common/build.py), so that links to it are not reported a second time."""
        root = self.settings["PATH"]
        source = source_of(kwargs, self.content_root, str(name))
        log_problem(source_failed(root, source, error, f"writing {name}"))
        build = build_of(self.settings)
        if build is not None:
            build.unwritten.add(PurePosixPath(str(name)).as_posix())

    def write_feed(self, elements: Any, context: dict[str, Any], path: Any = None,
                   url: Any = None, feed_type: str = "atom", override_output: bool = False,
                   feed_title: Any = None) -> Any:
        try:
            return super().write_feed(elements, context, path, url, feed_type,
                                      override_output, feed_title)
        except OutputTaken as taken:
            log_problem(taken_problem(self.settings["PATH"], taken))
            return None
        except Exception as error:
            culprits = [element for element in elements
                        if not self._feedable(element, context, feed_type)]
            for element in culprits or [None]:
                root = self.settings["PATH"]
                source = source_of({"item": element}, self.content_root, str(path))
                log_problem(source_failed(root, source, error, "writing the feeds"))
            return None

    def _feedable(self, element: Any, context: dict[str, Any], feed_type: str) -> bool:
        """Whether a feed of this one element can be written."""
        try:
            feed = self._create_new_feed(feed_type, None, context)
            self._add_item_to_the_feed(feed, element)
            feed.writeString("utf-8")
        except Exception:
            return False
        return True
