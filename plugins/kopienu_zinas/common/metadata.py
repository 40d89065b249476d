"""Normalise front-matter values the way editors write them.

YAML turns `2024-03-01` into a date but leaves `2024-03-01 10:00` a string; both are accepted,
and only ISO forms are (Pelican's own parser would read 03.04.2024 as 4 March).
"""

from __future__ import annotations

import datetime as dt
import re

from .clock import RIGA

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ISO_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2})?$")


def parse_iso_date(value: object) -> dt.date | dt.datetime:
    """A date (all-day) or an aware Riga datetime; ValueError for anything else."""
    if isinstance(value, dt.datetime):
        return value if value.tzinfo else value.replace(tzinfo=RIGA)
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    if _ISO_DATE.match(text):
        return dt.date.fromisoformat(text)
    if _ISO_DATETIME.match(text):
        return dt.datetime.fromisoformat(text.replace(" ", "T")).replace(tzinfo=RIGA)
    raise ValueError(f"not an ISO date: {text!r}")


def as_datetime(value: dt.date | dt.datetime) -> dt.datetime:
    """Midnight Riga time for a plain date."""
    if isinstance(value, dt.datetime):
        return value
    return dt.datetime(value.year, value.month, value.day, tzinfo=RIGA)
