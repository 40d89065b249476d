"""Content-hash fingerprints of the values a page is rendered from.

:class:`Fingerprinter` turns any value a template can read into a SHA-256 hex digest of its
canonical form: text, numbers, dates (ISO with their zone), containers (mappings by sorted key),
dataclasses and plain objects by their fields, functions by their qualified name (their code is
in the key through `code_digest`). Pelican's content objects (articles, pages, drafts and their
translations) count by everything they hold (their metadata, their `content` and `summary`
with links resolved, `url`, `save_as`) and by the content they show (translations, related
articles…) one level down; deeper content by its address. The levels count from the page: a
value read through content (`article.related`) starts one level down. A page of a paginated
list counts by its whole list, or by its view (its number, its list's size and page size;
its articles count where a template reads its `object_list`) where the page's templates
allow it (writing/reads.py). Content objects are final once the writers run (every
generator's context is complete before any output is written), so their digests, and those
of the other objects pages read, are kept once computed: once per process, since render keys
are computed where pages are rendered (writing/render.py, writing/parallel.py). A forked
rendering worker inherits what the build process had computed before the fork (the first page
of each template is keyed there first); what the worker computes after it stays in the
worker.

A key lists text and plain numbers as they are, tagged with their type
(:meth:`Fingerprinter.part`), and anything else by its digest.

While a digest is computed, the content objects it reads, at any level (by address too), are
noted (:class:`Touches`, by their source path relative to the content folder): a kept digest
keeps the set of content it read, so a page that reuses it reads that content too. A page's set
is its dependency record (docs/building.md, "Caches: writing"): its values are a function of
the build's structure and of the bodies of that content.

A content object's digest may be kept across builds (writing/digests.py): it is a function of
the build's structure and of the bodies of the content it read (its set), so a build of the
same structure takes a kept digest whose set meets no changed body instead of computing it
(:meth:`Fingerprinter.keep`).

A value whose canonical form cannot be known (an object whose text names its memory address)
gets a digest that differs in every build: its pages are always rendered, never reused. Its
computation's set holds :data:`UNREPEATABLE`, so no record or kept digest stands for it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import hashlib
import os
import types
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import PurePath
from typing import Any

from jinja2 import Undefined
from pelican.contents import Content
from pelican.paginator import Page, Paginator
from pelican.urlwrappers import URLWrapper

from ..common.fingerprint import project_folder
from .reads import Lookups

#: Content attributes that are not what the content says: the whole build's context and the
#: settings (in every key already).
CONTENT_SKIPPED = frozenset({"_context", "settings"})
#: Computed content attributes templates read (Pelican properties, links resolved).
CONTENT_PROPERTIES = ("content", "summary", "url", "save_as")
#: What Pelican's paginator Page holds (pelican/paginator.py): all but `object_list` is its
#: name, address and number; `object_list` is the paginator's slice for that number, and
#: `name`, `extension`, `base_name` come from `full_name`. A Page holding anything else
#: counts by all its fields.
PAGE_FIELDS = frozenset({"full_name", "name", "extension", "base_name", "base_url",
                         "object_list", "number", "paginator", "settings"})

#: How `_feed_container` opens each of the commonest containers (its module and name).
PLAIN_CONTAINERS = {kind: f"<{kind.__module__}.{kind.__qualname__}".encode()
                    for kind in (list, tuple, dict)}


#: The source paths of no content.
NOTHING: frozenset[str] = frozenset()
#: What a computation's set holds when it digested a value by its memory address (never a
#: source path): its digest differs in every build, so no record or kept digest stands for it.
UNREPEATABLE = "\x00unrepeatable"

#: Content digests kept across builds (writing/digests.py): by a content object's source path
#: and whether it was digested shallow, its digest and the source paths of the content it read.
KeptDigests = dict[tuple[str, bool], tuple[str, frozenset[str]]]


def source_of(item: Content) -> str:
    """A content object's source path relative to the content folder (Pelican's
    `relative_source_path`, set when it is made), else its source path."""
    return getattr(item, "relative_source_path", None) or str(item.source_path)


class Touches:
    """The content objects computations read, by source path (:func:`source_of`): one set per
    computation under way, innermost last; a computation's set is added to the one it is part
    of when it ends."""

    def __init__(self) -> None:
        self._frames: list[set[str]] = []

    @contextmanager
    def frame(self) -> Iterator[set[str]]:
        """A computation: what it reads is collected in the set given, and added to the
        enclosing computation's when it ends (also when it raises)."""
        found: set[str] = set()
        self._frames.append(found)
        try:
            yield found
        finally:
            self._frames.pop()
            if self._frames and found:
                self._frames[-1].update(found)

    def add(self, item: Content) -> None:
        """The computation under way read `item`."""
        if self._frames:
            self._frames[-1].add(source_of(item))

    def unrepeatable(self) -> None:
        """The computation under way digested a value whose digest differs in every build."""
        if self._frames:
            self._frames[-1].add(UNREPEATABLE)

    def merge(self, paths: frozenset[str]) -> None:
        """The computation under way reused a result that read `paths`."""
        if paths and self._frames:
            self._frames[-1].update(paths)


