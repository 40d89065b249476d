"""Location and camera data in editors' originals: found (for `make check`) and, only when
asked (`make strip-location`), removed in place without re-encoding the pixels.

Where a picture carries its position (:func:`read_metadata`, the one definition the warning
and the command share): the GPS directory that EXIF IFD0 (the picture's directory) or IFD1 (the
thumbnail's) points to, and GPS fields in XMP, in every format Pillow reads them from (JPEG/MPO
APP1, PNG eXIf and text chunks, WebP chunks, TIFF tags, HEIF/AVIF boxes); and in a JPEG's
later EXIF APP1 segments, which Pillow does not read (it takes the first): "EXIF APP1 2". The command rewrites
only the formats of :data:`STRIPPERS`, only a file that carries more than its orientation, and
checks the result with :func:`read_metadata` before it replaces the file.

Stripping keeps the picture's bytes and quality: JPEG/MPO segments, PNG chunks and WebP RIFF
chunks are rewritten, nothing is decoded. Removed: EXIF (GPS position, camera make/model/serial,
MakerNote, thumbnail) — replaced by a minimal EXIF holding only the orientation, so the picture
stays upright —, XMP, IPTC/Photoshop blocks, comments, text chunks. An MPO (a camera JPEG
with a second frame: 3D, depth) is refused by name: its frame index would have to be
rewritten, and dropping the frame would lose it.
Kept: pixels, ICC colour profile, JFIF/Adobe headers (CMYK needs them), segment order.
"""

from __future__ import annotations

import re
import struct
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from PIL import ExifTags, Image

from .pipeline import open_image, quiet

_GPS_IFD = ExifTags.IFD.GPSInfo
_THUMBNAIL_IFD = ExifTags.IFD.IFD1
_ORIENTATION = ExifTags.Base.Orientation
_EXIF_HEADER = b"Exif\x00\x00"
#: EXIF tags that say nothing about where, when or with what a picture was taken: an EXIF
#: holding only these is left as it is (the demo galleries' photos: empty, or Orientation=6).
_LAYOUT_TAGS = frozenset({_ORIENTATION, ExifTags.Base.XResolution, ExifTags.Base.YResolution,
                          ExifTags.Base.ResolutionUnit, ExifTags.Base.YCbCrPositioning})
#: Camera data: make and model (IFD0); serial numbers, owner, lens, maker notes (Exif IFD).
_CAMERA_TAGS = frozenset({ExifTags.Base.Make, ExifTags.Base.Model})
_CAMERA_EXIF_TAGS = frozenset({ExifTags.Base.BodySerialNumber, ExifTags.Base.CameraOwnerName,
                               ExifTags.Base.LensMake, ExifTags.Base.LensModel,
                               ExifTags.Base.LensSerialNumber, ExifTags.Base.MakerNote})
#: XMP fields of a position (exif:GPSLatitude…, whatever the namespace prefix) and of a camera.
_XMP_POSITION = re.compile(rb"GPS(?:Dest)?(?:Latitude|Longitude)|GPSAreaInformation")
_XMP_CAMERA = re.compile(rb"tiff:(?:Make|Model)|(?:aux|exifEX):(?:SerialNumber|BodySerialNumber"
                         rb"|Lens\w*|OwnerName|CameraOwnerName)")
#: JPEG APPn segments kept: APP0 (JFIF), APP2 (ICC profile; MPF is dropped), APP14 (Adobe).
_KEPT_APP = {0xE0, 0xE2, 0xEE}
_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_PNG_DROPPED = {b"eXIf", b"tEXt", b"zTXt", b"iTXt", b"tIME"}


#: The fix for a location `make strip-location` cannot remove (Latvian, for editors).
EXPORT_FIX = ("eksportē attēlu no jauna kā JPEG bez atrašanās vietas (iPhone: kopīgojot "
              "„Opcijas” → izslēdz „Atrašanās vieta”)")


class CannotStrip(Exception):
    """The file's format has no in-place strip here (export it again without location)."""


