"""The Pillow pipeline: one decode per picture, every width × format written without metadata.

Steps: open and recognise the picture by its content (not its file ending); refuse
decompression bombs and files that end before their own structure does (a HEIF/AVIF box or a
TIFF directory or strip past the end: libheif decodes the missing tiles of a cut iPhone HEIC
without an error); ask the JPEG decoder for a DCT-scaled draft no smaller than the largest
output; apply the EXIF orientation (all eight); reduce() by a whole factor; convert to 8-bit
sRGB RGB (16/32-bit grayscale scaled, palette and alpha flattened onto white, CMYK/YCCK and other
embedded ICC profiles converted through LittleCMS); resize (Lanczos) to each width, largest first,
every side within what each encoder writes (:data:`MAX_SIDE`); save with no EXIF, GPS, XMP, IPTC,
MakerNote, comment, thumbnail or ICC data. Pillow's warnings about a damaged file are never
printed (:func:`quiet`). Runs in worker processes, so everything here is picklable and
module-level (works with the "spawn" start method).
"""

from __future__ import annotations

import contextlib
import io
import json
import math
import os
import shutil
import stat
import struct
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, cast

from PIL import Image, ImageCms, ImageOps, TiffImagePlugin

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
#: File endings of photos (what `make new` and site/placeholders.py count as a gallery's photos);
#: every picture, a gallery photo too, is recognised by its content (kinds.py).
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
#: The longest side (pixels) each format is written with, so that every reader opens it:
#: libwebp's WEBP_MAX_DIMENSION (16383; a taller picture stopped the build, QA report of
#: session 11, fault 1); libavif's decoder refuses a side over 32768 (its default
#: imageDimensionLimit: an AVIF libaom wrote 64×32769 through Pillow did not open again);
#: libjpeg's JPEG_MAX_DIMENSION (65500).
MAX_SIDE = {"webp": 16383, "avif": 32768, "jpeg": 65500}
#: The smallest side social sites take for og:image (Facebook's sharing guide: at least
#: 200 × 200 pixels); a thinner Open Graph JPEG gets a share JPEG instead (:func:`share_size`).
SHARE_MIN = 200
#: A published picture with a side under this many pixels, made so by resizing (its original's
#: is larger), is a strip no one sees (:func:`thin_warning`: a 30000×200 panorama was 1600×11).
THIN = 50
#: The share JPEG's file name in a cache entry (Rendered.share).
SHARE = "share.jpg"
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
    """What one picture became: its upright size, one rendition per width (ascending) and, for
    a picture too thin for social sites at the Open Graph width, its share JPEG (SHARE; width,
    height) or None (:func:`share_size`)."""

    width: int
    height: int
    renditions: tuple[Rendition, ...]
    share: tuple[int, int] | None = None

    def to_json(self) -> str:
        return json.dumps({"width": self.width, "height": self.height,
                           "renditions": [[r.width, r.height, list(r.formats)]
                                          for r in self.renditions],
                           "share": list(self.share) if self.share else None})

    @classmethod
    def from_json(cls, text: str) -> Rendered:
        data = json.loads(text)
        share = data.get("share")
        return cls(data["width"], data["height"],
                   tuple(Rendition(w, h, tuple(f)) for w, h, f in data["renditions"]),
                   (int(share[0]), int(share[1])) if share else None)

    def names(self) -> set[str]:
        """The file name of every rendition in every format, and of the share JPEG."""
        return {r.name(fmt) for r in self.renditions for fmt in r.formats} | (
            {SHARE} if self.share else set())


def target_widths(original_width: int, widths: tuple[int, ...]) -> tuple[int, ...]:
    """The configured widths below the original's, plus the original width when capped
    (never enlarged)."""
    below = tuple(w for w in widths if w < original_width)
    return (*below, original_width) if len(below) < len(widths) else below


