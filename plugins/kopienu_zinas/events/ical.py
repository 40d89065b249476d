"""iCalendar files (RFC 5545 + RFC 7986) made with the `icalendar` library.

What the library does not do by itself, and why it is done here:
- UIDs are given explicitly (the library makes a random one per build otherwise), both for every
  event and for the calendar;
- DTSTAMP is the article's modified/date in UTC, never the clock, so rebuilds are identical;
- the Europe/Riga VTIMEZONE is trimmed to the years in use (add_missing_timezones() otherwise
  writes every clock change from 1970 to 2038);
- REFRESH-INTERVAL gets VALUE=DURATION (RFC 7986 requires it; the library leaves it out);
- X-WR-CALNAME is written once, by Calendar.new(name=…); no METHOD (PUBLISH would require an
  ORGANIZER in every event).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from icalendar import Calendar, Event as VEvent

from ..common.clock import RIGA
from .model import Event

STATUS = {"scheduled": "CONFIRMED", "cancelled": "CANCELLED", "postponed": "TENTATIVE"}


@dataclass(frozen=True)
class Labels:
    """The Latvian words the files carry (SUMMARY prefixes, LOCATION and DESCRIPTION lines)."""

    cancelled: str = "Atcelts: "
    postponed: str = "Pārcelts: "
    online: str = "Tiešsaistē"
    organizer: str = "Rīko"
    registration: str = "Pieteikšanās"
    price: str = "Cena"
    more: str = "Vairāk"


@dataclass(frozen=True)
class CalendarInfo:
    name: str
    description: str
    url: str
    uid: str
    prodid: str
    refresh: dt.timedelta


def summary(event: Event, labels: Labels) -> str:
    prefix = {"cancelled": labels.cancelled, "postponed": labels.postponed}.get(event.status, "")
    return prefix + event.title


def location(event: Event, labels: Labels) -> str | None:
    place = ", ".join(part for part in (event.location, event.address) if part)
    if event.is_online:
        online = f"{labels.online}: {event.online}" if event.online else labels.online
        return f"{place}; {online}" if place else online
    return place or None


def description(event: Event, labels: Labels) -> str:
    lines = [event.summary] if event.summary else []
    details = [(labels.organizer, event.organizer), (labels.registration, event.registration),
               (labels.price, event.price)]
    lines += [f"{label}: {value}" for label, value in details if value]
    if event.online:
        lines.append(f"{labels.online}: {event.online}")
    lines.append(f"{labels.more}: {event.url}")
    return "\n".join(lines)


def _dtend(event: Event) -> dt.date | None:
    if event.all_day:
        return (event.end or event.start) + dt.timedelta(days=1)  # DTEND is exclusive
    return event.end


def vevent(event: Event, labels: Labels) -> VEvent:
    stamp = (event.stamp or dt.datetime(1970, 1, 1, tzinfo=dt.UTC)).astimezone(dt.UTC)
    component = VEvent.new(
        uid=event.uid, stamp=stamp, last_modified=stamp, start=event.start, end=_dtend(event),
        summary=summary(event, labels), location=location(event, labels),
        description=description(event, labels), url=event.url,
        status=STATUS[event.status], sequence=event.sequence or 0)
    if event.recurrence:
        component.add("rrule", _rrule(event.recurrence))
    if event.status == "cancelled":
        component.add("transp", "TRANSPARENT")
    return component


def _rrule(rule: str) -> dict[str, list[str]]:
    """'FREQ=MONTHLY;BYDAY=-1WE' as the mapping icalendar's vRecur takes (kept as written)."""
    parts: dict[str, list[str]] = {}
    for item in rule.strip().strip(";").split(";"):
        key, _, value = item.partition("=")
        parts[key.strip().upper()] = value.strip().split(",")
    return parts


def _years(events: Sequence[Event]) -> tuple[dt.date, dt.date]:
    """First and last dates the VTIMEZONE must cover (whole years, a year past open rules)."""
    starts = [e.first_day for e in events] or [dt.date(2000, 1, 1)]
    ends = [e.last_day for e in events] or starts
    last = max(ends)
    if any(e.recurrence and "UNTIL" not in e.recurrence.upper()
           and "COUNT" not in e.recurrence.upper() for e in events):
        last = dt.date(last.year + 1, last.month, 1)
    return dt.date(min(starts).year, 1, 1), dt.date(last.year, 12, 31)


def calendar(info: CalendarInfo, events: Sequence[Event], labels: Labels = Labels()) -> Calendar:
    """One VCALENDAR with the events that have a day (month-only ones never go in)."""
    dated = [e for e in events if e.in_calendar_files]
    cal = Calendar.new(name=info.name, description=info.description, prodid=info.prodid,
                       uid=info.uid, url=info.url, refresh_interval=info.refresh)
    # RFC 7986: REFRESH-INTERVAL;VALUE=DURATION (the library leaves the parameter out).
    cal["REFRESH-INTERVAL"].params["VALUE"] = "DURATION"
    cal.add("X-WR-TIMEZONE", "Europe/Riga")
    cal.add("X-PUBLISHED-TTL", cal["REFRESH-INTERVAL"].to_ical().decode())
    for event in dated:
        cal.add_component(vevent(event, labels))
    if any(not e.all_day for e in dated):
        first, last = _years(dated)
        cal.add_missing_timezones(first_date=first, last_date=last)
    return cal


def to_bytes(cal: Calendar) -> bytes:
    return cal.to_ical()


__all__ = ["RIGA", "CalendarInfo", "Labels", "calendar", "to_bytes", "vevent"]
