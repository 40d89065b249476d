"""Stand-ins for Pelican articles, built from the real objects the other plugins attach.

Only the Pelican article is a small dataclass (it is Pelican's, not ours); what the events,
images and galleries plugins put on it is their real published type (events.contract's
ArticleEvents, images.views.Cover, galleries.pages.Gallery), so a change of that contract breaks
these tests instead of passing unnoticed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import Any
from zoneinfo import ZoneInfo

from kopienu_zinas.events.calendar import Window, occurrences
from kopienu_zinas.events.contract import NO_EVENTS, ArticleEvents, Event
from kopienu_zinas.galleries.pages import Gallery, Photo
from kopienu_zinas.images.views import Cover, Jpeg

RIGA = ZoneInfo("Europe/Riga")
SITEURL = "https://example.lv"
REGIONS = ["Sēlija", "Latgale", "Rēzekne"]
EIGHT = dt.time(8, 0)


def at(text: str) -> dt.datetime:
    """'2024-05-21' or '2024-05-21 10:00' as an aware Riga datetime."""
    return dt.datetime.fromisoformat(text).replace(tzinfo=RIGA)


@dataclass
class FakeRegion:
    name: str


def _picture(src: str, width: int, height: int, alt: str) -> dict[str, Any]:
    jpeg = Jpeg(url=src, path=src.removeprefix(f"{SITEURL}/"), width=width, height=height)
    return {"source": jpeg.path, "alt": alt, "src": src, "width": width, "height": height,
            "large": src, "srcset": f"{src} {width}w", "sources": (), "jpegs": (jpeg,)}


def cover(src: str, width: int = 1200, height: int = 800, alt: str = "Foto") -> Cover:
    """The images plugin's cover of an article (`article.cover`), one JPEG at `src`."""
    fields = _picture(src, width, height, alt)
    return Cover(**fields, credit=None, og=fields["jpegs"][0])


def photo(src: str, width: int = 1200, height: int = 800, alt: str = "Foto") -> Photo:
    """A gallery photo, one JPEG at `src`."""
    return Photo(**_picture(src, width, height, alt), caption="", photographer=None)


def event(title: str, start: dt.date, url: str, **fields: Any) -> Event:
    """An event as the events plugin places it (all-day when `start` is a date)."""
    return Event(title=title, start=start, url=url, all_day=not isinstance(start, dt.datetime), **fields)


def article_events(*events: Event, now: dt.datetime | None = None) -> ArticleEvents:
    """The events plugin's ArticleEvents: each event's occurrences in a wide window."""
    window = Window(now or at("2024-01-01"), past=dt.timedelta(days=1096),
                    future=dt.timedelta(days=366), limit=60)
    numbered = tuple(replace(e, index=i) for i, e in enumerate(events))
    return ArticleEvents(events=numbered,
                         occurrences=tuple(o for e in numbered for o in occurrences(e, window)))


def gallery(name: str, title: str, date: dt.datetime, path: str,
            first: Photo | None = None) -> Gallery:
    """A gallery as the galleries plugin publishes it (its cover is its first photo)."""
    return Gallery(name=name, title=title, date=date, credit=None, url=f"{SITEURL}/{path}",
                   path=path, photos=(first,) if first is not None else ())


@dataclass
class FakeArticle:
    """A Pelican article: the fields Pelican sets, and what our plugins add."""

    title: str
    date: dt.datetime
    region: str = "Latgale"
    summary: str = "<p>Īsi &amp; skaidri.</p>"
    modified: dt.datetime | None = None
    lang: str = "lv"
    events: ArticleEvents = NO_EVENTS
    gallery: Gallery | None = None
    cover: Cover | None = None

    @property
    def category(self) -> FakeRegion:
        return FakeRegion(self.region)

    @property
    def url(self) -> str:
        return f"zinas/{self.date.year}/{self.title.lower().replace(' ', '-')}/"
