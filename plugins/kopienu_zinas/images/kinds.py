"""Which files are pictures: recognised by their content, never by their file ending.

A JPEG saved as `foto.jfif`, `foto.jpg.txt`, `foto.bmp` or without an ending still carries its
EXIF GPS position; copied as a static file it would publish it (QA report of issue 9, finding 1).
So every file under STATIC_PATHS and every file `image:`/`{static}` names is sniffed: what
Pillow recognises as one of :data:`RASTER_FORMATS` (by the file's first bytes, without decoding
the pixels) goes through the pipeline; anything else (PDF, SVG, text) stays a static file.
"""

from __future__ import annotations

import functools
import io
import os
from pathlib import Path
from typing import IO

from PIL import Image

from .pipeline import HEIF, PICTURE_SUFFIXES, open_image  # importing it registers the HEIF opener

#: Raster formats Pillow identifies by a signature (no format that accepts arbitrary bytes,
#: such as TGA, so a binary download is never taken for a picture). HEIF/AVIF when the
#: installed Pillow (and pillow-heif, see pipeline.py) registers them. Formats the pipeline does
#: not take (PSD, JPEG 2000, PPM) are refused by the content check with a fix, never copied.
RASTER_FORMATS = ("JPEG", "MPO", "PNG", "WEBP", "GIF", "TIFF", "BMP", "DIB", "ICO", "AVIF",
                  "HEIF", "JPEG2000", "PSD", "PPM")


def _format_of(source: str | IO[bytes]) -> str | None:
    """Pillow's format name of the raster picture a file (by path) or bytes hold, "BOMB", or
    None (:func:`picture_format`)."""
    Image.init()
    formats = [f for f in RASTER_FORMATS if f in Image.OPEN and (f != "HEIF" or HEIF)]
    try:
        with open_image(source, tuple(formats)) as image:
            return str(image.format)
    except Image.DecompressionBombError:
        return "BOMB"  # a picture, far too large: the pipeline refuses it by name
    except Exception:  # whatever a reader raises on a file that is no picture it reads
        return None


@functools.lru_cache(maxsize=4096)
def _sniff(path: str, _size: int, _mtime_ns: int) -> str | None:
    return _format_of(path)


def bytes_format(data: bytes) -> str | None:
    """:func:`picture_format` of a file holding `data` (bytes already read)."""
    return _format_of(io.BytesIO(data))


def picture_format(path: str | Path) -> str | None:
    """Pillow's format name of the raster picture in `path` ("JPEG", "PNG"…; "BOMB" for one too
    large to open), None for a file that is not a picture or cannot be read."""
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return _sniff(os.fspath(path), stat.st_size, stat.st_mtime_ns)


def is_picture(path: str | Path) -> bool:
    """Is `path` a raster picture (whatever its ending)? Then it is processed, never copied."""
    return picture_format(path) is not None


def meant_as_picture(path: str | Path) -> bool:
    """A picture by its content, or a file whose ending promises one (PICTURE_SUFFIXES: a JPEG
    XL or camera RAW file Pillow does not read): it goes through the pipeline, which refuses it
    when it cannot take it; never copied as it is."""
    return is_picture(path) or Path(path).suffix.lower() in PICTURE_SUFFIXES
