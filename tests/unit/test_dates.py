"""Latvian and English dates come from Babel's data, whatever the machine's locale."""

import datetime as dt
import locale
from zoneinfo import ZoneInfo

import pytest
from babel.dates import format_date, format_datetime, format_skeleton, format_time, get_date_format

from kopienu_zinas.common import dates
from kopienu_zinas.common.isodates import RIGA, parse_build_date


def test_latvian_long_date_and_weekday() -> None:
    day = dt.date(2024, 5, 16)
    assert dates.long_date(day) == "2024. gada 16. maijs"
    assert dates.weekday(day) == "ceturtdiena"
    assert dates.month_year(day) == "2024. gada maijs"


def test_english_dates_for_english_pages() -> None:
    day = dt.date(2024, 5, 16)
    assert dates.long_date(day, "en") == "May 16, 2024"
    assert dates.weekday(day, "en") == "Thursday"
    assert dates.month_year(day, "en") == "May 2024"


def test_unknown_language_falls_back_to_latvian() -> None:
    assert dates.long_date(dt.date(2023, 10, 11), "de") == "2023. gada 11. oktobris"


def test_independent_of_os_locale() -> None:
    previous = locale.setlocale(locale.LC_TIME)
    try:
        locale.setlocale(locale.LC_TIME, "C")
        assert dates.long_date(dt.date(2025, 6, 20)) == "2025. gada 20. jūnijs"
    finally:
        locale.setlocale(locale.LC_TIME, previous)


def test_aware_datetimes_are_shown_in_riga_time() -> None:
    utc_evening = dt.datetime(2024, 3, 31, 22, 30, tzinfo=dt.UTC)
    assert dates.long_date(utc_evening) == "2024. gada 1. aprīlis"
    assert dates.short_time(utc_evening) == "01:30"


def test_build_date_setting() -> None:
    assert parse_build_date("2026-11-23") == dt.datetime(2026, 11, 23, tzinfo=RIGA)
    assert parse_build_date("2026-11-23T12:00:00+00:00").utcoffset() == dt.timedelta(0)
    assert parse_build_date(None).tzinfo is not None


def _around_riga_dst_changes() -> list[dt.datetime]:
    """Every 20 minutes from a day before to a day after each of Riga's clock changes in
    2024 and 2025 (last Sunday of March and October, 01:00 UTC), as aware UTC datetimes."""
    changes = [dt.datetime(2024, 3, 31, 1, tzinfo=dt.UTC), dt.datetime(2024, 10, 27, 1, tzinfo=dt.UTC),
               dt.datetime(2025, 3, 30, 1, tzinfo=dt.UTC), dt.datetime(2025, 10, 26, 1, tzinfo=dt.UTC)]
    return [change + dt.timedelta(minutes=20 * step) for change in changes for step in range(-72, 73)]


def _every_day_of(year: int) -> list[dt.date]:
    first = dt.date(year, 1, 1)
    return [first + dt.timedelta(days=n) for n in range((dt.date(year + 1, 1, 1) - first).days)]


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_aware_datetimes_read_as_babel_reads_them_in_riga(lang: str) -> None:
    """The same instant as UTC and as Riga time (folds included), across the clock changes:
    Babel's own formatting converted to Europe/Riga is the reference."""
    long_pattern = get_date_format("long", locale=lang)
    for instant in _around_riga_dst_changes():
        for value in (instant, instant.astimezone(RIGA)):
            assert dates.long_date(value, lang) == format_datetime(
                value, long_pattern, tzinfo=RIGA, locale=lang), value
            assert dates.weekday(value, lang) == format_datetime(
                value, "EEEE", tzinfo=RIGA, locale=lang), value
            assert dates.day_month(value, lang) == format_skeleton(
                "MMMMd", value, tzinfo=RIGA, locale=lang), value
            assert dates.short_time(value, lang) == format_time(
                value, "HH:mm", tzinfo=RIGA, locale=lang), value
            assert dates.iso(value) == value.isoformat()


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_dates_and_naive_times_read_as_babel_reads_them(lang: str) -> None:
    """Plain dates and naive datetimes (Riga's wall clock) of two whole years, at two hours."""
    for day in _every_day_of(2024) + _every_day_of(2025):
        for value in (day, dt.datetime.combine(day, dt.time(0, 5)),
                      dt.datetime.combine(day, dt.time(23, 55))):
            assert dates.long_date(value, lang) == format_date(value, "long", locale=lang)
            assert dates.weekday(value, lang) == format_date(value, "EEEE", locale=lang)
            assert dates.day_month(value, lang) == format_skeleton("MMMMd", value, locale=lang)
            assert dates.iso(value) == value.isoformat()
            if isinstance(value, dt.datetime):
                assert dates.short_time(value, lang) == format_time(value, "HH:mm", locale=lang)


