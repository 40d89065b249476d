"""Recurrence rules as editors write them: UNTIL in either form, refused frequencies, a start
that is not an occurrence, Riga's clock changes, times without dates, bounded expansion."""

from __future__ import annotations

import datetime as dt

import pytest

from kopienu_zinas.common.clock import RIGA
from kopienu_zinas.events import calendar, register
from kopienu_zinas.events.model import parse_events
from tests.sitebuild import problems_in_file
from tests.signals import registered

NOW = dt.datetime(2026, 11, 23, 12, 0, tzinfo=RIGA)
WINDOW = calendar.Window(NOW, past=dt.timedelta(days=1096), future=dt.timedelta(days=366),
                         limit=60)


def one(**fields: object):
    events, issues = parse_events([{"location": "Bibliotēka", **fields}], "Raksts", NOW.date())
    assert issues == [], issues
    return events[0]


def issue(**fields: object):
    events, issues = parse_events([{"location": "Bibliotēka", **fields}], "Raksts", NOW.date())
    assert events == [] and len(issues) == 1
    return issues[0]


@pytest.mark.parametrize(("start", "written", "rule", "last"), [
    # the guide's own example: a UTC DATE-TIME for a timed event stays as it is
    ("2024-01-31 16:00", "20240430T235959Z", "UNTIL=20240430T235959Z",
     dt.datetime(2024, 4, 24, 16, 0, tzinfo=RIGA)),
    ("2024-01-31 16:00", "2024-04-30T23:59:59Z", "UNTIL=20240430T235959Z",
     dt.datetime(2024, 4, 24, 16, 0, tzinfo=RIGA)),
    # a date for a timed event: to the end of that day in Riga (20:59:59Z in summer time)
    ("2024-01-31 16:00", "20240424", "UNTIL=20240424T205959Z",
     dt.datetime(2024, 4, 24, 16, 0, tzinfo=RIGA)),
    ("2024-01-31 16:00", "2024-04-23", "UNTIL=20240423T205959Z",
     dt.datetime(2024, 3, 27, 16, 0, tzinfo=RIGA)),
    # a local time without Z is Riga time
    ("2024-01-31 16:00", "20240424T160000", "UNTIL=20240424T130000Z",
     dt.datetime(2024, 4, 24, 16, 0, tzinfo=RIGA)),
    # all-day events: a DATE, whichever form was written
    ("2024-01-31", "20240430", "UNTIL=20240430", dt.date(2024, 4, 24)),
    ("2024-01-31", "20240430T235959Z", "UNTIL=20240430", dt.date(2024, 4, 24)),
    ("2024-01-31", "2024-04-24", "UNTIL=20240424", dt.date(2024, 4, 24)),
])
def test_until_is_written_in_the_type_of_dtstart(start, written, rule, last) -> None:
    event = one(start=start, recurrence=f"FREQ=MONTHLY;BYDAY=-1WE;UNTIL={written}")
    assert rule in event.recurrence.rule
    assert event.recurrence.last(event.start) == last


@pytest.mark.parametrize("freq", ["SECONDLY", "MINUTELY", "HOURLY"])
def test_frequencies_below_daily_are_refused_by_name(freq: str) -> None:
    found = issue(start="2026-12-03 18:00", recurrence=f"FREQ={freq};INTERVAL=2")
    assert found.field_path == "events[1].recurrence"
    assert freq in found.what_lv and freq in found.what_en and "FREQ=DAILY" in found.fix


@pytest.mark.parametrize("part", ["BYHOUR=9,18", "BYMINUTE=0,30", "BYSECOND=0"])
def test_recurring_within_a_day_through_by_parts_is_refused_by_name(part: str) -> None:
    found = issue(start="2026-12-03 18:00", recurrence=f"FREQ=DAILY;{part}")
    name = part.split("=")[0]
    assert f"{name} is not allowed" in found.what_en and name in found.fix


@pytest.mark.parametrize(("freq", "days"), [
    ("DAILY", [dt.date(2026, 12, 3), dt.date(2026, 12, 4), dt.date(2026, 12, 5)]),
    ("WEEKLY", [dt.date(2026, 12, 3), dt.date(2026, 12, 10), dt.date(2026, 12, 17)]),
    ("MONTHLY", [dt.date(2026, 12, 3), dt.date(2027, 1, 3), dt.date(2027, 2, 3)]),
    ("YEARLY", [dt.date(2026, 12, 3), dt.date(2027, 12, 3), dt.date(2028, 12, 3)]),
])
def test_allowed_frequencies_expand_to_their_dates_at_the_same_riga_time(freq, days) -> None:
    event = one(start="2026-12-03 18:00", recurrence=f"FREQ={freq};COUNT=3")
    found = calendar.occurrences(event, calendar.Window(NOW, WINDOW.past, 3 * WINDOW.future, 60))
    assert [o.start.date() for o in found] == days
    assert {o.start.time() for o in found} == {dt.time(18, 0)}


