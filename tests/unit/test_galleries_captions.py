"""captions.yml `photos:` as a list (what make new and the CMS write) and as the older mapping."""

from __future__ import annotations

from pathlib import Path

from kopienu_zinas.galleries.discover import discover
from tests.unit.test_galleries_discover import MAPPED_PHOTOS, MAX, gallery

HEAD = """title: Talka
date: 2024-04-20
photographer: Anna Ozola
notes: |
  Fotogrāfe atļāva publicēt visus attēlus.
"""
LISTED = HEAD + """photos:
  - file: b.jpg
    caption: Otrais
    alt: Cilvēki stāda kokus
  - file: a.jpg
    caption: Pirmais
    alt: Grābekļi pie šķūņa
    photographer: Jānis Bērziņš
"""
MAPPED = HEAD + MAPPED_PHOTOS


def test_the_list_form_and_the_older_mapping_give_the_same_gallery(tmp_path: Path) -> None:
    gallery(tmp_path / "list", "talka", LISTED, ["a.jpg", "b.jpg"])
    gallery(tmp_path / "map", "talka", MAPPED, ["a.jpg", "b.jpg"])
    (listed,), list_problems = discover(tmp_path / "list", MAX)
    (mapped,), map_problems = discover(tmp_path / "map", MAX)
    assert list_problems == map_problems == []
    assert [(p.file, p.caption, p.alt, p.photographer) for p in listed.photos] == [
        ("b.jpg", "Otrais", "Cilvēki stāda kokus", "Anna Ozola"),
        ("a.jpg", "Pirmais", "Grābekļi pie šķūņa", "Jānis Bērziņš")]
    assert [(p.file, p.caption, p.alt, p.photographer) for p in mapped.photos] == [
        (p.file, p.caption, p.alt, p.photographer) for p in listed.photos]


def test_list_mistakes_are_reported_with_their_line(tmp_path: Path) -> None:
    captions = HEAD + """photos:
  - file: a.jpg
    caption: Pirmais
    alt: Grābekļi
    fotografs: X
  - caption: Bez faila
    alt: Nekas
  - file: a.jpg
    caption: Atkal
    alt: Atkal
  - file: nav.jpg
    caption: X
    alt: Y
"""
    gallery(tmp_path, "talka", captions, ["a.jpg"])
    _galleries, problems = discover(tmp_path, MAX)
    found = {(p.line, p.field, p.what_en) for p in problems}
    assert found == {
        (10, "fotografs", "unknown field"),
        (11, "file", "no photo file named"),
        (13, "file", "this photo is listed twice"),
        (16, "photos", "no such photo in the folder"),
    }


def test_photos_that_are_neither_a_list_nor_a_mapping_are_refused(tmp_path: Path) -> None:
    gallery(tmp_path, "talka", HEAD + "photos: a.jpg\n", ["a.jpg"])
    _galleries, problems = discover(tmp_path, MAX)
    assert next((p.line, p.field, p.what_en) for p in problems) == (
        6, "photos", "must be a list of photos")