@dataclass(frozen=True)
class Metadata:
    """What of a picture's metadata matters here, as Pillow reads it.

    `location`: where a position is ("EXIF IFD0", "EXIF IFD1", "XMP"; empty: none). `camera`:
    make, model, serial numbers, owner, lens or maker notes. `refusal`: why `make
    strip-location` cannot rewrite this file ("" when it can; the format's name when it has no
    stripper). `fmt` is Pillow's format name ("" for a file Pillow cannot read)."""

    fmt: str
    orientation: int = 1
    location: tuple[str, ...] = ()
    camera: bool = False
    refusal: str = ""

    def removed(self) -> str:
        """What stripping removed, in Latvian (English): "notīrīts: atrašanās vieta (EXIF IFD1),
        kameras dati (removed: location (EXIF IFD1), camera data)"."""
        places = ", ".join(self.location)
        parts = ([(f"atrašanās vieta ({places})", f"location ({places})")] if places else []) \
            + ([("kameras dati", "camera data")] if self.camera else [])
        parts = parts or [("citi metadati", "other metadata")]
        return (f"notīrīts: {', '.join(lv for lv, _en in parts)} "
                f"(removed: {', '.join(en for _lv, en in parts)})")


def _gps_directory(tiff: bytes, offset: int) -> dict[int, object]:
    """The GPS directory at `offset` of a TIFF-structured EXIF (no "Exif\\0\\0" header), read
    through Pillow by a one-entry IFD0 pointing to it, appended to a copy. Raises struct.error,
    ValueError, SyntaxError or OSError for a broken EXIF."""
    endian = "<" if tiff[:2] == b"II" else ">"
    start = len(tiff) + (len(tiff) & 1)
    ifd = struct.pack(f"{endian}HHHII", 1, _GPS_IFD, 4, 1, offset) + struct.pack(f"{endian}I", 0)
    exif = Image.Exif()
    exif.load(_EXIF_HEADER + tiff[:4] + struct.pack(f"{endian}I", start) + tiff[8:]
              + b"\x00" * (start - len(tiff)) + ifd)
    return dict(exif.get_ifd(_GPS_IFD))


def _exif_bytes(image: Image.Image, path: Path) -> bytes | None:
    """The picture's EXIF as TIFF-structured bytes (the whole file for a TIFF), None when
    Pillow keeps no such bytes (a PNG's hex "Raw profile type exif")."""
    data = image.info.get("exif")
    if isinstance(data, bytes):
        return re.sub(b"^(?:Exif\x00\x00)+", b"", data)
    return path.read_bytes() if image.format == "TIFF" else None


def _located(gps: dict[int, object]) -> bool:
    """Does a GPS directory hold more than its version (which cameras write with GPS off)?"""
    return bool(set(gps) - {ExifTags.GPS.GPSVersionID})


def _thumbnail_located(exif: Image.Exif, tiff: bytes | None) -> bool:
    """Does IFD1 (the thumbnail's directory) point to a GPS directory with a position? One
    that cannot be read (`tiff`, the EXIF's TIFF-structured bytes, None when unknown) counts as
    located: strip or export it rather than publish it."""
    pointer = exif.get_ifd(_THUMBNAIL_IFD).get(_GPS_IFD)
    if not isinstance(pointer, int):
        return pointer is not None
    try:
        return tiff is None or _located(_gps_directory(tiff, pointer))
    except (struct.error, ValueError, SyntaxError, OSError):
        return True


def _exif_places(exif: Image.Exif, tiff: bytes | None) -> tuple[tuple[str, bool], ...]:
    """(("IFD0", located), ("IFD1", located)): whether the picture's directory and the
    thumbnail's (:func:`_thumbnail_located`) point to a GPS directory with a position; `tiff`
    as there. Raises what Pillow raises on an EXIF it cannot read."""
    return (("IFD0", _located(exif.get_ifd(_GPS_IFD))),
            ("IFD1", _thumbnail_located(exif, tiff)))


