"""The render cache: a page is rendered only when the digest of its inputs changed.

A page's key is the digest of: our code and the libraries' versions (`code_digest`), the
settings except BUILD_DATE (`settings_digest`), the theme (`templates_digest`), the template's
name, and the value at every context path the template can read (writing/reads.py; a read in
a branch only where the branch is taken), each by its fingerprint (writing/values.py), each
attribute looked up once per process; a path under a name the page shares with the template's
previous page (the generator's context), or under a name the context lacks, is worked out
once per process. The build date counts where a template reads it: through
`BUILD_NOW` and through the values computed from it (upcoming events, the calendar months).
A template whose reads cannot be found counts the whole context. Rendered pages are kept in
`.cache/writing/pages/` by key (common/cachestore.py: damaged entries are misses).

In a build the writer's pages are queued (`RenderCache.queue`) and each page's whole job runs
later on every core (writing/parallel.py, `RenderCache.render_queued`): its key, the store's
look-up, and rendering it on a miss, in whichever process claims it. A key does not depend on
which process computes it nor on which pages that process keyed before: the parts and digests
kept per process (`_parts`, the Fingerprinter's, the look-ups) are those of final values.

Each key notes the content objects it read (`RenderCache.keyed`: the page's dependency record,
writing/values.py `Touches`); a page whose record meets no content whose body changed, in a
build whose structure is the previous one's (writing/records.py), is placed from the published
file of its previous key without computing its key (`render_queued`'s `recorded`).
"""

from __future__ import annotations

import inspect
import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, NamedTuple, TypeVar

from jinja2 import Environment, Template

from ..common.cachestore import CacheStore
from ..common.fingerprint import (
    LOCATION_SETTINGS,
    code_digest,
    digest,
    settings_digest,
    templates_digest,
)
from .digests import DigestStore
from .parallel import RenderJob, render_all
from .reads import MISSING, TRUTH, Lookups, Read, resolve_level, template_reads
from .reads import Path as ReadPath
from .records import DependencyRecords, PageRecord
from .values import Fingerprinter, frozen

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


#: What a key lists for a truth read that takes a branch, and for a read in a branch not taken.
TRUE = b"sTrue"
NOT_READ = b"not read"

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


