"""A video carrying the place it was filmed is refused, where the phone wrote it (QA report of
session 9, fault 3: an iPhone Live Photo's .MOV half was published with its GPS position)."""

from __future__ import annotations

from pathlib import Path

import pytest
from pelican.settings import read_settings

from kopienu_zinas.common.frontmatter import discover_documents
from kopienu_zinas.site.videos import check_documents, location_places

SETTINGS = read_settings(str(Path(__file__).resolve().parents[2] / "pelicanconf.py"))
XMP_UUID = bytes.fromhex("BE7ACFCB97A942E89C71999491E3AFAC")


def box(kind: bytes, *children: bytes) -> bytes:
    body = b"".join(children)
    return (8 + len(body)).to_bytes(4, "big") + kind + body


def movie(*udta: bytes, meta: bytes = b"", after: bytes = b"") -> bytes:
    """A QuickTime file: ftyp, a big mdat first (as a camera writes it), then moov."""
    return (box(b"ftyp", b"qt  \x00\x00\x00\x00qt  ") + box(b"mdat", b"\x00" * 4096)
            + box(b"moov", box(b"mvhd", b"\x00" * 100), box(b"udta", *udta), meta) + after)


XYZ = box(b"\xa9xyz", b"\x00\x12\x15\xc7+56.9500+024.1000/")
APPLE_KEYS = box(b"meta", box(b"hdlr", b"\x00" * 24 + b"mdta"),
                 box(b"keys", b"\x00\x00\x00\x00\x00\x00\x00\x01",
                     box(b"mdta", b"com.apple.quicktime.location.ISO6709")),
                 box(b"ilst", box(b"\x00\x00\x00\x01", box(b"data", b"\x00" * 8 + b"+56.95+024.10/"))))
LOCI = box(b"loci", b"\x00" * 6 + b"Riga\x00" + b"\x00" * 12)
XMP = box(b"uuid", XMP_UUID + b'<x:xmpmeta><rdf:Description exif:GPSLatitude="56,57N"/></x:xmpmeta>')


@pytest.mark.parametrize(("data", "places"), [
    pytest.param(movie(XYZ), ("QuickTime ©xyz",), id="iphone-udta"),
    pytest.param(movie(box(b"\xa9nam", b"x"), meta=APPLE_KEYS), ("QuickTime keys",), id="mdta"),
    pytest.param(movie(XYZ, meta=APPLE_KEYS), ("QuickTime ©xyz", "QuickTime keys"), id="both"),
    pytest.param(movie(LOCI), ("3GPP loci",), id="3gpp"),
    pytest.param(movie(box(b"\xa9too", b"Lavf")) + XMP, ("XMP",), id="xmp"),
    pytest.param(movie(box(b"\xa9too", b"Lavf")), (), id="none"),
    pytest.param(b"not a video at all", (), id="junk"),
])
def test_where_a_video_carries_its_location(tmp_path: Path, data: bytes,
                                            places: tuple[str, ...]) -> None:
    path = tmp_path / "video.mov"
    path.write_bytes(data)
    assert location_places(path) == places


def test_a_live_photos_video_with_a_location_is_an_error_naming_the_fix(tmp_path: Path) -> None:
    """The fix names the picture of the video's own name (QA s9 re-check: it named IMG_0002)."""
    (tmp_path / "atteli").mkdir()
    (tmp_path / "atteli/IMG_4711.MOV").write_bytes(movie(XYZ, meta=APPLE_KEYS))
    (tmp_path / "atteli/klips.mp4").write_bytes(movie(box(b"\xa9too", b"Lavf")))
    (tmp_path / "citur.mp4").write_bytes(movie(XYZ))  # not published: site/unread.py names it
    documents, _found = discover_documents(tmp_path)
    (problem,) = check_documents(None, documents, {**SETTINGS, "PATH": str(tmp_path)})
    assert problem.severity == "error"
    assert problem.format() == (
        "atteli/IMG_4711.MOV: location: video ir atrašanās vieta, un tas tiktu publicēts, kāds "
        "ir (the video carries its location and would be published as it is): QuickTime ©xyz, "
        "QuickTime keys — eksportē video no jauna bez atrašanās vietas (iPhone: kopīgojot "
        "„Opcijas” → izslēdz „Atrašanās vieta”); ja tas ir Live Photo video (blakus ir attēls "
        "IMG_4711.HEIC vai IMG_4711.JPG), izdzēs to")
