"""The galleries plugin's settings (the GALLERIES dict), validated once into a frozen dataclass.

The imaging keys (widths, formats, quality, avif_speed, webp_method, max_pixels, workers) are the
shared pipeline's (images/settings.py); the rest are the galleries' own.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..images.settings import (
    IMAGING_DEFAULTS,
    ImagingSettings,
    cache_from,
    imaging_from,
    merged,
    positive_int,
    workers_from,
)

PLUGIN = "kopienu_zinas.galleries"

DEFAULTS: dict[str, Any] = {
    **IMAGING_DEFAULTS,
    # None: beside Pelican's CACHE_PATH (.cache/galleries); a path is taken as given.
    "cache": None,
    "url": "galerijas/",
    # Galleries shown on the home page and on a region page.
    "recent": 3,
}


@dataclass(frozen=True)
class GalleriesSettings:
    imaging: ImagingSettings
    cache: Path
    workers: int | None
    url: str
    recent: int


def from_pelican(settings: Mapping[str, Any]) -> GalleriesSettings:
    """Validate GALLERIES (unknown keys and bad values raise ValueError naming the plugin)."""
    values = merged(settings, "GALLERIES", PLUGIN, DEFAULTS)
    return GalleriesSettings(
        imaging=imaging_from(values, "GALLERIES", PLUGIN),
        cache=cache_from(values, settings, "galleries"),
        workers=workers_from(values, "GALLERIES", PLUGIN),
        url=str(values["url"]).strip("/") + "/",
        recent=positive_int(PLUGIN, "GALLERIES", "recent", values["recent"]))