def _xmp(image: Image.Image) -> bytes:
    """The picture's XMP packet (JPEG/WebP/HEIF/AVIF "xmp", PNG iTXt, TIFF tag 700), or b""."""
    tags = getattr(image, "tag_v2", {})
    xmp = image.info.get("xmp") or image.info.get("XML:com.adobe.xmp") or tags.get(700) or b""
    return xmp.encode() if isinstance(xmp, str) else bytes(xmp)


def _refusal(image: Image.Image) -> str:
    """Why `make strip-location` cannot rewrite this picture in place, or ""."""
    frames = getattr(image, "n_frames", 1)
    if image.format == "MPO" and frames > 1:
        return (f"MPO ar {frames} kadriem: otrais kadrs tiktu zaudēts (MPO with {frames} "
                f"frames: the second frame would be lost)")
    return "" if image.format in STRIPPERS else str(image.format)


def read_metadata(path: Path) -> Metadata:
    """Where `path` carries a position, whether it carries camera data, and whether `make
    strip-location` can rewrite it. A file Pillow cannot read gives ``Metadata("")`` (the
    content check reports it, once), whatever Pillow raises on it (a cut TIFF's later page:
    TypeError "Missing dimensions", which stopped the build, QA report of session 11, fault 7);
    Pillow's warnings are not printed (pipeline.quiet)."""
    try:
        with quiet(), open_image(path) as image:
            exif = image.getexif()
            xmp = _xmp(image)
            places = (*((f"EXIF {ifd}", found)
                        for ifd, found in _exif_places(exif, _exif_bytes(image, path))),
                      ("XMP", bool(_XMP_POSITION.search(xmp))),
                      *(_later_exif_places(path) if image.format in {"JPEG", "MPO"} else ()))
            camera = (bool(_CAMERA_TAGS & set(exif)) or bool(_XMP_CAMERA.search(xmp))
                      or bool(_CAMERA_EXIF_TAGS & set(exif.get_ifd(ExifTags.IFD.Exif))))
            orientation = exif.get(_ORIENTATION, 1)
            return Metadata(str(image.format), orientation if orientation in range(2, 9) else 1,
                            tuple(place for place, found in places if found), camera,
                            _refusal(image))
    except Exception:  # whatever a reader raises on a damaged file
        return Metadata("")


def _later_exif_places(path: Path) -> Iterator[tuple[str, bool]]:
    """("EXIF APP1 <n>", located) for each EXIF APP1 segment of a JPEG after the first (the
    one Pillow reads): located when its IFD0 or IFD1 has a GPS position, or it cannot be read.
    Nothing for a JPEG whose segments cannot be walked (the pipeline reports that file)."""
    try:
        segments = _segments_before_scan(path)
    except CannotStrip:
        return
    exifs = [segment[4 + len(_EXIF_HEADER):] for marker, segment in segments
             if marker == 0xE1 and segment[4:].startswith(_EXIF_HEADER)]
    for number, tiff in enumerate(exifs[1:], start=2):
        exif = Image.Exif()
        try:
            exif.load(_EXIF_HEADER + tiff)
            located = any(found for _ifd, found in _exif_places(exif, tiff))
        except (struct.error, ValueError, SyntaxError, OSError):
            located = True
        yield f"EXIF APP1 {number}", located


def has_location(path: Path) -> bool:
    """Does the picture carry a GPS position anywhere :func:`read_metadata` looks?"""
    return bool(read_metadata(path).location)


def location_fix(found: Metadata) -> str:
    """How an editor removes the location from this picture (Latvian): `make strip-location`
    when it can rewrite the format, else exporting it again."""
    if found.refusal:
        return f"{EXPORT_FIX} ('make strip-location' šo failu nevar labot: {found.refusal})"
    return ("palaid 'make strip-location' (izņem atrašanās vietu un kameras datus no "
            "oriģināliem) un iesniedz izmaiņas")


