"""Location and camera data in editors' originals: found (for `make check`) and, only when
asked (`make strip-location`), removed in place without re-encoding the pixels.

Stripping keeps the picture's bytes and quality: JPEG/MPO segments, PNG chunks and WebP RIFF
chunks are rewritten, nothing is decoded. Removed: EXIF (GPS position, camera make/model/serial,
MakerNote, thumbnail) — replaced by a minimal EXIF holding only the orientation, so the picture
stays upright —, XMP, IPTC/Photoshop blocks, comments, text chunks. An MPO (a camera JPEG
with a second frame: 3D, depth) is refused by name: its frame index would have to be
rewritten, and dropping the frame would lose it.
Kept: pixels, ICC colour profile, JFIF/Adobe headers (CMYK needs them).
"""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

from PIL import Image, UnidentifiedImageError

_GPS_IFD = 0x8825
_ORIENTATION = 0x0112
_EXIF_HEADER = b"Exif\x00\x00"
#: JPEG APPn segments kept: APP0 (JFIF), APP2 (ICC profile; MPF is dropped), APP14 (Adobe).
_KEPT_APP = {0xE0, 0xE2, 0xEE}
_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_PNG_DROPPED = {b"eXIf", b"tEXt", b"zTXt", b"iTXt", b"tIME"}


class CannotStrip(Exception):
    """The file's format has no in-place strip here (export it again without location)."""


def has_location(path: Path) -> bool:
    """Does the picture carry a GPS position (EXIF GPS IFD or XMP GPS fields)?"""
    try:
        with Image.open(path) as image:
            if image.getexif().get_ifd(_GPS_IFD):
                return True
            xmp = image.info.get("xmp") or image.info.get("XML:com.adobe.xmp") or b""
            return b"GPSLatitude" in (xmp.encode() if isinstance(xmp, str) else xmp)
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError,
            Image.DecompressionBombError):
        return False  # not a picture we can read: the content check reports it, once


def _orientation(path: Path) -> int:
    with Image.open(path) as image:
        value = image.getexif().get(_ORIENTATION, 1)
    return value if value in range(2, 9) else 1


def _minimal_exif(orientation: int) -> bytes:
    """TIFF-structured EXIF with the orientation alone (no "Exif\\0\\0" header)."""
    exif = Image.Exif()
    exif[_ORIENTATION] = orientation
    data = exif.tobytes()
    return data.removeprefix(_EXIF_HEADER)


def _strip_jpeg(data: bytes, orientation: int) -> bytes:
    if data[:2] != b"\xff\xd8":
        raise CannotStrip("not a JPEG")
    out = [data[:2]]
    if orientation != 1:
        exif = _EXIF_HEADER + _minimal_exif(orientation)
        out.append(b"\xff\xe1" + struct.pack(">H", len(exif) + 2) + exif)
    i, multi = 2, False
    while i + 4 <= len(data):
        if data[i] != 0xFF:
            raise CannotStrip("broken JPEG segment")
        marker = data[i + 1]
        if marker == 0xFF:
            i += 1
            continue
        if marker == 0xDA:  # start of scan: the image data follows, up to the first EOI
            rest = data[i:]
            if multi:
                end = rest.find(b"\xff\xd9")
                rest = rest[:end + 2] if end >= 0 else rest
            out.append(rest)
            return b"".join(out)
        length = struct.unpack(">H", data[i + 2:i + 4])[0]
        segment = data[i:i + 2 + length]
        i += 2 + length
        if marker == 0xE2 and segment[4:8] == b"MPF\x00":
            multi = True
            continue
        if (0xE0 <= marker <= 0xEF and marker not in _KEPT_APP) or marker == 0xFE:
            continue  # EXIF, XMP, IPTC, maker blocks, comments
        out.append(segment)
    raise CannotStrip("JPEG without image data")


def _strip_png(data: bytes, orientation: int) -> bytes:
    if not data.startswith(_PNG_SIGNATURE):
        raise CannotStrip("not a PNG")
    out, i = [_PNG_SIGNATURE], len(_PNG_SIGNATURE)
    while i + 8 <= len(data):
        length, kind = struct.unpack(">I4s", data[i:i + 8])
        chunk = data[i:i + 12 + length]
        i += 12 + length
        if kind == b"IDAT" and orientation != 1 and not any(c[4:8] == b"eXIf" for c in out):
            exif = _minimal_exif(orientation)
            body = b"eXIf" + exif
            out.append(struct.pack(">I", len(exif)) + body
                       + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF))
        if kind not in _PNG_DROPPED:
            out.append(chunk)
    return b"".join(out)


def _strip_webp(data: bytes, orientation: int) -> bytes:
    if data[:4] != b"RIFF" or data[8:12] != b"WEBP":
        raise CannotStrip("not a WebP")
    chunks: list[tuple[bytes, bytearray]] = []
    i = 12
    while i + 8 <= len(data):
        kind, size = data[i:i + 4], struct.unpack("<I", data[i + 4:i + 8])[0]
        body = data[i + 8:i + 8 + size]
        i += 8 + size + (size & 1)
        if kind not in {b"EXIF", b"XMP "}:
            chunks.append((kind, bytearray(body)))
    if orientation != 1 and chunks and chunks[0][0] == b"VP8X":
        chunks.append((b"EXIF", bytearray(_minimal_exif(orientation))))
    for chunk in chunks:
        if chunk[0] == b"VP8X":
            chunk[1][0] &= ~0x0C  # no EXIF, no XMP
            if any(c[0] == b"EXIF" for c in chunks):
                chunk[1][0] |= 0x08
    body = b"".join(k + struct.pack("<I", len(b)) + bytes(b) + (b"\x00" if len(b) & 1 else b"")
                    for k, b in chunks)
    return b"RIFF" + struct.pack("<I", len(body) + 4) + b"WEBP" + body


def strip_location(path: Path) -> bool:
    """Remove location and camera data from `path` in place; True when the file changed.

    Raises CannotStrip for a format without an in-place strip (TIFF, HEIC, GIF…)."""
    try:
        with Image.open(path) as image:
            fmt = image.format
            frames = getattr(image, "n_frames", 1)
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as error:
        raise CannotStrip(str(error)) from error
    if fmt == "MPO" and frames > 1:
        raise CannotStrip(f"MPO ar {frames} kadriem: otrais kadrs tiktu zaudēts (MPO with "
                          f"{frames} frames: the second frame would be lost)")
    strippers = {"JPEG": _strip_jpeg, "MPO": _strip_jpeg, "PNG": _strip_png, "WEBP": _strip_webp}
    if fmt not in strippers:
        raise CannotStrip(f"{fmt}")
    data = path.read_bytes()
    stripped = strippers[fmt](data, _orientation(path))
    if stripped == data:
        return False
    staging = path.with_name(f".{path.name}.strip-tmp")
    staging.write_bytes(stripped)
    staging.replace(path)
    return True
