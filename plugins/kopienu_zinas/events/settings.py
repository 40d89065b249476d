"""The EVENTS settings dict (lower-case keys; the old upper-case ones warn): defaults, validated
once into a frozen dataclass."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlparse

from ..common.clock import build_now
from ..common.settings import merged, whole_number
from .calendar import Window

PLUGIN = "kopienu_zinas.events"

DEFAULTS: dict[str, Any] = {
    "calendar_url": "kalendars/",  # upcoming events; arhivs/, YYYY/MM/, notikumi/ below it
    "calendar_ics": "kalendars.ics",  # the whole site's calendar
    "region_ics": "regioni/{slug}/kalendars.ics",
    "domain": None,  # for UIDs (…@domain); None: SITEURL's host
    "calendar_name": None,  # None: "<SITENAME>: pasākumi"
    "refresh_hours": 12,  # REFRESH-INTERVAL asked of calendar apps
    "home_limit": 3,  # upcoming events on the home page
    "region_limit": 5,  # upcoming events on a region page
    # Bounds on what a recurring event expands to on pages and in the newsletter (the .ics
    # keeps the whole rule): occurrences from past_days before to future_days after the build
    # date, at most limit before it and limit from it on; the first occurrence always.
    "recurrence_past_days": 1096,
    "recurrence_future_days": 366,
    "recurrence_limit": 60,
}

#: The upper-case keys of earlier releases: still read, with a warning naming the new key.
RENAMED = {key.upper(): key for key in DEFAULTS}

_WHOLE_NUMBERS = ("refresh_hours", "home_limit", "region_limit", "recurrence_past_days",
                  "recurrence_future_days", "recurrence_limit")


@dataclass(frozen=True)
class EventsSettings:
    calendar_url: str
    calendar_ics: str
    region_ics: str
    domain: str
    calendar_name: str
    refresh: dt.timedelta
    home_limit: int
    region_limit: int
    window: Window
    now: dt.datetime
    siteurl: str

    @classmethod
    def from_pelican(cls, settings: Mapping[str, Any]) -> EventsSettings:
        values = merged(settings, "EVENTS", PLUGIN, DEFAULTS, RENAMED)
        for name in _WHOLE_NUMBERS:
            whole_number(PLUGIN, "EVENTS", name, values[name])
        siteurl = str(settings.get("SITEURL") or "").rstrip("/")
        domain = values["domain"] or urlparse(siteurl).hostname or "localhost"
        now = build_now(settings)
        return cls(
            calendar_url=values["calendar_url"].strip("/") + "/",
            calendar_ics=values["calendar_ics"], region_ics=values["region_ics"], domain=domain,
            calendar_name=values["calendar_name"]
            or f"{settings.get('SITENAME', 'Kopienu ziņas')}: pasākumi",
            refresh=dt.timedelta(hours=values["refresh_hours"]),
            home_limit=values["home_limit"], region_limit=values["region_limit"],
            window=Window(now, past=dt.timedelta(days=values["recurrence_past_days"]),
                          future=dt.timedelta(days=values["recurrence_future_days"]),
                          limit=values["recurrence_limit"]),
            now=now,
            siteurl=siteurl)
