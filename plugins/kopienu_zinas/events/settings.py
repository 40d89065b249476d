"""The EVENTS settings dict: defaults, validated once into a frozen dataclass."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlparse

from ..common.clock import build_now
from .calendar import Window

DEFAULTS: dict[str, Any] = {
    "CALENDAR_URL": "kalendars/",  # upcoming events; arhivs/, YYYY/MM/, notikumi/ below it
    "CALENDAR_ICS": "kalendars.ics",  # the whole site's calendar
    "REGION_ICS": "regioni/{slug}/kalendars.ics",
    "DOMAIN": None,  # for UIDs (…@domain); None: SITEURL's host
    "CALENDAR_NAME": None,  # None: "<SITENAME>: pasākumi"
    "REFRESH_HOURS": 12,  # REFRESH-INTERVAL asked of calendar apps
    "HOME_LIMIT": 3,  # upcoming events on the home page
    "REGION_LIMIT": 5,  # upcoming events on a region page
    # Bounds on what a recurring event expands to on pages and in the newsletter (the .ics
    # keeps the whole rule): occurrences from PAST_DAYS before to FUTURE_DAYS after the build
    # date, at most LIMIT before it and LIMIT from it on; the first occurrence always.
    "RECURRENCE_PAST_DAYS": 1096,
    "RECURRENCE_FUTURE_DAYS": 366,
    "RECURRENCE_LIMIT": 60,
}


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
        given = dict(settings.get("EVENTS") or {})
        unknown = sorted(set(given) - set(DEFAULTS))
        if unknown:
            raise ValueError(f"kopienu_zinas.events: unknown EVENTS settings: {', '.join(unknown)}"
                             f" (known: {', '.join(DEFAULTS)})")
        merged = {**DEFAULTS, **given}
        for name in ("REFRESH_HOURS", "HOME_LIMIT", "REGION_LIMIT", "RECURRENCE_PAST_DAYS",
                     "RECURRENCE_FUTURE_DAYS", "RECURRENCE_LIMIT"):
            if not isinstance(merged[name], int) or merged[name] < 0:
                raise ValueError(f"kopienu_zinas.events: EVENTS[{name!r}] must be a whole number")
        siteurl = str(settings.get("SITEURL") or "").rstrip("/")
        domain = merged["DOMAIN"] or urlparse(siteurl).hostname or "localhost"
        now = build_now(settings)
        return cls(
            calendar_url=merged["CALENDAR_URL"].strip("/") + "/",
            calendar_ics=merged["CALENDAR_ICS"], region_ics=merged["REGION_ICS"], domain=domain,
            calendar_name=merged["CALENDAR_NAME"]
            or f"{settings.get('SITENAME', 'Kopienu ziņas')}: pasākumi",
            refresh=dt.timedelta(hours=merged["REFRESH_HOURS"]),
            home_limit=merged["HOME_LIMIT"], region_limit=merged["REGION_LIMIT"],
            window=Window(now, past=dt.timedelta(days=merged["RECURRENCE_PAST_DAYS"]),
                          future=dt.timedelta(days=merged["RECURRENCE_FUTURE_DAYS"]),
                          limit=merged["RECURRENCE_LIMIT"]),
            now=now,
            siteurl=siteurl)
