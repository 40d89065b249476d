"""When and where an event is, as every output says it: pages, e-mail, feeds and .ics files.

Dates and times in Latvian (or English) with Babel's CLDR data, independent of the OS locale:
common/dates.py's forms, and Babel's own calls with its `Locale` (common/dates.locale_of).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from babel.dates import format_date, format_interval

from ..common import dates
from ..common.isodates import RIGA
from .model import Event


def when(event: Event, lang: str = "lv") -> str:
    """'trešdiena, 2023. gada 11. oktobris, 11:00–15:00', '2024. gada 1.–3. marts',
    '2024. gada septembris' (month-only: the template adds "date to be announced")."""
    if event.month_only:
        return dates.month_year(event.start, lang)
    if event.is_multi_day:
        if event.all_day:
            return format_interval(event.first_day, event.last_day, "yMMMMd",
                                   locale=dates.locale_of(lang))
        start = f"{dates.long_date(event.start, lang)}, {dates.short_time(event.start, lang)}"
        end = f"{dates.long_date(event.end, lang)}, {dates.short_time(event.end, lang)}"
        return f"{start} – {end}"
    day = f"{dates.weekday(event.start, lang)}, {dates.long_date(event.first_day, lang)}"
    if event.all_day:
        return day
    return f"{day}, {_hours_text(event, lang)}"


def when_each(occurrences: Sequence[Event], lang: str = "lv") -> str:
    """Several occurrences of one event (a newsletter month): '3. oktobris, 10. oktobris,
    18:00–20:00' when all are timed at the same local hours, else each day with its hours
    ('3. oktobris 18:00–20:00, 10. oktobris 19:00'); the end as :func:`when` gives it (an
    overnight shift '22:00–06:00'); one occurrence reads as :func:`when`."""
    if len(occurrences) == 1:
        return when(occurrences[0], lang)
    first = occurrences[0]
    timed = not first.all_day
    same_time = timed and len({(_hours(o.start), _hours(o.end or o.start))
                               for o in occurrences}) == 1
    days = ", ".join(dates.day_month(o.start, lang)
                     + (f" {_hours_text(o, lang)}" if timed and not same_time else "")
                     for o in occurrences)
    return f"{days}, {_hours_text(first, lang)}" if same_time else days


def _hours_text(occurrence: Event, lang: str) -> str:
    """'18:00–20:00', or '18:00' for an event with no end (or one at its start)."""
    hours = dates.short_time(occurrence.start, lang)
    if occurrence.end is not None and occurrence.end != occurrence.start:
        hours += f"–{dates.short_time(occurrence.end, lang)}"
    return hours


def _hours(value: dt.date) -> dt.time | None:
    return value.astimezone(RIGA).time() if isinstance(value, dt.datetime) else None


@dataclass(frozen=True)
class Place:
    """Where an event is: `venue` its location and address joined ("Ilgu muiža, Skrudalienas
    pagasts"; empty when only online), `online` whether it is (also) online, `link` the online
    address once published (None with `online: true`)."""

    venue: str
    online: bool
    link: str | None


def where(event: Event) -> Place:
    return Place(venue=", ".join(p for p in (event.location, event.address) if p),
                 online=event.is_online, link=event.online)


def where_text(event: Event, online_label: str, *, with_link: bool = False) -> str:
    """'Ilgu muiža, Skrudalienas pagasts; tiešsaistē' — with `with_link` the online part is
    'tiešsaistē: https://…' (calendar apps show LOCATION as plain text)."""
    place = where(event)
    online = ""
    if place.online:
        online = f"{online_label}: {place.link}" if with_link and place.link else online_label
    return "; ".join(part for part in (place.venue, online) if part)


def iso(value: dt.date) -> str:
    """For <time datetime>: a date, or a local datetime with its offset."""
    if isinstance(value, dt.datetime):
        return value.astimezone(RIGA).isoformat()
    return value.isoformat()


def iso_when(event: Event) -> str:
    return f"{event.start:%Y-%m}" if event.month_only else iso(event.start)


def weekday_letter(day: dt.date, lang: str = "lv") -> str:
    """'P', 'O', 'T', 'C', 'P', 'S', 'S' (CLDR narrow weekday names)."""
    return format_date(day, "EEEEE", locale=dates.locale_of(lang))
