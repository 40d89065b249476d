"""Dates in Latvian (and English) with Babel's CLDR data, never the OS locale.

Babel gives Latvian month names in the nominative ("2024. gada 16. maijs"), the official form.
Dates and times are shown as Riga's wall clock: an aware datetime is converted to Europe/Riga,
a naive one is Riga's wall clock already (common/isodates.py).

Rendering asks for the same strings many times (list pages repeat their articles' dates), so
each is formatted once per process and kept (bounded caches, keyed so that a kept string is
the one Babel or `isoformat` would give again: by the value, its DST fold and the language; the
ISO form by the value, its time zone and its fold — PEP 495: values that compare equal may
show differently). Babel's `Locale` of each language is parsed once: given a locale name
instead, `format_date` parses it again at every call.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import lru_cache

from babel import Locale
from babel.dates import format_date, format_skeleton, format_time

from .isodates import RIGA

SUPPORTED_LANGUAGES = ("lv", "en")

_LOCALES = {lang: Locale.parse(lang) for lang in SUPPORTED_LANGUAGES}

_MONTH_YEAR = {"lv": "y. 'gada' LLLL", "en": "LLLL y"}

#: How Babel writes each form of a day, for one of SUPPORTED_LANGUAGES.
_DAY_FORMS: dict[str, Callable[[dt.date, str], str]] = {
    "long": lambda day, lang: format_date(day, "long", locale=_LOCALES[lang]),
    "weekday": lambda day, lang: format_date(day, "EEEE", locale=_LOCALES[lang]),
    # CLDR skeleton MMMMd: a date whose year is said elsewhere
    "day_month": lambda day, lang: format_skeleton("MMMMd", day, locale=_LOCALES[lang]),
    "month_year": lambda day, lang: format_date(day, _MONTH_YEAR[lang], locale=_LOCALES[lang]),
}


def babel_locale(lang: str | None) -> str:
    """Our UI language for a page language code (anything unknown falls back to Latvian)."""
    return lang if lang in SUPPORTED_LANGUAGES else "lv"


def locale_of(lang: str | None) -> Locale:
    """Babel's `Locale` of our UI language for a page language code (:func:`babel_locale`),
    parsed once per process: what every Babel call of the plugins passes as `locale=` (a
    locale name would be parsed again at each call)."""
    return _LOCALES[babel_locale(lang)]


def riga_day(value: dt.date | None) -> dt.date:
    """The calendar day `value` falls on in Riga: an aware datetime converted to Europe/Riga,
    a naive one's own day (Riga's wall clock), a plain date itself. Raises TypeError for
    None (Babel would show today)."""
    if value is None:
        raise TypeError("no date to show: None")
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(RIGA)
        return value.date()
    return value


@lru_cache(maxsize=16384)  # the dates × forms × languages a site shows
def _day_text(value: dt.date | None, fold: int, form: str, lang: str | None) -> str:
    """`form` of the day `value` falls on in Riga. Kept by value and fold: datetimes of one
    zone that differ only in their fold compare equal (and hash alike, PEP 495), yet may be
    different Riga days (Beirut's 23:30 on 26 October 2024 happens twice, either side of
    Riga's midnight). Equal values of different zones are one instant, one Riga day."""
    return _DAY_FORMS[form](riga_day(value), babel_locale(lang))


def long_date(value: dt.date | None, lang: str = "lv") -> str:
    """'2024. gada 16. maijs' / 'May 16, 2024' (the day in Riga). These day forms raise
    TypeError for None (:func:`riga_day`)."""
    return _day_text(value, getattr(value, "fold", 0), "long", lang)


def day_month(value: dt.date | None, lang: str = "lv") -> str:
    """'16. maijs' / 'May 16' (CLDR skeleton MMMMd: a date whose year is said elsewhere)."""
    return _day_text(value, getattr(value, "fold", 0), "day_month", lang)


def weekday(value: dt.date | None, lang: str = "lv") -> str:
    """'ceturtdiena' / 'Thursday'."""
    return _day_text(value, getattr(value, "fold", 0), "weekday", lang)


def month_year(value: dt.date | None, lang: str = "lv") -> str:
    """'2024. gada maijs' / 'May 2024'."""
    return _day_text(value, getattr(value, "fold", 0), "month_year", lang)


@lru_cache(maxsize=4096)  # the datetimes × languages a site shows
def _time_text(value: dt.date | None, fold: int, lang: str | None) -> str:
    """Riga's wall clock at `value`, kept by value and fold as :func:`_day_text` is."""
    if not isinstance(value, dt.datetime):
        raise TypeError(f"no time of day to show: {value!r}")
    wall_clock = value.astimezone(RIGA) if value.tzinfo is not None else value
    return format_time(wall_clock.time(), "HH:mm", locale=locale_of(lang))


def short_time(value: dt.date | None, lang: str = "lv") -> str:
    """'18:00' in both languages' CLDR short form, Riga's wall clock. Raises TypeError for a
    plain date (it has no time of day) or None."""
    return _time_text(value, getattr(value, "fold", 0), lang)


@lru_cache(maxsize=8192, typed=True)  # typed: a datetime subclass keeps its own form
def _datetime_iso(value: dt.datetime, tzinfo: dt.tzinfo | None, fold: int) -> str:
    """`value.isoformat()`, kept by value, zone and fold: datetimes of one zone compare equal
    (and hash alike) whatever their fold, and of different zones whenever they are the same
    instant, yet their ISO forms differ in the offset (PEP 495)."""
    return value.isoformat()


def iso(value: dt.date) -> str:
    """ISO 8601 with the UTC offset for aware datetimes (for <time datetime> and JSON-LD);
    a naive datetime without one, a date as YYYY-MM-DD."""
    if isinstance(value, dt.datetime):
        return _datetime_iso(value, value.tzinfo, value.fold)
    return value.isoformat()
