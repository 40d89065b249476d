"""Latvian and English dates come from Babel's data, whatever the machine's locale."""

import datetime as dt
import locale

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
