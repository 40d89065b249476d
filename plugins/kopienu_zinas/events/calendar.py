"""Which events are upcoming or past, occurrences of recurring events, months and month grids.

Pure: everything depends on the events and the build's "now" only.
"""

from __future__ import annotations

import datetime as dt
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from itertools import groupby, islice

from ..common.isodates import RIGA
from ..common.months import Month
from .model import Event
from .vtimezone import transitions


def sort_key(event: Event) -> tuple[dt.date, int, dt.date, str, int]:
    """Day first; on one day month-only and all-day events before timed ones."""
    timed = isinstance(event.start, dt.datetime)
    instant = event.start if timed else dt.datetime.min.replace(tzinfo=RIGA)
    rank = 0 if event.month_only else (1 if not timed else 2)
    return (event.first_day, rank, instant, event.title, event.index)


@dataclass(frozen=True)
class Window:
    """How far recurring events are expanded around the build date `now` (EVENTS settings
    recurrence_past_days, recurrence_future_days, recurrence_limit)."""

    now: dt.datetime
    past: dt.timedelta
    future: dt.timedelta
    limit: int  # at most this many occurrences before `now`, and as many from `now` on


def occurrences(event: Event, window: Window) -> list[Event]:
    """The event itself, or the occurrences of a recurring one that lie in `window`, as events
    with their own start and end: the first occurrence always, the last `window.limit` ones
    starting in the `window.past` before `now`, and the first `window.limit` from `now` to
    `now + window.future`. So what any rule costs on pages is bounded, whatever it says.

    A timed event's end keeps its wall-clock length (18:00–19:30 on both sides of a clock
    change).
    """
    rule = event.recurrence
    if rule is None:
        return [event]
    before = rule.between(event.start, window.now - window.past,
                          window.now - dt.timedelta(microseconds=1))
    past = deque(before, maxlen=window.limit)
    upcoming = islice(rule.between(event.start, window.now, window.now + window.future),
                      window.limit)
    starts = dict.fromkeys([event.start, *past, *upcoming])
    return [_at(event, start) for start in starts]


def _at(event: Event, start: dt.date) -> Event:
    if event.end is None or start == event.start:
        return replace(event, start=start)
    if isinstance(start, dt.datetime):
        end: dt.date = _wall_end(start, wall_length(event))  # type: ignore[arg-type]
    else:
        end = start + (event.end - event.start)
    return replace(event, start=start, end=end)


def _wall(moment: dt.datetime) -> dt.datetime:
    return moment.astimezone(RIGA).replace(tzinfo=None)


def _wall_end(start: dt.datetime, length: dt.timedelta) -> dt.datetime:
    """The Riga wall-clock time `length` after `start`'s (18:00 + 1:30 is 19:30 on both sides
    of a clock change), as an aware datetime."""
    return (_wall(start) + length).replace(tzinfo=RIGA)


def wall_length(event: Event) -> dt.timedelta | None:
    """A timed event's wall-clock length (end − start as Riga clocks read them: 22:00–06:00 is
    8 hours on every night, also when it holds a clock change); None without a timed end."""
    start, end = event.start, event.end
    if not isinstance(start, dt.datetime) or not isinstance(end, dt.datetime):
        return None
    return _wall(end) - _wall(start)


def _elapsed(start: dt.datetime, end: dt.datetime) -> dt.timedelta:
    return end.astimezone(dt.UTC) - start.astimezone(dt.UTC)


def spanning(event: Event, until: dt.date) -> list[Event]:
    """The occurrences of a timed recurring event with an end, from its first through the Riga
    day `until`, that span a clock change: their elapsed length differs from the wall-clock
    length (a Saturday 22:00–06:00 lasts 9 hours over the last night of October, 7 over the
    last of March), each with its own start and wall-clock end as the pages show it; the
    cancelled ones (exdates) left out. At most a few per clock change between the first
    occurrence and `until`, whatever the rule. A rule whose wall-clock span never holds the
    local time of a clock change of those years is not expanded at all."""
    rule, start, length = event.recurrence, event.start, wall_length(event)
    if rule is None or length is None or not isinstance(start, dt.datetime):
        return []
    if not _may_span(_wall(start), length, range(_wall(start).year, until.year + 1)):
        return []
    last = dt.datetime.combine(until + dt.timedelta(days=1), dt.time(), tzinfo=RIGA) \
        - dt.timedelta(microseconds=1)
    return [_at(event, moment) for moment in rule.between(start, start, last)
            if isinstance(moment, dt.datetime)  # a timed rule's are
            and _elapsed(moment, _wall_end(moment, length)) != length]


