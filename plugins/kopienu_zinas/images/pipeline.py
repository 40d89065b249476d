"""The Pillow pipeline: one decode per picture, every width × format written without metadata.

Steps: open and recognise the picture by its content (not its file ending); refuse
decompression bombs; ask the JPEG decoder for a DCT-scaled draft no smaller than the largest
output; apply the EXIF orientation (all eight); reduce() by a whole factor; convert to 8-bit
sRGB RGB (16/32-bit grayscale scaled, palette and alpha flattened onto white, CMYK/YCCK and other
embedded ICC profiles converted through LittleCMS); resize (Lanczos) to each width, largest first;
save with no EXIF, GPS, XMP, IPTC, MakerNote, comment, thumbnail or ICC data. Runs in worker
processes, so everything here is picklable and module-level (works with the "spawn" start method).
"""

from __future__ import annotations

import io
import json
import os
import shutil
import struct
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import IO, cast

from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError

from ..common.fingerprint import file_digest
from ..common.problems import ContentProblem, ProblemError
from .settings import ImagingSettings

try:  # HEIC/HEIF (the iPhone default) when the pillow-heif wheel is installed
    from pillow_heif import register_heif_opener
except ImportError:  # pragma: no cover - pillow-heif is a declared dependency
    HEIF = False
else:
    register_heif_opener()
    HEIF = True

EXTENSIONS = {"avif": "avif", "webp": "webp", "jpeg": "jpg"}
MIME_TYPES = {"avif": "image/avif", "webp": "image/webp", "jpeg": "image/jpeg"}
META = "meta.json"
#: File endings of gallery photos (galleries/discover.py); pictures elsewhere are recognised by
#: their content (kinds.py).
PHOTO_SUFFIXES = frozenset({".jpg", ".jpeg", ".jpe", ".png", ".webp", ".gif", ".tif", ".tiff",
                            ".heic", ".heif", ".avif", ".mpo"})
#: Picture endings of formats the pipeline does not take (the format's name, for the message):
#: refused by :func:`refused_ending` whatever Pillow makes of the file (a camera RAW file opens
#: as a TIFF: its small preview), never published as they are.
REFUSED_SUFFIXES = {
    ".jxl": "JPEG XL", ".jp2": "JPEG 2000", ".j2k": "JPEG 2000", ".j2c": "JPEG 2000",
    ".jpf": "JPEG 2000", ".jpx": "JPEG 2000", ".psd": "Photoshop", ".psb": "Photoshop",
    **dict.fromkeys((".dng", ".cr2", ".cr3", ".crw", ".nef", ".nrw", ".arw", ".srf", ".sr2",
                     ".raf", ".orf", ".rw2", ".raw", ".pef", ".srw", ".x3f", ".3fr", ".iiq",
                     ".erf", ".kdc", ".mrw", ".rwl"), "kameras RAW"),
}
#: Every ending that promises a picture, the one list (QA report of session 9, fault 2): a file
#: with one goes through the pipeline or is refused by the content check (images/rules.py), even
#: when Pillow does not recognise its content (JPEG XL); it is never copied as it is.
PICTURE_SUFFIXES = PHOTO_SUFFIXES | frozenset({".jfif", ".bmp", ".dib", ".ico", *REFUSED_SUFFIXES})
#: What Pillow may report for a picture we publish; MPO is a camera JPEG with a second frame.
ACCEPTED_FORMATS = frozenset({"JPEG", "MPO", "PNG", "WEBP", "GIF", "TIFF", "AVIF", "BMP", "DIB",
                              "ICO"}
                             | ({"HEIF"} if HEIF else set()))
#: Swap width and height for these EXIF orientations (rotated by 90° or 270°).
_TRANSPOSED = {5, 6, 7, 8}
_SRGB = ImageCms.createProfile("sRGB")
_TOO_LARGE = ("attēls ir pārāk liels (iespējama dekompresijas bumba)",
              "image too large (possible decompression bomb)")


class PhotoError(ProblemError):
    """A picture that cannot be published: `problem` (a ContentProblem of field "image", its
    path left for the caller: ``problem.placed(path)``) says why in Latvian and English, what
    was found (`value`) and how to make it publishable (`fix`, Latvian, for editors)."""

    @classmethod
    def of(cls, lv: str, en: str, detail: str = "",
           fix: str = "saglabā attēlu no jauna kā JPEG vai izņem to no mapes") -> PhotoError:
        return cls(ContentProblem("", 0, "image", lv, en, fix, detail))


