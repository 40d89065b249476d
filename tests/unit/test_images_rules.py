"""`make check` on editor pictures: refusals are one bilingual line naming the file(s)."""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path
from typing import ClassVar

import pytest
from pelican.log import LimitFilter

from kopienu_zinas.common.build import once, open_build
from kopienu_zinas.common.checkcache import SOURCE_DIGESTS
from kopienu_zinas.common.frontmatter import read_document
from kopienu_zinas.images.rules import (
    FORMATS_FOLDER,
    FORMATS_KIND,
    check_documents,
    named_pictures,
    warn_located,
)
from tests.photos import camera_exif, upright

SETTINGS = {"STATIC_PATHS": ["atteli"], "CACHE_PATH": "unused/pelican"}
ARTICLE = """---
title: Plakāts
date: 2024-05-10
region: Sēlija
tags: [kopienas]
summary: Plakāts.
image: atteli/plakats.jpg
image_alt: Plakāts
---
Teksts.
"""


def problems(root: Path) -> list:
    document, found = read_document(root, root / "raksts.md")
    return found + check_documents(None, [document], {**SETTINGS, "PATH": str(root)})


@pytest.fixture
def content(tmp_path: Path) -> Path:
    (tmp_path / "atteli").mkdir()
    (tmp_path / "raksts.md").write_text(ARTICLE, encoding="utf-8")
    upright((40, 30)).save(tmp_path / "atteli/plakats.jpg")
    return tmp_path


def test_pictures_whose_published_names_coincide_are_refused_naming_both(content: Path) -> None:
    upright((40, 30)).save(content / "atteli/plakats.png")
    upright((40, 30)).save(content / "atteli/Foto 1.JPG")
    upright((40, 30)).save(content / "atteli/foto-1.jpg")
    found = [p for p in problems(content) if "same published name" in p.what_en]
    lines = sorted(p.format() for p in found)
    assert len(lines) == 2
    assert lines[0].startswith(
        "atteli/foto-1.jpg: image: tāds pats publicētais nosaukums kā atteli/Foto 1.JPG")
    assert lines[1].startswith(
        "atteli/plakats.png: image: tāds pats publicētais nosaukums kā atteli/plakats.jpg")
    assert all("pārsauc vienu no failiem" in line for line in lines)


def test_a_file_that_is_no_picture_is_refused(content: Path) -> None:
    (content / "atteli/skenets.tif").write_text("not a scan")
    (found,) = [p for p in problems(content) if p.path == "atteli/skenets.tif"]
    assert found.field == "image" and found.what_en and found.what_lv and found.fix


def test_pictures_named_in_the_text_are_found_at_their_lines(content: Path) -> None:
    """`{static}`/`{attach}` pictures in the text at their lines, whatever line break comes
    before them (Python splits lines at Unicode separators too); a text that names none gives
    only the cover."""
    body = ("Pirms.\nTeksts ![a]({static}atteli/plakats.jpg)\u2028Nekā.\u2029"
            "![b]({attach}atteli/plakats.jpg) un [c]({static}atteli/nav.jpg)\n")
    (content / "raksts.md").write_text(ARTICLE.replace("Teksts.\n", body), encoding="utf-8")
    document = read_document(content, content / "raksts.md")[0]
    found = [(path.name, field, line) for path, field, line in named_pictures(document, content)]
    assert found == [("plakats.jpg", "image", 7), ("plakats.jpg", "image", 11),
                     ("plakats.jpg", "image", 13)]
    (content / "raksts.md").write_text(ARTICLE, encoding="utf-8")
    document = read_document(content, content / "raksts.md")[0]
    assert [line for _path, _field, line in named_pictures(document, content)] == [7]


def test_a_clean_picture_passes(content: Path) -> None:
    assert [p for p in problems(content) if p.path.startswith("atteli/")] == []


def test_a_located_original_is_named_in_a_warning(content: Path,
                                                  caplog: pytest.LogCaptureFixture) -> None:
    upright((40, 30)).save(content / "atteli/telefons.jpg", exif=camera_exif())

    class Pelican:
        settings: ClassVar[dict[str, object]] = {**SETTINGS, "PATH": str(content)}

    with caplog.at_level(logging.WARNING):
        warn_located(Pelican())
    (record,) = caplog.records
    assert record.levelno == logging.WARNING
    assert record.getMessage().startswith("atteli/telefons.jpg: location: ")
    assert "make strip-location" in record.getMessage()


def jpeg_xl_with_gps() -> bytes:
    """A JPEG XL container as a phone writes it: signature, ftyp, an Exif box with the
    camera's GPS position, a codestream box (Pillow reads no JPEG XL)."""
    exif = b"\x00\x00\x00\x06" + b"Exif\x00\x00" + camera_exif().tobytes()

    def box(kind: bytes, body: bytes) -> bytes:
        return (8 + len(body)).to_bytes(4, "big") + kind + body

    return (b"\x00\x00\x00\x0cJXL \r\n\x87\n" + box(b"ftyp", b"jxl \x00\x00\x00\x00jxl ")
            + box(b"Exif", exif) + box(b"jxlc", b"\xff\x0a" + b"\x00" * 32))


