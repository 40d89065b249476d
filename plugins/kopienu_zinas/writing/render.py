"""The render cache: a page is rendered only when the digest of its inputs changed.

A page's key is the digest of: our code and the libraries' versions (`code_digest`), the
settings except BUILD_DATE (`settings_digest`), the theme (`templates_digest`), the template's
name, and the value at every context path the template can read (writing/reads.py; a read in
a branch only where the branch is taken), each by its fingerprint (writing/values.py), each
attribute looked up once per build. The build date counts where a template reads it: through
`BUILD_NOW` and through the values computed from it (upcoming events, the calendar months).
A template whose reads cannot be found counts the whole context. Rendered pages are kept in
`.cache/writing/pages/` by key (common/cachestore.py: damaged entries are misses).
"""

from __future__ import annotations

import inspect
import os
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, NamedTuple, TypeVar

from jinja2 import Template

from ..common.cachestore import CacheStore
from ..common.fingerprint import (
    LOCATION_SETTINGS,
    code_digest,
    digest,
    settings_digest,
    templates_digest,
)
from .parallel import RenderJob, render_all
from .reads import TRUTH, Lookups, Read, resolve, resolve_level, template_reads
from .values import Fingerprinter

T = TypeVar("T")

#: What the writer writes for a page rendered later (writing/parallel.py): never page text.
PLACEHOLDER = "\x00kopienu-zinas-deferred-page:"


def placeholder(index: int) -> str:
    return f"{PLACEHOLDER}{index}\x00"


def placeholder_index(data: bytes) -> int | None:
    """The queue index a written placeholder stands for, or None for real text."""
    prefix = PLACEHOLDER.encode()
    if not data.startswith(prefix):
        return None
    return int(data[len(prefix):].rstrip(b"\x00"))


#: Settings the key's base leaves out: a page that reads them counts them itself.
NOT_IN_BASE = LOCATION_SETTINGS | {"BUILD_DATE"}


class KeyRead(NamedTuple):
    """A read as a key lists it: its text, the read, and whether its name is a setting the
    key's base holds (then it counts only where the page's context has another value)."""

    text: bytes
    read: Read
    setting: bool


#: A template's reads as its keys list them, and whether list pages count by their view.
TemplateKeyReads = tuple[list[KeyRead], bool]


def settings_code(settings: Mapping[str, Any]) -> str:
    """The source of every function a setting holds (settings_digest names them only, e.g.
    JINJA_FILTERS defined in pelicanconf.py); a function without source (a builtin, or code
    compiled elsewhere) counts by a value that never repeats, so nothing is reused."""
    parts: list[str] = []
    pending: list[Any] = [settings[key] for key in sorted(settings)]
    while pending:
        value = pending.pop()
        if isinstance(value, dict):
            pending.extend(value[key] for key in sorted(value, key=repr))
        elif isinstance(value, (list, tuple)):
            pending.extend(value)
        elif callable(value) and not isinstance(value, type):
            try:
                parts.append(inspect.getsource(value))
            except (OSError, TypeError):
                parts.append(os.urandom(16).hex())
    return digest(*parts)


def cache_root(settings: dict[str, Any]) -> Path:
    """`.cache/`: the parent of Pelican's CACHE_PATH."""
    return Path(settings["CACHE_PATH"]).resolve().parent


