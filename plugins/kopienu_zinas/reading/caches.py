"""One build's reading caches: switched on at `initialized`, pruned after a build that
succeeded (`finalized` with no warning or error logged), never after one that failed. Pruning
keeps what this build and the previous successful one used (an edit that is undone finds its
old entries), so `.cache/reading/` holds at most two builds' entries."""

from __future__ import annotations

import logging
import weakref
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..common import checkcache, sourcereader
from ..common.cachestore import CacheStore
from ..common.frontmatter import MARKDOWN_ENDINGS
from . import memo, prereading, readahead
from .settings import from_pelican

#: The attribute of the Pelican instance that owns its reading caches.
ATTRIBUTE = "kopienu_reading"
#: Entry kinds under .cache/reading/ (KEYS: the Markdown cache's key index, one entry;
#: SLUGS: the slugs the last build asked for, one entry, reading/memo.py).
MARKDOWN, CHECKS, KEYS, SLUGS = "markdown", "checks", "keys", "slugs"


class FailureWatch(logging.Handler):
    """Notes whether anything at WARNING or above was logged (the build tool fails the build
    on errors, and `--strict` on warnings): then the caches are not pruned."""

    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.failed = False

    def emit(self, record: logging.LogRecord) -> None:
        self.failed = True


@dataclass(eq=False)
class ReadingCaches:
    sources: sourcereader.SourceCache
    checks: checkcache.CheckCache
    keys: CacheStore
    slugs: CacheStore
    watch: FailureWatch = field(default_factory=FailureWatch)
    prereading: prereading.Prereading | None = None

    def stores(self) -> tuple[CacheStore, ...]:
        return self.sources.store, self.checks.store, self.keys, self.slugs


_CURRENT: weakref.WeakValueDictionary[int, ReadingCaches] = weakref.WeakValueDictionary()


def caches_of(settings: dict[str, Any]) -> ReadingCaches | None:
    caches = _CURRENT.get(id(settings))
    return caches if caches is not None and caches.sources.settings is settings else None


def open_caches(pelican: Any) -> None:
    """initialized (before the site plugin's content check): switch the caches on, ask the
    system for the files the last build's key index names (reading/readahead.py), plan the
    content check and start checking and reading the missing sources on every core."""
    settings = pelican.settings
    options = from_pelican(settings)
    if not options.cache:
        return
    caches = ReadingCaches(
        sourcereader.use_store(settings, CacheStore(options.folder, MARKDOWN)),
        checkcache.use_store(settings, CacheStore(options.folder, CHECKS)),
        CacheStore(options.folder, KEYS), CacheStore(options.folder, SLUGS))
    memo.keep_slugs(caches.slugs)
    root = logging.getLogger()
    for handler in [h for h in root.handlers if isinstance(h, FailureWatch)]:
        root.removeHandler(handler)  # of a build that stopped before `finalized`
    root.addHandler(caches.watch)
    setattr(pelican, ATTRIBUTE, caches)
    _CURRENT[id(settings)] = caches
    previous = prereading.last_index(caches.sources, caches.keys)
    readahead.advise(readahead.files_read_next(previous, Path(settings["PATH"]),
                                               caches.checks.store, caches.sources.store))
    caches.prereading = prereading.start(caches.sources, settings, options.workers,
                                         MARKDOWN_ENDINGS,
                                         checkcache.plan(settings), caches.keys, previous)


def wait_for_prereading(readers: Any) -> None:
    """readers_init: every source the workers convert is in the cache before any is read."""
    caches = caches_of(readers.settings)
    if caches is not None and caches.prereading is not None:
        caches.prereading.wait()


def stop_prereading(pelican: Any) -> None:
    """End the reading workers of a build that stopped early (the content check failed, or
    a crash): called by the build tool whatever happened (tools/build.py)."""
    caches: ReadingCaches | None = getattr(pelican, ATTRIBUTE, None)
    if caches is not None and caches.prereading is not None:
        caches.prereading.stop()


def prune_after_success(pelican: Any) -> None:
    """finalized: remove the entries neither this build nor the previous successful one used,
    unless anything went wrong in this one."""
    caches: ReadingCaches | None = getattr(pelican, ATTRIBUTE, None)
    if caches is None:
        return
    logging.getLogger().removeHandler(caches.watch)
    if caches.prereading is not None:
        caches.prereading.wait()
    memo.save_slugs(caches.slugs)
    if not caches.watch.failed:
        for store in caches.stores():
            store.prune_keeping_previous()
