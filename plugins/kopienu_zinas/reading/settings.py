"""The reading plugin's settings (the READING dict), validated once into a frozen dataclass."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..common.settings import flag, merged, whole_number

PLUGIN = "kopienu_zinas.reading"

DEFAULTS: dict[str, Any] = {
    # False: every build reads and checks every source afresh (nothing is read from or
    # written to .cache/reading).
    "cache": True,
    # Processes that read sources missing from the cache before the generators do: None is
    # one per core (os.cpu_count()), a number caps it, 0 reads in the build process only.
    "workers": None,
}


@dataclass(frozen=True)
class ReadingSettings:
    cache: bool
    #: how many reading processes at most; 0: none
    workers: int
    #: .cache/reading, beside Pelican's CACHE_PATH
    folder: Path


def from_pelican(settings: Mapping[str, Any]) -> ReadingSettings:
    """Validate READING (unknown keys and bad values raise ValueError naming the plugin)."""
    values = merged(settings, "READING", PLUGIN, DEFAULTS)
    workers = values["workers"]
    return ReadingSettings(
        cache=flag(PLUGIN, "READING", "cache", values["cache"]),
        workers=(os.cpu_count() or 1) if workers is None
        else whole_number(PLUGIN, "READING", "workers", workers),
        folder=Path(settings.get("CACHE_PATH") or "cache").parent / "reading")
