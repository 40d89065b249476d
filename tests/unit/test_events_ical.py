"""The iCalendar files: parse with `icalendar`, expand with `recurring-ical-events`."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import recurring_ical_events
from icalendar import Calendar

from kopienu_zinas.events import ical
from kopienu_zinas.events.model import parse_events

INFO = ical.CalendarInfo("Kopienu ziņas: pasākumi", "Apraksts", "https://kopienuzinas.lv/kalendars/",
                         "kalendars@kopienuzinas.lv", "-//Kopienu ziņas//kopienuzinas.lv//LV",
                         dt.timedelta(hours=12))
STAMP = dt.datetime(2024, 1, 15, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=2)))


def placed(*raw: dict):
    found, issues = parse_events(list(raw), "Raksts")
    assert issues == []
    return [replace(e, uid=f"raksts-{e.index + 1}@kopienuzinas.lv", stamp=STAMP,
                    url=f"https://kopienuzinas.lv/zinas/2024/raksts/#notikums-{e.index + 1}")
            for e in found]


def build(*raw: dict) -> tuple[bytes, Calendar]:
    data = ical.to_bytes(ical.calendar(INFO, placed(*raw)))
    return data, Calendar.from_ical(data)


def test_weekly_18_00_stays_18_00_local_across_both_clock_changes() -> None:
    data, cal = build({"title": "Nedēļas tikšanās", "start": "2024-03-20 18:00",
                       "end": "2024-03-20 19:00", "recurrence": "FREQ=WEEKLY;COUNT=33",
                       "location": "Bibliotēka"})
    found = recurring_ical_events.of(cal).between(dt.date(2024, 3, 1), dt.date(2024, 12, 31))
    assert len(found) == 33
    assert {e["DTSTART"].dt.strftime("%H:%M") for e in found} == {"18:00"}
    offsets = {e["DTSTART"].dt.utcoffset() for e in found}
    assert offsets == {dt.timedelta(hours=2), dt.timedelta(hours=3)}  # both sides of DST
    assert b"RRULE:FREQ=WEEKLY;COUNT=33" in data and b"DTSTART;TZID=Europe/Riga:" in data
    assert len(cal.timezones) == 1
    # trimmed to 2024: two changes, not every one from 1970 to 2038
    assert data.count(b"TZOFFSETTO:+0300") == 1


def test_all_day_events_are_dates_with_exclusive_end_and_land_on_their_days() -> None:
    data, cal = build({"start": "2024-03-01", "end": "2024-03-03", "location": "Ilgu muiža"},
                      {"start": "2024-01-31", "recurrence": "FREQ=MONTHLY;BYDAY=-1WE;COUNT=4",
                       "online": True})
    assert b"DTSTART;VALUE=DATE:20240301" in data and b"DTEND;VALUE=DATE:20240304" in data
    found = recurring_ical_events.of(cal).between(dt.date(2024, 1, 1), dt.date(2024, 12, 31))
    days = sorted(e["DTSTART"].dt for e in found)
    assert days == [dt.date(2024, 1, 31), dt.date(2024, 2, 28), dt.date(2024, 3, 1),
                    dt.date(2024, 3, 27), dt.date(2024, 4, 24)]
    assert not cal.timezones  # no TZID in use


def test_uids_dtstamp_status_and_calendar_properties() -> None:
    data, cal = build({"title": "Seminārs", "start": "2024-05-16 10:00", "location": "Pils",
                       "status": "cancelled"},
                      {"title": "Forums", "start": "2024-09", "location": "Sēlija"},
                      {"title": "Otrs", "start": "2024-05-17", "location": "Pils"})
    events = cal.events
    assert [str(e["UID"]) for e in events] == ["raksts-1@kopienuzinas.lv", "raksts-3@kopienuzinas.lv"]
    assert all(e["DTSTAMP"].to_ical().endswith(b"Z") for e in events)
    assert b"DTSTAMP:20240115T073000Z" in data
    cancelled = events[0]
    assert cancelled["STATUS"] == "CANCELLED" and str(cancelled["SUMMARY"]).startswith("Atcelts: ")
    assert b"Forums" not in data  # month-only events never go into .ics
    assert data.count(b"X-WR-CALNAME") == 1 and b"NAME:Kopienu" in data
    assert b"REFRESH-INTERVAL;VALUE=DURATION:PT12H" in data and b"X-WR-TIMEZONE:Europe/Riga" in data
    assert b"METHOD" not in data
    assert str(cal["PRODID"]) == "-//Kopienu ziņas//kopienuzinas.lv//LV"
    assert b"kopienuzinas.lv/zinas/2024/raksts/#notikums-1" in data.replace(b"\r\n ", b"")


def test_the_same_events_give_the_same_bytes() -> None:
    raw = {"start": "2024-05-16 10:00", "location": "Pils"}
    assert build(raw)[0] == build(raw)[0]
