"""Grouping: upcoming and past by the build date, recurring occurrences, months, month grids."""

from __future__ import annotations

import datetime as dt

from kopienu_zinas.common.isodates import RIGA
from kopienu_zinas.common.months import Month
from kopienu_zinas.events import calendar
from kopienu_zinas.events.model import parse_events

NOW = dt.datetime(2024, 3, 2, 12, 0, tzinfo=RIGA)
WINDOW = calendar.Window(NOW, past=dt.timedelta(days=1096), future=dt.timedelta(days=366),
                         limit=60)


def events(*raw: dict):
    found, issues = parse_events(list(raw), "Raksts", NOW.date())
    assert issues == []
    return found


def test_upcoming_from_the_build_date_soonest_first_and_past_newest_first() -> None:
    found = events({"title": "Vakar", "start": "2024-03-01", "location": "x"},
                   {"title": "Notiek", "start": "2024-03-01", "end": "2024-03-03", "location": "x"},
                   {"title": "Vēlāk", "start": "2024-04-10 18:00", "location": "x"},
                   {"title": "Drīz", "start": "2024-03-02 18:00", "location": "x"},
                   {"title": "Šorīt", "start": "2024-03-02 09:00", "end": "2024-03-02 11:00",
                    "location": "x"},
                   {"title": "Septembrī", "start": "2024-09", "location": "x"})
    upcoming, past = calendar.split(calendar.all_occurrences(found, WINDOW), NOW)
    assert [e.title for e in upcoming] == ["Notiek", "Drīz", "Vēlāk", "Septembrī"]
    assert [e.title for e in past] == ["Šorīt", "Vakar"]
    groups = calendar.by_month(upcoming)
    assert [(g.month, len(g.events)) for g in groups] == [
        (dt.date(2024, 3, 1), 2), (dt.date(2024, 4, 1), 1), (dt.date(2024, 9, 1), 1)]


def test_weekly_evening_event_stays_at_18_across_the_clock_change() -> None:
    [weekly] = events({"start": "2024-03-20 18:00", "end": "2024-03-20 19:30",
                       "recurrence": "FREQ=WEEKLY;COUNT=3", "location": "x"})
    found = calendar.occurrences(weekly, WINDOW)
    assert [o.start.hour for o in found] == [18, 18, 18]
    assert [o.start.utcoffset().total_seconds() / 3600 for o in found] == [2, 2, 3]  # summer from 31 March
    assert all(o.end - o.start == dt.timedelta(minutes=90) for o in found)


def test_last_wednesday_of_each_month_from_january_to_april() -> None:
    [training] = events({"start": "2024-01-31", "recurrence": "FREQ=MONTHLY;BYDAY=-1WE;COUNT=4",
                         "online": True})
    days = [o.start for o in calendar.occurrences(training, WINDOW)]
    assert days == [dt.date(2024, 1, 31), dt.date(2024, 2, 28), dt.date(2024, 3, 27),
                    dt.date(2024, 4, 24)]


def test_month_grid_starts_on_monday_marks_today_and_lists_undated_events() -> None:
    found = events({"title": "Trīs dienas", "start": "2024-03-01", "end": "2024-03-03",
                    "location": "x"},
                   {"title": "Kaut kad", "start": "2024-03", "location": "x"})
    occurrences = calendar.all_occurrences(found, WINDOW)
    months = calendar.month_range(occurrences, NOW)
    grid = calendar.month_grid(Month(2024, 3), occurrences, NOW, months)
    assert all(week[0].date.weekday() == 0 for week in grid.weeks)
    days = {d.date: d for week in grid.weeks for d in week}
    assert [d for d in days if days[d].is_today] == [dt.date(2024, 3, 2)]
    assert [d.day for d in sorted(days) if days[d].events] == [1, 2, 3]
    assert [e.title for e in grid.undated] == ["Kaut kad"]
    assert grid.previous is None and grid.next is None  # March is the only month


def test_month_pages_are_months_with_events_and_the_build_month() -> None:
    found = events({"title": "Oktobrī", "start": "2023-10-11", "location": "x"},
                   {"title": "Gadumijā", "start": "2023-12-30", "end": "2024-01-02", "location": "x"})
    occurrences = calendar.all_occurrences(found, WINDOW)
    months = calendar.month_range(occurrences, NOW)
    assert months == [Month(2023, 10), Month(2023, 12), Month(2024, 1), Month(2024, 3)]
    grid = calendar.month_grid(Month(2023, 12), occurrences, NOW, months)
    assert (grid.previous, grid.next) == (dt.date(2023, 10, 1), dt.date(2024, 1, 1))


def test_a_cancelled_occurrence_is_off_the_pages_and_the_month_grid() -> None:
    club = events({"title": "Klubs", "start": "2024-03-05 18:00", "recurrence": "FREQ=WEEKLY",
                   "exdate": ["2024-03-12", "2024-03-26 18:00"], "location": "x"})
    occurrences = calendar.all_occurrences(club, WINDOW)
    march = [o.start.day for o in occurrences if o.start.month == 3]
    assert march == [5, 19]
    grid = calendar.month_grid(Month(2024, 3), occurrences, NOW, calendar.month_range(occurrences, NOW))
    assert sorted(d.date.day for week in grid.weeks for d in week if d.events and d.in_month) == [5, 19]


def test_only_occurrences_over_a_clock_change_are_spanning_a_few_a_year_whatever_the_rule() -> None:
    """calendar.spanning (the .ics overrides): a daily night shift since 1990 spans each Riga
    clock change once (the tz database's count to the horizon), an evening club none."""
    from kopienu_zinas.events.model import parse_events
    from kopienu_zinas.events.vtimezone import transitions
    (night, club), issues = parse_events(
        [{"title": "Nakts", "start": "1990-01-01 22:00", "end": "1990-01-02 06:00",
          "recurrence": "FREQ=DAILY", "location": "x"},
         {"title": "Klubs", "start": "1990-01-01 18:00", "end": "1990-01-01 19:30",
          "recurrence": "FREQ=DAILY", "location": "x"}], "R", dt.date(2026, 11, 23))
    assert issues == []
    until = dt.date(2036, 12, 31)
    found = calendar.spanning(night, until)
    changes = [c for year in range(1990, 2037) for c in transitions(RIGA, year)]
    assert len(found) == len(changes)
    assert all(o.end.replace(tzinfo=None).time() == dt.time(6) for o in found)
    assert calendar.spanning(club, until) == []
