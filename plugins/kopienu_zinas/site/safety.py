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
"""

from __future__ import annotations

import functools
from pathlib import Path, PurePosixPath
from typing import Any

from pelican.writers import Writer

from ..common.build import build_of
from ..common.frontmatter import markdown_ending, read_document
from ..common.problems import (
    ContentProblem,
    SourceFailed,
    failure_problem,
    log_problem,
    relative_source,
)


def source_of(objects: dict[str, Any], content_root: str, fallback: str) -> str:
    """The content file behind a page being written: an article's or page's `source_path`,
    a gallery's folder; else `fallback` (what is being written)."""
    for value in objects.values():
        source = getattr(value, "source_path", None)
        if isinstance(source, str):
            return relative_source(source, content_root)
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
    source and the build goes on. The site's writer (site/feeds.py `FeedWriter`) builds on it:
    Pelican uses only the first writer that `get_writer` returns."""

    def write_file(self, name: Any, template: Any, context: dict[str, Any], *args: Any,
                   **kwargs: Any) -> None:
        try:
            super().write_file(name, template, context, *args, **kwargs)
        except Exception as error:
            self.report_write_failure(name, kwargs, error)

    def report_write_failure(self, name: Any, kwargs: dict[str, Any], error: Exception) -> None:
        """A page that cannot be written, reported against its source; its name is kept as
        unwritten (common/build.py), so that links to it are not reported a second time."""
        root = self.settings["PATH"]
        source = source_of(kwargs, root, str(name))
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
        except Exception as error:
            culprits = [element for element in elements
                        if not self._feedable(element, context, feed_type)]
            for element in culprits or [None]:
                root = self.settings["PATH"]
                source = source_of({"item": element}, root, str(path))
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
