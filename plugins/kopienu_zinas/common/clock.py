"""The build clock: "now" is a setting (BUILD_DATE) so that builds are reproducible."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from .build import build_of
from .isodates import parse_build_date


def build_now(settings: Mapping[str, Any]) -> dt.datetime:
    """The build's "now": resolved once per build (common/build.py), else (outside a build)
    BUILD_DATE read by common/isodates.parse_build_date."""
    build = build_of(settings)
    return build.now if build is not None else parse_build_date(settings.get("BUILD_DATE"))
