"""A table of values by key kept from one build to the next as one cache entry.

Used where a build asks the same questions of many files and most answers are the last build's:
the link check's plans (site/linkplans.py, by each document's digest) and the sitemap's
`noindex` verdicts (site/sitemap.py, by each page's SHA-256). Each value must be a function of
its key alone, so an answer found in a build that then failed is as good as any; the table's
own cache key digests whatever else the answers depend on (our code, the settings).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Generic, TypeVar

from .cachestore import CacheStore

V = TypeVar("V")


class LastBuildTable(Generic[V]):
    """The last build's entries under `key` in `store` (`previous`: none when the entry is
    missing, damaged, or not a dict whose values all pass `valid`), and this build's
    (`current`: those asked and found, and those put)."""

    def __init__(self, store: CacheStore, key: str,
                 valid: Callable[[Any], bool] = lambda value: True) -> None:
        self.store = store
        self.key = key
        stored = store.get(key)
        self.previous: dict[str, V] = (
            stored if isinstance(stored, dict) and all(
                isinstance(name, str) and valid(value) for name, value in stored.items())
            else {})
        self.current: dict[str, V] = {}

    def get(self, name: str) -> V | None:
        """The last build's value for `name` (kept for the next build), or None."""
        value = self.previous.get(name)
        if value is not None:
            self.current[name] = value
        return value

    def put(self, name: str, value: V) -> None:
        self.current[name] = value

    def save(self) -> None:
        """Keep this build's entries (written only when their names differ from the stored
        ones: a value is a function of its name) and remove every other entry of the store."""
        if self.current.keys() != self.previous.keys() or not self.store.contains(self.key):
            self.store.put(self.key, self.current)
        self.store.prune()