@dataclass(frozen=True)
class Rendition:
    width: int
    height: int
    formats: tuple[str, ...]

    def name(self, fmt: str) -> str:
        return f"{self.width}.{EXTENSIONS[fmt]}"


@dataclass(frozen=True)
class Rendered:
    """What one picture became: its upright size and one rendition per width (ascending)."""

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
    """The configured widths below the original's, plus the original width when capped
    (never enlarged)."""
    below = tuple(w for w in widths if w < original_width)
    return (*below, original_width) if len(below) < len(widths) else below


def refused_ending(source: Path) -> PhotoError | None:
    """The refusal of a file whose ending is one of :data:`REFUSED_SUFFIXES`, else None."""
    name = REFUSED_SUFFIXES.get(source.suffix.lower())
    return None if name is None else PhotoError.of(
        "neatbalstīts attēla formāts", "unsupported image format", f"{name} ({source.suffix})",
        "eksportē attēlu no jauna kā JPEG (programmā, kurā to apstrādā: „Eksportēt” → JPEG)")


def unsupported(detail: str) -> PhotoError:
    heic = detail.upper() in {"HEIF", "HEIC", ".HEIC", ".HEIF"}
    return PhotoError.of("neatbalstīts attēla formāts", "unsupported image format", detail,
                      "iPhone: Iestatījumi → Kamera → Formāti → 'Most Compatible', vai eksportē "
                      "attēlu kā JPEG" if heic else "saglabā attēlu kā JPEG, PNG vai WebP")


def _number(count: int) -> str:
    """A number as Latvian editors read it: "64 000 000"."""
    return f"{count:,}".replace(",", " ")


def _too_large(size: str, max_pixels: int) -> PhotoError:
    """The one message and fix for a picture over IMAGES/GALLERIES max_pixels (a decompression
    bomb, or just too big); `size` says how large ("8000×8000, 64 000 000 pikseļu")."""
    return PhotoError.of(*_TOO_LARGE, size,
                         f"samazini attēlu līdz {_number(max_pixels)} pikseļiem "
                         f"(platums × augstums, piemēram, 6000 × 4000 = 24 000 000) un "
                         f"saglabā to no jauna")


def _size(width: int, height: int) -> str:
    """A picture's size as the messages give it: "8000×8000, 64 000 000 pikseļu"."""
    return f"{width}×{height}, {_number(width * height)} pikseļu"


def _bomb(source: Path, max_pixels: int) -> PhotoError:
    """Pillow's own refusal (more than twice Image.MAX_IMAGE_PIXELS) as :func:`_too_large`,
    with the size its header declares (:func:`_header_size`), as for any picture too large."""
    size = _header_size(source)
    return _too_large(_size(*size) if size else "", max_pixels)


def _header_size(source: Path) -> tuple[int, int] | None:
    """(width, height) that the picture's header declares, read as Image.open reads it but
    without its decompression-bomb refusal (whose English text gives only the pixel count);
    None when no format of Pillow's reads it."""
    Image.init()
    with open(source, "rb") as file:
        prefix = file.read(16)
        for name in Image.ID:
            factory, accept = Image.OPEN[name]
            accepted = not accept or accept(prefix)  # a str: "not quite" (Image.open's rule)
            if not accepted or isinstance(accepted, str):
                continue
            file.seek(0)
            try:
                return factory(file, os.fspath(source)).size
            except (SyntaxError, IndexError, TypeError, ValueError, OSError, struct.error):
                continue
    return None


#: Our words for a picture Pillow cannot read (never Pillow's English): (Latvian, English, fix).
_EMPTY = ("attēla fails ir tukšs (0 baitu)", "image file is empty (0 bytes)",
          "saglabā vai eksportē attēlu no jauna un ieliec to šī faila vietā")
_CUT_SHORT = ("attēla fails ir nepilnīgs (beidzas pirms attēla beigām)",
              "image file is cut short (it ends before the picture does)",
              "saglabā vai eksportē attēlu no jauna (šis, iespējams, nav nokopēts līdz galam)")
_UNREADABLE = ("attēla failu nevar nolasīt (bojāts vai nav attēls)",
               "image file is damaged or not a picture",
               "saglabā attēlu no jauna kā JPEG vai izņem to no mapes")
#: Pillow's words for a file that ends too early (ImageFile.load, the PNG and other plugins).
_CUT_SHORT_SIGNS = ("truncated", "broken data stream", "unexpected end")


