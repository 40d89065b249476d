"""Pelican's tag, category and author lists answering `in` from a set (reading/membership.py):
every answer is the one the list's scan gives — for contents (`==` is identity), for items
with an `==` of their own, after every way of changing the list, and in a copy or a pickle."""

from __future__ import annotations

import copy
import pickle
from collections.abc import Callable
from types import SimpleNamespace
from typing import Any

import pytest

from kopienu_zinas.reading.membership import ArticleList, index_article_lists


class Article:
    """Like Pelican's contents: no `==` of its own."""

    def __init__(self, name: str) -> None:
        self.name = name


class Named:
    """An item equal to any other of the same name."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Named) and other.name == self.name

    __hash__ = None  # type: ignore[assignment]


ARTICLES = [Article(str(number)) for number in range(8)]
CHANGES: list[Callable[[list[Any]], Any]] = [
    lambda items: items.append(ARTICLES[6]),
    lambda items: items.extend([ARTICLES[7]]),
    lambda items: items.insert(0, ARTICLES[5]),
    lambda items: items.remove(ARTICLES[0]),
    lambda items: items.pop(),
    lambda items: items.pop(0),
    lambda items: items.clear(),
    lambda items: items.__setitem__(0, ARTICLES[7]),
    lambda items: items.__setitem__(slice(0, 2), [ARTICLES[6]]),
    lambda items: items.__delitem__(1),
    lambda items: items.__delitem__(slice(0, 2)),
    lambda items: items.__iadd__([ARTICLES[4]]),
    lambda items: items.__imul__(0),
    lambda items: items.sort(key=lambda article: article.name, reverse=True),
    lambda items: items.reverse(),
]


def answers(items: list[Any], asked: list[Any]) -> list[bool]:
    return [item in items for item in asked]


@pytest.mark.parametrize("change", CHANGES)
def test_every_answer_is_the_scans_after_any_change(change: Callable[[list[Any]], Any]
                                                    ) -> None:
    plain, indexed = ARTICLES[:4], ArticleList(ARTICLES[:4])
    assert answers(indexed, ARTICLES) == answers(plain, ARTICLES)  # the set is made here
    change(plain)
    change(indexed)
    assert list(indexed) == plain
    assert answers(indexed, ARTICLES) == answers(plain, ARTICLES)


def test_items_with_an_equality_of_their_own_are_compared_as_the_list_compares_them() -> None:
    held = ArticleList([Named("a"), ARTICLES[0], "teksts"])
    assert Named("a") in held  # an equal item, not the same one
    assert "teksts" in held and ARTICLES[0] in held
    assert ARTICLES[1] not in held and Named("b") not in held
    contents = ArticleList([ARTICLES[0]])
    assert Named("a") not in contents and ARTICLES[0] in contents


def test_a_copy_or_a_pickle_holds_the_items_and_answers_for_them() -> None:
    indexed = ArticleList(ARTICLES[:3])
    assert ARTICLES[0] in indexed
    copied = copy.copy(indexed)
    assert type(copied) is ArticleList and list(copied) == list(indexed)
    copied.append(ARTICLES[5])
    assert ARTICLES[5] in copied and ARTICLES[5] not in indexed
    restored = pickle.loads(pickle.dumps(ArticleList([Named("a")])))
    assert type(restored) is ArticleList and Named("a") in restored
    deep = copy.deepcopy(indexed)
    assert ARTICLES[0] not in deep and len(deep) == 3  # copies of the articles, not them


def test_the_generators_lists_and_its_contexts_become_article_lists() -> None:
    tags = {"kultūra": ARTICLES[:3], "sports": ARTICLES[2:5]}
    categories = [("Latgale", ARTICLES[:2]), ("Sēlija", ARTICLES[2:])]
    authors = [("Anna", ARTICLES[::2])]
    context = {"tags": list(tags.items()), "categories": categories, "authors": authors}
    generator = SimpleNamespace(tags=tags, categories=categories, authors=authors,
                                context=context, dates=list(reversed(ARTICLES)))
    expected = {name: [article for article in generator.dates if article in articles]
                for name, articles in [*tags.items(), *categories, *authors]}
    index_article_lists(generator)
    lists = [*tags.values(), *(articles for _name, articles in categories + authors)]
    assert all(type(articles) is ArticleList for articles in lists)
    assert [articles for _tag, articles in context["tags"]] == list(tags.values())
    assert all(a is b for (_t, a), b in zip(context["tags"], tags.values(), strict=True))
    assert context["categories"] is categories and context["authors"] is authors
    assert {name: [article for article in generator.dates if article in articles]
            for name, articles in [*tags.items(), *categories, *authors]} == expected
