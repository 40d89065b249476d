"""How an event's date and time read on a page, in Latvian (or English), with Babel's CLDR data."""

from __future__ import annotations

import datetime as dt

from babel.dates import format_date, format_interval

from ..common import dates
from ..common.clock import RIGA
from .model import Event


def when(event: Event, lang: str = "lv") -> str:
    """'trešdiena, 2023. gada 11. oktobris, 11:00–15:00', '2024. gada 1.–3. marts',
    '2024. gada septembris' (month-only: the template adds "date to be announced")."""
    locale = dates.babel_locale(lang)
    if event.month_only:
        return dates.month_year(event.start, locale)
    if event.is_multi_day:
        if event.all_day:
            return format_interval(event.first_day, event.last_day, "yMMMMd", locale=locale)
        start = f"{dates.long_date(event.start, locale)}, {dates.short_time(event.start, locale)}"
        end = f"{dates.long_date(event.end, locale)}, {dates.short_time(event.end, locale)}"
        return f"{start} – {end}"
    day = f"{dates.weekday(event.start, locale)}, {dates.long_date(event.first_day, locale)}"
    if event.all_day:
        return day
    hours = dates.short_time(event.start, locale)
    if event.end is not None and event.end != event.start:
        hours += f"–{dates.short_time(event.end, locale)}"
    return f"{day}, {hours}"


def iso(value: dt.date) -> str:
    """For <time datetime>: a date, or a local datetime with its offset."""
    if isinstance(value, dt.datetime):
        return value.astimezone(RIGA).isoformat()
    return value.isoformat()


def iso_when(event: Event) -> str:
    return f"{event.start:%Y-%m}" if event.month_only else iso(event.start)


def weekday_letter(day: dt.date, lang: str = "lv") -> str:
    """'P', 'O', 'T', 'C', 'P', 'S', 'S' (CLDR narrow weekday names)."""
    return format_date(day, "EEEEE", locale=dates.babel_locale(lang))
