"""The safety net: whatever goes wrong while one source is written is reported against it.

Pelican's generators already skip a file whose *reading* fails (our reader raises
`SourceFailed`, naming the file). Writing is not guarded by Pelican: one page that cannot be
rendered or saved (a title too long for a file name, a template or library raising on odd
input) would stop the whole build. `SafeWriter` (Pelican's `get_writer` signal) reports such a
page as a `ContentProblem` of its source file and goes on, so that every other problem of the
build is still found; the build then fails (publishing) or shows the problem (preview).
"""

from __future__ import annotations

from typing import Any

from pelican.writers import Writer

from ..common.problems import failure_problem, log_problem, relative_source


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


class SafeWriter(Writer):
    def write_file(self, name: Any, template: Any, context: dict[str, Any], *args: Any,
                   **kwargs: Any) -> None:
        try:
            super().write_file(name, template, context, *args, **kwargs)
        except Exception as error:  # noqa: BLE001 - the safety net: name the source, go on
            source = source_of(kwargs, self.settings["PATH"], str(name))
            log_problem(failure_problem(source, error, f"writing {name}"))

    def write_feed(self, elements: Any, context: dict[str, Any], path: Any = None,
                   url: Any = None, feed_type: str = "atom", override_output: bool = False,
                   feed_title: Any = None) -> Any:
        try:
            return super().write_feed(elements, context, path, url, feed_type,
                                      override_output, feed_title)
        except Exception as error:  # noqa: BLE001 - name the article(s) the feed cannot take
            culprits = [element for element in elements
                        if not self._feedable(element, context, feed_type)]
            for element in culprits or [None]:
                source = source_of({"item": element}, self.settings["PATH"], str(path))
                log_problem(failure_problem(source, error, f"writing the feed {path}"))
            return None

    def _feedable(self, element: Any, context: dict[str, Any], feed_type: str) -> bool:
        """Whether a feed of this one element can be written."""
        try:
            feed = self._create_new_feed(feed_type, None, context)
            self._add_item_to_the_feed(feed, element)
            feed.writeString("utf-8")
        except Exception:  # noqa: BLE001 - this is the test
            return False
        return True


def safe_writer(pelican: Any) -> type[Writer]:
    return SafeWriter
