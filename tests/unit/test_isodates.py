"""The one parser of written dates (common/isodates): what each form gives and what it refuses."""

import datetime as dt

import pytest

from kopienu_zinas.common.isodates import RIGA, parse, parse_build_date, parse_iso_date


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
