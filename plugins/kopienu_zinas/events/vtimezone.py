"""The VTIMEZONE of a calendar file: defines every instant the file uses (RFC 5545 §3.6.5).

Written here from zoneinfo's transitions rather than with icalendar's Timezone.from_tzinfo
(icalendar 7.3), which (a) puts a COMMENT at the top level, which §3.6.5 does not allow there
(libical flags it), (b) gives a DAYLIGHT observance's DTSTART in the new offset (04:00 for
Riga) where §3.6.5 wants the local time before the change (03:00, as in the RFC's examples),
and (c) stops at a last date, so a later occurrence of an open-ended rule gets the wrong offset.

- Every clock change from the first day in use through the last is an observance;
- when the file has an open-ended rule (or one too long to follow, see recurrence.FINITE_LIMIT),
  the zone's yearly rule after that as STANDARD/DAYLIGHT observances with an RRULE
  (FREQ=YEARLY;BYMONTH=…;BYDAY=…), as Google Calendar and Outlook write them. The rule is read
  from one year's transitions and checked against the following years; a zone whose changes do
  not repeat yearly gets explicit transitions for _EXPLICIT_YEARS more years instead.
"""

from __future__ import annotations

import calendar as months
import datetime as dt
from dataclasses import dataclass
from functools import lru_cache
from zoneinfo import ZoneInfo

from icalendar import Timezone, TimezoneDaylight, TimezoneStandard, vRecur

_WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
#: How many later years the derived yearly rule is checked against.
_CHECK_YEARS = 30
#: Explicit transitions written instead when the zone has no yearly rule.
_EXPLICIT_YEARS = 30
_DAY, _HOUR, _MINUTE = dt.timedelta(days=1), dt.timedelta(hours=1), dt.timedelta(minutes=1)


@dataclass(frozen=True)
class Transition:
    """A clock change: the local time it happens at (in the offset before), the offsets."""

    local: dt.datetime  # naive, wall clock before the change
    offset_from: dt.timedelta
    offset_to: dt.timedelta
    name: str
    daylight: bool


@lru_cache(maxsize=256)  # pure; every .ics of a build asks for the same few years
def transitions(zone: ZoneInfo, year: int) -> tuple[Transition, ...]:
    """The zone's clock changes in `year` (UTC days, then hours, then minutes)."""
    found = []
    moment = dt.datetime(year, 1, 1, tzinfo=dt.UTC)
    end = dt.datetime(year + 1, 1, 1, tzinfo=dt.UTC)
    offset = _offset(zone, moment)
    while moment < end:
        if _offset(zone, moment + _DAY) == offset:
            moment += _DAY
            continue
        for step in (_HOUR, _MINUTE):
            while _offset(zone, moment + step) == offset:
                moment += step
        moment += _MINUTE  # the first minute of the new offset
        if moment >= end:
            break
        after = moment.astimezone(zone)
        found.append(Transition((moment + offset).replace(tzinfo=None), offset,
                                _offset(zone, moment), after.tzname() or "", bool(after.dst())))
        offset = _offset(zone, moment)
    return tuple(found)


def _offset(zone: ZoneInfo, moment: dt.datetime) -> dt.timedelta:
    return moment.astimezone(zone).utcoffset() or dt.timedelta()


def _byday(day: dt.date) -> str:
    """'-1SU' for the last Sunday of its month, '2SU' for the second, …"""
    last = day.day + 7 > months.monthrange(day.year, day.month)[1]
    return f"{-1 if last else (day.day - 1) // 7 + 1}{_WEEKDAYS[day.weekday()]}"


def _repeats(zone: ZoneInfo, year: int, pattern: tuple[Transition, ...]) -> bool:
    """Does every later year change the clocks like `pattern` (same month, BYDAY, time)?"""
    def shape(items: tuple[Transition, ...]) -> list[tuple[object, ...]]:
        return [(t.local.month, _byday(t.local), t.local.time(), t.offset_from, t.offset_to)
                for t in items]
    return all(shape(transitions(zone, later)) == shape(pattern)
               for later in range(year + 1, year + 1 + _CHECK_YEARS))


def _observance(transition: Transition) -> TimezoneStandard | TimezoneDaylight:
    part = TimezoneDaylight() if transition.daylight else TimezoneStandard()
    part.DTSTART = transition.local
    part.TZOFFSETFROM = transition.offset_from
    part.TZOFFSETTO = transition.offset_to
    part.add("TZNAME", transition.name)
    return part


def vtimezone(zone: ZoneInfo, first: dt.date, last: dt.date, open_ended: bool) -> Timezone:
    """VTIMEZONE for `zone` defining every instant from `first` through `last` (explicit
    observances), and with `open_ended` every later instant too (yearly RRULE observances
    from the year after `last`)."""
    start = dt.datetime(first.year, first.month, first.day)
    local = start.replace(tzinfo=zone)
    offset = local.utcoffset() or dt.timedelta()
    initial = Transition(start, offset, offset, local.tzname() or "", bool(local.dst()))
    final_year = last.year
    pattern = transitions(zone, final_year + 1) if open_ended else ()
    yearly = bool(pattern) and _repeats(zone, final_year + 1, pattern)
    if open_ended and not yearly:
        final_year += _EXPLICIT_YEARS
    component = Timezone()
    component.add("TZID", zone.key)
    component.add_component(_observance(initial))
    for year in range(first.year, final_year + 1):
        for change in transitions(zone, year):
            if change.local > start:
                component.add_component(_observance(change))
    if yearly:
        for change in pattern:
            observance = _observance(change)
            observance.add("RRULE", vRecur(FREQ="YEARLY", BYMONTH=change.local.month,
                                           BYDAY=_byday(change.local)))
            component.add_component(observance)
    return component
