"""Small stand-ins for Pelican articles and the events and galleries plugins' objects."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

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


@dataclass
class FakePhoto:
    src: str
    width: int = 1200
    height: int = 800
    alt: str = "Foto"


@dataclass
class FakeEvent:
    title: str
    start: dt.date
    url: str
    end: dt.date | None = None
    all_day: bool = True
    month_only: bool = False
    location: str = ""
    address: str = ""
    online: str = ""
    status: str = "scheduled"


@dataclass
class FakeGallery:
    name: str
    title: str
    date: dt.datetime
    url: str
    photos: list[Any] = field(default_factory=list)
    cover: FakePhoto | None = None


@dataclass
class FakeArticle:
    title: str
    date: dt.datetime
    region: str = "Latgale"
    summary: str = "<p>Īsi &amp; skaidri.</p>"
    modified: dt.datetime | None = None
    lang: str = "lv"
    events: list[Any] = field(default_factory=list)
    event_occurrences: list[Any] | None = None  # the events plugin's, when it ran
    gallery: FakeGallery | None = None
    cover: FakePhoto | None = None

    @property
    def category(self) -> FakeRegion:
        return FakeRegion(self.region)

    @property
    def url(self) -> str:
        return f"zinas/{self.date.year}/{self.title.lower().replace(' ', '-')}/"
