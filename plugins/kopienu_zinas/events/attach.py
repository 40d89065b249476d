"""Give each article its `events` (an ArticleEvents, contract.py) and put the site's events into
the shared context.

Runs when the articles have been read (article_generator_finalized), so article URLs, regions
and dates are known. Invalid events were reported by the content check (checks.py) and are not
attached here: the build fails on those reports, so nothing invalid is published.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from ..common.absolute_urls import on_site
from ..common.isodates import RIGA
from ..common.plaintext import plain_text
from ..common.problems import ContentRoot
from . import calendar
from .checks import parsed_events
from .contract import ArticleEvents
from .identity import anchor, ics_file, uid_name
from .model import Event
from .settings import EventsSettings

#: SEQUENCE counts the minutes from here to the article's `modified` (RFC 5545 INTEGER is 32
#: bits: minutes last to the year 6000, seconds would run out in 2068).
SEQUENCE_EPOCH = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)


@dataclass(frozen=True)
class CalendarLinks:
    """Where the calendar pages and files are, for the templates (absolute URLs)."""

    siteurl: str
    page: str  # site-relative: kalendars/
    ics: str
    region_pattern: str

    def url(self, path: str = "") -> str:
        return on_site(self.siteurl, f"{self.page}{path}")

    def month_url(self, day: dt.date) -> str:
        """The month page of a day: …/kalendars/2024/03/."""
        return self.url(f"{day.year:04d}/{day.month:02d}/")

    def absolute(self, path: str) -> str:
        return on_site(self.siteurl, path)

    def webcal(self, path: str) -> str:
        return "webcal://" + re.sub(r"^https?://", "", self.absolute(path))

    def region_ics(self, slug: str) -> str:
        return self.region_pattern.format(slug=slug)


def _stamp(article: Any) -> dt.datetime:
    return (getattr(article, "modified", None) or article.date).astimezone(dt.UTC)


def _sequence(event: Event, article: Any) -> int:
    """The minutes from SEQUENCE_EPOCH to the article's `modified` (0 without one) plus the
    event's `sequence:` (0 unless written): a static build keeps no history, so a later
    `modified` (or a larger `sequence:`) is what makes SEQUENCE grow when an event moves
    (RFC 5545 §3.8.7.4); neither part ever makes it smaller."""
    modified = getattr(article, "modified", None)
    minutes = max(0, int((modified - SEQUENCE_EPOCH).total_seconds() // 60)) if modified else 0
    return minutes + (event.sequence or 0)


def uid(source: str, event: Event, domain: str) -> str:
    """The event's UID (RFC 5545 §3.8.4.7: it must not change): the article's source file
    (relative to content/, without its extension, each folder slugified, joined by dots) and
    the event's anchor: `zinas.2024.koncerts.notikums-dzejas-vakars@kopienuzinas.lv`. Neither
    the article's title nor the event's place in the list changes it; unique across the site
    (checks.uid_collisions)."""
    return f"{uid_name(source, event)}@{domain}"


def article_events(article: Any, settings: EventsSettings, pelican_settings: Mapping[str, Any],
                   content_root: ContentRoot) -> list[Event]:
    """The article's valid events (as the content check parsed them: checks.parsed_events),
    placed on its page, in its .ics file and in the calendar (`content_root`: PATH, which
    names the article's source)."""
    source = content_root.relative(article.source_path)
    events, _issues = parsed_events(pelican_settings, source, getattr(article, "events", None),
                                    article.title, settings.now.astimezone(RIGA).date())
    if not events:
        return []  # most articles: no address to format
    url, save_as = article.url, article.save_as  # Pelican formats both at each access
    article_url = on_site(settings.siteurl, url)
    category = getattr(article, "category", None)
    placed = []
    for event in events:
        fragment = anchor(event)
        # a file next to the page: none without a page (a draft in a publishing build)
        ics = ics_file(save_as, event) if save_as else None
        placed.append(replace(
            event, anchor=fragment, url=f"{article_url}#{fragment}", ics_path=ics,
            ics_url=on_site(settings.siteurl, ics) if ics else None,
            uid=uid(source, event, settings.domain),
            article_url=article_url,
            summary=event.description or plain_text(getattr(article, "summary", "")),
            region=getattr(category, "name", ""), region_slug=getattr(category, "slug", ""),
            region_url=on_site(settings.siteurl, category.url) if category else "",
            lang=getattr(article, "lang", "lv"), stamp=_stamp(article),
            sequence=_sequence(event, article)))
    return placed


def shared_identity(original: Sequence[Event], translations: Sequence[Sequence[Event]]
                    ) -> tuple[list[Event], list[list[Event]]]:
    """An original's events and its translations' events (each a list, as placed) as one
    event each: a translation's event takes the UID of its original's event of the same key
    (the content check makes every translation event one of the original's: checks.
    translation_problems), and every telling of one event gets the highest SEQUENCE and the
    latest DTSTAMP among them. RFC 5545 §3.8.4.7: the UID identifies the event wherever it is
    published, so a reader who adds the Latvian and the English `.ics` (or subscribes to the
    calendar and adds one) has it once; with equal SEQUENCE and DTSTAMP no copy looks like an
    older or newer revision of the other (RFC 5546 §2.1.5). Everything else (words, language,
    page, `.ics` file) stays each article's own."""
    tellings: dict[str, list[Event]] = {event.key: [event] for event in original}
    for events in translations:
        for event in events:
            tellings.get(event.key, []).append(event)  # none of the original's: refused
    return ([_as_one(e, tellings[e.key]) for e in original],
            [[_as_one(e, tellings.get(e.key, [e])) for e in events] for events in translations])


def _as_one(event: Event, told: list[Event]) -> Event:
    """`event` with the UID of `told[0]` (the original's) and the highest SEQUENCE and latest
    DTSTAMP of all of `told` (its tellings, each placed by article_events)."""
    stamps = [e.stamp for e in told if e.stamp is not None]
    return replace(event, uid=told[0].uid, sequence=max(e.sequence or 0 for e in told),
                   stamp=max(stamps) if stamps else None)


def attach_events(generator: Any) -> None:
    settings = EventsSettings.from_pelican(generator.settings)
    originals: list[Any] = list(generator.articles) + list(getattr(generator, "drafts", []))
    articles: list[Any] = list(generator.articles) + list(generator.translations) + \
        list(getattr(generator, "drafts", [])) + list(getattr(generator, "drafts_translations", []))
    content_root = ContentRoot(generator.settings["PATH"])
    placed = {id(article): article_events(article, settings, generator.settings, content_root)
              for article in articles}
    for article in originals:  # Pelican's `translations`: the other languages' articles
        translated = [t for t in getattr(article, "translations", ()) if id(t) in placed]
        placed[id(article)], told = shared_identity(
            placed[id(article)], [placed[id(t)] for t in translated])
        placed.update((id(t), events) for t, events in zip(translated, told, strict=True))
    for article in articles:
        events = placed[id(article)]
        article.events = ArticleEvents(
            events=tuple(events),
            occurrences=tuple(o for e in events for o in calendar.occurrences(e, settings.window)))
    everything: list[Event] = []
    for article in generator.articles:  # a translation's events are its original's (checks)
        everything.extend(article.events.events)
    generator.context["event_files"] = tuple(
        event for article in articles for event in article.events.events if event.ics_path)
    everything.sort(key=calendar.sort_key)
    occurrences = calendar.all_occurrences(everything, settings.window)
    upcoming, past = calendar.split(occurrences, settings.now)
    generator.context["events"] = everything
    generator.context["event_occurrences"] = occurrences
    generator.context["upcoming_events"] = upcoming
    generator.context["past_events"] = past
    generator.context["calendar_links"] = CalendarLinks(
        settings.siteurl, settings.calendar_url, settings.calendar_ics, settings.region_ics)
    generator.context["home_events"] = tuple(upcoming[:settings.home_limit])
    generator.context["region_events"] = by_region(upcoming, settings.region_limit)


def by_region(upcoming: list[Event], limit: int) -> dict[str, tuple[Event, ...]]:
    """Region (category) slug → its first `limit` upcoming occurrences, soonest first."""
    found: dict[str, list[Event]] = {}
    for occurrence in upcoming:
        found.setdefault(occurrence.region_slug, []).append(occurrence)
    return {slug: tuple(listed[:limit]) for slug, listed in found.items()}
