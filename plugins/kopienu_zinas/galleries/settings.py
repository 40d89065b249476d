"""The galleries plugin's settings (the GALLERIES dict), validated once into a frozen dataclass."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PIL import features

PLUGIN = "kopienu_zinas.galleries"

#: Output formats in the order browsers should try them; "jpeg" is the <img> fallback.
KNOWN_FORMATS = ("avif", "webp", "jpeg")

DEFAULTS: dict[str, Any] = {
    "widths": [480, 960, 1600],
    "formats": ["avif", "webp", "jpeg"],
    "quality": {"avif": 55, "webp": 78, "jpeg": 80},
    # AVIF encoder effort (0 slowest … 10 fastest); 8 keeps a cold build of a gallery short.
    "avif_speed": 8,
    # WebP encoder effort (0 fastest … 6 smallest); 2 is within a few per cent of 4's size
    # at less than half its time.
    "webp_method": 2,
    # Larger images are refused as decompression bombs (a 12 MP photo has 12 million pixels).
    "max_pixels": 60_000_000,
    # None: beside Pelican's CACHE_PATH (.cache/galleries); a path is taken as given.
    "cache": None,
    # Worker processes: None = one per core.
    "workers": None,
    "url": "galerijas/",
    # Galleries shown on the home page and on a region page.
    "recent": 3,
}


@dataclass(frozen=True)
class ImagingSettings:
    """What decides the bytes of a processed image (so: part of the cache key)."""

    widths: tuple[int, ...]
    formats: tuple[str, ...]
    quality: tuple[tuple[str, int], ...]
    avif_speed: int
    webp_method: int
    max_pixels: int

    def quality_of(self, fmt: str) -> int:
        return dict(self.quality)[fmt]


@dataclass(frozen=True)
class GalleriesSettings:
    imaging: ImagingSettings
    cache: Path
    workers: int | None
    url: str
    recent: int


def supported_formats(wanted: tuple[str, ...]) -> tuple[str, ...]:
    """The wanted formats this Pillow can write (JPEG always)."""
    return tuple(f for f in wanted if f == "jpeg" or features.check(f))


def _positive_int(name: str, value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise ValueError(f"{PLUGIN}: GALLERIES['{name}'] must be a positive whole number, "
                         f"not {value!r}")
    return value


def from_pelican(settings: Mapping[str, Any]) -> GalleriesSettings:
    """Validate GALLERIES (unknown keys and bad values raise ValueError naming the plugin)."""
    given = settings.get("GALLERIES") or {}
    unknown = sorted(set(given) - set(DEFAULTS))
    if unknown:
        raise ValueError(f"{PLUGIN}: unknown GALLERIES setting(s) {', '.join(unknown)}; "
                         f"known: {', '.join(sorted(DEFAULTS))}")
    merged = {**DEFAULTS, **given}
    widths = tuple(sorted({_positive_int("widths", w) for w in merged["widths"]}))
    if not widths:
        raise ValueError(f"{PLUGIN}: GALLERIES['widths'] must list at least one width")
    formats = tuple(merged["formats"])
    if "jpeg" not in formats or set(formats) - set(KNOWN_FORMATS):
        raise ValueError(f"{PLUGIN}: GALLERIES['formats'] must include 'jpeg' and may add "
                         f"'avif' and 'webp', not {list(formats)!r}")
    formats = supported_formats(tuple(f for f in KNOWN_FORMATS if f in formats))
    quality = {**DEFAULTS["quality"], **merged["quality"]}
    imaging = ImagingSettings(
        widths=widths, formats=formats,
        quality=tuple((f, _positive_int("quality", quality[f])) for f in formats),
        avif_speed=int(merged["avif_speed"]), webp_method=int(merged["webp_method"]),
        max_pixels=_positive_int("max_pixels", merged["max_pixels"]))
    cache = merged["cache"]
    if cache is None:
        cache = Path(settings.get("CACHE_PATH") or "cache").parent / "galleries"
    workers = merged["workers"]
    return GalleriesSettings(
        imaging=imaging, cache=Path(cache),
        workers=None if workers is None else _positive_int("workers", workers),
        url=str(merged["url"]).strip("/") + "/", recent=_positive_int("recent", merged["recent"]))
