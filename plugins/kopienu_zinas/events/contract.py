"""What the events plugin publishes to articles: the one object other plugins and the theme read.

`article.events` is an :class:`ArticleEvents` on every article, translation and draft once the
articles have been read (article_generator_finalized); an article that announces nothing has
:data:`NO_EVENTS`. Other plugins read only this (the newsletter selects a month's events from
`.occurrences`, as the calendar pages do), never the editor's raw `events:` list.
"""

from __future__ import annotations

from dataclasses import dataclass

from .model import Event

__all__ = ["NO_EVENTS", "ArticleEvents", "Event", "events_of"]


@dataclass(frozen=True)
class ArticleEvents:
    """An article's events and their occurrences.

    `events`: as the article lists them (valid ones; invalid ones were reported by the content
    check), placed on the site (url, ics_url, uid, region). `occurrences`: each event itself, or
    for a recurring one its occurrences inside the EVENTS recurrence window (Events with their
    own start and end), in the order of `events`, each event's soonest first.
    """

    events: tuple[Event, ...]
    occurrences: tuple[Event, ...]

    def __bool__(self) -> bool:
        return bool(self.events)

    def occurrences_of(self, event: Event) -> tuple[Event, ...]:
        """The occurrences of one of `events` (by its index in the article)."""
        return tuple(o for o in self.occurrences if o.index == event.index)


NO_EVENTS = ArticleEvents(events=(), occurrences=())


def events_of(article: object) -> ArticleEvents:
    """`article.events` when the events plugin has run, else :data:`NO_EVENTS`."""
    found = getattr(article, "events", None)
    return found if isinstance(found, ArticleEvents) else NO_EVENTS
