"""Pelican's article lists answering `in` without a scan.

Pelican writes each tag, category and author page with the `dates` of its articles, computed as
`[article for article in self.dates if article in articles]` (`ArticlesGenerator.generate_tags`,
`generate_categories`, `generate_authors`): `in` on a list compares the article with each of
the list's in turn, so every build makes (articles × the lengths of all those lists)
comparisons, whatever changed: at 4,000 articles with 30 tags, 4 regions and 6 authors some
80 million (docs/building.md, "Caches: reading").

At `article_generator_finalized` (the reading plugin's receiver runs before the other plugins'),
:func:`index_article_lists` puts each of those lists, in the generator and in its context, as
an :class:`ArticleList`: the same items in the same order, whose `in` asks a set of the items'
identities. That is exactly what the list answers when neither the item asked for nor any item
held has an `==` of its own (Pelican's contents have none: `==` is identity); otherwise the
list is scanned as before. Any change to the list (append, remove, item or slice assignment…)
drops the set, and the next `in` builds it again from what the list then holds; a copy or a
pickle is made of the items alone.
"""

from __future__ import annotations

from collections.abc import Iterable, MutableSequence
from typing import Any, SupportsIndex


class ArticleList(list[Any]):
    """A list whose `in` is a set look-up by identity where that is what `==` means for the
    item asked and every item held, and the list's own scan otherwise."""

    __slots__ = ("_identities",)

    def __init__(self, items: Iterable[Any] = ()) -> None:
        super().__init__(items)
        self._identities: frozenset[int] | None = None

    def __contains__(self, item: object) -> bool:
        if not _compared_by_identity(type(item)):
            return super().__contains__(item)
        identities = self._identities
        if identities is None:
            if not all(_compared_by_identity(type(held)) for held in self):
                return super().__contains__(item)
            identities = self._identities = frozenset(map(id, self))
        return id(item) in identities

    def _changed(self) -> None:
        self._identities = None

    def __reduce__(self) -> tuple[type[ArticleList], tuple[list[Any]]]:
        """Copied and pickled as its items (identities mean nothing in another process)."""
        return ArticleList, (list(self),)

    # every way a list changes what it holds (sort and reverse change only the order)
    def append(self, item: Any) -> None:
        self._changed()
        super().append(item)

    def extend(self, items: Iterable[Any]) -> None:
        self._changed()
        super().extend(items)

    def insert(self, index: SupportsIndex, item: Any) -> None:
        self._changed()
        super().insert(index, item)

    def remove(self, item: Any) -> None:
        self._changed()
        super().remove(item)

    def pop(self, index: SupportsIndex = -1) -> Any:
        self._changed()
        return super().pop(index)

    def clear(self) -> None:
        self._changed()
        super().clear()

    def __setitem__(self, index: Any, value: Any) -> None:
        self._changed()
        super().__setitem__(index, value)

    def __delitem__(self, index: Any) -> None:
        self._changed()
        super().__delitem__(index)

    def __iadd__(self, items: Iterable[Any]) -> ArticleList:  # type: ignore[misc]  # + gives a list
        self._changed()
        return super().__iadd__(items)

    def __imul__(self, times: SupportsIndex) -> ArticleList:
        self._changed()
        return super().__imul__(times)


#: `object.__eq__`: identity.
_IDENTITY: Any = object.__eq__


def _compared_by_identity(kind: type) -> bool:
    """Whether `==` on objects of this class is identity (object's own `__eq__`)."""
    return kind.__eq__ is _IDENTITY


def index_article_lists(generator: Any) -> None:
    """article_generator_finalized: each tag's, category's and author's list of articles, in
    the generator and in its context, as an :class:`ArticleList` (in place: every holder of
    the generator's dict and lists sees the same new lists)."""
    tags = getattr(generator, "tags", None)
    if isinstance(tags, dict):
        for tag, articles in list(tags.items()):
            tags[tag] = _indexed(articles)
        _replace_pairs(generator.context.get("tags"), tags)
    for name in ("categories", "authors"):
        pairs = getattr(generator, name, None)
        if isinstance(pairs, list):
            for number, pair in enumerate(pairs):
                if isinstance(pair, tuple) and len(pair) == 2:
                    pairs[number] = (pair[0], _indexed(pair[1]))
            _replace_pairs(generator.context.get(name), dict(
                pair for pair in pairs if isinstance(pair, tuple) and len(pair) == 2))


def _indexed(articles: Any) -> Any:
    """`articles` as an :class:`ArticleList` when it is a plain list (anything else as it is)."""
    return ArticleList(articles) if type(articles) is list else articles


def _replace_pairs(pairs: Any, lists: dict[Any, Any]) -> None:
    """In the context's (name, articles) pairs, each list replaced by the generator's new one
    of the same name, when it holds the same items."""
    if not isinstance(pairs, MutableSequence):
        return
    for number, pair in enumerate(pairs):
        if isinstance(pair, tuple) and len(pair) == 2 and pair[0] in lists \
                and lists[pair[0]] == pair[1] and lists[pair[0]] is not pair[1]:
            pairs[number] = (pair[0], lists[pair[0]])
