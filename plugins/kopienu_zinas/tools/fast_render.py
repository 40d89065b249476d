"""The preview's fast render: the saved article's own page, re-rendered in well under a second.

A full preview build reads every source and renders every page that changed (seconds to tens of
seconds on a large site). Hugo's server shows the page being edited first ("fast render mode");
this does the same for Markdown articles and pages, in the process that ran the last preview
build (tools/warm_builder.py keeps it, with Pelican's generators and their context, as the
*resident*):

1. the saved source is read again with the generator's own readers and signals (Pelican's
   `Readers.read_file`, as `ArticlesGenerator`/`PagesGenerator.generate_context` call it, so the
   reading cache, the YAML reader and the region assignment apply);
2. only when what it changed shows on its own page alone — the same `save_as` and status, and
   the same metadata except :data:`OWN_PAGE_FIELDS` —, when the content has no events (their
   calendar entries repeat its title and summary) and when neither the last build nor the
   content check of the saved file alone found a problem in it (the preview's banner would be
   stale), the new text replaces the old on a copy of the content object from the last build
   (which keeps what the generators attached later: related articles, translations), its
   pictures are made `<picture>` markup again (images/generator.py `present`), and
3. its page is rendered with Pelican's writer exactly as the generator writes it (same template,
   context and arguments) and put in place in the served output folder by temp file + rename
   (common/atomicfile.py; never in place: the output holds hardlinks).

Anything else — a new, moved, renamed or deleted source, a changed date, region, tags, events
or picture, an article with events, a file with a problem, a source that cannot be read —
renders nothing here: the full preview build, which
always follows, shows it (and replaces every fast-rendered file with its own). The fast render
never logs: problems are reported by that build.
"""

from __future__ import annotations

import copy
import logging
import os
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from pelican import signals
from pelican.contents import Article, Page
from pelican.generators import ArticlesGenerator, Generator, PagesGenerator
from pelican.writers import Writer

from ..common.atomicfile import replace_file
from ..common.checkcache import entry_of
from ..common.problems import cross_file_problems
from ..site.clashes import ARTICLE_LISTS, PAGE_LISTS

#: Front-matter fields that show on the content's own page only (lists, feeds and the calendar
#: show the rest, or it decides the address): an edit of these alone can be fast-rendered.
OWN_PAGE_FIELDS = frozenset({"title", "summary", "modified", "image_alt", "image_credit"})


class Resident:
    """The last preview build's generators, kept to fast-render saved sources.

    `output` is the served output folder (absolute): the build wrote into a staging folder that
    has since been swapped in there.
    """

    def __init__(self, generators: Sequence[Generator], output: Path) -> None:
        self.generators = list(generators)
        self.output = output
        #: source file (absolute) → its generator and latest content object (fast renders
        #: replace it here; the generators' lists keep the build's)
        self.latest: dict[str, tuple[Generator, Any]] = {}

    def render(self, source: Path) -> str | None:
        """Fast-render the page of `source` (an absolute path); the output path written
        (relative to the output folder), or None when the full build must show the change.
        Never raises for a bad source."""
        logging.disable(logging.CRITICAL)
        try:
            return self._render(os.path.abspath(source))
        except Exception:  # the full build that follows reports it
            return None
        finally:
            logging.disable(logging.NOTSET)

    def _render(self, source: str) -> str | None:
        found = self._find(source)
        if found is None:
            return None
        generator, old = found
        if has_events(old) or getattr(old, "problems", None):
            return None
        new = self._read(generator, source)
        if new is None or not shows_on_own_page_only(old, new) \
                or has_problems(source, generator.settings):
            return None
        fresh = refreshed(old, new)
        for other in self.generators:
            present = getattr(other, "present", None)
            if callable(present):
                present(fresh)
        data = self._page(generator, fresh)
        replace_file(self.output / fresh.save_as, data)
        self.latest[source] = generator, fresh
        return str(fresh.save_as)

    def _find(self, source: str) -> tuple[Generator, Any] | None:
        if source in self.latest:
            return self.latest[source]
        for generator in self.generators:
            for content in contents_of(generator):
                if os.path.abspath(content.source_path) == source:
                    return generator, content
        return None

    @staticmethod
    def _read(generator: Generator, source: str) -> Any | None:
        """The source read as its generator reads it (Pelican's signals included)."""
        articles = isinstance(generator, ArticlesGenerator)
        kind = "article" if articles else "page"
        read = generator.readers.read_file(
            base_path=generator.path, path=os.path.relpath(source, generator.path),
            content_class=Article if articles else Page, context=generator.context,
            preread_signal=getattr(signals, f"{kind}_generator_preread"),
            preread_sender=generator,
            context_signal=getattr(signals, f"{kind}_generator_context"),
            context_sender=generator)
        return read if isinstance(read, (Article, Page)) and read.is_valid() else None

    @staticmethod
    def _page(generator: Generator, content: Any) -> bytes:
        """The page's bytes as the generator's `generate_output` writes them."""
        with tempfile.TemporaryDirectory(prefix=".fast-render-") as scratch:
            writer = Writer(scratch, settings=generator.settings)
            template = generator.get_template(content.template)
            common = {"override_output": hasattr(content, "override_save_as"), "url": content.url}
            if isinstance(generator, ArticlesGenerator):
                writer.write_file(content.save_as, template, generator.context, article=content,
                                  category=getattr(content, "category", None), blog=True,
                                  **common)
            else:
                writer.write_file(content.save_as, template, generator.context, page=content,
                                  relative_urls=generator.settings["RELATIVE_URLS"], **common)
            return (Path(scratch) / content.save_as).read_bytes()


def lists_of(generator: Generator) -> tuple[str, ...]:
    if isinstance(generator, ArticlesGenerator):
        return ARTICLE_LISTS
    if isinstance(generator, PagesGenerator):
        return PAGE_LISTS
    return ()


def contents_of(generator: Generator) -> Iterator[Any]:
    for name in lists_of(generator):
        yield from getattr(generator, name, None) or ()


def has_events(content: Any) -> bool:
    """Whether the content has events (events/attach.py attaches them, from its title and
    summary too, at the generators' end, which a fast render does not repeat)."""
    events = getattr(content, "events", None)
    return bool(getattr(events, "events", events))


def has_problems(source: str, settings: dict[str, Any]) -> bool:
    """Whether the content check finds a problem in the saved file alone (its own rules and
    the rules over all files, run on it): the preview's banner must then come from the full
    build, which reports it."""
    root = Path(settings["PATH"])
    document, problems = entry_of(root, Path(source), Path(source).read_bytes(), settings)
    return bool(problems or cross_file_problems([document], settings))


def shows_on_own_page_only(old: Any, new: Any) -> bool:
    """Whether the edit from `old` to `new` changes nothing but the content's own page."""
    if new.save_as != old.save_as or new.status != old.status:
        return False
    fields = (set(old.metadata) | set(new.metadata)) - OWN_PAGE_FIELDS
    return all(old.metadata.get(name) == new.metadata.get(name) for name in fields)


def refreshed(old: Any, new: Any) -> Any:
    """A new content object (Pelican memoizes `content` per object): `old` with `new`'s text,
    metadata, own-page fields and `image` as read (the images plugin's `present` makes the
    cover from it again, as in the build)."""
    fresh = copy.copy(old)
    for name in ("_content", "_summary", "metadata", "image", *OWN_PAGE_FIELDS):
        if name in vars(new):
            setattr(fresh, name, getattr(new, name))
        elif name in vars(fresh):
            delattr(fresh, name)
    return fresh
