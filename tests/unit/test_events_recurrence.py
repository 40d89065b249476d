"""Recurrence rules as editors write them: UNTIL in either form, refused frequencies, a start
that is not an occurrence, Riga's clock changes, times without dates, bounded expansion."""

from __future__ import annotations

import datetime as dt

import pytest

from kopienu_zinas.common.isodates import RIGA
from kopienu_zinas.events import calendar, register
from kopienu_zinas.events.model import parse_events
from tests.signals import registered
from tests.sitebuild import problems_in_file

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
    assert found.field == "events[1].recurrence"
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
    assert found.field == f"events[1].{field}" and words in found.what_en
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


# QA 5: an occurrence, not only the written start or end, may land in a clock change.
@pytest.mark.parametrize(("fields", "clash"), [
    # the last Sunday of October: 03:30 happens twice
    ({"start": "2026-10-11 03:30", "end": "2026-10-11 04:30", "recurrence": "FREQ=WEEKLY;COUNT=4"},
     "2026-10-25 03:30"),
    # the last Sunday of March: 03:30 does not exist (open-ended rule)
    ({"start": "2027-03-14 03:30", "end": "2027-03-14 04:30", "recurrence": "FREQ=WEEKLY"},
     "2027-03-28 03:30"),
    # the end of an occurrence: 02:30–03:30 ends at a time that happens twice
    ({"start": "2026-10-11 02:30", "end": "2026-10-11 03:30", "recurrence": "FREQ=WEEKLY;COUNT=4"},
     "2026-10-25 03:30"),
    # UNTIL reaching the change day
    ({"start": "2026-11-01 03:15", "recurrence": "FREQ=WEEKLY;UNTIL=2027-03-28"},
     "2027-03-28 03:15"),
    # a monthly rule that reaches a change day only years later
    ({"start": "2026-12-27 03:30", "recurrence": "FREQ=MONTHLY;BYDAY=-1SU"}, "2027-03-28 03:30"),
])
def test_an_occurrence_in_a_clock_change_hour_is_a_problem_naming_it(fields, clash) -> None:
    found = issue(**fields)
    assert found.field == "events[1].recurrence"
    assert f"occurrence at {clash} falls into a clock change" in found.what_en
    assert f"reize {clash}" in found.what_lv and "03:00–04:00" in found.fix


@pytest.mark.parametrize("fields", [
    # the same hour on rules that never land on a change day
    {"start": "2026-10-12 03:30", "recurrence": "FREQ=WEEKLY"},  # Mondays
    {"start": "2026-12-15 03:30", "recurrence": "FREQ=MONTHLY"},  # the 15th: never a change day
    {"start": "2026-11-01 03:30", "recurrence": "FREQ=WEEKLY;UNTIL=2027-03-27"},  # ends before
    {"start": "2026-10-26 03:30", "recurrence": "FREQ=DAILY;COUNT=150"},  # ends 2027-03-24
    # other hours on the change days
    {"start": "2026-10-11 04:00", "end": "2026-10-11 05:00", "recurrence": "FREQ=WEEKLY"},
    {"start": "2026-10-11 02:00", "end": "2026-10-11 02:59", "recurrence": "FREQ=WEEKLY"},
    {"start": "1990-01-01 18:00", "recurrence": "FREQ=DAILY"},
])
def test_rules_that_stay_clear_of_the_clock_change_hour_are_fine(fields) -> None:
    assert one(**fields).recurrence is not None


# QA 6: every number of a rule is checked, by name.
@pytest.mark.parametrize(("rule", "words"), [
    ("FREQ=DAILY;INTERVAL=0", "INTERVAL=0: must be a whole number of at least 1"),
    ("FREQ=DAILY;INTERVAL=-2", "INTERVAL=-2: must be a whole number of at least 1"),
    ("FREQ=DAILY;INTERVAL=abc", "not a valid RRULE: INTERVAL=abc (Expected int, got: abc)"),
    ("FREQ=DAILY;INTERVAL=1.5", "not a valid RRULE: INTERVAL=1.5 (Expected int, got: 1.5)"),
    ("FREQ=DAILY;INTERVAL=2,3", "INTERVAL takes one value"),
    ("FREQ=DAILY;COUNT=2;COUNT=3", "COUNT occurs twice"),
    # values out of RFC 5545's ranges: dateutil crashed (IndexError, RuntimeError) on some
    ("FREQ=MONTHLY;BYDAY=9TH", "BYDAY=9TH: the number must be 1…5 or -5…-1"),
    ("FREQ=WEEKLY;BYDAY=-1TH", "BYDAY=-1TH: no number with WEEKLY"),
    ("FREQ=YEARLY;BYMONTH=13", "BYMONTH=13: allowed 1…12"),
    ("FREQ=YEARLY;BYMONTH=12L", "BYMONTH=12L: allowed 1…12"),  # RFC 7529 leap month
    ("FREQ=YEARLY;BYWEEKNO=60", "BYWEEKNO=60: allowed 1…53 or -53…-1"),
    ("FREQ=MONTHLY;BYMONTHDAY=0", "BYMONTHDAY=0: allowed 1…31 or -31…-1"),
    ("FREQ=MONTHLY;BYDAY=TH;BYSETPOS=0", "BYSETPOS=0: allowed 1…366 or -366…-1"),
    ("FREQ=DAILY;COUNT=0", "COUNT=0: the number of occurrences must be at least 1"),
    ("FREQ=DAILY;COUNT=-3", "COUNT=-3: the number of occurrences must be at least 1"),
    ("FREQ=DAILY;COUNT=1001", "COUNT=1001: at most 1000 occurrences"),
    ("FREQ=DAILY;FOO=1", "unknown part FOO"),
    ("FREQ=DAILY;RSCALE=GREGORIAN", "unknown part RSCALE"),
    ("FREQ=YEARLY;COUNT=20", "the last occurrence (2045-12-03 18:00) is after 2036-12-31"),
    ("FREQ=WEEKLY;UNTIL=99991231", "UNTIL is after 2036-12-31"),
])
def test_rule_numbers_and_parts_are_checked_by_name(rule: str, words: str) -> None:
    found = issue(start="2026-12-03 18:00", recurrence=rule)
    assert found.field == "events[1].recurrence" and words in found.what_en
    assert "UNTIL is before start" not in found.what_en


