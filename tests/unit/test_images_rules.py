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
