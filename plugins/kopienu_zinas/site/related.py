"""`article.related`: other news from the article's region, for the "Citas ziņas" box.

The newest three of the region's four newest articles other than this one (Pelican's category
list, already sorted): the same few for every page of a region, found without a scan of all
articles. Set on articles, translations and drafts once the categories exist
(article_generator_finalized).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

SHOWN = 3


def related(article: Any, categories: Sequence[tuple[Any, Sequence[Any]]]) -> tuple[Any, ...]:
    region = next((listed for category, listed in categories
                   if category == getattr(article, "category", None)), ())
    return tuple([other for other in region[:SHOWN + 1] if other is not article][:SHOWN])


def attach_related(generator: Any) -> None:
    categories = list(getattr(generator, "categories", []))
    for group in ("articles", "translations", "drafts", "drafts_translations"):
        for article in getattr(generator, group, []):
            article.related = related(article, categories)
