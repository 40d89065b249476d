"""The one parser of written dates (common/isodates): what each form gives and what it refuses."""

import datetime as dt

import pytest

from kopienu_zinas.common.isodates import (
    RIGA,
    date_suggestion,
    editor_pattern,
    parse,
    parse_build_date,
    parse_iso_date,
)
from tests.jsregex import js_verdicts, python_verdicts


@pytest.mark.parametrize(("text", "value", "kind"), [
    ("2024-03-01", dt.date(2024, 3, 1), "date"),
    (" 2024-03-01 18:00 ", dt.datetime(2024, 3, 1, 18, 0), "datetime"),
    ("2024-03-01T9:05:30", dt.datetime(2024, 3, 1, 9, 5, 30), "datetime"),
])
def test_dates_and_riga_wall_clock_times(text: str, value: dt.date, kind: str) -> None:
    assert parse(text) == (value, kind)


@pytest.mark.parametrize("text", ["03.04.2024", "2024-02-30", "2024-3-1", "2024-03-01 25:00",
                                  "2024-03", "2024-03-01T18:00+02:00", "18:00", ""])
def test_other_forms_are_refused(text: str) -> None:
    with pytest.raises(ValueError):
        parse(text)


def test_months_and_offsets_only_where_asked() -> None:
    assert parse("2024-09", months=True) == (dt.date(2024, 9, 1), "month")
    with pytest.raises(ValueError):
        parse("2024-13", months=True)
    assert parse("2024-03-01T18:00Z", offsets=True)[0] == dt.datetime(2024, 3, 1, 18, tzinfo=dt.UTC)


def test_front_matter_dates_are_riga_time_and_build_dates_keep_their_offset() -> None:
    assert parse_iso_date("2024-03-31 03:30") == dt.datetime(2024, 3, 31, 3, 30, tzinfo=RIGA)
    assert parse_iso_date(dt.date(2024, 3, 1)) == dt.date(2024, 3, 1)
    assert parse_build_date("2026-11-23T12:00:00+02:00") == dt.datetime(2026, 11, 23, 10,
                                                                        tzinfo=dt.UTC)
    with pytest.raises(ValueError, match="BUILD_DATE"):
        parse_build_date("23.11.2026")


def _written_forms() -> list[str]:
    """Dates and times as editors might type them: every month 00–13 with days 00–32 of common,
    leap and century years (1900 is no leap year, 2000 is), every hour and minute up to the
    impossible ones, and typing slips."""
    days = [f"{year}-{month:02d}-{day:02d}" for year in ("0000", "0004", "1900", "2000", "2023",
                                                         "2024", "2100", "9999")
            for month in range(14) for day in range(33)]
    clocks = [f"{hour}:{minute:02d}" for hour in range(25) for minute in (0, 59, 60)]
    clocks += [f"{hour:02d}:30" for hour in range(25)]
    clocks += ["10:00:00", "10:00:59", "10:00:60", "9:05:30", "10:0", "10:000", "100:00"]
    times = [f"2024-02-29{sep}{clock}" for sep in (" ", "T") for clock in clocks]
    slips = ["2026-12-01T10:00", "2026-12-01 10:00:00", " 2024-03-01 ", "2024-03-01\n",
             "2024-3-1", "2024-03", "2024-13", "2024-00", "0000-01", "2024-3", "03.04.2024",
             "2024-03-01T18:00Z", "2024-03-01T18:00+02:00", "2024-03-01  18:00", "2024-03-01t18:00",
             "2024-03-01 18:00 x", "x2024-03-01", "18:00", "", "٢٠٢٤-٠٣-٠١", "2024-03-01 ١٨:٠٠"]
    return days + times + slips


def _reads_as(text: str, kinds: tuple[str, ...]) -> bool:
    try:
        return parse(text, months="month" in kinds)[1] in kinds
    except ValueError:
        return False


@pytest.mark.parametrize("kinds", [("date",), ("date", "datetime"), ("date", "datetime", "month")])
def test_the_editors_pattern_accepts_exactly_what_the_parser_reads(kinds: tuple) -> None:
    """The CMS's date fields use these patterns: a browser (node's RegExp, as Decap uses it) and
    Python's `re` both say yes exactly where the build reads the text."""
    texts = _written_forms()
    pattern = editor_pattern(*kinds)
    expected = [_reads_as(text, kinds) for text in texts]
    assert any(expected) and not all(expected)
    for verdicts in (python_verdicts(pattern, texts), js_verdicts(pattern, texts)):
        assert [t for t, v, e in zip(texts, verdicts, expected, strict=True) if v != e] == []


@pytest.mark.parametrize(("written", "suggestion"), [
    ("12.05.2026", "2026-05-12"), ("12.05.2026.", "2026-05-12"), ("1. 5. 2026", "2026-05-01"),
    ("2026-5-1", "2026-05-01"), ("2026/05/01", "2026-05-01"),
    ("2026-05-01 19.00", "2026-05-01 19:00"), ("12.05.2026 9.30", "2026-05-12 09:30"),
    ("1. maijs 2026", "2026-05-01"), ("2026. gada 1. maijā", "2026-05-01"),
    ("20. DECEMBRĪ, 2026", "2026-12-20"), ("3. janv. 2026 plkst. 18:00", "2026-01-03 18:00"),
    ("1. augustam 2026", "2026-08-01"), ("May 1, 2026", "2026-05-01"),
    ("13/06/2026", "2026-06-13"), ("06/13/2026", "2026-06-13"),
])
def test_a_date_written_another_way_that_means_one_day_is_rewritten(written: str,
                                                                     suggestion: str) -> None:
    """Latvian order is day.month.year; month names are Babel's (CLDR), in any case form."""
    assert date_suggestion(written) == suggestion


@pytest.mark.parametrize("written", [
    "05/06/2026",  # 5 June or 6 May
    "32.05.2026", "29.02.2026", "2026-05-01 25.00",  # no such day or time
    "1. maijs", "maijs 2026", "12.05.26", "Latgale", "2026-05-01", "",
])
def test_nothing_is_suggested_for_what_reads_two_ways_or_no_way(written: str) -> None:
    assert date_suggestion(written) is None


def test_a_month_alone_is_suggested_only_where_months_are_taken() -> None:
    assert [date_suggestion(text, months=True) for text in ("maijs 2026", "5.2026", "2026-5")] \
        == ["2026-05", "2026-05", "2026-05"]
