"""Photos made for the galleries and images tests: quadrant colours to tell orientation, camera
and GPS metadata to be stripped, truncated and damaged files (JPEG, HEIF, TIFF) and
decompression bombs."""

from __future__ import annotations

import io
import struct
from pathlib import Path

from PIL import Image

import kopienu_zinas.images.pipeline  # noqa: F401  (registers pillow-heif: HEIF files are made here)

#: Quadrant colours of the upright picture: top-left, top-right, bottom-left, bottom-right.
QUADRANTS = ((220, 30, 30), (30, 200, 30), (30, 30, 220), (240, 220, 40))
#: What Pillow's exif_transpose does for each orientation, and so how a camera stores the
#: upright picture (the inverse transform) when it writes that tag.
STORED_AS = {1: None, 2: Image.Transpose.FLIP_LEFT_RIGHT, 3: Image.Transpose.ROTATE_180,
             4: Image.Transpose.FLIP_TOP_BOTTOM, 5: Image.Transpose.TRANSPOSE,
             6: Image.Transpose.ROTATE_90, 7: Image.Transpose.TRANSVERSE,
             8: Image.Transpose.ROTATE_270}
CAMERA = "KopienuTestCam 3000"
GPS_LATITUDE = (56.0, 30.0, 12.34)


def upright(size: tuple[int, int] = (600, 400)) -> Image.Image:
    image = Image.new("RGB", size)
    w, h = size
    for index, colour in enumerate(QUADRANTS):
        x, y = (index % 2) * w // 2, (index // 2) * h // 2
        image.paste(colour, (x, y, x + w // 2, y + h // 2))
    return image


def camera_exif(orientation: int = 1) -> Image.Exif:
    exif = Image.Exif()
    exif[0x0112] = orientation
    exif[0x010F] = "KopienuTest"  # Make
    exif[0x0110] = CAMERA  # Model
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2], gps[3], gps[4] = "N", GPS_LATITUDE, "E", (25.0, 10.0, 0.0)
    return exif


def write_photo(path: Path, orientation: int = 1, size: tuple[int, int] = (600, 400),
                image: Image.Image | None = None) -> Path:
    """A JPEG as a phone writes it: pixels stored turned, the orientation tag, camera + GPS."""
    picture = image or upright(size)
    transform = STORED_AS[orientation]
    stored = picture.transpose(transform) if transform is not None else picture
    xmp = (b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF><rdf:Description '
           b'exif:GPSLatitude="56,30.12N"/></rdf:RDF></x:xmpmeta>')
    stored.save(path, "JPEG", quality=92, exif=camera_exif(orientation), xmp=xmp,
                comment=b"secret home address")
    return path


def write_truncated(path: Path) -> Path:
    write_photo(path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


def quadrant_colours(image: Image.Image) -> list[tuple[int, ...]]:
    rgb = image.convert("RGB")
    w, h = rgb.size
    return [rgb.getpixel((x * w // 4, y * h // 4)) for y in (1, 3) for x in (1, 3)]


def close(a: tuple[int, ...], b: tuple[int, ...], tolerance: int = 40) -> bool:
    return all(abs(x - y) <= tolerance for x, y in zip(a, b, strict=True))


def thumbnail_gps_exif(orientation: int = 1) -> bytes:
    """EXIF ("Exif\\0\\0" + little-endian TIFF) whose IFD0 holds only the orientation and whose
    IFD1 (the thumbnail's directory) points to a GPS directory: LatitudeRef N, Latitude
    56/1, 30/1, 30/1. Pillow writes no IFD1, so the bytes are laid out here."""
    ifd0, ifd1, gps = 8, 26, 44
    latitude = gps + 2 + 2 * 12 + 4
    return b"Exif\x00\x00" + b"".join((
        b"II*\x00", struct.pack("<I", ifd0),
        struct.pack("<HHHIHH", 1, 0x0112, 3, 1, orientation, 0), struct.pack("<I", ifd1),
        struct.pack("<HHHII", 1, 0x8825, 4, 1, gps), struct.pack("<I", 0),
        struct.pack("<HHHI4s", 2, 1, 2, 2, b"N\x00\x00\x00"),
        struct.pack("<HHII", 2, 5, 3, latitude), struct.pack("<I", 0),
        struct.pack("<6I", 56, 1, 30, 1, 30, 1)))


# Damaged files as phones, scanners and copies cut short make them (QA report of session 11).

def iso_boxes(data: bytes) -> dict[bytes, tuple[int, int]]:
    """The top-level boxes of an ISO base media file (HEIF, AVIF): type → (offset, length)."""
    found, offset = {}, 0
    while offset + 8 <= len(data):
        length = int.from_bytes(data[offset:offset + 4], "big") or len(data) - offset
        found[data[offset + 4:offset + 8]] = (offset, length)
        offset += length
    return found


def heif_bytes(image: Image.Image, **options: object) -> bytes:
    """`image` saved by pillow-heif, with its save `options` (tile_size…)."""
    buffer = io.BytesIO()
    image.save(buffer, "HEIF", quality=80, **options)
    return buffer.getvalue()


def tiles(size: tuple[int, int] = (256, 256), tile: int = 64) -> Image.Image:
    """A picture of differently coloured squares, `tile` pixels each."""
    image = Image.new("RGB", size)
    for index, (x, y) in enumerate((x, y) for y in range(0, size[1], tile)
                                   for x in range(0, size[0], tile)):
        image.paste((40 + 13 * index % 200, 220 - 7 * index % 200, 120), (x, y, x + tile, y + tile))
    return image


def write_cut(path: Path, data: bytes, fraction: float) -> Path:
    """The first `fraction` of `data` written to `path`: a copy that stopped early."""
    path.write_bytes(data[: int(len(data) * fraction)])
    return path


def write_cut_grid_heic(path: Path) -> Path:
    """An iPhone-like HEIC (a grid of 64 px tiles; iPhones use 512 px) cut to 90% of its bytes:
    libheif decodes the missing tiles as flat green without an error."""
    return write_cut(path, heif_bytes(tiles(), tile_size=64), 0.9)


def write_heif_short_item(path: Path) -> Path:
    """A HEIF whose image item is declared half as long as its HEVC data (the extent length in
    its `iloc` box halved), as drewnoakes/metadata-extractor-images'
    heic/NullPointerException.HeifPictureHandler.processBox.heif is: it opens, and decoding it
    raises EOFError ("Decoder plugin generated an error: Unexpected end of file")."""
    data = bytearray(heif_bytes(Image.effect_noise((64, 48), 64).convert("RGB")))
    meta, _meta_length = iso_boxes(bytes(data))[b"meta"]
    mdat, mdat_length = iso_boxes(bytes(data))[b"mdat"]
    length = (mdat_length - 8).to_bytes(4, "big")  # the one item fills the mdat box
    at = data.index(length, data.index(b"iloc", meta), mdat)
    data[at:at + 4] = ((mdat_length - 8) // 2).to_bytes(4, "big")
    path.write_bytes(bytes(data))
    return path


def write_cut_tiff(path: Path) -> Path:
    """A two-page scan (600×400, then 64×48) cut to 60%: the second page's directory is gone,
    where Pillow warns "Corrupt EXIF data" and raises TypeError "Missing dimensions"."""
    buffer = io.BytesIO()
    upright().save(buffer, "TIFF", save_all=True, append_images=[upright((64, 48))])
    return write_cut(path, buffer.getvalue(), 0.6)