def fitted_width(width: int, height: int, formats: tuple[str, ...]) -> int:
    """The widest a picture of width × height pixels is published: its own width, or less when
    its longest side is over what one of `formats` (and JPEG) writes (:data:`MAX_SIDE`); the
    aspect is kept, so each rendition's height (height × w / width, rounded) is within it too.
    A 1080×20000 screenshot with WebP: 884 (884×16370)."""
    limit = min(MAX_SIDE[fmt] for fmt in (*formats, "jpeg"))
    if max(width, height) <= limit:
        return width
    return limit if width >= height else max(1, width * limit // height)


def share_size(width: int, height: int, settings: ImagingSettings) -> tuple[int, int] | None:
    """(width, height) of the share JPEG of a picture of width × height pixels (upright), or
    None when there is none to make: no `share_width` (galleries), or the Open Graph JPEG (the
    rendition `share_width` wide, or the widest narrower one) has both sides of SHARE_MIN or
    more. Else the share JPEG's short side is SHARE_MIN and its long side at most
    `share_width`: a centre crop, enlarged when the picture is smaller (it is made for other
    sites only, never shown on ours). A 30000×200 panorama: 1200×200 instead of 1200×8."""
    if not settings.share_width:
        return None
    og_width = min(settings.share_width, fitted_width(width, height, settings.formats))
    if min(og_width, round(height * og_width / width)) >= SHARE_MIN:
        return None
    longest = max(settings.share_width, SHARE_MIN)
    if width >= height:
        return min(longest, round(width * SHARE_MIN / height)), SHARE_MIN
    return SHARE_MIN, min(longest, round(height * SHARE_MIN / width))


def _share_box(size: tuple[int, int], share: tuple[int, int]
               ) -> tuple[float, float, float, float]:
    """The centre of a picture of `size` with the share JPEG's aspect (resize's box)."""
    (width, height), (share_width, share_height) = size, share
    if width * share_height > height * share_width:  # wider: the sides are cut
        kept = height * share_width / share_height
        return (width - kept) / 2, 0, (width + kept) / 2, height
    kept = width * share_height / share_width
    return 0, (height - kept) / 2, width, (height + kept) / 2


def _needed_width(width: int, height: int, settings: ImagingSettings) -> int:
    """How wide (pixels) the decoded picture must stay for its widest output: the widest
    rendition, and the share JPEG's crop at its own scale."""
    needed = min(max(settings.widths + settings.jpeg_widths),
                 fitted_width(width, height, settings.formats))
    share = share_size(width, height, settings)
    if share is not None:
        scale = max(share[0] / width, share[1] / height)
        needed = max(needed, min(width, math.ceil(width * scale)))
    return needed


def thin_warning(rendered: Rendered) -> ContentProblem | None:
    """A warning (path left empty) when the widest published rendition has a side under THIN
    pixels although the original's is not: a panorama or screenshot so long that the page shows
    a strip (QA report of session 11: a 30000×200 panorama was published 1600×11)."""
    largest = max(rendered.renditions, key=lambda r: (len(r.formats), r.width))
    short = min(largest.width, largest.height)
    if short >= THIN or short >= min(rendered.width, rendered.height):
        return None
    return ContentProblem(
        "", 0, "image", "attēls ir tik garš un šaurs, ka lapā no tā paliek tikai svītra",
        "the picture is so long and narrow that the page shows only a strip",
        "apgriez attēlu vai sadali to vairākos attēlos (malu attiecība līdz aptuveni 10:1) un "
        "saglabā no jauna",
        f"{rendered.width}×{rendered.height} → {largest.width}×{largest.height}",
        severity="warning")


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
    with open(source, "rb") as file, quiet():
        prefix = file.read(16)
        for name in Image.ID:
            factory, accept = Image.OPEN[name]
            accepted = not accept or accept(prefix)  # a str: "not quite" (Image.open's rule)
            if not accepted or isinstance(accepted, str):
                continue
            file.seek(0)
            try:
                return factory(file, os.fspath(source)).size
            except Exception:  # whatever a reader raises on a file it does not read
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
#: Pillow's words for a file that ends too early (ImageFile.load, the PNG and other plugins,
#: pillow-heif's "Unexpected end of file", the TIFF reader's warnings "… only got N").
_CUT_SHORT_SIGNS = ("truncated", "broken data stream", "unexpected end", "only got",
                    "larger than file")


@contextmanager
def quiet() -> Iterator[list[warnings.WarningMessage]]:
    """Pillow (and pillow-heif) at work without a word on stderr: every warning raised in the
    block is kept in the list yielded instead of printed. Pillow warns in English with its own
    file's path ("…/PIL/TiffImagePlugin.py:893: UserWarning: Corrupt EXIF data", QA report of
    session 11, fault 7; DecompressionBombWarning); a damaged file is reported once, in our
    words (:func:`unreadable`), and `max_pixels` refuses a bomb."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        yield caught


def _cut_short_warned(caught: list[warnings.WarningMessage]) -> bool:
    """Did Pillow warn of reading past the end of the file (its TIFF and EXIF reader)?"""
    return any(sign in str(w.message).lower() for w in caught for sign in _CUT_SHORT_SIGNS)


def _boxes_end_early(file: IO[bytes], size: int) -> bool:
    """Does an ISO base media file (HEIF, HEIC, AVIF: ISO/IEC 14496-12 §4.2 box headers) end
    inside one of its top-level boxes? Each box's header gives its length (a 64-bit one when
    the 32-bit length is 1; 0: to the end of the file), and the last one must end where the
    file does. An iPhone HEIC cut short ends inside its
    `mdat` box, and libheif decodes the missing grid tiles as flat green without an error
    (QA report of session 11, fault 3)."""
    offset = 0
    while offset + 8 <= size:
        file.seek(offset)
        header = file.read(16)
        length = int.from_bytes(header[:4], "big")
        if length == 1:
            if len(header) < 16:
                return True
            length = int.from_bytes(header[8:16], "big")
        if length == 0:
            return False
        if length < 8:
            return False  # damaged, not cut short: the reader says so
        offset += length
    return offset != size  # past the end, or a box header begun and not finished


def _tiff_ends_early(file: IO[bytes], size: int) -> bool:
    """Does a TIFF (TIFF 6.0 §2; little-endian BigTIFF too, the one Pillow reads) end before
    one of its directories (every page's, followed through their chain) or before a strip or
    tile they point to? Read with Pillow's own directory reader, whose warnings say when a read
    came short of the end."""
    header = file.read(16)
    header = header[:16] if header[:4] == b"II+\0" else header[:8]
    try:
        directory = TiffImagePlugin.ImageFileDirectory_v2(header)
    except (SyntaxError, struct.error):
        return False
    seen: set[int] = set()
    offset = directory.next
    while offset and offset not in seen and len(seen) < 10_000:
        if offset >= size:
            return True
        seen.add(offset)
        file.seek(offset)
        with quiet() as caught:
            directory = TiffImagePlugin.ImageFileDirectory_v2(header)
            directory.load(file)
        if _cut_short_warned(caught):
            return True
        for offsets, counts in ((273, 279), (324, 325)):  # strips, tiles (TIFF 6.0 §15)
            starts, lengths = directory.get(offsets, ()), directory.get(counts, ())
            if isinstance(starts, tuple) and isinstance(lengths, tuple) and any(
                    isinstance(start, int) and isinstance(length, int) and start + length > size
                    for start, length in zip(starts, lengths, strict=False)):
                return True
        offset = directory.next
    return False


def ends_early(source: Path) -> bool:
    """Does the file end before its own structure says it does (:func:`_boxes_end_early`
    for HEIF/AVIF, :func:`_tiff_ends_early`)? Headers only: the content check asks it of every
    picture. False for other formats (their decoders say so) and files that cannot be read."""
    try:
        with open(source, "rb") as file:
            size = os.fstat(file.fileno()).st_size
            start = file.read(8)
            file.seek(0)
            if start[4:8] == b"ftyp":
                return _boxes_end_early(file, size)
            if start[:4] in {b"II*\0", b"MM\0*", b"II+\0"}:
                return _tiff_ends_early(file, size)
    except OSError:
        pass
    return False


def unreadable(error: BaseException | None, source: Path,
               caught: list[warnings.WarningMessage] | None = None) -> PhotoError:
    """A picture Pillow cannot read, said in our words (_EMPTY, _CUT_SHORT, else
    _UNREADABLE): Pillow's English, which may hold machine paths, is never shown. Cut short:
    Pillow's or pillow-heif's words say so (`error`, or a warning `caught` while reading), or
    the file ends before its own structure does (:func:`ends_early`)."""
    try:
        empty = source.stat().st_size == 0
    except OSError:
        empty = False
    cut_short = (any(sign in str(error).lower() for sign in _CUT_SHORT_SIGNS)
                 or _cut_short_warned(caught or []) or ends_early(source))
    lv, en, fix = _EMPTY if empty else _CUT_SHORT if cut_short else _UNREADABLE
    return PhotoError.of(lv, en, "", fix)


def open_image(source: str | Path | IO[bytes], formats: tuple[str, ...] | None = None
               ) -> Image.Image:
    """Image.open (lazy: the header only) without a word on stderr (:func:`quiet`; Pillow's
    DecompressionBombWarning names Pillow's own file: max_pixels refuses such a picture with
    our message). Raises what Image.open raises: any exception, as Pillow's and pillow-heif's
    readers raise what they raise on a damaged file."""
    with quiet():
        return Image.open(source, formats=formats)


def open_picture(source: Path, max_pixels: int) -> Image.Image:
    """The picture opened lazily, recognised by its content; PhotoError when it is none we take,
    it has more than `max_pixels` pixels, or it ends before its own structure does
    (:func:`ends_early`: headers only, so the content check reports a cut HEIC or TIFF).

    Animated GIF/WebP and MPO (a camera JPEG with a second frame) give their first frame. A
    file with a refused ending (:func:`refused_ending`) is refused before it is opened. A file
    named `.heic`/`.heif` that does not open is "unsupported" only without pillow-heif;
    with it, the file is damaged or cut short like any other (QA report of session 11, fault 6).
    """
    refused = refused_ending(source)
    if refused is not None:
        raise refused
    try:
        image = open_image(source)
    except Image.DecompressionBombError as error:
        raise _bomb(source, max_pixels) from error
    except Exception as error:  # whatever a reader raises on a damaged file
        if not HEIF and source.suffix.lower() in {".heic", ".heif"}:
            raise unsupported("HEIF") from error
        raise unreadable(error, source) from error
    if image.format not in ACCEPTED_FORMATS:
        image.close()
        raise unsupported(str(image.format))
    if image.width * image.height > max_pixels:
        image.close()
        raise _too_large(_size(image.width, image.height), max_pixels)
    if image.format in {"HEIF", "AVIF", "TIFF"} and ends_early(source):
        image.close()
        lv, en, fix = _CUT_SHORT
        raise PhotoError.of(lv, en, "", fix)
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
    and the original's upright size (pixels). Raises PhotoError, also for whatever a decoder
    raises on a damaged file (pillow-heif's EOFError, the TIFF reader's TypeError…): a worker
    never lets an exception out, which the build once reported against another file (QA report
    of session 11, fault 2).

    The size is read after the orientation is applied, except for a JPEG drafted smaller: a
    reader may apply it while loading (Pillow's TIFF reader rotates by itself, and reports the
    rotated size from the start; swapping it again published a TIFF with Orientation 5–8
    squeezed, QA report of session 11, fault 4)."""
    with quiet() as caught:
        opened = open_picture(source, settings.max_pixels)
        try:
            image: Image.Image = opened
            width, height = opened.size
            if opened.format in {"JPEG", "MPO"}:  # the JPEG reader leaves the orientation to us
                width, height, orientation = _upright_size(opened)
                needed = _needed_width(width, height, settings)
                size = (needed, max(1, round(height * needed / width)))
                opened.draft(None, size[::-1] if orientation in _TRANSPOSED else size)
            opened.load()  # here, so that a truncated file is reported as such
            image = ImageOps.exif_transpose(opened)
            if opened.format not in {"JPEG", "MPO"}:
                width, height = image.size
            factor = image.width // (_needed_width(width, height, settings) * 2)
            if factor > 1 and image.mode not in {"P", "PA"}:
                image = image.reduce(factor)
            return to_srgb(image), (width, height)
        except PhotoError:
            raise
        except Image.DecompressionBombError as error:
            raise _bomb(source, settings.max_pixels) from error
        except Exception as error:  # whatever a decoder raises on a damaged file
            raise unreadable(error, source, caught) from error
        finally:
            opened.close()


def render(source: Path, settings: ImagingSettings, folder: Path) -> Rendered:
    """Write every width × format of one picture into `folder` (created) and describe them.

    The configured widths are resized in a chain, largest first; each JPEG-only width is
    resized from the next larger rendition, so it does not change the others' bytes. No side
    is longer than every format writes (:func:`fitted_width`). The share JPEG, when there is
    one (:func:`share_size`), is cut from the decoded picture. Raises PhotoError.
    """
    image, (original_width, original_height) = decode(source, settings)
    widest = fitted_width(original_width, original_height, settings.formats)
    folder.mkdir(parents=True, exist_ok=True)
    renditions = []
    made: list[Image.Image] = []
    current = image
    try:
        for width in sorted(target_widths(widest, settings.widths), reverse=True):
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
            width = min(width, widest)
            if width in done:
                continue
            height = max(1, round(original_height * width / original_width))
            larger = min((m for m in made if m.width > width), key=lambda m: m.width,
                         default=image)
            rendition = Rendition(width, height, ("jpeg",))
            _save(larger.resize((width, height), Image.Resampling.LANCZOS), "jpeg",
                  folder / rendition.name("jpeg"), settings)
            renditions.append(rendition)
            done.add(width)
        share = share_size(original_width, original_height, settings)
        if share is not None:
            _save(image.resize(share, Image.Resampling.LANCZOS,
                               box=_share_box(image.size, share)),
                  "jpeg", folder / SHARE, settings)
    except (ValueError, OSError) as error:  # an encoder's refusal, which fitted_width prevents
        raise _not_written(error) from error
    return Rendered(original_width, original_height,
                    tuple(sorted(renditions, key=lambda r: r.width)), share)


def _not_written(error: BaseException) -> PhotoError:
    """A picture decoded but not written (an encoder's or the disk's refusal): the error's kind
    and, for a file system error, its reason without the path."""
    reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
    return PhotoError.of("apstrādāto attēlu neizdevās saglabāt", "the processed picture could "
                         "not be written", f"{type(error).__name__}: {reason}",
                         "palaid būvēšanu vēlreiz; ja ziņojums atkārtojas, sūti to "
                         "izstrādātājiem")


def render_entry(source: str, settings: ImagingSettings,
                 entry: str) -> tuple[str, ContentProblem | None]:
    """Worker entry point: render into a temporary folder, then move it to `entry` at once.

    Returns (source, None) on success or (source, the problem, without its path) for a picture
    that cannot be published or an entry that cannot be written, so that one bad file never
    stops the others (nor is another named for it: batch.py maps each result to its job, and
    any other exception too). Safe when another
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
    except OSError as error:  # the cache folder: full, or not writable
        return source, _not_written(error).problem
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
    whatever else is at `target` (a leftover incomplete entry, a file or a symbolic link in the
    folder's place) is replaced. Raises OSError only when no entry results."""
    if (target / META).is_file():
        return
    try:
        staging.rename(target)
    except OSError:
        if (target / META).is_file():
            return  # written by another process meanwhile: the same bytes
        discard(target)
        staging.rename(target)


def discard(path: Path) -> None:
    """Remove whatever is at `path` in the cache: a folder with everything in it, or a file or
    a symbolic link (dangling or not; never what it points to); nothing there is no error.
    What cannot be removed stays (no error raised): the caller's next write there fails and
    says so (QA report of session 11: an entry folder replaced by a file, kept because
    `shutil.rmtree` does not remove files, failed every build until `make clean`)."""
    try:
        folder = stat.S_ISDIR(os.lstat(path).st_mode)
    except OSError:  # nothing there (or not reachable: nothing to remove)
        return
    if folder:
        shutil.rmtree(path, ignore_errors=True)
    else:
        with contextlib.suppress(OSError):
            os.unlink(path)
