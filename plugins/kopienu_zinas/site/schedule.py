"""Pelican glue for scheduled articles and pages (common/schedule.py): withheld, listed, or
previewed.

- ``article_generator_pretaxonomy``: before Pelican builds regions, tags, authors, archives
  and feeds, and before any plugin reads the articles (events at
  ``article_generator_finalized``, the newsletter and galleries in their generators), a public
  build removes scheduled articles and their translations from the generator, so no page,
  list, feed, sitemap entry, JSON-LD block, calendar event or newsletter issue has them. With
  ``PREVIEW`` they stay, each with ``article.scheduled = True`` for the templates' mark.
- ``page_generator_finalized``: the same for pages with a `date:` after BUILD_NOW (a page has
  no date unless the editor writes one): a public build writes no page, menu entry or sitemap
  entry for it; the preview shows it with ``page.scheduled = True``.
- ``scheduled_notices``: the content check's list of scheduled articles and pages (information for
  `make check`, logged at INFO with ``extra={"notice": …}``, never an error).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from typing import Any

from ..common.clock import build_now
from ..common.frontmatter import SourceDocument
from ..common.isodates import parse_iso_date
from ..common.problems import ContentProblem
from ..common.schedule import is_scheduled, too_late

logger = logging.getLogger(__name__)

#: The generator's lists of articles a scheduled article is removed from.
ARTICLE_LISTS = ("articles", "translations", "hidden_articles", "hidden_translations")
#: The page generator's lists (each also in the context under the same name, if at all).
PAGE_LISTS = ("pages", "translations", "hidden_pages", "hidden_translations")


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


def withhold_scheduled_pages(generator: Any) -> None:
    """Remove (public build) or mark (preview) every page dated after BUILD_NOW."""
    now = build_now(generator.settings)
    preview = bool(generator.settings.get("PREVIEW", False))
    for name in PAGE_LISTS:
        pages = getattr(generator, name, None)
        if pages is None:
            continue
        for page in pages:
            date = getattr(page, "date", None)
            page.scheduled = date is not None and is_scheduled(date, now)
        if preview:
            continue
        kept = [page for page in pages if not page.scheduled]
        setattr(generator, name, kept)
        if generator.context.get(name) is pages:
            generator.context[name] = kept
    if not preview:
        for page in generator.pages + generator.hidden_pages:
            page.translations = [t for t in getattr(page, "translations", [])
                                 if not getattr(t, "scheduled", False)]


def scheduled_notices(documents: Sequence[SourceDocument],
                      settings: dict[str, Any]) -> Iterator[ContentProblem]:
    """A notice for every article or page dated after "now" (where, when it will appear); not
    for a date more than a year ahead, which the date rule reports as an error instead."""
    now = build_now(settings)
    for document in documents:
        if document.kind not in ("article", "page") or not document.header_found \
                or document.node is None or "date" not in document.metadata:
            continue
        if str(document.metadata.get("status") or "published") == "draft":
            continue
        try:
            when = parse_iso_date(document.metadata.get("date"))
        except ValueError:
            continue  # the date rule reports it
        if is_scheduled(when, now) and not too_late(when, now):  # too late: the date rule's
            what = ("ieplānots raksts", "scheduled article") if document.kind == "article" \
                else ("ieplānota lapa", "scheduled page")
            yield document.problem(
                "date", *what, value=str(when),
                fix="parādīsies pirmajā publicēšanā pēc šī laika "
                    "(appears with the first build after this time)")


def log_notices(documents: Sequence[SourceDocument], settings: dict[str, Any]) -> None:
    for notice in scheduled_notices(documents, settings):
        logger.info("%s", notice.format(), extra={"notice": notice})