def _private_exif(tiff: bytes) -> bool:
    """Does this TIFF-structured EXIF hold more than layout tags (orientation, resolution)? A
    broken one counts: it is dropped."""
    exif = Image.Exif()
    try:
        exif.load(_EXIF_HEADER + tiff)
        return bool(set(exif) - _LAYOUT_TAGS) or bool(exif.get_ifd(_THUMBNAIL_IFD))
    except (struct.error, ValueError, SyntaxError, OSError):
        return True


def _minimal_exif(orientation: int) -> bytes:
    """TIFF-structured EXIF with the orientation alone (no "Exif\\0\\0" header)."""
    exif = Image.Exif()
    exif[_ORIENTATION] = orientation
    data = exif.tobytes()
    return data.removeprefix(_EXIF_HEADER)


#: How much of a JPEG _segments_before_scan reads at a time (metadata segments are at most
#: 64 KiB each and all come before the first scan).
_HEAD_STEP = 1 << 16
_NO_SCAN = "JPEG without image data"


def _segments_before_scan(path: Path) -> list[tuple[int, bytes]]:
    """_jpeg_segments of the file's beginning, read in _HEAD_STEP steps until its first scan
    is reached, not the whole picture (the location warning reads every picture at every
    build); the last segment holds only what was read of the scan. Raises CannotStrip as
    _jpeg_segments does."""
    data = b""
    with path.open("rb") as file:
        while chunk := file.read(_HEAD_STEP):
            data += chunk
            try:
                return _jpeg_segments(data)
            except CannotStrip as error:
                if str(error) != _NO_SCAN:
                    raise
    return _jpeg_segments(data)


def _jpeg_segments(data: bytes) -> list[tuple[int, bytes]]:
    """A JPEG's segments up to its first scan, as (marker, segment bytes from its 0xFF), the
    last (0xDA, everything from the start of scan to the end of the file). Raises
    CannotStrip for a file that is not a JPEG, a broken segment or no scan."""
    if data[:2] != b"\xff\xd8":
        raise CannotStrip("not a JPEG")
    segments: list[tuple[int, bytes]] = []
    i = 2
    while i + 4 <= len(data):
        if data[i] != 0xFF:
            raise CannotStrip("broken JPEG segment")
        marker = data[i + 1]
        if marker == 0xFF:
            i += 1
            continue
        if marker == 0xDA:
            return [*segments, (marker, data[i:])]
        length = struct.unpack(">H", data[i + 2:i + 4])[0]
        segments.append((marker, data[i:i + 2 + length]))
        i += 2 + length
    raise CannotStrip(_NO_SCAN)


def _strip_jpeg(data: bytes, orientation: int) -> tuple[bytes, bool]:
    *head, (_sos, rest) = _jpeg_segments(data)
    out, multi, private = [data[:2]], False, False
    for marker, segment in head:
        if marker == 0xE2 and segment[4:8] == b"MPF\x00":
            multi = True
            continue
        if (0xE0 <= marker <= 0xEF and marker not in _KEPT_APP) or marker == 0xFE:
            # EXIF (private when more than the orientation), XMP, IPTC, maker blocks, comments
            is_exif = marker == 0xE1 and segment[4:].startswith(_EXIF_HEADER)
            private = private or not is_exif or _private_exif(segment[4 + len(_EXIF_HEADER):])
            continue
        out.append(segment)
    if multi:  # the image data, up to the first EOI
        end = rest.find(b"\xff\xd9")
        rest = rest[:end + 2] if end >= 0 else rest
    if orientation != 1:  # after the JFIF header, which must come first
        at = next((n for n, s in enumerate(out) if n and s[:2] != b"\xff\xe0"), len(out))
        exif = _EXIF_HEADER + _minimal_exif(orientation)
        out.insert(at, b"\xff\xe1" + struct.pack(">H", len(exif) + 2) + exif)
    return b"".join([*out, rest]), private


def _png_chunk(kind: bytes, body: bytes) -> bytes:
    return (struct.pack(">I", len(body)) + kind + body
            + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF))


