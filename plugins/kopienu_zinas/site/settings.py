"""The site's own settings, validated once."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..common.clock import build_now
from ..common.dates import SUPPORTED_LANGUAGES
from ..common.settings import SettingsError


@dataclass(frozen=True)
class SiteSettings:
    regions: tuple[str, ...]
    now: dt.datetime
    languages: tuple[str, ...] = SUPPORTED_LANGUAGES

    @classmethod
    def from_pelican(cls, settings: Mapping[str, Any]) -> SiteSettings:
        regions = settings.get("REGIONS")
        if not regions or isinstance(regions, str) \
                or not all(isinstance(r, str) and r for r in regions):
            raise SettingsError("REGIONS", None, "jābūt sarakstam ar novadu nosaukumiem",
                                "must be a non-empty list of region names")
        return cls(regions=tuple(regions), now=build_now(settings))
