"""Rule: no video is published with the place it was filmed (QA report of session 9, fault 3).

Videos are static files: published byte for byte. A phone writes its position into the
QuickTime/MP4 boxes (ISO base media file format): an iPhone video, and the `.MOV` half of a
Live Photo, as `moov/udta/©xyz` ("+56.9500+024.1000+010.000/") and as the metadata key
`com.apple.quicktime.location.ISO6709` (`moov/meta/keys`); Android and cameras as `©xyz`, the
3GPP `loci` box or XMP GPS fields. Any of these is an error naming where it is, since the
build would publish it; the fix is exporting the video again without its location.

Boxes are read here (a few dozen lines): mutagen, the well-kept tag library, reads only
iTunes-style tags (`moov/udta/meta/ilst`), not `udta/©xyz` nor the QuickTime `keys`, and reads
every `meta` box as an ISO one (it skips four bytes a QuickTime `meta` does not have). Only the
boxes' headers are read up to `moov` (the media data `mdat`, often gigabytes, is skipped).
"""

from __future__ import annotations

import re
import struct
from collections.abc import Iterator, Sequence
from pathlib import Path, PurePosixPath
from typing import Any, BinaryIO

from ..common.problems import ContentProblem
from .runnable import published_as_is

#: Endings (lower case, no dot) of ISO base media files (QuickTime, MP4, 3GPP).
VIDEO_ENDINGS = frozenset({"mov", "qt", "mp4", "m4v", "3gp", "3g2"})
#: Boxes that hold other boxes (`meta` handled apart: an ISO one has a version first).
_CONTAINERS = frozenset({b"moov", b"trak", b"udta", b"mdia", b"minf", b"ilst", b"meta"})
_XMP_UUID = bytes.fromhex("BE7ACFCB97A942E89C71999491E3AFAC")
_XMP_POSITION = re.compile(rb"GPS(?:Dest)?(?:Latitude|Longitude)")
_APPLE_LOCATION = b"com.apple.quicktime.location.ISO6709"
#: Largest `moov` or XMP box read (a larger one is not a phone's: it is read only that far).
_MOST = 64 << 20


def location_fix(name: str) -> str:
    """The fix for the video `name` (relative to content/): export it without its location, or,
    when it is the video half of a Live Photo (a picture of the same name beside it), delete it."""
    stem = PurePosixPath(name).stem
    return ("eksportē video no jauna bez atrašanās vietas (iPhone: kopīgojot „Opcijas” → "
            "izslēdz „Atrašanās vieta”); ja tas ir Live Photo video (blakus ir attēls "
            f"{stem}.HEIC vai {stem}.JPG), izdzēs to")


def check_documents(sender: Any, documents: Sequence[Any],
                    settings: dict[str, Any]) -> list[ContentProblem]:
    """content_check: each video Pelican would publish that carries a location."""
    root = Path(settings["PATH"])
    found = []
    for name in published_as_is(root, documents, settings, set(VIDEO_ENDINGS)):
        places = location_places(root / name)
        if places:
            found.append(ContentProblem(
                name, 0, "location", "video ir atrašanās vieta, un tas tiktu publicēts, kāds ir",
                "the video carries its location and would be published as it is",
                location_fix(name),
                ", ".join(places)))
    return found


def location_places(path: Path) -> tuple[str, ...]:
    """Where the video at `path` holds a position ("QuickTime ©xyz", "QuickTime keys",
    "3GPP loci", "XMP"), in file order, each once; () for none or a file that is no such
    video (its boxes cannot be read)."""
    places: dict[str, None] = {}
    try:
        with path.open("rb") as file:
            for kind, body in _top_level(file):
                for place in _places(kind, body):
                    places.setdefault(place)
    except (OSError, struct.error):
        return ()
    return tuple(places)


def _top_level(file: BinaryIO) -> Iterator[tuple[bytes, bytes]]:
    """(type, body) of the file's top-level boxes; the body only of `moov` and `uuid` (at most
    _MOST bytes), else b"". Raises struct.error for a header cut short."""
    while header := file.read(8):
        size, kind = struct.unpack(">I4s", header)
        start = file.tell() - 8
        if size == 1:
            size = struct.unpack(">Q", file.read(8))[0]
        end = start + size if size else None  # 0: up to the end of the file
        offset = file.tell() - start
        if kind in (b"moov", b"uuid"):
            yield kind, file.read(min(size - offset, _MOST) if size else _MOST)
        if end is None or size < offset:
            return
        file.seek(end)


def _children(body: bytes) -> Iterator[tuple[bytes, bytes]]:
    """(type, body) of the boxes in `body`, as far as they are whole."""
    at = 0
    while at + 8 <= len(body):
        size, kind = struct.unpack(">I4s", body[at:at + 8])
        start = at + 8
        if size == 1 and at + 16 <= len(body):
            size, start = struct.unpack(">Q", body[at + 8:at + 16])[0], at + 16
        end = len(body) if size == 0 else at + size
        if end < start or end > len(body):
            return
        yield kind, body[start:end]
        at = end


def _places(kind: bytes, body: bytes) -> Iterator[str]:
    """Where a box (and the boxes in it) holds a position."""
    if kind == b"\xa9xyz":
        yield "QuickTime ©xyz"
    elif kind == b"loci":
        yield "3GPP loci"
    elif kind == b"keys" and _APPLE_LOCATION in body:
        yield "QuickTime keys"
    elif (kind == b"XMP_" or (kind == b"uuid" and body[:16] == _XMP_UUID)) and \
            _XMP_POSITION.search(body):
        yield "XMP"
    elif kind in _CONTAINERS:
        iso_meta = kind == b"meta" and body[8:12] == b"hdlr"  # version and flags first
        for child, inner in _children(body[4:] if iso_meta else body):
            yield from _places(child, inner)