def test_month_year_through_a_year() -> None:
    for day in _every_day_of(2025):
        assert dates.month_year(day) == f"2025. gada {format_date(day, 'LLLL', locale='lv')}"
        assert dates.month_year(day, "en") == f"{format_date(day, 'LLLL', locale='en')} 2025"
    assert dates.month_year(dt.datetime(2024, 12, 31, 22, 30, tzinfo=dt.UTC)) == "2025. gada janvāris"


def test_the_repeated_hour_keeps_its_own_offset() -> None:
    """Riga's 03:00–04:00 on 27 October 2024 happens twice (+03:00, then +02:00): datetimes
    differing only in their fold compare equal, yet their ISO forms differ (PEP 495)."""
    first = dt.datetime(2024, 10, 27, 3, 30, tzinfo=RIGA)
    second = first.replace(fold=1)
    assert first == second
    assert dates.iso(first) == "2024-10-27T03:30:00+03:00"
    assert dates.iso(second) == "2024-10-27T03:30:00+02:00"
    assert dates.short_time(first) == dates.short_time(second) == "03:30"


def test_the_same_instant_keeps_its_own_zone() -> None:
    in_utc = dt.datetime(2024, 5, 16, 9, 0, tzinfo=dt.UTC)
    in_riga = in_utc.astimezone(RIGA)
    assert in_utc == in_riga
    assert dates.iso(in_utc) == "2024-05-16T09:00:00+00:00"
    assert dates.iso(in_riga) == "2024-05-16T12:00:00+03:00"
    assert dates.iso(in_utc.replace(tzinfo=None)) == "2024-05-16T09:00:00"
    assert dates.iso(in_utc.date()) == "2024-05-16"


def test_another_zones_repeated_hour_is_two_riga_times() -> None:
    """New York's 01:30 on 3 November 2024 happens twice (EDT, then EST): 07:30 and 08:30 in
    Riga, though the two datetimes compare equal."""
    first = dt.datetime(2024, 11, 3, 1, 30, tzinfo=ZoneInfo("America/New_York"))
    second = first.replace(fold=1)
    assert first == second
    assert dates.short_time(first) == "07:30"
    assert dates.short_time(second) == "08:30"
    assert dates.iso(first) == "2024-11-03T01:30:00-04:00"
    assert dates.iso(second) == "2024-11-03T01:30:00-05:00"


def test_another_zones_repeated_hour_can_be_two_riga_days() -> None:
    """Beirut's 23:30 on 26 October 2024 happens twice (+03:00, then +02:00), either side of
    Riga's midnight, though the two datetimes compare equal."""
    first = dt.datetime(2024, 10, 26, 23, 30, tzinfo=ZoneInfo("Asia/Beirut"))
    second = first.replace(fold=1)
    assert first == second
    for lang in ("lv", "en"):
        assert [dates.long_date(first, lang), dates.long_date(second, lang)] == [
            format_date(dt.date(2024, 10, 26), "long", locale=lang),
            format_date(dt.date(2024, 10, 27), "long", locale=lang)]
    assert [dates.weekday(first), dates.weekday(second)] == ["sestdiena", "svētdiena"]
    assert [dates.day_month(first), dates.day_month(second)] == ["26. oktobris", "27. oktobris"]
    assert [dates.short_time(first), dates.short_time(second)] == ["23:30", "00:30"]


def test_no_date_is_an_error_not_today() -> None:
    """Babel shows today for None; a page must never show the day it was built instead."""
    for show in (dates.long_date, dates.weekday, dates.day_month, dates.month_year,
                 dates.short_time):
        with pytest.raises(TypeError):
            show(None)
    with pytest.raises(TypeError):
        dates.short_time(dt.date(2024, 5, 16))
