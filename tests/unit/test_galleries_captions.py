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


def test_a_tab_after_a_colon_is_read_as_in_the_front_matter(tmp_path: Path) -> None:
    """QA: `caption:<TAB>Bērni spēlē` stopped the gallery with "found character '\\t' that
    cannot start any token" (pure-Python PyYAML), while the same tab in an article's front
    matter is read as a space (libyaml): captions.yml is now read by the same loader."""
    tabbed = LISTED.replace("caption: ", "caption:\t").replace("title: ", "title:\t")
    gallery(tmp_path, "talka", tabbed, ["a.jpg", "b.jpg"])
    (talka,), problems = discover(tmp_path, MAX)
    assert problems == []
    assert talka.title == "Talka"
    assert [(p.file, p.caption) for p in talka.photos] == [("b.jpg", "Otrais"), ("a.jpg", "Pirmais")]


def test_a_tabbed_captions_file_is_still_checked_for_names_outside_its_folder(
        tmp_path: Path) -> None:
    """The containment rule read captions.yml with PyYAML too and skipped what it could not
    read (leaving it to the gallery plugin, which now reads it)."""
    from kopienu_zinas.site.containment import check_captions

    gallery(tmp_path, "talka", HEAD + "photos:\n  ../a.jpg:\n    caption:\tPirmais\n", [])
    [problem] = check_captions(tmp_path)
    assert (problem.path, problem.line, problem.value) == (
        "galleries/talka/captions.yml", 7, "../a.jpg")


def test_a_tabbed_captions_file_is_still_checked_for_sample_text(tmp_path: Path) -> None:
    """The placeholder rule read captions.yml with PyYAML too and skipped what it could not
    read: a published gallery kept `make new`'s sample credit without a word."""
    from kopienu_zinas.site.placeholders import check_gallery
    from kopienu_zinas.tools.new import Request, create
    from tests.photos import write_photo
    from tests.unit.test_placeholders import SETTINGS, TODAY

    captions = create(Request("gallery", "Talka", None, TODAY), tmp_path, SETTINGS)
    captions.write_text(captions.read_text(encoding="utf-8").replace("credit: ", "credit:\t"),
                        encoding="utf-8")
    write_photo(captions.parent / "a.jpg")
    assert [p.field for p in check_gallery(tmp_path, captions.parent)] == ["credit"]


def test_yaml_aliases_in_captions_are_refused_at_their_line(tmp_path: Path) -> None:
    gallery(tmp_path, "talka", HEAD + "credit: &c Foto\nphotos:\n  - file: a.jpg\n"
            "    caption: *c\n", ["a.jpg"])
    _galleries, problems = discover(tmp_path, MAX)
    assert [(p.path, p.field) for p in problems if "aliases" in p.what_en] == [
        ("galleries/talka/captions.yml", "photos")], [p.format() for p in problems]
