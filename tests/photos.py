"""Photos made for the galleries tests: quadrant colours to tell orientation, camera and GPS
metadata to be stripped, truncated files and decompression bombs."""

from __future__ import annotations

import struct
from pathlib import Path

from PIL import Image

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
