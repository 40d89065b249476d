"""Imaging settings: what decides the bytes of a processed picture, validated once.

Two settings dicts use this: ``GALLERIES`` (gallery photos, docs/galleries.md) and ``IMAGES``
(every other editor picture: ``content/atteli/``, anything under ``STATIC_PATHS``, covers named by
``image:``). Both accept the imaging keys of :data:`IMAGING_DEFAULTS`; ``IMAGES`` adds its own
(:data:`DEFAULTS`). Unknown keys and bad values raise SettingsError naming the setting and key.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PIL import features

from ..common.settings import SettingsError, flag, merged, positive_int, whole_number

PLUGIN = "kopienu_zinas.images"

#: Output formats in the order browsers should try them; "jpeg" is the <img> fallback.
KNOWN_FORMATS = ("avif", "webp", "jpeg")

IMAGING_DEFAULTS: dict[str, Any] = {
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
    # Worker processes: None = one per core.
    "workers": None,
}

DEFAULTS: dict[str, Any] = {
    **IMAGING_DEFAULTS,
    # Where processed article pictures and covers are written (renditions of content/atteli/x.jpg
    # go to bildes/atteli/x-480.webp …); the original's own address gets the processed JPEG.
    "url": "bildes/",
    # The Open Graph (og:image) JPEG width of a cover; never wider than the original.
    "og_width": 1200,
    # None: .cache/images beside Pelican's CACHE_PATH; a path is taken as given.
    "cache": None,
    # Warn (make check: fail) when a picture in content/ carries a GPS position. A public
    # repository publishes every committed original; only a private one may turn this off.
    "warn_location": True,
    # `sizes` of a picture in the article text (the text column is at most 42rem wide).
    "sizes": "(min-width: 46rem) 42rem, calc(100vw - 2rem)",
}


@dataclass(frozen=True)
class ImagingSettings:
    """What decides the bytes of a processed image (so: part of the cache key).

    ``widths`` get every format; ``jpeg_widths`` (e.g. the 1200 px Open Graph image) only JPEG.
    Widths are pixels, never above the original's width. ``share_width`` (pixels, 0: none): the
    Open Graph width, for which a picture too thin for social sites also gets a share JPEG
    (pipeline.share_size).
    """

    widths: tuple[int, ...]
    formats: tuple[str, ...]
    quality: tuple[tuple[str, int], ...]
    avif_speed: int
    webp_method: int
    max_pixels: int
    jpeg_widths: tuple[int, ...] = ()
    share_width: int = 0

    def quality_of(self, fmt: str) -> int:
        return dict(self.quality)[fmt]


@dataclass(frozen=True)
class ImagesSettings:
    imaging: ImagingSettings
    cache: Path
    workers: int | None
    url: str
    og_width: int
    sizes: str
    warn_location: bool


def supported_formats(wanted: tuple[str, ...]) -> tuple[str, ...]:
    """The wanted formats this Pillow can write (JPEG always)."""
    return tuple(f for f in wanted if f == "jpeg" or features.check(f))


def imaging_from(values: Mapping[str, Any], setting: str, plugin: str,
                 jpeg_widths: tuple[int, ...] = (), share_width: int = 0) -> ImagingSettings:
    """The imaging keys of a merged settings dict, validated; `jpeg_widths` and `share_width`
    as :class:`ImagingSettings` has them."""
    for name, kind, what_lv, what_en in (("widths", (list, tuple), "sarakstam", "a list"),
                                         ("formats", (list, tuple), "sarakstam", "a list"),
                                         ("quality", Mapping, "vārdnīcai", "a dict")):
        if not isinstance(values[name], kind):  # e.g. `widths: 960`, one number for a list
            raise SettingsError(setting, name, f"jābūt {what_lv}", f"{plugin}: must be {what_en}",
                                repr(values[name]))
    widths = tuple(sorted({positive_int(plugin, setting, "widths", w) for w in values["widths"]}))
    if not widths:
        raise SettingsError(setting, "widths", "jānorāda vismaz viens platums",
                            f"{plugin}: must list at least one width")
    formats = tuple(values["formats"])
    if "jpeg" not in formats or set(formats) - set(KNOWN_FORMATS):
        raise SettingsError(setting, "formats", "jābūt 'jpeg', var pievienot 'avif' un 'webp'",
                            f"{plugin}: must include 'jpeg' and may add 'avif' and 'webp', "
                            f"not {list(formats)!r}")
    formats = supported_formats(tuple(f for f in KNOWN_FORMATS if f in formats))
    quality = {**IMAGING_DEFAULTS["quality"], **values["quality"]}
    return ImagingSettings(
        widths=widths, formats=formats,
        quality=tuple((f, positive_int(plugin, setting, "quality", quality[f])) for f in formats),
        avif_speed=whole_number(plugin, setting, "avif_speed", values["avif_speed"]),
        webp_method=whole_number(plugin, setting, "webp_method", values["webp_method"]),
        max_pixels=positive_int(plugin, setting, "max_pixels", values["max_pixels"]),
        jpeg_widths=tuple(w for w in jpeg_widths if w not in widths), share_width=share_width)


def workers_from(values: Mapping[str, Any], setting: str, plugin: str) -> int | None:
    workers = values["workers"]
    return None if workers is None else positive_int(plugin, setting, "workers", workers)


def cache_from(values: Mapping[str, Any], settings: Mapping[str, Any], folder: str) -> Path:
    cache = values["cache"]
    if cache is None:
        return Path(settings.get("CACHE_PATH") or "cache").parent / folder
    return Path(cache)


def from_pelican(settings: Mapping[str, Any]) -> ImagesSettings:
    """Validate IMAGES (unknown keys and bad values raise SettingsError naming the key)."""
    values = merged(settings, "IMAGES", PLUGIN, DEFAULTS)
    og_width = positive_int(PLUGIN, "IMAGES", "og_width", values["og_width"])
    return ImagesSettings(
        imaging=imaging_from(values, "IMAGES", PLUGIN, (og_width,), og_width),
        cache=cache_from(values, settings, "images"),
        workers=workers_from(values, "IMAGES", PLUGIN),
        url=str(values["url"]).strip("/") + "/", og_width=og_width, sizes=str(values["sizes"]),
        warn_location=flag(PLUGIN, "IMAGES", "warn_location", values["warn_location"]))