def unreadable(error: BaseException, source: Path) -> PhotoError:
    """A picture Pillow cannot read, said in our words (_EMPTY, _CUT_SHORT, else
    _UNREADABLE): Pillow's English, which may hold machine paths, is never shown."""
    try:
        empty = source.stat().st_size == 0
    except OSError:
        empty = False
    cut_short = any(sign in str(error).lower() for sign in _CUT_SHORT_SIGNS)
    lv, en, fix = _EMPTY if empty else _CUT_SHORT if cut_short else _UNREADABLE
    return PhotoError.of(lv, en, "", fix)


def open_image(source: str | Path | IO[bytes], formats: tuple[str, ...] | None = None
               ) -> Image.Image:
    """Image.open (lazy: the header only) without Pillow's DecompressionBombWarning, an English
    line naming Pillow's own file on stderr: max_pixels refuses such a picture with our message.
    Raises what Image.open raises."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        return Image.open(source, formats=formats)


def open_picture(source: Path, max_pixels: int) -> Image.Image:
    """The picture opened lazily, recognised by its content; PhotoError when it is none we take
    or it has more than `max_pixels` pixels.

    Animated GIF/WebP and MPO (a camera JPEG with a second frame) give their first frame. A
    file with a refused ending (:func:`refused_ending`) is refused before it is opened.
    """
    refused = refused_ending(source)
    if refused is not None:
        raise refused
    try:
        image = open_image(source)
    except Image.DecompressionBombError as error:
        raise _bomb(source, max_pixels) from error
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        if source.suffix.lower() in {".heic", ".heif"}:
            raise unsupported("HEIF") from error
        raise unreadable(error, source) from error
    if image.format not in ACCEPTED_FORMATS:
        image.close()
        raise unsupported(str(image.format))
    if image.width * image.height > max_pixels:
        image.close()
        raise _too_large(_size(image.width, image.height), max_pixels)
    return image


def _upright_size(image: Image.Image) -> tuple[int, int, int]:
    orientation = image.getexif().get(0x0112, 1)
    orientation = orientation if orientation in range(1, 9) else 1
    width, height = image.size
    return (height, width, orientation) if orientation in _TRANSPOSED else (width, height,
                                                                            orientation)


def _top(image: Image.Image) -> float:
    """The largest sample of a one-band image."""
    return float(cast(float, image.getextrema()[1]))


def _gray_to_8bit(image: Image.Image) -> Image.Image:
    """16-bit, 32-bit integer and float grayscale scaled (not clipped) to 8-bit "L"."""
    if image.mode.startswith("I;16"):
        scale = 1 / 257
    elif image.mode == "F":
        top = _top(image)
        scale = 255.0 if top <= 1.0 else 1.0 if top <= 255 else 1 / 257
    else:  # "I": 16-bit samples (PNG, most TIFF) or the full 32-bit range
        top = _top(image)
        scale = 1.0 if top <= 255 else 1 / 257 if top <= 65535 else 255 / (2**31 - 1)
    wide = image.convert("F") if image.mode != "F" else image
    return wide.point(lambda v: v * scale).convert("L")


def _flatten(image: Image.Image) -> Image.Image:
    """Alpha (RGBA, LA, PA, palette transparency) composited onto white."""
    rgba = image.convert("RGBA")
    flat = Image.new("RGB", rgba.size, (255, 255, 255))
    flat.paste(rgba, mask=rgba.getchannel("A"))
    return flat


def to_srgb(image: Image.Image) -> Image.Image:
    """8-bit RGB in sRGB: grayscale depths scaled, alpha flattened onto white, the embedded ICC
    profile (RGB, CMYK, gray) converted with LittleCMS, else Pillow's plain conversion."""
    icc = image.info.get("icc_profile")
    if image.mode in {"I", "F"} or image.mode.startswith("I;16"):
        image = _gray_to_8bit(image)
    elif image.mode in {"RGBA", "LA", "PA", "La", "RGBa"} or (
            image.mode in {"P", "L", "RGB"} and "transparency" in image.info):
        image = _flatten(image)
    elif image.mode not in {"RGB", "L", "CMYK"}:
        image = image.convert("RGB")
    if icc:
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
            converted = ImageCms.profileToProfile(image, source, _SRGB, outputMode="RGB")
            if converted is not None:
                return converted
        except (ImageCms.PyCMSError, OSError, ValueError):
            pass  # a profile that does not fit the pixels: Pillow's plain conversion below
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
    """The picture upright and in sRGB, decoded once at the smallest scale the outputs allow,
    and the original's upright size (pixels). Raises PhotoError."""
    image = open_picture(source, settings.max_pixels)
    try:
        width, height, orientation = _upright_size(image)
        largest = min(max(settings.widths + settings.jpeg_widths), width)
        needed = (largest, max(1, round(height * largest / width)))
        if image.format in {"JPEG", "MPO"}:
            image.draft(None, needed[::-1] if orientation in _TRANSPOSED else needed)
        image.load()  # here, so that a truncated file is reported as such
        image = ImageOps.exif_transpose(image)
        factor = image.width // (largest * 2)
        if factor > 1 and image.mode not in {"P", "PA"}:
            image = image.reduce(factor)
        return to_srgb(image), (width, height)
    except PhotoError:
        raise
    except Image.DecompressionBombError as error:
        raise _bomb(source, settings.max_pixels) from error
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        raise unreadable(error, source) from error