def frozen(found: set[str]) -> frozenset[str]:
    return frozenset(found) if found else NOTHING


class Fingerprinter:
    """Digests of values for one build. `settings` (the build's settings dict) counts as a
    name only: the settings digest is part of every key."""

    def __init__(self, settings: Mapping[str, Any],
                 lookups: Lookups | None = None) -> None:
        self.settings = settings
        #: the project folder's path and separator, as bytes: a text starting with it (a
        #: gallery's folder, a source's path) is fed relative to it, so that a `.cache/`
        #: copied to a clone at another path is warm (QA)
        project = project_folder(settings)
        self._project = (project + os.sep).encode() if project else b""
        #: attribute look-ups shared with the keys' reads (writing/reads.py `Lookups`): a
        #: content object's `url` and link-resolved `content`, formatted by Pelican at each
        #: access, are asked once per process; None: asked each time
        self._lookups = lookups
        #: the content read by the digests under way (their dependency records)
        self.touches = Touches()
        #: digests computed once per process (content objects, paginators), by id; the
        #: object is kept with its digest, so its id stays unique, and the content it read
        self._content: dict[tuple[int, bool], tuple[Any, str, frozenset[str]]] = {}
        self._values: dict[tuple[int, int, bool], tuple[Any, str, frozenset[str]]] = {}
        #: what values that count by their name and address count by (`_named`), by id
        self._names: dict[int, tuple[Any, bytes]] = {}
        #: how the value being digested counts list pages (`of`)
        self._pages_by_view = False
        #: the build's content objects by source path (Pelican's `generated_content`): only
        #: their digests are kept across builds (`keep`); none before `keep`
        self._contents: Mapping[str, Content] = {}
        #: content digests kept by an earlier build that this build may use
        self._kept: KeptDigests = {}
        #: content digests of `_contents` computed in this process, to keep (`kept`)
        self._computed: KeptDigests = {}

    def keep(self, kept: KeptDigests, contents: Mapping[str, Content]) -> None:
        """Take the digest and set of each object of `contents` (Pelican's
        `generated_content`, final) that `kept` holds (writing/digests.py: computed in a build
        of this structure, its set meeting no body changed since) instead of computing them,
        and note the digests computed from now on of these objects (:meth:`kept`). Only the
        object Pelican holds at its source path is digested by its path."""
        self._contents = contents
        self._kept = kept

    def kept(self) -> KeptDigests:
        """The digests to keep for the next builds: those taken from `keep` (still valid) and
        those computed in this process since, except those read by memory address."""
        return {**self._kept, **self._computed}

    def of(self, value: Any, level: int = 0, pages_by_view: bool = False) -> str:
        """The digest of `value`'s canonical form; an object's once per process (the values
        a page reads are final once the writers run, and many pages read the same ones).
        `level`: how many content objects the value was reached through (the page's
        article's `related` are at level 1: content there counts by its own fields, content
        at level 2 by its address). `pages_by_view`: a page of a list counts by its view
        (:meth:`_page_view`), not by its whole list; only for templates whose reads allow it
        (writing/reads.py)."""
        simple = value is None or isinstance(value, (str, bytes, bool, int, float))
        depth = min(level, 2)
        key = (id(value), depth, pages_by_view)
        known = None if simple else self._values.get(key)
        if known is not None:
            self.touches.merge(known[2])
            return known[1]
        hasher = hashlib.sha256()
        with self.touches.frame() as read:
            self._pages_by_view = pages_by_view
            self._feed(hasher, value, set(), depth=depth)
        digest = hasher.hexdigest()
        if not simple:
            self._values[key] = (value, digest, frozen(read))
        return digest

    def part(self, value: Any, level: int = 0, pages_by_view: bool = False) -> bytes:
        """What a key lists for `value`: text and plain numbers as they are (tagged with their
        type; no digest of their own), anything else by its digest (:meth:`of`). The tags never
        begin alike: `s` text, `#` a digest, a type's name (`int:`, `bool:`, `float:`,
        `NoneType:`) a number."""
        kind = type(value)
        if kind is str or isinstance(value, str):  # Markup too: same text, same page
            return b"s" + value.encode("utf-8", "surrogatepass")
        if value is None or kind is bool or kind is int or kind is float:
            return f"{kind.__name__}:{value!r}".encode()
        return b"#" + self.of(value, level, pages_by_view).encode()

    def content(self, item: Content, shallow: bool) -> str:
        """A content object's digest: its own fields, and other content it holds by their own
        fields (`shallow`: by their address only). Computed once per object and process."""
        key = (id(item), shallow)
        known = self._content.get(key)
        kept_as: tuple[str, bool] | None = None
        if known is None and self._contents:
            path = source_of(item)
            if self._contents.get(path) is item:
                kept_as = (path, shallow)
                stored = self._kept.get(kept_as)
                if stored is not None:
                    known = self._content[key] = (item, *stored)
        if known is not None:
            self.touches.merge(known[2])
            return known[1]
        hasher = hashlib.sha256()
        hasher.update(type(item).__qualname__.encode())
        with self.touches.frame() as read:
            self.touches.add(item)
            fields = {name: value for name, value in vars(item).items()
                      if name not in CONTENT_SKIPPED}
            for name in CONTENT_PROPERTIES:
                fields[f"@{name}"] = self._property(item, name)
            self._feed(hasher, fields, set(), depth=2 if shallow else 1)
        digest = hasher.hexdigest()
        touched = frozen(read)
        # the object is kept, so its id stays unique
        self._content[key] = (item, digest, touched)
        if kept_as is not None and UNREPEATABLE not in touched:
            self._computed[kept_as] = (digest, touched)
        return digest

    def _property(self, item: Content, name: str) -> Any:
        """A computed content attribute, from the process's look-ups where it was asked
        already (by a key's reads, or by another digest of the same object)."""
        lookups = self._lookups
        known = lookups.get((id(item), name)) if lookups is not None else None
        if known is not None and known[0] is item:
            return known[1]
        try:
            value = getattr(item, name)
        except Exception as error:
            return f"raised {type(error).__name__}"
        if lookups is not None:
            lookups[(id(item), name)] = (item, value)
        return value

    def _paginator(self, paginator: Paginator) -> str:
        """A paginator's digest (its whole list), computed once per process: every page of
        the list shows its paginator, and the list is final once the writers run."""
        key = (id(paginator), False)
        known = self._content.get(key)
        if known is None:
            hasher = hashlib.sha256()
            with self.touches.frame() as read:
                self._feed_container(hasher, paginator, set(), depth=0)
            known = self._content[key] = (paginator, hasher.hexdigest(), frozen(read))
        else:
            self.touches.merge(known[2])
        return known[1]

    def _named(self, value: Any, text: Callable[[], str]) -> bytes:
        """`text()` of a value that counts by its name and address (a region, a tag, an
        author; content two levels down), computed once per process: Pelican formats the
        address at each look-up."""
        known = self._names.get(id(value))
        if known is None:
            known = self._names[id(value)] = (value, text().encode())
        return known[1]

    def _page_view(self, hasher: Any, page: Page, active: set[int], depth: int) -> None:
        """A page of a list by its view: its name, address and number, and its list's size,
        page size and orphans (which decide the number of pages, whether it has neighbours,
        its `url` and `save_as`); not its articles (its `object_list` counts where a template
        reads it) nor the rest of its list."""
        paginator = page.paginator
        hasher.update(f"page-view:{page.full_name}|{page.base_url}|{page.number}|"
                      f"{paginator.name}|{paginator.url}|{paginator.count}|"
                      f"{paginator.per_page}|{paginator.orphans}|".encode())
        self._feed(hasher, page.settings, active, depth)

    def _feed(self, hasher: Any, value: Any, active: set[int], depth: int) -> None:
        put = hasher.update
        kind = type(value)
        if kind is str or isinstance(value, str):  # Markup too: same text, same page
            data = value.encode("utf-8", "surrogatepass")
            if self._project and data.startswith(self._project):  # a path in the clone
                data = b"<project>/" + data[len(self._project):]
            put(b"s%d:" % len(data))
            put(data)  # not concatenated: a page's content is long
        elif value is None or isinstance(value, (bool, int, float)):
            put(f"{kind.__name__}:{value!r};".encode())
        elif (kind is list or kind is tuple or kind is dict) and value is not self.settings:
            # the commonest containers, as `_feed_container` feeds them, without its tests
            if id(value) in active:
                put(f"cycle:{kind.__qualname__};".encode())
                return
            active.add(id(value))
            put(PLAIN_CONTAINERS[kind])
            if kind is dict:
                for key, item in sorted(value.items(), key=lambda pair: repr(pair[0])):
                    self._feed(hasher, key, active, depth)
                    self._feed(hasher, item, active, depth)
            else:
                for item in value:
                    self._feed(hasher, item, active, depth)
            put(b">")
            active.discard(id(value))
        elif isinstance(value, bytes):
            put(b"b%d:" % len(value) + value)
        elif isinstance(value, PurePath):  # as its text: a path in the clone relative to it
            self._feed(hasher, str(value), active, depth)
        elif isinstance(value, (dt.datetime, dt.date, dt.time)):
            put(f"{type(value).__name__}:{value.isoformat()}:{getattr(value, 'tzinfo', None)};"
                .encode())
        elif isinstance(value, (dt.timedelta, dt.tzinfo, enum.Enum)):
            put(f"{type(value).__qualname__}:{value!r};".encode())
        elif isinstance(value, Undefined):
            put(b"undefined;")
        elif isinstance(value, Content):
            if depth >= 2:
                self.touches.add(value)
                put(self._named(value, lambda: f"content-at:{getattr(value, 'save_as', '')}:"
                                               f"{source_of(value)};"))  # not where the clone is
            else:
                put(b"content:" + self.content(value, shallow=depth >= 1).encode())
        elif isinstance(value, Paginator):  # one per paginated list, shown by each of its pages
            put(b"paginator:" + self._paginator(value).encode())
        elif type(value) is Page and set(vars(value)) == PAGE_FIELDS and self._pages_by_view:
            self._page_view(hasher, value, active, depth)
        elif type(value) is Page and set(vars(value)) == PAGE_FIELDS \
                and value.object_list == value.paginator.page(value.number).object_list:
            # a page of a list: its paginator (the whole list, digested once) and which page;
            # its object_list is the paginator's slice for that number
            put(f"page:{value.full_name}|{value.base_url}|{value.number}|".encode())
            self._feed(hasher, value.paginator, active, depth)
            self._feed(hasher, value.settings, active, depth)
        elif isinstance(value, URLWrapper):
            put(self._named(value, lambda: f"{type(value).__qualname__}:{value.name}|"
                                           f"{value.slug}|{value.url}|{value.save_as};"))
        elif value is self.settings:
            put(b"settings;")
        elif isinstance(value, (types.FunctionType, types.BuiltinFunctionType, type)):
            put(f"code:{value.__module__}.{value.__qualname__};".encode())
        elif id(value) in active:
            put(f"cycle:{type(value).__qualname__};".encode())
        else:
            active.add(id(value))
            try:
                self._feed_container(hasher, value, active, depth)
            finally:
                active.discard(id(value))

    def _feed_container(self, hasher: Any, value: Any, active: set[int], depth: int) -> None:
        put = hasher.update
        put(f"<{type(value).__module__}.{type(value).__qualname__}".encode())
        if isinstance(value, Mapping):
            items = sorted(value.items(), key=lambda pair: repr(pair[0]))
            for key, item in items:
                self._feed(hasher, key, active, depth)
                self._feed(hasher, item, active, depth)
        elif isinstance(value, (list, tuple)):
            for item in value:
                self._feed(hasher, item, active, depth)
        elif isinstance(value, (set, frozenset)):
            for digest in sorted(self.of(item, depth, self._pages_by_view)
                                 for item in value):
                put(digest.encode())
        elif isinstance(value, types.MethodType):
            self._feed(hasher, value.__func__, active, depth)
            self._feed(hasher, value.__self__, active, depth)
        elif isinstance(value, (types.GeneratorType, types.ModuleType)) or (callable(value) \
                and not hasattr(value, "__dict__")):
            put(repr(value).encode())  # a memory address: never equal across builds
            self.touches.unrepeatable()
        elif dataclasses.is_dataclass(value):
            for field in dataclasses.fields(value):
                put(field.name.encode())
                self._feed(hasher, getattr(value, field.name), active, depth)
        elif hasattr(value, "__dict__") or hasattr(value, "__slots__"):
            fields = dict(vars(value)) if hasattr(value, "__dict__") else {}
            for slot in getattr(type(value), "__slots__", ()):
                if hasattr(value, slot):
                    fields[slot] = getattr(value, slot)
            self._feed(hasher, fields, active, depth)
        else:
            put(repr(value).encode())
        put(b">")