class RenderCache:
    """One build's render cache. `wrap(template)` gives a template whose `render(context)`
    returns the stored text when the page's key is known, else renders and stores it."""

    def __init__(self, settings: dict[str, Any]) -> None:
        self.store = CacheStore(cache_root(settings) / "writing", "pages")
        self.reads_store = CacheStore(cache_root(settings) / "writing", "reads")
        self.bytecode_store = CacheStore(cache_root(settings) / "writing", "jinja")
        self.base = digest(code_digest(), settings_digest(settings, leave_out=NOT_IN_BASE),
                           settings_code(settings), templates_digest(settings))
        self._reads: dict[tuple[int, str], TemplateKeyReads | None] = {}
        #: the attribute look-ups of this build's keys (writing/reads.py `resolve_level`);
        #: none kept with RELATIVE_URLS, where content's links differ on each page
        self._lookups: Lookups | None = None if settings.get("RELATIVE_URLS") else {}
        self.fingerprints = Fingerprinter(settings, self._lookups)
        self.rendered = 0
        self.reused = 0
        #: pages to render when the generators are done (writing/parallel.py); None: at once
        self.queue: list[RenderJob] | None = None
        #: set by the writer around each write: how to report a page that cannot be rendered
        self.on_error: Callable[[Exception], None] | None = None

    def reads(self, template: Template) -> TemplateKeyReads | None:
        """The template's reads, in the order the key lists them, and whether list pages
        count by their view (writing/reads.py); None: the whole context counts."""
        key = (id(template.environment), str(template.name))
        if key not in self._reads:
            found = template_reads(template.environment, str(template.name), self.reads_store)
            settings = self.fingerprints.settings
            self._reads[key] = None if found is None else ([
                KeyRead(text.encode(), read, read.path[0] in settings
                        and read.path[0] not in NOT_IN_BASE)
                for text, read in sorted((repr(read), read) for read in found.reads)],
                found.pages_by_view)
        return self._reads[key]

    def key(self, template: Template, context: dict[str, Any]) -> str:
        """The digest of everything the page rendered from `template` with `context` shows."""
        analysed = self.reads(template)
        of = self.fingerprints.of
        if analysed is None:
            values = [(name, of(value)) for name, value in sorted(context.items())]
            return digest(self.base, str(template.name), *(part for pair in values
                                                            for part in pair))
        reads, pages_by_view = analysed
        env = template.environment
        settings = self.fingerprints.settings
        lookups = self._lookups
        parts: list[bytes | str] = [self.base, str(template.name)]
        for text, read, setting in reads:
            # a setting as the settings have it is in self.base already
            if setting and context.get(read.path[0]) is settings[read.path[0]]:
                continue
            parts.append(text)
            if read.when and not all(
                    (resolve(env, context, (*path, TRUTH), lookups) == "True") == taken
                    for path, taken in read.when):
                parts.append("not read")  # its branch is not taken
            else:
                parts.append(of(*resolve_level(env, context, read.path, lookups),
                                pages_by_view))
        return digest(*parts)

    def render(self, template: Template, context: dict[str, Any]) -> str:
        key = self.key(template, context)
        text = self.store.get(key)
        if isinstance(text, str):
            self.reused += 1
            return text
        if self.queue is not None:
            self.queue.append(RenderJob(template, context, key, self.on_error))
            return placeholder(len(self.queue) - 1)
        text = template.render(context)
        self.rendered += 1
        self.store.put(key, text)
        return text

    def render_queued(self, place: Callable[[int, str], T]) -> list[T | None]:
        """Render every queued page (on every core), store each text and hand it, with its
        queue index, to `place` in the process that rendered it; what `place` returned (sent
        back from a worker: keep it small), in queue order, None for a page that could not be
        rendered (reported through its writer)."""
        jobs, self.queue = self.queue or [], []

        def deliver(index: int, text: str) -> T:
            self.store.put(jobs[index].key, text)
            return place(index, text)

        outcomes = render_all(jobs, deliver)
        for job, outcome in zip(jobs, outcomes, strict=True):
            if outcome is not None:  # stored, maybe by a worker: used by this build
                self.rendered += 1
                self.store.used.add(job.key)
        return outcomes

    def wrap(self, template: Template) -> CachedTemplate:
        return CachedTemplate(template, self)


class CachedTemplate:
    """A Jinja template as Pelican's writer uses it (`render(context)`), through the cache."""

    def __init__(self, template: Template, cache: RenderCache) -> None:
        self.template = template
        self.cache = cache
        self.name = template.name

    def render(self, context: dict[str, Any]) -> str:
        return self.cache.render(self.template, context)
