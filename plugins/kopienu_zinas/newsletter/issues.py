"""Which articles, events and galleries make up each month's issue.

Pure: works on duck-typed objects (Pelican articles, the events and galleries plugins'
attachments, or small fakes in tests) and a fixed "now". An issue exists for a month that has
ended and whose issue time (the 1st of the next month, 08:00) has come by the build date, with
at least one article or an editor's introduction; the month in progress is a preview.
Everything depends on the content and "now" only, so rebuilding never changes an old issue's
id or date.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from ..common.absolute_urls import on_site as absolute
from ..common.collation import latvian_key
from ..common.isodates import RIGA, as_datetime
from ..common.months import Month
from ..common.plaintext import paragraphs, plain_text
from ..events.contract import Event, events_of


def _changed(item: Any) -> dt.datetime | None:
    value = getattr(item, "modified", None) or getattr(item, "date", None)
    return _aware(value) if value is not None else None


def _aware(value: dt.date) -> dt.datetime:
    value = as_datetime(value)
    return value if value.tzinfo else value.replace(tzinfo=RIGA)


@dataclass(frozen=True)
class Intro:
    """An editor's introduction (content/newsletter/YYYY-MM.md)."""

    month: Month
    title: str
    authors: tuple[str, ...]
    html: str
    changed: dt.datetime | None = None
    summary: str = ""  # plain text; the issue's feed item description when given

    @property
    def paragraphs(self) -> tuple[str, ...]:
        return paragraphs(self.html)


@dataclass(frozen=True)
class Entry:
    """One article as an issue shows it (URLs absolute)."""

    title: str
    url: str
    date: dt.datetime
    summary: str
    region: str
    lang: str | None
    cover: Any | None
    source: Any


@dataclass(frozen=True)
class RegionGroup:
    region: str
    entries: tuple[Entry, ...]


@dataclass(frozen=True)
class Issue:
    month: Month
    published: dt.datetime
    updated: dt.datetime
    intro: Intro | None
    regions: tuple[RegionGroup, ...]
    events: tuple[ListedEvent, ...]
    galleries: tuple[Any, ...]
    preview: bool = False

    @property
    def entries(self) -> tuple[Entry, ...]:
        return tuple(e for group in self.regions for e in group.entries)

    @property
    def cover(self) -> Any | None:
        """The first article cover, else the first gallery's cover: the issue's image."""
        for entry in self.entries:
            if entry.cover is not None:
                return entry.cover
        return next((g.cover for g in self.galleries if getattr(g, "cover", None)), None)


@dataclass(frozen=True)
class Archive:
    issues: tuple[Issue, ...]  # newest first
    preview: Issue | None

    def neighbours(self, issue: Issue) -> tuple[Issue | None, Issue | None]:
        """(previous = older, next = newer) issue."""
        index = self.issues.index(issue)
        older = self.issues[index + 1] if index + 1 < len(self.issues) else None
        newer = self.issues[index - 1] if index > 0 else None
        return older, newer

    @property
    def pages(self) -> tuple[Issue, ...]:
        """Every issue that has a page: the issues (newest first), then the preview."""
        return (*self.issues, *((self.preview,) if self.preview else ()))


def _entry(article: Any, siteurl: str) -> Entry:
    region = getattr(article, "category", None)
    return Entry(
        title=str(article.title),
        url=absolute(siteurl, article.url),
        date=_aware(article.date),
        summary=plain_text(getattr(article, "summary", "")),
        region=str(getattr(region, "name", region) or ""),
        lang=getattr(article, "lang", None),
        cover=getattr(article, "cover", None),
        source=article,
    )


def _region_groups(entries: Iterable[Entry], regions: Sequence[str]) -> tuple[RegionGroup, ...]:
    """Configured regions in their order, then any others in Latvian alphabetical order."""
    by_region: dict[str, list[Entry]] = {}
    for entry in entries:
        by_region.setdefault(entry.region, []).append(entry)
    order = [r for r in regions if r in by_region]
    order += sorted((r for r in by_region if r not in regions), key=latvian_key)
    return tuple(RegionGroup(region, tuple(sorted(by_region[region], key=lambda e: (e.date, e.title))))
                 for region in order)


@dataclass(frozen=True)
class ListedEvent:
    """One event as an issue lists it: once, with its occurrences that touch the month
    (the events plugin's occurrences: start, end, title, url, place, status)."""

    occurrences: tuple[Event, ...]  # soonest first

    @property
    def event(self) -> Event:
        """The first occurrence in the month: what the list shows for title, place, status."""
        return self.occurrences[0]


def _days(event: Any) -> tuple[dt.date, dt.date]:
    """First and last local day of an occurrence (a month-only one: its whole month)."""
    first = _aware(event.start).astimezone(RIGA).date() if isinstance(event.start, dt.datetime) \
        else event.start
    end = getattr(event, "end", None) or event.start
    last = _aware(end).astimezone(RIGA).date() if isinstance(end, dt.datetime) else end
    if getattr(event, "month_only", False):
        last = Month.of(first).next().first_day - dt.timedelta(days=1)
    return first, last


