"""The build clock: "now" is a setting (BUILD_DATE) so that builds are reproducible."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from .isodates import parse_build_date


def build_now(settings: Mapping[str, Any]) -> dt.datetime:
    """The build's "now": BUILD_NOW once the site plugin has resolved it, else BUILD_DATE
    (common/isodates.parse_build_date)."""
    resolved = settings.get("BUILD_NOW")
    if isinstance(resolved, dt.datetime):
        return resolved
    return parse_build_date(settings.get("BUILD_DATE"))
