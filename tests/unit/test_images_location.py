"""Location in editors' originals as an editor meets it: the `make check` warning (every place a
position can be, advice that fits the file), `make strip-location` (only files with something to
remove, named relative to content/) and the messages of pictures the pipeline refuses."""

from __future__ import annotations

import logging
import re
import shutil
import struct
import warnings
import zlib
from pathlib import Path
from typing import ClassVar

import pytest
from PIL import Image

from kopienu_zinas.common.frontmatter import read_document
from kopienu_zinas.images.pipeline import ACCEPTED_FORMATS, PhotoError, decode
from kopienu_zinas.images.rules import check_documents, warn_located
from kopienu_zinas.images.settings import from_pelican
from kopienu_zinas.tools.strip_location import main as strip_main
from tests.photos import camera_exif, thumbnail_gps_exif, upright, write_truncated

ROOT = Path(__file__).resolve().parents[2]
SETTINGS = {"STATIC_PATHS": ["atteli"], "CACHE_PATH": "unused/pelican"}


def warnings_for(content: Path, caplog: pytest.LogCaptureFixture) -> list[str]:
    """The location warnings `make check` prints for this content folder."""
    class Pelican:
        settings: ClassVar[dict[str, object]] = {**SETTINGS, "PATH": str(content)}

    caplog.clear()
    with caplog.at_level(logging.WARNING):
        warn_located(Pelican())
    return [record.getMessage() for record in caplog.records]