def test_a_start_that_is_not_an_occurrence_is_a_problem_naming_the_first_one() -> None:
    found = issue(start="2026-12-02 18:00", recurrence="FREQ=WEEKLY;BYDAY=TH")
    assert "start is not an occurrence" in found.what_en
    assert "2026-12-03 18:00" in found.fix


def test_a_rule_with_no_occurrence_and_count_with_until_are_problems() -> None:
    assert "no occurrence" in issue(start="2026-12-03",
                                    recurrence="FREQ=DAILY;UNTIL=20261201").what_en
    assert "COUNT and UNTIL" in issue(start="2026-12-03",
                                      recurrence="FREQ=DAILY;COUNT=2;UNTIL=20261231").what_en


@pytest.mark.parametrize(("field", "value", "words"), [
    ("start", "2027-03-28 03:30", "does not exist"),  # clocks go 03:00 → 04:00
    ("start", "2027-10-31 03:30", "happens twice"),  # clocks go 04:00 → 03:00
    ("end", "2027-03-28 03:00", "does not exist"),
    ("end", "2027-10-31 03:00", "happens twice"),
])
def test_local_times_that_the_clock_change_skips_or_repeats_are_problems(
        field: str, value: str, words: str) -> None:
    fields = {"start": "2027-03-27 20:00" if "03-28" in value else "2027-10-30 20:00", field: value}
    found = issue(**fields)
    assert found.field_path == f"events[1].{field}" and words in found.what_en
    assert "04:00" in found.fix


def test_the_hours_just_around_the_clock_change_are_fine() -> None:
    assert one(start="2027-03-28 02:59").start.utcoffset() == dt.timedelta(hours=2)
    assert one(start="2027-03-28 04:00").start.utcoffset() == dt.timedelta(hours=3)
    assert one(start="2027-10-31 04:00").start.utcoffset() == dt.timedelta(hours=2)


def test_a_time_without_a_date_says_so_through_the_real_yaml_reader(tmp_path) -> None:
    """YAML 1.1 reads `start: 18:00` as 1080 minutes (base 60)."""
    text = ("---\ntitle: Vakars\ndate: 2026-11-20\nregion: Latgale\nsummary: Īsi.\nevents:\n"
            "  - start: 18:00\n    location: Bibliotēka\n---\n\nTeksts.\n")
    with registered(register):  # the events plugin's content rule
        problems = problems_in_file(tmp_path, "vakars.md", text, {"REGIONS": ["Latgale"]})
    [found] = [p for p in problems if p.field == "events[1].start"]
    assert found.line == 7 and "a time needs a date" in found.what_en
    assert found.value == "18:00" and "1080" not in found.format()


def test_a_daily_rule_since_1990_expands_only_around_the_build_date() -> None:
    event = one(start="1990-01-01 10:00", recurrence="FREQ=DAILY")
    found = calendar.occurrences(event, WINDOW)
    starts = [o.start for o in found]
    assert starts[0] == event.start  # the first occurrence always stays
    past = [s for s in starts[1:] if s < NOW]
    upcoming = [s for s in starts if s >= NOW]
    assert len(past) == WINDOW.limit and len(upcoming) == WINDOW.limit
    assert past[-1] == dt.datetime(2026, 11, 23, 10, 0, tzinfo=RIGA)
    assert upcoming[0] == dt.datetime(2026, 11, 24, 10, 0, tzinfo=RIGA)
    assert upcoming == sorted(upcoming) and starts[-1] < NOW + WINDOW.future


def test_a_yearly_rule_is_bounded_by_the_window_not_the_count() -> None:
    event = one(start="2020-05-01", recurrence="FREQ=YEARLY")
    days = [o.start for o in calendar.occurrences(event, WINDOW)]
    assert days == [dt.date(2020, 5, 1), dt.date(2024, 5, 1), dt.date(2025, 5, 1),
                    dt.date(2026, 5, 1), dt.date(2027, 5, 1)]