def test_count_up_to_the_limit_and_until_up_to_the_last_allowed_day_are_fine() -> None:
    daily = one(start="2026-12-03 18:00", recurrence="FREQ=DAILY;COUNT=1000")
    last = dt.datetime(2026, 12, 3, 18, 0, tzinfo=RIGA) + dt.timedelta(days=999)
    assert daily.recurrence.last(daily.start) == last == dt.datetime(2029, 8, 28, 18, 0, tzinfo=RIGA)
    assert one(start="2026-12-03", recurrence="FREQ=WEEKLY;UNTIL=20361231").recurrence.until == \
        dt.date(2036, 12, 31)


# QA 7: dates far from the build date are typos, refused before any date arithmetic.
@pytest.mark.parametrize(("field", "value"), [
    ("start", "9999-12-31 18:00"),
    ("start", "9999-12-31 23:59"),
    ("start", "9999-12-31"),
    ("start", dt.date(9999, 12, 31)),  # how YAML gives a bare date
    ("start", dt.datetime.max),
    ("start", "9999-12"),
    ("start", "3000-01-01"),
    ("start", "2037-01-01"),
    ("start", "1899-12-31"),
    ("start", "0001-01-01 00:30"),
    ("start", dt.date.min),
    ("end", "9999-12-31 19:00"),
])
def test_dates_outside_1900_to_ten_years_after_the_build_are_problems(field, value) -> None:
    fields = {"start": "2026-12-03 18:00", field: value}
    found = issue(**fields)
    assert found.field == f"events[1].{field}"
    assert "the date must lie from 1900 to the end of 2036" in found.what_en
    assert "no 1900. gada līdz 2036. gada beigām" in found.what_lv


def test_the_first_and_last_allowed_days_are_fine() -> None:
    assert one(start="1900-01-01").start == dt.date(1900, 1, 1)
    assert one(start="2036-12-31 22:00").start == dt.datetime(2036, 12, 31, 22, 0, tzinfo=RIGA)
    assert one(start="2036-12").month_only


def test_far_dates_and_clock_change_rules_are_named_problems_in_the_content_check(
        tmp_path) -> None:
    text = ("---\ntitle: Vakars\ndate: 2026-11-20\nregion: Latgale\nsummary: Īsi.\nevents:\n"
            "  - start: 9999-12-31 18:00\n    location: Bibliotēka\n"
            "  - start: 2026-10-11 03:30\n    end: 2026-10-11 04:30\n"
            "    recurrence: FREQ=WEEKLY;COUNT=4\n    location: Bibliotēka\n"
            "  - start: 2026-12-03 18:00\n    recurrence: FREQ=DAILY;INTERVAL=0\n"
            "    location: Bibliotēka\n---\n\nTeksts.\n")
    with registered(register):
        problems = problems_in_file(tmp_path, "vakars.md", text,
                                    {"REGIONS": ["Latgale"], "BUILD_DATE": "2026-11-23"})
    found = {p.field: p for p in problems if p.field.startswith("events")}
    assert found["events[1].start"].line == 7
    assert "1900" in found["events[1].start"].what_en
    assert found["events[2].recurrence"].line == 11
    assert "2026-10-25 03:30" in found["events[2].recurrence"].what_en
    assert found["events[3].recurrence"].line == 14
    assert "INTERVAL=0" in found["events[3].recurrence"].what_en


def test_an_unknown_part_is_refused_listing_exactly_the_parts_the_checker_accepts() -> None:
    """QA: the list named BYSECOND, BYMINUTE, BYHOUR, which the checker then refused."""
    fix = issue(start="2026-12-03 18:00", recurrence="FREQ=DAILY;FOO=1").fix
    listed = fix.split("atļautās daļas: ")[1].split(", ")
    assert "BYHOUR" not in listed and "BYDAY" in listed
    for part in listed:  # every part listed is accepted (a sample value of each)
        value = {"FREQ": "YEARLY", "UNTIL": "20270101", "COUNT": "3", "INTERVAL": "2",
                 "BYDAY": "TH", "BYMONTHDAY": "3", "BYYEARDAY": "337", "BYWEEKNO": "49",
                 "BYMONTH": "12", "BYSETPOS": "1", "WKST": "MO"}[part]
        rule = "FREQ=YEARLY" + ("" if part == "FREQ" else f";{part}={value}")
        _parsed, problems = parse_events([{"start": "2026-12-03 18:00", "recurrence": rule,
                                           "location": "x"}], "R", NOW.date())
        assert not [p for p in problems if "not allowed" in p.what_en or "unknown" in p.what_en]


def test_exdate_inside_the_rule_says_where_cancelled_occurrences_go() -> None:
    found = issue(start="2026-12-03 18:00", recurrence="FREQ=WEEKLY;EXDATE=20261210")
    assert "unknown part EXDATE" in found.what_en and "exdate:" in found.fix