def _touches(event: Any, month: Month) -> bool:
    first, last = _days(event)
    return first < month.next().first_day and last >= month.first_day


def _events_for(month: Month, announced_by: dt.datetime,
                articles: Sequence[Any]) -> tuple[tuple[ListedEvent, ...], list[Any]]:
    """Events with an occurrence in `month` (starting in it, or running into it from before),
    each listed once with those occurrences, from articles published by `announced_by` (so a
    later article never changes an issue already sent), and the articles they came from.

    Occurrences are the events plugin's (`article.events.occurrences`, an ArticleEvents,
    bounded as the calendar pages are).
    """
    found: dict[tuple[str, str], list[Any]] = {}
    sources = []
    for article in articles:
        if _aware(article.date) > announced_by:
            continue
        chosen = [o for o in events_of(article).occurrences if _touches(o, month)]
        for occurrence in chosen:
            key = (str(getattr(occurrence, "url", "")), str(occurrence.title))
            found.setdefault(key, []).append(occurrence)
        if chosen:
            sources.append(article)
    listed = [ListedEvent(tuple(sorted(group, key=lambda o: _aware(o.start)))) for group in
              found.values()]
    listed.sort(key=lambda item: (_aware(item.event.start).isoformat(), str(item.event.title),
                                  str(getattr(item.event, "url", ""))))
    return tuple(listed), sources


def _galleries_in(month: Month, galleries: Sequence[Any]) -> tuple[Any, ...]:
    chosen = [g for g in galleries if getattr(g, "date", None) and Month.of(g.date) == month]
    return tuple(sorted(chosen, key=lambda g: (_aware(g.date), str(g.name))))


def galleries_of(articles: Iterable[Any], context_galleries: Sequence[Any] | None) -> list[Any]:
    """The galleries plugin's list when there is one, else the galleries articles show."""
    if context_galleries:
        return list(context_galleries)
    seen: dict[str, Any] = {}
    for article in articles:
        gallery = getattr(article, "gallery", None)
        if gallery is not None and getattr(gallery, "name", None):
            seen.setdefault(str(gallery.name), gallery)
    return list(seen.values())


def issue_date(month: Month, issue_time: dt.time) -> dt.datetime:
    """The first day of the following month at issue_time, Riga time."""
    first = month.next().first_day
    return dt.datetime.combine(first, issue_time, tzinfo=RIGA)


def assemble_issue(month: Month, in_month: Sequence[Any], announcing: Sequence[Any],
                   intro: Intro | None, galleries: Sequence[Any], *, siteurl: str,
                   regions: Sequence[str], issue_time: dt.time, preview: bool = False) -> Issue:
    """One month's issue from its articles and the articles that announce events."""
    published = issue_date(month, issue_time)
    entries = [_entry(a, siteurl) for a in in_month]
    events, event_sources = _events_for(month.next(), published, announcing)
    chosen_galleries = _galleries_in(month, galleries)
    changes = [_changed(item) for item in [*in_month, *event_sources, *chosen_galleries]]
    if intro is not None:
        changes.append(intro.changed)
    latest = max((c for c in changes if c is not None), default=published)
    return Issue(month=month, published=published,
                 updated=latest if preview else max(latest, published),
                 intro=intro, regions=_region_groups(entries, regions), events=events,
                 galleries=chosen_galleries, preview=preview)


def assemble(articles: Sequence[Any], intros: Iterable[Intro], galleries: Sequence[Any],
             now: dt.datetime, *, siteurl: str, regions: Sequence[str],
             issue_time: dt.time) -> Archive:
    """Every month whose issue is out by `now` (its first day after the month, at issue_time)
    with an article or an introduction, newest first, and the preview of the current month.

    A build between midnight and issue_time on the 1st has no issue for the month just ended
    yet: it would carry a publication time later than the build."""
    by_month = {intro.month: intro for intro in intros}
    articles_by_month: dict[Month, list[Any]] = {}
    for article in articles:  # grouped once: a site has thousands of articles, ~100 months
        articles_by_month.setdefault(Month.of(_aware(article.date)), []).append(article)
    announcing = [a for a in articles if events_of(a)]
    current = Month.of(now)
    months = set(articles_by_month) | set(by_month)
    closed = sorted((m for m in months if m < current and issue_date(m, issue_time) <= now),
                    reverse=True)

    def issue(month: Month, preview: bool = False) -> Issue:
        return assemble_issue(month, articles_by_month.get(month, []), announcing,
                              by_month.get(month), galleries, preview=preview, siteurl=siteurl,
                              regions=regions, issue_time=issue_time)

    issues = tuple(issue(m) for m in closed)
    preview = issue(current, preview=True)
    return Archive(issues=issues, preview=preview)
