"""Dates in Latvian (and English) with Babel's CLDR data, never the OS locale.

Babel gives Latvian month names in the nominative ("2024. gada 16. maijs"), the official form.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from babel.dates import format_date, format_skeleton, format_time

from .isodates import RIGA

SUPPORTED_LANGUAGES = ("lv", "en")

_MONTH_YEAR = {"lv": "y. 'gada' LLLL", "en": "LLLL y"}


def babel_locale(lang: str | None) -> str:
    """Our UI language for a page language code (anything unknown falls back to Latvian)."""
    return lang if lang in SUPPORTED_LANGUAGES else "lv"


def local(value: dt.date) -> dt.date:
    """An aware datetime converted to Riga time; plain dates unchanged."""
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        return value.astimezone(RIGA)
    return value


@lru_cache(maxsize=4096)  # list pages format the same few dates thousands of times
def long_date(value: dt.date, lang: str = "lv") -> str:
    """'2024. gada 16. maijs' / 'May 16, 2024'."""
    return format_date(local(value), "long", locale=babel_locale(lang))


@lru_cache(maxsize=4096)  # list pages format the same few dates thousands of times
def day_month(value: dt.date, lang: str = "lv") -> str:
    """'16. maijs' / 'May 16' (CLDR skeleton MMMMd: a date whose year is said elsewhere)."""
    return format_skeleton("MMMMd", local(value), locale=babel_locale(lang))


@lru_cache(maxsize=4096)  # list pages format the same few dates thousands of times
def weekday(value: dt.date, lang: str = "lv") -> str:
    """'ceturtdiena' / 'Thursday'."""
    return format_date(local(value), "EEEE", locale=babel_locale(lang))


@lru_cache(maxsize=4096)  # list pages format the same few dates thousands of times
def month_year(value: dt.date, lang: str = "lv") -> str:
    """'2024. gada maijs' / 'May 2024'."""
    return format_date(local(value), _MONTH_YEAR[babel_locale(lang)], locale=babel_locale(lang))


@lru_cache(maxsize=4096)  # list pages format the same few dates thousands of times
def short_time(value: dt.datetime, lang: str = "lv") -> str:
    """'18:00' in both languages' CLDR short form."""
    return format_time(value.astimezone(RIGA) if value.tzinfo else value, "HH:mm",
                       locale=babel_locale(lang))


def iso(value: dt.date) -> str:
    """ISO 8601 with the UTC offset for datetimes (for <time datetime> and JSON-LD)."""
    return value.isoformat()