def render(source: Path, settings: ImagingSettings, folder: Path) -> Rendered:
    """Write every width × format of one picture into `folder` (created) and describe them.

    The configured widths are resized in a chain, largest first; each JPEG-only width is
    resized from the next larger rendition, so it does not change the others' bytes.
    """
    image, (original_width, original_height) = decode(source, settings)
    folder.mkdir(parents=True, exist_ok=True)
    renditions = []
    made: list[Image.Image] = []
    current = image
    for width in sorted(target_widths(original_width, settings.widths), reverse=True):
        height = max(1, round(original_height * width / original_width))
        if current.size != (width, height):
            current = current.resize((width, height), Image.Resampling.LANCZOS)
        rendition = Rendition(width, height, settings.formats)
        for fmt in settings.formats:
            _save(current, fmt, folder / rendition.name(fmt), settings)
        renditions.append(rendition)
        made.append(current)
    done = {r.width for r in renditions}
    for width in settings.jpeg_widths:
        width = min(width, original_width)
        if width in done:
            continue
        height = max(1, round(original_height * width / original_width))
        larger = min((m for m in made if m.width > width), key=lambda m: m.width, default=image)
        rendition = Rendition(width, height, ("jpeg",))
        _save(larger.resize((width, height), Image.Resampling.LANCZOS), "jpeg",
              folder / rendition.name("jpeg"), settings)
        renditions.append(rendition)
        done.add(width)
    return Rendered(original_width, original_height,
                    tuple(sorted(renditions, key=lambda r: r.width)))


def render_entry(source: str, settings: ImagingSettings,
                 entry: str) -> tuple[str, ContentProblem | None]:
    """Worker entry point: render into a temporary folder, then move it to `entry` at once.

    Returns (source, None) on success or (source, the problem, without its path) for a picture
    that cannot be published, so that one bad file never stops the others. Safe when another
    process (a gallery and an article picture with the same bytes, two builds) writes the same
    entry at the same time: a complete entry is never replaced, only kept (QA report of
    issue 9, finding 2: rename onto a non-empty folder failed with ENOTEMPTY).
    """
    target = Path(entry)
    staging = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    shutil.rmtree(staging, ignore_errors=True)
    try:
        rendered = render(Path(source), settings, staging)
        (staging / META).write_text(entry_meta(rendered, staging), encoding="utf-8")
        _install(staging, target)
    except PhotoError as error:
        return source, error.problem
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return source, None


def entry_meta(rendered: Rendered, folder: Path) -> str:
    """The entry's META: what the picture became, and the SHA-256 of every file written, by
    name, so that a damaged entry (a file cut short, or edited in place through a hardlink in
    an output folder) is found and rendered again (PhotoCache.lookup)."""
    data = json.loads(rendered.to_json())
    data["files"] = {file.name: file_digest(file) for file in sorted(folder.iterdir())
                     if file.name != META}
    return json.dumps(data, sort_keys=True)


def _install(staging: Path, target: Path) -> None:
    """`staging` renamed to `target`, unless a complete entry (with its META) is there already;
    a leftover incomplete `target` is replaced. Raises OSError only when no entry results."""
    if (target / META).is_file():
        return
    try:
        staging.rename(target)
    except OSError:
        if (target / META).is_file():
            return  # written by another process meanwhile: the same bytes
        shutil.rmtree(target, ignore_errors=True)
        staging.rename(target)
