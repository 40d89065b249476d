"""Which events are upcoming or past, occurrences of recurring events, months and month grids.

Pure: everything depends on the events and the build's "now" only.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from itertools import groupby

from dateutil.rrule import rrulestr

from ..common.clock import RIGA
from .model import Event

Month = tuple[int, int]  # (year, month)


def month_of(day: dt.date) -> Month:
    return (day.year, day.month)


def next_month(month: Month) -> Month:
    year, number = month
    return (year + number // 12, number % 12 + 1)


def previous_month(month: Month) -> Month:
    year, number = month
    return (year, number - 1) if number > 1 else (year - 1, 12)


def sort_key(event: Event) -> tuple[dt.date, int, dt.datetime, str, int]:
    """Day first; on one day month-only and all-day events before timed ones."""
    timed = isinstance(event.start, dt.datetime)
    instant = event.start if timed else dt.datetime.min.replace(tzinfo=RIGA)
    rank = 0 if event.month_only else (1 if not timed else 2)
    return (event.first_day, rank, instant, event.title, event.index)


def occurrences(event: Event, horizon: dt.date) -> list[Event]:
    """The event itself, or each occurrence of a recurring one (until its end, or `horizon` for
    open-ended rules), as events with their own start and end.

    The rule is expanded in local wall-clock time, so a weekly 18:00 event stays at 18:00 when
    Latvia changes between winter and summer time.
    """
    if not event.recurrence:
        return [event]
    timed = isinstance(event.start, dt.datetime)
    local_start = event.start.astimezone(RIGA).replace(tzinfo=None) if timed else \
        dt.datetime(event.start.year, event.start.month, event.start.day)
    duration = None
    if event.end is not None:
        local_end = event.end.astimezone(RIGA).replace(tzinfo=None) if timed else \
            dt.datetime(event.end.year, event.end.month, event.end.day)
        duration = local_end - local_start  # wall-clock length
    limit = dt.datetime(horizon.year, horizon.month, horizon.day, 23, 59, 59)
    found: list[Event] = []
    for moment in rrulestr(event.recurrence, dtstart=local_start, ignoretz=True):
        if moment > limit:
            break
        end_moment = moment + duration if duration is not None else None
        if timed:
            start: dt.date = moment.replace(tzinfo=RIGA)
            end = end_moment.replace(tzinfo=RIGA) if end_moment else None
        else:
            start = moment.date()
            end = end_moment.date() if end_moment else None
        found.append(replace(event, start=start, end=end))
    return found


def all_occurrences(events: Iterable[Event], horizon: dt.date) -> list[Event]:
    return sorted((o for e in events for o in occurrences(e, horizon)), key=sort_key)


def is_upcoming(event: Event, now: dt.datetime) -> bool:
    """Not over yet at `now`: timed events until their end (or start), others until their last
    day ends; month-only events for their whole month."""
    if isinstance(event.start, dt.datetime):
        return (event.end or event.start) >= now  # type: ignore[operator]
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
    return [MonthGroup(dt.date(y, m, 1), list(group))
            for (y, m), group in groupby(events, key=lambda e: month_of(e.first_day))]


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
    today = month_of(now.astimezone(RIGA).date())
    months = {month_of(day) for o in occurrences_ for day in _days(o)} | {today}
    return sorted(months)


def month_grid(month: Month, occurrences_: Sequence[Event], now: dt.datetime,
               pages: Sequence[Month]) -> MonthGrid:
    year, number = month
    first = dt.date(year, number, 1)
    last = dt.date(*next_month(month), 1) - dt.timedelta(days=1)
    grid_start = first - dt.timedelta(days=first.weekday())
    grid_end = last + dt.timedelta(days=6 - last.weekday())
    by_day: dict[dt.date, list[Event]] = {}
    undated: list[Event] = []
    for occurrence in occurrences_:
        if occurrence.month_only:
            if month_of(occurrence.start) == month:
                undated.append(occurrence)
            continue
        for day in _days(occurrence):
            if grid_start <= day <= grid_end:
                by_day.setdefault(day, []).append(occurrence)
    today = now.astimezone(RIGA).date()
    days = []
    day = grid_start
    while day <= grid_end:
        days.append(Day(day, day.month == number, day == today,
                        sorted(by_day.get(day, []), key=sort_key)))
        day += dt.timedelta(days=1)
    weeks = [days[i:i + 7] for i in range(0, len(days), 7)]
    index = list(pages).index(month) if month in pages else -1
    previous = dt.date(*pages[index - 1], 1) if index > 0 else None
    following = dt.date(*pages[index + 1], 1) if 0 <= index < len(pages) - 1 else None
    return MonthGrid(first, weeks, undated, previous, following)
