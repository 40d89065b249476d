"""The VTIMEZONE of a calendar file: defines every instant the file uses (RFC 5545 §3.6.5).

Written here from zoneinfo's transitions rather than with icalendar's Timezone.from_tzinfo
(icalendar 7.3), which (a) puts a COMMENT at the top level, which §3.6.5 does not allow there
(libical flags it), (b) gives a DAYLIGHT observance's DTSTART in the new offset (04:00 for
Riga) where §3.6.5 wants the local time before the change (03:00, as in the RFC's examples),
and (c) stops at a last date, so a later occurrence of an open-ended rule gets the wrong offset.

- Every clock change from the first day in use through the last is an observance;
- when the file has an open-ended rule (or one too long to follow, see recurrence.FINITE_LIMIT),
  explicit observances go on to the year before the zone's *current* rule begins
  (`current_rule`: Riga's EU rule since 2001; 2000 had no summer time, 1996 changed back in
  September), and that rule follows as STANDARD/DAYLIGHT observances with an RRULE
  (FREQ=YEARLY;BYMONTH=…;BYDAY=…), as Google Calendar and Outlook write them. A zone whose
  offset no longer changes gets no RRULE: its last observance holds for ever.
"""

from __future__ import annotations

import calendar as months
import datetime as dt
from dataclasses import dataclass
from functools import lru_cache
from zoneinfo import ZoneInfo

from icalendar import Timezone, TimezoneDaylight, TimezoneStandard, vRecur

_WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
#: A year the zone's data describes by its rule alone (the TZif footer: files list explicit
#: changes up to 2037 at most), where `current_rule` starts looking back from.
_RULE_YEAR = 2100
#: No zone had clock changes before this year (local mean time until the 1880s).
_NO_ZONES_BEFORE = 1800
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


def _shape(items: tuple[Transition, ...]) -> list[tuple[object, ...]]:
    """What a year's changes look like as a yearly rule: month, BYDAY, time, offsets."""
    return [(t.local.month, _byday(t.local), t.local.time(), t.offset_from, t.offset_to)
            for t in items]


@lru_cache(maxsize=8)
def current_rule(zone: ZoneInfo) -> int:
    """The first year from which every year changes the clocks as the zone's rule does now
    (2001 for Riga; the year after its last change for a zone that no longer changes): the
    years from _RULE_YEAR back that all look alike."""
    rule = _shape(transitions(zone, _RULE_YEAR))
    year = _RULE_YEAR
    while year > _NO_ZONES_BEFORE and _shape(transitions(zone, year - 1)) == rule:
        year -= 1
    return year


def _observance(transition: Transition) -> TimezoneStandard | TimezoneDaylight:
    part = TimezoneDaylight() if transition.daylight else TimezoneStandard()
    part.DTSTART = transition.local
    part.TZOFFSETFROM = transition.offset_from
    part.TZOFFSETTO = transition.offset_to
    part.add("TZNAME", transition.name)
    return part


def vtimezone(zone: ZoneInfo, first: dt.date, last: dt.date, open_ended: bool) -> Timezone:
    """VTIMEZONE for `zone` defining every instant from `first` through `last` (explicit
    observances), and with `open_ended` every later instant too: explicit observances up to the
    year before the zone's current rule begins (current_rule), then that rule as yearly RRULE
    observances from the year after the explicit ones."""
    start = dt.datetime(first.year, first.month, first.day)
    local = start.replace(tzinfo=zone)
    offset = local.utcoffset() or dt.timedelta()
    initial = Transition(start, offset, offset, local.tzname() or "", bool(local.dst()))
    final_year = max(last.year, current_rule(zone) - 1) if open_ended else last.year
    component = Timezone()
    component.add("TZID", zone.key)
    component.add_component(_observance(initial))
    for year in range(first.year, final_year + 1):
        for change in transitions(zone, year):
            if change.local > start:
                component.add_component(_observance(change))
    for change in transitions(zone, final_year + 1) if open_ended else ():
        observance = _observance(change)
        observance.add("RRULE", vRecur(FREQ="YEARLY", BYMONTH=change.local.month,
                                       BYDAY=_byday(change.local)))
        component.add_component(observance)
    return component