@pytest.mark.parametrize(("name", "data", "shown"), [
    pytest.param("photo.jxl", jpeg_xl_with_gps(), "JPEG XL (.jxl)", id="jxl"),
    pytest.param("IMG_1234.CR3", b"\x00\x00\x00\x18ftypcrx " + b"\x00" * 64,
                 "kameras RAW (.CR3)", id="cr3"),
    pytest.param("scan.jp2", b"\x00\x00\x00\x0cjP  \r\n\x87\n" + b"\x00" * 8,
                 "JPEG 2000 (.jp2)", id="jp2"),
    pytest.param("layers.psd", b"8BPS\x00\x01" + b"\x00" * 20, "Photoshop (.psd)", id="psd"),
])
def test_a_picture_ending_pillow_cannot_read_is_refused_with_export_as_jpeg(
        content: Path, name: str, data: bytes, shown: str) -> None:
    """QA session 9, fault 2: a JPEG XL photo (GPS in its Exif box) was published as the
    original because Pillow does not recognise it; any picture ending is refused instead."""
    (content / "atteli" / name).write_bytes(data)
    (found,) = [p for p in problems(content) if p.path == f"atteli/{name}"]
    assert found.format() == (
        f"atteli/{name}: image: neatbalstīts attēla formāts (unsupported image format): "
        f"{shown} — eksportē attēlu no jauna kā JPEG (programmā, kurā to apstrādā: "
        f"„Eksportēt” → JPEG)")


def test_a_camera_raw_file_pillow_opens_as_a_tiff_is_refused_not_processed(
        content: Path, tmp_path: Path) -> None:
    """A DNG is a TIFF to Pillow (its first directory: a small preview): refused by its
    ending, by the check and by the pipeline, even when the same bytes are in the cache under
    an ending the pipeline takes."""
    from kopienu_zinas.images.batch import process_photos
    from kopienu_zinas.images.cache import PhotoCache
    from kopienu_zinas.images.kinds import meant_as_picture
    from kopienu_zinas.images.settings import from_pelican

    raw = content / "atteli/IMG_0001.dng"
    upright((40, 30)).save(raw, "TIFF", exif=camera_exif())
    tiff = content / "atteli/skenets.tif"
    tiff.write_bytes(raw.read_bytes())
    assert meant_as_picture(raw)
    assert [p.value for p in problems(content) if p.path.startswith("atteli/")] == [
        "kameras RAW (.dng)"]
    imaging = from_pelican({"CACHE_PATH": str(tmp_path / "cache")}).imaging
    cache = PhotoCache(tmp_path / "cache" / "images")
    assert set(process_photos([tiff], imaging, cache, workers=1).done) == {tiff}
    result = process_photos([raw, tiff], imaging, cache, workers=1)
    assert set(result.done) == {tiff} and result.failed[raw].value == "kameras RAW (.dng)"


def test_files_that_promise_no_picture_are_not_meant_as_pictures(content: Path) -> None:
    from kopienu_zinas.images.kinds import meant_as_picture

    for name in ("plans.pdf", "logo.svg", "video.mov", "teksts.txt"):
        (content / "atteli" / name).write_bytes(b"%PDF-1.4\n")
        assert not meant_as_picture(content / "atteli" / name)


def test_sources_that_are_pictures_are_warned_about_with_the_kept_answers_as_without(
        content: Path, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A Markdown source is sniffed as every other file; with the content check's digests
    its answer is kept by its bytes' digest: a located JPEG saved as `foto.md` is named in
    every build (the second from the kept answers), a text put in its place in none, the
    JPEG put back again."""
    upright((40, 30)).save(content / "foto.md", "JPEG", exif=camera_exif())
    jpeg = (content / "foto.md").read_bytes()
    text = (content / "raksts.md").read_bytes()

    def warned(recorded: dict[str, bytes]) -> list[str]:
        """The warnings of one build whose content check read `recorded` (path → bytes)."""
        class Pelican:
            settings: ClassVar[dict[str, object]] = {
                **SETTINGS, "PATH": str(content), "CACHE_PATH": str(content.parent / "c/p"),
                "BUILD_DATE": "2026-11-23"}

        pelican = Pelican()
        open_build(pelican)
        once(pelican.settings, SOURCE_DIGESTS, lambda: {
            path: hashlib.sha256(data).hexdigest() for path, data in recorded.items()})
        caplog.clear()  # and Pelican's filter of messages already logged in this process
        monkeypatch.setattr(LimitFilter, "_raised_messages", set())
        with caplog.at_level(logging.WARNING):
            warn_located(pelican)
        return [record.getMessage().split(":")[0] for record in caplog.records]

    assert warned({"foto.md": jpeg, "raksts.md": text}) == ["foto.md"]
    assert (content.parent / "c" / FORMATS_FOLDER / FORMATS_KIND).is_dir()
    assert warned({"foto.md": jpeg, "raksts.md": text}) == ["foto.md"]
    (content / "foto.md").write_bytes(text)
    assert warned({"foto.md": text, "raksts.md": text}) == []
    (content / "foto.md").write_bytes(jpeg)
    assert warned({"foto.md": jpeg, "raksts.md": text}) == ["foto.md"]
