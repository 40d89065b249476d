"""Pictures recognised by content (not ending) and cache entries written safely when the same
picture is rendered twice at once (QA report of issue 9, findings 1 and 2)."""

from __future__ import annotations

import shutil
import struct
import zlib
from pathlib import Path

import pytest

from kopienu_zinas.images.batch import process_photos
from kopienu_zinas.images.cache import PhotoCache
from kopienu_zinas.images.kinds import is_picture, picture_format
from kopienu_zinas.images.pipeline import META, render_entry
from kopienu_zinas.images.settings import from_pelican
from tests.photos import upright, write_photo

SETTINGS = from_pelican({"IMAGES": {"widths": [32, 64], "formats": ["webp", "jpeg"]}}).imaging


@pytest.mark.parametrize("name", ["foto.jfif", "bez-galotnes", "foto.jpg.txt", "foto.bmp",
                                  "favicon.ico", "foto.tif"])
def test_a_jpeg_is_a_picture_whatever_its_ending(tmp_path: Path, name: str) -> None:
    assert picture_format(write_photo(tmp_path / name, size=(40, 30))) == "JPEG"


@pytest.mark.parametrize("name, fmt", [("ikona.ico", "ICO"), ("bilde.bmp", "BMP"),
                                       ("plakats.jpg", "PNG")])
def test_other_raster_formats_are_named_by_their_content(tmp_path: Path, name: str,
                                                         fmt: str) -> None:
    upright((32, 32)).save(tmp_path / name, fmt)
    assert picture_format(tmp_path / name) == fmt


@pytest.mark.parametrize("name, data", [
    ("plans.pdf", b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"),
    ("logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>'),
    ("lasi.txt", "Teksts ar garumzīmēm.\n".encode()),
    ("tukss.jpg", b""),
])
def test_documents_are_not_pictures_even_with_a_picture_ending(tmp_path: Path, name: str,
                                                               data: bytes) -> None:
    (tmp_path / name).write_bytes(data)
    assert not is_picture(tmp_path / name)


def huge_png() -> bytes:
    """A PNG whose header claims 100000×100000 pixels (Pillow refuses to open it)."""
    def chunk(kind: bytes, body: bytes) -> bytes:
        return (struct.pack(">I", len(body)) + kind + body
                + struct.pack(">I", zlib.crc32(kind + body)))
    return (b"\x89PNG\r\n\x1a\n"
            + chunk(b"IHDR", struct.pack(">IIBBBBB", 100_000, 100_000, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"")) + chunk(b"IEND", b""))


def test_a_decompression_bomb_is_a_picture_for_the_pipeline_to_refuse(tmp_path: Path) -> None:
    path = tmp_path / "milzis.png"
    path.write_bytes(huge_png())
    assert is_picture(path)


def test_an_entry_written_meanwhile_by_another_process_is_kept(tmp_path: Path) -> None:
    photo = write_photo(tmp_path / "a.jpg", size=(80, 60))
    entry = tmp_path / "cache" / "key"
    assert render_entry(str(photo), SETTINGS, str(entry)) == (str(photo), None)
    first = {p.name: p.read_bytes() for p in entry.iterdir()}
    # the second worker finds the complete entry there: success, nothing replaced or left over
    assert render_entry(str(photo), SETTINGS, str(entry)) == (str(photo), None)
    assert {p.name: p.read_bytes() for p in entry.iterdir()} == first
    assert sorted(p.name for p in entry.parent.iterdir()) == ["key"]


def test_an_incomplete_entry_is_replaced(tmp_path: Path) -> None:
    photo = write_photo(tmp_path / "a.jpg", size=(80, 60))
    entry = tmp_path / "cache" / "key"
    entry.mkdir(parents=True)
    (entry / "32.jpg").write_bytes(b"half")
    assert render_entry(str(photo), SETTINGS, str(entry)) == (str(photo), None)
    assert (entry / META).is_file() and (entry / "32.jpg").read_bytes() != b"half"


def test_identical_pictures_are_rendered_once_and_all_published(tmp_path: Path) -> None:
    photo = write_photo(tmp_path / "a.jpg", size=(80, 60))
    copies = [photo] + [Path(shutil.copyfile(photo, tmp_path / f"{n}.jpg")) for n in "bcd"]
    for _ in range(3):  # cold each time, in parallel worker processes
        cache = PhotoCache(tmp_path / f"cache{_}")
        result = process_photos(copies, SETTINGS, cache, workers=2, start_method="spawn")
        assert not result.failed and result.processed == 1
        assert set(result.done) == set(copies)
        assert len({key for key, _rendered in result.done.values()}) == 1


def test_a_decompression_bomb_is_reported_once_not_also_by_the_location_check(
        tmp_path: Path) -> None:
    from kopienu_zinas.images.privacy import has_location
    from kopienu_zinas.images.rules import picture_problem

    path = tmp_path / "atteli" / "milzis.png"
    path.parent.mkdir()
    path.write_bytes(huge_png())
    assert has_location(path) is False  # no DecompressionBombError escaping to the safety net
    problem = picture_problem(path, tmp_path, SETTINGS.max_pixels)
    assert problem is not None and problem.path == "atteli/milzis.png"
    assert "dekompresijas bumba" in problem.what_lv