def _strip_png(data: bytes, orientation: int) -> tuple[bytes, bool]:
    if not data.startswith(_PNG_SIGNATURE):
        raise CannotStrip("not a PNG")
    out, i, private = [_PNG_SIGNATURE], len(_PNG_SIGNATURE), False
    while i + 8 <= len(data):
        length, kind = struct.unpack(">I4s", data[i:i + 8])
        chunk = data[i:i + 12 + length]
        i += 12 + length
        if kind == b"IDAT" and orientation != 1 and not any(c[4:8] == b"eXIf" for c in out):
            out.append(_png_chunk(b"eXIf", _minimal_exif(orientation)))
        if kind not in _PNG_DROPPED:
            out.append(chunk)
        else:
            private = private or kind != b"eXIf" or _private_exif(chunk[8:-4])
    return b"".join(out), private


def _strip_webp(data: bytes, orientation: int) -> tuple[bytes, bool]:
    if data[:4] != b"RIFF" or data[8:12] != b"WEBP":
        raise CannotStrip("not a WebP")
    chunks: list[tuple[bytes, bytearray]] = []
    i, private = 12, False
    while i + 8 <= len(data):
        kind, size = data[i:i + 4], struct.unpack("<I", data[i + 4:i + 8])[0]
        body = data[i + 8:i + 8 + size]
        i += 8 + size + (size & 1)
        if kind not in {b"EXIF", b"XMP "}:
            chunks.append((kind, bytearray(body)))
        else:
            private = private or kind == b"XMP " or _private_exif(
                body.removeprefix(_EXIF_HEADER))
    if orientation != 1 and chunks and chunks[0][0] == b"VP8X":
        chunks.append((b"EXIF", bytearray(_minimal_exif(orientation))))
    for chunk in chunks:
        if chunk[0] == b"VP8X":
            chunk[1][0] &= ~0x0C  # no EXIF, no XMP
            if any(c[0] == b"EXIF" for c in chunks):
                chunk[1][0] |= 0x08
    body = b"".join(k + struct.pack("<I", len(b)) + bytes(b) + (b"\x00" if len(b) & 1 else b"")
                    for k, b in chunks)
    return b"RIFF" + struct.pack("<I", len(body) + 4) + b"WEBP" + body, private


#: The formats `make strip-location` rewrites in place (Pillow's names; an MPO only with one
#: frame): each stripper gives the file's bytes without metadata, the orientation kept, and
#: whether anything private (more than the orientation) was dropped. Every other format is
#: refused by name and has to be exported again (docs/galleries.md, docs/redaktoriem.md list
#: them from here: tests/unit/test_images_privacy_names.py).
STRIPPERS: dict[str, Callable[[bytes, int], tuple[bytes, bool]]] = {
    "JPEG": _strip_jpeg, "MPO": _strip_jpeg, "PNG": _strip_png, "WEBP": _strip_webp}


def strip_location(path: Path) -> Metadata | None:
    """Remove location, camera and other metadata from `path` in place, the orientation kept.

    Returns what the file carried (:class:`Metadata`), or None when it carried nothing but its
    orientation and layout tags: then the file is left byte for byte. Raises CannotStrip for a
    file Pillow cannot read, a format without a stripper (:data:`STRIPPERS`) or a result that
    :func:`read_metadata` still finds a location in (the file is then left as it was)."""
    found = read_metadata(path)
    if not found.fmt or found.refusal:
        raise CannotStrip(found.refusal or "attēlu nevar nolasīt (cannot read the picture)")
    stripped, private = STRIPPERS[found.fmt](path.read_bytes(), found.orientation)
    if not private:
        return None
    staging = path.with_name(f".{path.name}.strip-tmp")
    staging.write_bytes(stripped)
    left = read_metadata(staging).location
    if left:
        staging.unlink()
        raise CannotStrip(f"atrašanās vieta palika (location left): {', '.join(left)}")
    staging.replace(path)
    return found