@dataclass(frozen=True)
class QueuedPage(Generic[T]):
    """What a queued page's job sends back to the build process (`RenderCache.render_queued`):
    its render key, whether it was rendered (else reused), what placing its files gave, and
    the source paths of the content its key read (its dependency record)."""

    key: str
    rendered: bool
    placed: T
    touched: frozenset[str]


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
        self.digest_store = DigestStore(cache_root(settings) / "writing")
        self.base = digest(code_digest(), settings_digest(settings, leave_out=NOT_IN_BASE),
                           settings_code(settings), templates_digest(settings))
        self._reads: dict[tuple[int, str], TemplateKeyReads | None] = {}
        #: the attribute look-ups of this build's keys (writing/reads.py `resolve_level`);
        #: none kept with RELATIVE_URLS, where content's links differ on each page
        self._lookups: Lookups | None = None if settings.get("RELATIVE_URLS") else {}
        self.fingerprints = Fingerprinter(settings, self._lookups)
        #: each template's previous page's context (`_shared_roots`), by environment and name
        self._previous: dict[tuple[int, str], dict[str, Any]] = {}
        #: the parts of paths under shared names (`_part`): by environment, the name's value
        #: (kept, so that its id stays its own), path and how list pages count; with the
        #: content each part read
        self._parts: dict[tuple[int, int, ReadPath, bool], tuple[Any, bytes, frozenset[str]]] = {}
        #: each page's dependency record from the last `render_queued`, in queue order (None:
        #: the page could not be rendered)
        self.touched: list[frozenset[str] | None] = []
        self.rendered = 0
        self.reused = 0
        #: of the reused pages, those placed by their dependency records (no key computed)
        self.recorded = 0
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
        return self.keyed(template, context)[0]

    def keyed(self, template: Template, context: dict[str, Any]) -> tuple[str, frozenset[str]]:
        """The page's key (:meth:`key`) and the source paths of every content object it read,
        at any level and through kept parts too (its dependency record)."""
        with self.fingerprints.touches.frame() as read:
            key = self._key(template, context)
        return key, frozen(read)

    def _key(self, template: Template, context: dict[str, Any]) -> str:
        analysed = self.reads(template)
        if analysed is None:
            of = self.fingerprints.of
            values = [(name, of(value)) for name, value in sorted(context.items())]
            return digest(self.base, str(template.name), *(part for pair in values
                                                            for part in pair))
        reads, pages_by_view = analysed
        env = template.environment
        settings = self.fingerprints.settings
        previous = self._previous_page(template, context)
        #: this page's parts by path: many reads share their branches' tests
        known: dict[tuple[ReadPath, bool], bytes] = {}

        def part(path: ReadPath, by_view: bool) -> bytes:
            found = known.get((path, by_view))
            if found is None:
                found = known[(path, by_view)] = self._part(env, context, path, by_view,
                                                            previous)
            return found

        parts: list[bytes | str] = [self.base, str(template.name)]
        for text, read, setting in reads:
            # a setting as the settings have it is in self.base already
            if setting and context.get(read.path[0]) is settings[read.path[0]]:
                continue
            parts.append(text)
            if read.when and not all((part((*path, TRUTH), False) == TRUE) == taken
                                     for path, taken in read.when):
                parts.append(NOT_READ)  # its branch is not taken
            else:
                parts.append(part(read.path, pages_by_view))
        return digest(*parts)

    def _previous_page(self, template: Template,
                       context: dict[str, Any]) -> dict[str, Any] | None:
        """The context of the template's previous page (None: this is its first page, or no
        parts are kept, with RELATIVE_URLS); this page becomes the previous one."""
        if self._lookups is None:
            return None
        key = (id(template.environment), str(template.name))
        previous = self._previous.get(key)
        self._previous[key] = context
        return previous

    def _part(self, env: Environment, context: dict[str, Any], path: ReadPath,
              pages_by_view: bool, previous: dict[str, Any] | None) -> bytes:
        """What the key lists for the value at `path` (values.Fingerprinter.part). A path
        under a name this page shares with the template's previous page (the generator's
        context: settings, whole lists, menus…), or under a name the context lacks (the
        environment's globals), is worked out once per process (the build process, or a
        worker with what the build process worked out before it forked): values are final
        once the writers run. A page's own values (its article, its slice of a list) are not kept: no
        other page reads them through the same name."""
        head = path[0]
        if head in context:
            root = context[head]
            shared = previous is not None and previous.get(head, MISSING) is root
        else:
            root = env.globals.get(head, MISSING)
            shared = previous is not None
        touches = self.fingerprints.touches
        if not shared:
            value, level = resolve_level(env, context, path, self._lookups, touches.add)
            return self.fingerprints.part(value, level, pages_by_view)
        key = (id(env), id(root), path, pages_by_view)
        known = self._parts.get(key)
        if known is None or known[0] is not root:
            with touches.frame() as read:
                value, level = resolve_level(env, context, path, self._lookups, touches.add)
                part = self.fingerprints.part(value, level, pages_by_view)
            known = self._parts[key] = (root, part, frozen(read))
        else:
            touches.merge(known[2])
        return known[1]

    def keep_digests(self, records: DependencyRecords, contents: Mapping[str, Any]) -> None:
        """Before the queued pages are keyed (`records`: settled; `contents`: Pelican's
        `generated_content`): take the content digests kept by earlier builds that still
        hold (writing/digests.py), and note the ones computed from now on. Not with
        RELATIVE_URLS, where content's links differ on each page."""
        if self._lookups is not None:
            self.fingerprints.keep(self.digest_store.load(records, contents), contents)

    def save_digests(self, records: DependencyRecords) -> None:
        """Once the pages are done (`records`: closed): keep this process's content digests
        for the next builds (writing/digests.py)."""
        if self._lookups is not None:
            self.digest_store.save(records, self.fingerprints.kept())

    def render(self, template: Template, context: dict[str, Any]) -> str:
        """The page's text: the stored one when its key is known, else rendered and stored.
        While pages are queued (`queue`), a placeholder instead: the page's job runs later
        (`render_queued`)."""
        if self.queue is not None:
            self.queue.append(RenderJob(template, context, self.on_error))
            return placeholder(len(self.queue) - 1)
        text, rendered = self.text(template, context, self.key(template, context))
        self._count(rendered)
        return text

    def text(self, template: Template, context: dict[str, Any], key: str) -> tuple[str, bool]:
        """The text of the page `template` renders with `context`, whose key is `key`: the
        stored one, else rendered and stored; and whether it was rendered."""
        text = self.store.get(key)
        if isinstance(text, str):
            return text, False
        text = template.render(context)
        self.store.put(key, text)
        return text, True

    def _count(self, rendered: bool) -> None:
        if rendered:
            self.rendered += 1
        else:
            self.reused += 1

    def render_queued(self, reuse: Callable[[int, str], T | None],
                      place: Callable[[int, str, str], T],
                      recorded: Mapping[int, PageRecord] | None = None) -> list[T | None]:
        """Run every queued page's job: first, in this process, each page `recorded` names
        (by queue index: its previous key and dependency record, which met no changed
        content) is given to `reuse(index, key)` with its previous key, without computing the
        key; then every other page's job on every core (writing/parallel.py), all of it in
        the process that claims it: the page's key; `reuse(index, key)`, which puts its files
        in place without its text (None: it cannot); else its text, stored or rendered and
        stored (`text`), given to `place(index, key, text)`. What `reuse` or `place` returned
        (sent back from a worker: keep it small), in queue order, None for a page that could
        not be rendered or placed (reported through its writer); each page's dependency
        record in `touched`. Every key counts as used by this build (kept by the store's
        prune), every page as rendered or reused."""
        jobs, self.queue = self.queue or [], []
        records = recorded or {}
        done: list[QueuedPage[T] | None] = [
            self._place_recorded(reuse, index, records.get(index)) for index in range(len(jobs))]
        keyed = [index for index, page in enumerate(done) if page is None]
        self.recorded += len(jobs) - len(keyed)
        self._key_first_pages([jobs[index] for index in keyed])

        def run(position: int, job: RenderJob) -> QueuedPage[T]:
            index = keyed[position]
            key, touched = self.keyed(job.template, job.context)
            placed = reuse(index, key)
            if placed is not None:
                return QueuedPage(key, False, placed, touched)
            text, rendered = self.text(job.template, job.context, key)
            return QueuedPage(key, rendered, place(index, key, text), touched)

        for index, page in zip(keyed, render_all([jobs[index] for index in keyed], run),
                               strict=True):
            done[index] = page
        for page in done:
            if page is not None:
                self.store.used.add(page.key)
                self._count(page.rendered)
        self.touched = [None if page is None else page.touched for page in done]
        return [None if page is None else page.placed for page in done]

    @staticmethod
    def _place_recorded(reuse: Callable[[int, str], T | None], index: int,
                        record: PageRecord | None) -> QueuedPage[T] | None:
        """The page placed from the published file of its previous key (`record`), or None:
        no record, or `reuse` cannot (a file edited by hand, gone, …: the page is keyed)."""
        if record is None:
            return None
        try:
            placed = reuse(index, record.key)
        except Exception:  # keyed and placed as any page, which reports what fails
            return None
        return None if placed is None else QueuedPage(record.key, False, placed, record.touched)

    def _key_first_pages(self, jobs: Sequence[RenderJob]) -> None:
        """Key the first queued page of each template in this process, before any worker is
        forked: every worker then inherits the template's reads, the templates it uses
        compiled, and the digests its pages share (whole lists, menus: `_parts`, the
        Fingerprinter's), instead of working them out again after each fork. A page whose key
        fails is left to its job, which reports it."""
        first: dict[tuple[int, str], RenderJob] = {}
        for job in jobs:
            first.setdefault((id(job.template.environment), str(job.template.name)), job)
        for job in first.values():
            try:
                self.key(job.template, job.context)
            except Exception:  # reported by the page's job
                continue

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
