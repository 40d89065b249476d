"""The build clock: "now" is a setting (BUILD_DATE) so that builds are reproducible."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any
from zoneinfo import ZoneInfo

RIGA = ZoneInfo("Europe/Riga")


def parse_build_date(value: object) -> dt.datetime:
    """Turn a BUILD_DATE setting (None, ISO string, date or datetime) into an aware datetime.

    Naive values are Europe/Riga local time; a bare date means midnight of that day.
    """
    if value is None or value == "":
        return dt.datetime.now(RIGA).replace(microsecond=0)
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value.strip())
    if isinstance(value, dt.datetime):
        return value if value.tzinfo else value.replace(tzinfo=RIGA)
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day, tzinfo=RIGA)
    raise ValueError(f"BUILD_DATE must be an ISO date or datetime, not {value!r}")


def build_now(settings: Mapping[str, Any]) -> dt.datetime:
    """The build's "now": BUILD_NOW once the site plugin has resolved it, else BUILD_DATE."""
    resolved = settings.get("BUILD_NOW")
    if isinstance(resolved, dt.datetime):
        return resolved
    return parse_build_date(settings.get("BUILD_DATE"))