def strip(content: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """`make strip-location CONTENT=…`: exit status, what it printed, what it complained."""
    code = strip_main(["--content", str(content)])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("fmt, suffix", [("JPEG", "jpg"), ("PNG", "png"), ("WEBP", "webp")])
def test_a_position_in_the_thumbnails_directory_is_warned_about_and_stripped(
        tmp_path: Path, fmt: str, suffix: str, caplog: pytest.LogCaptureFixture,
        capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "atteli").mkdir()
    upright((40, 30)).save(tmp_path / f"atteli/foto.{suffix}", fmt, exif=thumbnail_gps_exif(6))
    (warning,) = warnings_for(tmp_path, caplog)
    assert warning.startswith(f"atteli/foto.{suffix}: location: oriģinālā ir GPS")
    assert "EXIF IFD1" in warning and "make strip-location" in warning
    code, out, err = strip(tmp_path, capsys)
    assert (code, err) == (0, "")
    assert out == f"atteli/foto.{suffix}: notīrīts: atrašanās vieta (EXIF IFD1) " \
                  f"(removed: location (EXIF IFD1))\n"
    assert warnings_for(tmp_path, caplog) == []
    with Image.open(tmp_path / f"atteli/foto.{suffix}") as image:
        assert image.getexif().get(0x0112) == 6  # still upright


def test_a_position_in_a_second_exif_segment_is_warned_about_and_stripped(
        tmp_path: Path, caplog: pytest.LogCaptureFixture,
        capsys: pytest.CaptureFixture[str]) -> None:
    """Pillow reads only the first EXIF APP1 of a JPEG; a second one with GPS is found too."""
    (tmp_path / "atteli").mkdir()
    plain = Image.Exif()
    plain[0x0112] = 6
    upright((40, 30)).save(tmp_path / "vesels.jpg", "JPEG", exif=plain)
    data = (tmp_path / "vesels.jpg").read_bytes()
    second = camera_exif(6).tobytes()
    second = second if second.startswith(b"Exif\x00\x00") else b"Exif\x00\x00" + second
    at = data.index(b"\xff\xdb")  # before the first quantisation table: after the first EXIF
    (tmp_path / "atteli/foto.jpg").write_bytes(
        data[:at] + b"\xff\xe1" + struct.pack(">H", len(second) + 2) + second + data[at:])
    (warning,) = warnings_for(tmp_path, caplog)
    assert warning.startswith("atteli/foto.jpg: location: oriģinālā ir GPS")
    assert "EXIF APP1 2" in warning
    code, out, err = strip(tmp_path, capsys)
    assert (code, err) == (0, "")
    assert out == "atteli/foto.jpg: notīrīts: atrašanās vieta (EXIF APP1 2) " \
                  "(removed: location (EXIF APP1 2))\n"
    assert warnings_for(tmp_path, caplog) == []


def test_a_gps_directory_holding_only_its_version_is_no_location(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    (tmp_path / "atteli").mkdir()
    exif = Image.Exif()
    exif.get_ifd(0x8825)[0] = b"\x02\x02\x00\x00"  # what a camera writes with positioning off
    upright((40, 30)).save(tmp_path / "atteli/foto.jpg", exif=exif)
    assert warnings_for(tmp_path, caplog) == []


def test_strip_location_leaves_the_repositorys_own_content_byte_for_byte(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A fresh clone: the demo photos carry an empty EXIF or only Orientation=6."""
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    before = {p.relative_to(content): p.read_bytes() for p in content.rglob("*") if p.is_file()}
    assert any(p.suffix == ".jpg" for p in before)
    assert strip(content, capsys) == (0, "", "")
    after = {p.relative_to(content): p.read_bytes() for p in content.rglob("*") if p.is_file()}
    assert after == before  # what `git status` would show: nothing


def test_strip_location_keeps_the_jfif_header_first_and_names_files_within_content(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "atteli").mkdir()
    upright((40, 30)).save(tmp_path / "atteli/foto.jpg", exif=camera_exif(6))
    upright((40, 30)).save(tmp_path / "atteli/plain.jpg", exif=Image.Exif())
    code, out, err = strip(tmp_path, capsys)
    assert (code, err) == (0, "")
    assert out == ("atteli/foto.jpg: notīrīts: atrašanās vieta (EXIF IFD0), kameras dati "
                   "(removed: location (EXIF IFD0), camera data)\n")
    assert str(tmp_path) not in out
    data = (tmp_path / "atteli/foto.jpg").read_bytes()
    assert data[2:4] == b"\xff\xe0" and data[6:11] == b"JFIF\x00"  # JFIF stays the first segment
    with Image.open(tmp_path / "atteli/foto.jpg") as image:
        assert dict(image.getexif()) == {0x0112: 6}


def test_a_format_strip_location_cannot_rewrite_gets_other_advice(
        tmp_path: Path, caplog: pytest.LogCaptureFixture,
        capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "atteli").mkdir()
    upright((40, 30)).save(tmp_path / "atteli/kamera.avif", "AVIF", exif=camera_exif())
    upright((40, 30)).save(tmp_path / "atteli/kamera.jpg", exif=camera_exif())
    avif, jpeg = warnings_for(tmp_path, caplog)
    assert avif.startswith("atteli/kamera.avif: location: ")
    assert "palaid 'make strip-location'" not in avif
    assert "eksportē attēlu no jauna kā JPEG" in avif and "AVIF" in avif
    assert "palaid 'make strip-location'" in jpeg
    code, _out, err = strip(tmp_path, capsys)
    assert code == 1 and err.startswith("atteli/kamera.avif: location: ")
    assert "eksportē attēlu no jauna kā JPEG" in err


def _documented(doc: str, start: str) -> set[str]:
    """The Pillow format names (of the accepted ones) that a doc lists in its sentence
    starting with `start`."""
    text = " ".join((ROOT / "docs" / doc).read_text("utf-8").split())
    listed = text[text.index(start):].split(".", 1)[0]
    return {f for f in ACCEPTED_FORMATS if re.search(rf"\b{f}\b", listed, re.IGNORECASE)}


@pytest.mark.parametrize("doc, can, cannot", [
    ("galleries.md", "Rewritten in place", "Not rewritten"),
    ("redaktoriem.md", "Komanda labo", "Nevar labot"),
])
def test_the_docs_list_the_formats_strip_location_rewrites(doc: str, can: str,
                                                            cannot: str) -> None:
    from kopienu_zinas.images.privacy import STRIPPERS
    assert _documented(doc, can) == set(STRIPPERS)
    assert _documented(doc, cannot) == set(ACCEPTED_FORMATS) - set(STRIPPERS)


def _problems(content: Path, settings: dict[str, object]) -> list[str]:
    (content / "raksts.md").write_text("---\ntitle: A\ndate: 2024-05-10\n---\nTeksts.\n")
    document, found = read_document(content, content / "raksts.md")
    return [p.format() for p in found + check_documents(
        None, [document], {**SETTINGS, **settings, "PATH": str(content.absolute())})
        if p.path.startswith("atteli/")]


def _forged_png(path: Path, width: int, height: int) -> None:
    """A PNG header claiming width × height, with no pixels behind it."""
    def chunk(kind: bytes, body: bytes) -> bytes:
        return (struct.pack(">I", len(body)) + kind + body
                + struct.pack(">I", zlib.crc32(kind + body)))
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height,
                                                                         8, 2, 0, 0, 0))
                     + chunk(b"IEND", b""))


def test_too_large_pictures_get_one_message_and_fix_however_large(tmp_path: Path) -> None:
    (tmp_path / "atteli").mkdir()
    _forged_png(tmp_path / "atteli/bumba.png", 40000, 40000)  # over Pillow's own limit
    _forged_png(tmp_path / "atteli/videjs.png", 10000, 10000)  # over Pillow's warning limit
    upright((40, 30)).save(tmp_path / "atteli/liels.png")  # over ours: max_pixels 1000
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        bomb, large, middle = _problems(tmp_path, {"IMAGES": {"max_pixels": 1000}})
    assert [str(w.message) for w in caught] == []  # no English line of Pillow's on stderr
    assert "10000×10000, 100 000 000 pikseļu" in middle
    assert bomb.startswith("atteli/bumba.png: image: attēls ir pārāk liels")
    assert "40000×40000, 1 600 000 000 pikseļu" in bomb and "exceeds limit" not in bomb
    assert large.startswith("atteli/liels.png: image: attēls ir pārāk liels")
    assert "40×30, 1 200 pikseļu" in large
    assert bomb.split(" — ")[1] == large.split(" — ")[1] == middle.split(" — ")[1] == (
        "samazini attēlu līdz 1 000 pikseļiem (platums × augstums, piemēram, "
        "6000 × 4000 = 24 000 000) un saglabā to no jauna")


def _forged_jpeg(path: Path, width: int, height: int) -> None:
    """A JPEG header (SOI, SOF0 of three components, SOS) declaring `width` × `height`."""
    components = b"".join(bytes([number, 0x11, 0]) for number in (1, 2, 3))
    frame = struct.pack(">BHHB", 8, height, width, 3) + components
    scan = bytes([3]) + b"".join(bytes([number, 0]) for number in (1, 2, 3)) + bytes([0, 63, 0])
    path.write_bytes(b"\xff\xd8" + b"\xff\xc0" + struct.pack(">H", len(frame) + 2) + frame
                     + b"\xff\xda" + struct.pack(">H", len(scan) + 2) + scan + b"\xff\xd9")


def test_a_forged_jpeg_too_large_for_pillow_is_named_with_its_size(tmp_path: Path) -> None:
    (tmp_path / "atteli").mkdir()
    _forged_jpeg(tmp_path / "atteli/bumba.jpg", 40000, 40000)
    (bomb,) = _problems(tmp_path, {})
    assert bomb.startswith("atteli/bumba.jpg: image: attēls ir pārāk liels")
    assert "40000×40000, 1 600 000 000 pikseļu" in bomb


def test_empty_and_cut_short_pictures_are_told_in_our_words(tmp_path: Path) -> None:
    """Never Pillow's English ("cannot identify image file", "image file is truncated (4 bytes
    not processed)"): what is wrong and to save or export the picture again."""
    (tmp_path / "atteli").mkdir()
    (tmp_path / "atteli/tukss.jpg").write_bytes(b"")
    (empty,) = _problems(tmp_path, {})
    assert empty == ("atteli/tukss.jpg: image: attēla fails ir tukšs (0 baitu) (image file is "
                     "empty (0 bytes)) — saglabā vai eksportē attēlu no jauna un ieliec to šī "
                     "faila vietā")
    upright((400, 300)).save(tmp_path / "vesels.png")
    whole_png = (tmp_path / "vesels.png").read_bytes()
    (tmp_path / "atteli/puse.png").write_bytes(whole_png[: len(whole_png) // 2])
    imaging = from_pelican({**SETTINGS, "PATH": str(tmp_path)}).imaging
    for cut in (write_truncated(tmp_path / "atteli/puse.jpg"), tmp_path / "atteli/puse.png"):
        with pytest.raises(PhotoError) as error:
            decode(cut, imaging)
        text = error.value.problem.format()
        assert text.startswith(": image: attēla fails ir nepilnīgs (beidzas pirms attēla beigām) "
                               "(image file is cut short (it ends before the picture does))")
        assert "saglabā vai eksportē attēlu no jauna" in text
        assert "truncated" not in text and "not processed" not in text


def test_unreadable_pictures_are_named_within_content_only(tmp_path: Path) -> None:
    (tmp_path / "atteli").mkdir()
    (tmp_path / "atteli/bojats.jpg").write_bytes(b"not a picture")
    (problem,) = _problems(tmp_path, {})
    assert problem.startswith("atteli/bojats.jpg: image: attēla failu nevar nolasīt")
    assert str(tmp_path) not in problem and "/" not in problem.split(": ", 1)[1]
    truncated = write_truncated(tmp_path / "atteli/puse.jpg")
    with pytest.raises(PhotoError) as error:
        decode(truncated.absolute(), from_pelican({**SETTINGS, "PATH": str(tmp_path)}).imaging)
    assert str(tmp_path) not in error.value.problem.format()
