"""The Pillow pipeline: one decode per photo, every width × format written without metadata.

Steps: open; refuse decompression bombs; ask the JPEG decoder for a DCT-scaled draft no smaller
than the largest output; apply the EXIF orientation (all eight); reduce() by a whole factor;
convert to sRGB RGB; resize (Lanczos) to each width, largest first; save with no EXIF, GPS, XMP,
IPTC, comment or ICC data. Runs in worker processes, so everything here is picklable and
module-level (works with the "spawn" start method).
"""

from __future__ import annotations

import io
import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError

from .settings import ImagingSettings

EXTENSIONS = {"avif": "avif", "webp": "webp", "jpeg": "jpg"}
MIME_TYPES = {"avif": "image/avif", "webp": "image/webp", "jpeg": "image/jpeg"}
META = "meta.json"
#: Swap width and height for these EXIF orientations (rotated by 90° or 270°).
_TRANSPOSED = {5, 6, 7, 8}
_SRGB = ImageCms.createProfile("sRGB")


class PhotoError(Exception):
    """A photo that cannot be published; the message says why in Latvian and English."""

    def __init__(self, lv: str, en: str, detail: str = "") -> None:
        super().__init__(f"{lv} ({en}): {detail}")
        self.lv, self.en, self.detail = lv, en, detail


@dataclass(frozen=True)
class Rendition:
    width: int
    height: int
    formats: tuple[str, ...]

    def name(self, fmt: str) -> str:
        return f"{self.width}.{EXTENSIONS[fmt]}"


@dataclass(frozen=True)
class Rendered:
    """What one photo became: its upright size and one rendition per width."""

    width: int
    height: int
    renditions: tuple[Rendition, ...]

    def to_json(self) -> str:
        return json.dumps({"width": self.width, "height": self.height,
                           "renditions": [[r.width, r.height, list(r.formats)]
                                          for r in self.renditions]})

    @classmethod
    def from_json(cls, text: str) -> Rendered:
        data = json.loads(text)
        return cls(data["width"], data["height"],
                   tuple(Rendition(w, h, tuple(f)) for w, h, f in data["renditions"]))


def target_widths(original_width: int, widths: tuple[int, ...]) -> tuple[int, ...]:
    """The configured widths below the original's, plus the original width when capped."""
    below = tuple(w for w in widths if w < original_width)
    return below + (original_width,) if len(below) < len(widths) else below


def _upright_size(image: Image.Image) -> tuple[int, int, int]:
    orientation = image.getexif().get(0x0112, 1)
    width, height = image.size
    return (height, width, orientation) if orientation in _TRANSPOSED else (width, height,
                                                                            orientation)


def _to_srgb(image: Image.Image) -> Image.Image:
    """RGB in sRGB: embedded ICC profiles converted, alpha flattened onto white."""
    icc = image.info.get("icc_profile")
    if image.mode in {"RGBA", "LA", "PA"} or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        flat = Image.new("RGB", rgba.size, (255, 255, 255))
        flat.paste(rgba, mask=rgba.getchannel("A"))
        flat.info["icc_profile"] = icc
        image = flat
    if icc:
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
            mode = "RGB" if image.mode in {"RGB", "CMYK", "L"} else None
            if mode is None:
                image = image.convert("RGB")
            converted = ImageCms.profileToProfile(image, source, _SRGB, outputMode="RGB")
            if converted is not None:
                return converted
        except (ImageCms.PyCMSError, OSError):
            pass  # a broken profile: treat the pixels as sRGB
    return image if image.mode == "RGB" else image.convert("RGB")


def _save(image: Image.Image, fmt: str, target: Path, settings: ImagingSettings) -> None:
    image.info.clear()  # resize() copies info: nothing of the original may reach the file
    quality = settings.quality_of(fmt)
    if fmt == "jpeg":
        image.save(target, "JPEG", quality=quality, optimize=True, progressive=True)
    elif fmt == "webp":
        image.save(target, "WEBP", quality=quality, method=settings.webp_method)
    else:
        image.save(target, "AVIF", quality=quality, speed=settings.avif_speed)


def decode(source: Path, settings: ImagingSettings) -> tuple[Image.Image, tuple[int, int]]:
    """The photo upright and in sRGB, decoded once at the smallest scale the outputs allow,
    and the original's upright size."""
    try:
        image = Image.open(source)
        width, height, orientation = _upright_size(image)
        if width * height > settings.max_pixels:
            raise PhotoError("attēls ir pārāk liels (iespējama dekompresijas bumba)",
                             "image too large (possible decompression bomb)",
                             f"{width}×{height}")
        largest = min(max(settings.widths), width)
        needed = (largest, max(1, round(height * largest / width)))
        image.draft(None, needed[::-1] if orientation in _TRANSPOSED else needed)
        image.load()  # here, so that a truncated file is reported as such
        image = ImageOps.exif_transpose(image)
        factor = image.width // (largest * 2)
        if factor > 1:
            image = image.reduce(factor)
        return _to_srgb(image), (width, height)
    except PhotoError:
        raise
    except Image.DecompressionBombError as error:
        raise PhotoError("attēls ir pārāk liels (iespējama dekompresijas bumba)",
                         "image too large (possible decompression bomb)", str(error)) from error
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        raise PhotoError("attēla failu nevar nolasīt (bojāts vai nepilnīgs)",
                         "image file is truncated or unreadable", str(error)) from error


def render(source: Path, settings: ImagingSettings, folder: Path) -> Rendered:
    """Write every width × format of one photo into `folder` (created) and describe them."""
    image, (original_width, original_height) = decode(source, settings)
    folder.mkdir(parents=True, exist_ok=True)
    renditions = []
    current = image
    for width in sorted(target_widths(original_width, settings.widths), reverse=True):
        height = max(1, round(original_height * width / original_width))
        if current.size != (width, height):
            current = current.resize((width, height), Image.Resampling.LANCZOS)
        rendition = Rendition(width, height, settings.formats)
        for fmt in settings.formats:
            _save(current, fmt, folder / rendition.name(fmt), settings)
        renditions.append(rendition)
    return Rendered(original_width, original_height,
                    tuple(sorted(renditions, key=lambda r: r.width)))


def render_entry(source: str, settings: ImagingSettings, entry: str) -> tuple[str, str | None]:
    """Worker entry point: render into a temporary folder, then move it to `entry` at once.

    Returns (source, None) on success or (source, "lv\\ten\\tdetail") for a photo that
    cannot be published, so that one bad file never stops the others.
    """
    target = Path(entry)
    staging = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    shutil.rmtree(staging, ignore_errors=True)
    try:
        rendered = render(Path(source), settings, staging)
        (staging / META).write_text(rendered.to_json(), encoding="utf-8")
        shutil.rmtree(target, ignore_errors=True)
        staging.rename(target)
    except PhotoError as error:
        shutil.rmtree(staging, ignore_errors=True)
        return source, f"{error.lv}\t{error.en}\t{error.detail}"
    return source, None
