"""Pelican glue for scheduled articles (common/schedule.py): withheld, listed, or previewed.

- ``article_generator_pretaxonomy``: before Pelican builds regions, tags, authors, archives
  and feeds, and before any plugin reads the articles (events at
  ``article_generator_finalized``, the newsletter and galleries in their generators), a public
  build removes scheduled articles and their translations from the generator, so no page,
  list, feed, sitemap entry, JSON-LD block, calendar event or newsletter issue has them. With
  ``PREVIEW`` they stay, each with ``article.scheduled = True`` for the templates' mark.
- ``scheduled_notices``: the content check's list of scheduled articles (information for
  `make check`, logged at INFO with ``extra={"notice": …}``, never an error).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from typing import Any

from ..common.clock import build_now
from ..common.frontmatter import SourceDocument
from ..common.metadata import parse_iso_date
from ..common.problems import ContentProblem
from ..common.schedule import is_scheduled

logger = logging.getLogger(__name__)

#: The generator's lists of articles a scheduled article is removed from.
ARTICLE_LISTS = ("articles", "translations", "hidden_articles", "hidden_translations")


def withhold_scheduled(generator: Any) -> None:
    """Remove (public build) or mark (preview) every article dated after BUILD_NOW."""
    now = build_now(generator.settings)
    preview = bool(generator.settings.get("PREVIEW", False))
    for name in ARTICLE_LISTS:
        articles = getattr(generator, name, None)
        if articles is None:
            continue
        for article in articles:
            article.scheduled = is_scheduled(article.date, now)
        if not preview:
            setattr(generator, name, [a for a in articles if not a.scheduled])
    if not preview:
        for article in generator.articles:
            article.translations = [t for t in getattr(article, "translations", [])
                                    if not getattr(t, "scheduled", False)]


def scheduled_notices(documents: Sequence[SourceDocument],
                      settings: dict[str, Any]) -> Iterator[ContentProblem]:
    """A notice for every article dated after "now" (where, when it will appear)."""
    now = build_now(settings)
    for document in documents:
        if document.kind != "article" or not document.header_found or document.node is None:
            continue
        if str(document.metadata.get("status") or "published") == "draft":
            continue
        try:
            when = parse_iso_date(document.metadata.get("date"))
        except ValueError:
            continue  # the date rule reports it
        if is_scheduled(when, now):
            yield document.problem(
                "date", "ieplānots raksts", "scheduled article", value=str(when),
                fix="parādīsies pirmajā publicēšanā pēc šī laika "
                    "(appears with the first build after this time)")


def log_notices(documents: Sequence[SourceDocument], settings: dict[str, Any]) -> None:
    for notice in scheduled_notices(documents, settings):
        logger.info("%s", notice.format(), extra={"notice": notice})