def _may_span(start: dt.datetime, length: dt.timedelta, years: range) -> bool:
    """Whether an occurrence starting at the wall time of `start` (naive, Riga) and lasting
    `length` (wall clock) may hold a clock change of `years`: whether the local time of one
    (before the change) lies within its span of the day, an hour's margin either side."""
    if length >= dt.timedelta(hours=22):
        return True
    begin = dt.datetime.combine(dt.date.min, start.time())
    for year in years:
        for change in transitions(RIGA, year):
            after = (dt.datetime.combine(dt.date.min, change.local.time()) - begin) \
                % dt.timedelta(days=1)
            if after <= length + _HOUR or after >= dt.timedelta(days=1) - _HOUR:
                return True
    return False


_HOUR = dt.timedelta(hours=1)


def all_occurrences(events: Iterable[Event], window: Window) -> list[Event]:
    return sorted((o for e in events for o in occurrences(e, window)), key=sort_key)


def is_upcoming(event: Event, now: dt.datetime) -> bool:
    """Not over yet at `now`: timed events until their end (or start), others until their last
    day ends; month-only events for their whole month."""
    if isinstance(event.start, dt.datetime):
        return (event.end or event.start) >= now
    return event.last_day >= now.astimezone(RIGA).date()


def split(occurrences_: Sequence[Event], now: dt.datetime) -> tuple[list[Event], list[Event]]:
    """(upcoming soonest first, past newest first)."""
    upcoming = [o for o in occurrences_ if is_upcoming(o, now)]
    past = [o for o in occurrences_ if not is_upcoming(o, now)]
    return sorted(upcoming, key=sort_key), sorted(past, key=sort_key, reverse=True)


@dataclass(frozen=True)
class MonthGroup:
    month: dt.date  # first day of the month
    events: list[Event]


def by_month(events: Sequence[Event]) -> list[MonthGroup]:
    """Consecutive events grouped under their (first day's) month, order kept."""
    return [MonthGroup(month.first_day, list(group))
            for month, group in groupby(events, key=lambda e: Month.of(e.first_day))]


@dataclass(frozen=True)
class Day:
    date: dt.date
    in_month: bool
    is_today: bool
    events: list[Event]


@dataclass(frozen=True)
class MonthGrid:
    month: dt.date  # first day
    weeks: list[list[Day]]  # Monday first
    undated: list[Event]  # month-only events: "date to be announced"
    previous: dt.date | None  # first day of the previous month that has a page
    next: dt.date | None

    @property
    def events(self) -> list[Event]:
        seen: dict[tuple[str, dt.date], Event] = {}
        for week in self.weeks:
            for day in week:
                for event in day.events:
                    if day.in_month:
                        seen.setdefault((event.uid or event.title, event.start), event)
        return self.undated + sorted(seen.values(), key=sort_key)


def _days(event: Event) -> Iterator[dt.date]:
    day = event.first_day
    while day <= event.last_day:
        yield day
        day += dt.timedelta(days=1)


def month_range(occurrences_: Sequence[Event], now: dt.datetime) -> list[Month]:
    """The months that get a grid page: each month an event touches, and the build month
    (where "today" is marked). Previous/next links go to the neighbouring pages in this list,
    so a reader never pages through empty months."""
    today = Month.of(now)
    months = {Month.of(day) for o in occurrences_ for day in _days(o)} | {today}
    return sorted(months)


def month_grid(month: Month, occurrences_: Sequence[Event], now: dt.datetime,
               pages: Sequence[Month]) -> MonthGrid:
    first, last = month.first_day, month.last_day
    grid_start = first - dt.timedelta(days=first.weekday())
    grid_end = last + dt.timedelta(days=6 - last.weekday())
    by_day: dict[dt.date, list[Event]] = {}
    undated: list[Event] = []
    for occurrence in occurrences_:
        if occurrence.month_only:
            if Month.of(occurrence.start) == month:
                undated.append(occurrence)
            continue
        for day in _days(occurrence):
            if grid_start <= day <= grid_end:
                by_day.setdefault(day, []).append(occurrence)
    today = now.astimezone(RIGA).date()
    days = []
    day = grid_start
    while day <= grid_end:
        days.append(Day(day, day.month == month.month, day == today,
                        sorted(by_day.get(day, []), key=sort_key)))
        day += dt.timedelta(days=1)
    weeks = [days[i:i + 7] for i in range(0, len(days), 7)]
    index = list(pages).index(month) if month in pages else -1
    previous = pages[index - 1].first_day if index > 0 else None
    following = pages[index + 1].first_day if 0 <= index < len(pages) - 1 else None
    return MonthGrid(first, weeks, undated, previous, following)
