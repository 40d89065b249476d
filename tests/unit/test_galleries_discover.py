"""Gallery folders and captions.yml: the model, and one clear problem per mistake."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from kopienu_zinas.galleries.discover import discover
from tests.photos import write_photo

MAX = 50_000_000


def gallery(root: Path, name: str, captions: str, files: list[str]) -> Path:
    folder = root / "galleries" / name
    folder.mkdir(parents=True)
    for file in files:
        write_photo(folder / file)
    (folder / "captions.yml").write_text(captions, encoding="utf-8")
    return folder


#: The older captions.yml form: file names as keys (the list form: test_galleries_captions.py).
MAPPED_PHOTOS = """photos:
  b.jpg:
    caption: Otrais
    alt: Cilvēki stāda kokus
  a.jpg:
    caption: Pirmais
    alt: Grābekļi pie šķūņa
    photographer: Jānis Bērziņš
"""
CAPTIONS = """title: Talka
date: 2024-04-20
credit: "Foto: Biedrība"
photographer: Anna Ozola
""" + MAPPED_PHOTOS


def test_captions_give_the_order_and_the_photographers(tmp_path: Path) -> None:
    gallery(tmp_path, "talka", CAPTIONS + "  c.jpg:\n    caption: Trešais\n    alt: Ugunskurs\n",
            ["a.jpg", "b.jpg", "c.jpg"])
    (found,), problems = discover(tmp_path, MAX)
    assert problems == []
    assert (found.name, found.title, found.date) == ("talka", "Talka", dt.date(2024, 4, 20))
    assert [p.file for p in found.photos] == ["b.jpg", "a.jpg", "c.jpg"]
    assert [p.photographer for p in found.photos] == ["Anna Ozola", "Jānis Bērziņš", "Anna Ozola"]


def test_every_mistake_is_one_problem_naming_the_file(tmp_path: Path) -> None:
    folder = gallery(tmp_path, "talka", CAPTIONS + "  nav.jpg:\n    caption: X\n    alt: Y\n",
                     ["a.jpg", "b.jpg", "d.jpg"])
    (folder / "iphone.heic").write_bytes(b"\0\0\0\x18ftypheic")  # a 24-byte box, 12 written
    write_photo(folder / "huge.jpg", size=(1000, 600))
    (folder / "fake.png").write_bytes(b"not a picture")
    galleries, problems = discover(tmp_path, 500_000)
    assert galleries == []
    found = {(p.path, p.field, p.what_en) for p in problems}
    base = "galleries/talka/"
    assert found == {
        (base + "captions.yml", "photos", "no such photo in the folder"),
        (base + "d.jpg", "alt", "photo has no alt text"),
        (base + "d.jpg", "caption", "photo has no caption"),
        (base + "iphone.heic", "photo", "image file is cut short (it ends before the picture does)"),
        (base + "huge.jpg", "photo", "image too large (possible decompression bomb)"),
        (base + "fake.png", "photo", "image file is damaged or not a picture"),
    }  # a file that cannot be published is not asked for captions as well
    missing = next(p for p in problems if p.what_en == "no such photo in the folder")
    assert missing.line == CAPTIONS.count("\n") + 1 and missing.value == "nav.jpg"
    assert "no jauna" in next(p for p in problems if p.path.endswith(".heic")).fix


def test_broken_yaml_and_unknown_fields_are_reported_with_their_line(tmp_path: Path) -> None:
    gallery(tmp_path, "a", "title: A\ndate: 2024-01-01\ncolour: red\n", [])
    write_photo(tmp_path / "galleries/a/x.jpg")
    gallery(tmp_path, "b", "title: [unclosed\n", [])
    write_photo(tmp_path / "galleries/b/x.jpg")
    _galleries, problems = discover(tmp_path, MAX)
    unknown = [p for p in problems if p.field == "colour"]
    assert [(p.path, p.line) for p in unknown] == [("galleries/a/captions.yml", 3)]
    [broken] = [p for p in problems if p.path == "galleries/b/captions.yml"]
    assert broken.format() == (  # at the line of the '[', not the line after it
        "galleries/b/captions.yml:1: title: iekava [ nav aizvērta (the '[' is not closed) — "
        "liec vērtību pēdiņās: title: \"[unclosed\"; vai izdzēs iekavu: title: unclosed")


def test_a_tab_or_no_break_space_in_captions_is_named_at_its_line_and_column(
        tmp_path: Path) -> None:
    """As in an article's front matter (common/yamlproblems.syntax_problem), not the parser's
    words a line later."""
    gallery(tmp_path, "a", "title: A\ndate:\u00a02024-01-01\nphotos: []\n", ["x.jpg"])
    gallery(tmp_path, "b", "title: B\nphotos:\n  x.jpg:\n\t caption: X\n", ["x.jpg"])
    _galleries, problems = discover(tmp_path, MAX)
    assert sorted(p.format() for p in problems) == [
        "galleries/a/captions.yml:2: date: rindā ir nedalāmā atstarpe U+00A0, ko YAML "
        "neuzskata par atstarpi (a no-break space, U+00A0, that YAML does not read as a space): "
        "kolonna 6 — aizstāj to ar parastu atstarpi (vai izdzēs, ja atstarpe tur nav "
        "vajadzīga); tāda bieži ienāk, kopējot tekstu no Word vai tīmekļa lapas",
        "galleries/b/captions.yml:4: caption: atkāpē ir tabulācija (a tab in the indentation: "
        "YAML indents with spaces only): kolonna 1 — aizstāj tabulāciju ar atstarpēm (tik, cik "
        "līdzīgajās rindās virs tās)"]


def test_a_comment_in_a_caption_is_named_as_published_text(tmp_path: Path) -> None:
    """QA: `caption: … <!-- … -->` was published in the gallery, marker and all; YAML's own
    `#` comments are not published and stay allowed."""
    gallery(tmp_path, "a", "title: A <!-- darba nosaukums -->\ndate: 2024-01-01\n"
            "photos:  # secība kā izstādē\n  - file: x.jpg\n    caption: Talka <!-- Jānis -->\n"
            "    alt: Cilvēki\n", ["x.jpg"])
    _galleries, problems = discover(tmp_path, MAX)
    assert sorted(p.format() for p in problems) == [
        f"galleries/a/captions.yml:{line}: {field}: komentārs šeit tiek publicēts kā teksts "
        "(komentāri ir paslēpti tikai raksta tekstā) (a comment here is published as text "
        "(comments are hidden only in the body text)): <!-- — izdzēs to"
        for line, field in ((1, "title"), (5, "caption"))]


def test_an_empty_folder_is_no_gallery_and_no_problem(tmp_path: Path) -> None:
    gallery(tmp_path, "tuksa", "title: Tukša\ndate: 2024-01-01\n", [])
    assert discover(tmp_path, MAX) == ([], [])


def test_photos_whose_published_names_coincide_are_refused_naming_both(tmp_path: Path) -> None:
    photos = "photos:\n" + "".join(f"  {n}: {{caption: X, alt: Y}}\n" for n in
                                   ("plakats.jpg", "plakats.png", "Foto 1.JPG", "foto-1.jpg"))
    gallery(tmp_path, "talka", "title: Talka\ndate: 2024-04-20\n" + photos,
            ["plakats.jpg", "plakats.png", "Foto 1.JPG", "foto-1.jpg"])
    _galleries, problems = discover(tmp_path, MAX)
    clashes = sorted(p.format() for p in problems)
    assert clashes == [
        "galleries/talka/foto-1.jpg: photo: tāds pats publicētais nosaukums kā Foto 1.JPG "
        "(same published name as Foto 1.JPG): foto-1 — pārsauc vienu no failiem (Foto 1.JPG vai "
        "foto-1.jpg), lai to nosaukumi atšķirtos ne tikai ar lielajiem burtiem, atstarpēm vai "
        "paplašinājumu",
        "galleries/talka/plakats.png: photo: tāds pats publicētais nosaukums kā plakats.jpg "
        "(same published name as plakats.jpg): plakats — pārsauc vienu no failiem (plakats.jpg "
        "vai plakats.png), lai to nosaukumi atšķirtos ne tikai ar lielajiem burtiem, atstarpēm "
        "vai paplašinājumu",
    ]


def test_a_decomposed_macos_file_name_matches_its_typed_caption(tmp_path: Path) -> None:
    import unicodedata
    decomposed = unicodedata.normalize("NFD", "pļava.jpg")
    gallery(tmp_path, "talka", "title: Talka\ndate: 2024-04-20\nphotos:\n"
            "  pļava.jpg: {caption: Pļava, alt: Zāle un koki}\n", [decomposed])
    (found,), problems = discover(tmp_path, MAX)
    assert problems == []
    assert [(p.file, p.caption) for p in found.photos] == [("pļava.jpg", "Pļava")]


def test_gallery_folders_get_ascii_addresses_and_coinciding_ones_are_refused() -> None:
    from kopienu_zinas.galleries.rules import address_collisions
    from kopienu_zinas.images.paths import url_folder
    assert url_folder("biblioteku-tilti-rezekne") == "biblioteku-tilti-rezekne"  # unchanged
    assert url_folder("Rīgas talka") == "rigas-talka"
    (problem,) = address_collisions(["Rīga", "riga", "Liepāja"])
    assert (problem.path, problem.field, problem.value) == ("galleries/riga/", "gallery", "riga")
    assert "galleries/Rīga/" in problem.what_lv


def test_git_conflict_markers_in_captions_are_one_problem_at_the_conflict(
        tmp_path: Path) -> None:
    """QA s9 re-check: markers left by a merge got YAML's message about typographic quotes
    and colons a line late; as in an article, one problem at the `<<<<<<<` line."""
    gallery(tmp_path, "a", "title: Talka\n<<<<<<< HEAD\ndate: 2024-04-20\n=======\n"
            "date: 2024-04-21\n>>>>>>> labojumi\nphotos: []\n", ["x.jpg"])
    _galleries, problems = discover(tmp_path, MAX)
    [problem] = problems
    assert (problem.path, problem.line, problem.field) == (
        "galleries/a/captions.yml", 2, "captions.yml")
    assert "2, 4, 6" in problem.format() and "<<<<<<<" in problem.fix


def test_a_jpeg_by_any_name_is_a_gallery_photo_as_in_atteli(tmp_path: Path) -> None:
    """QA s11: `foto.jfif` and an ending-less JPEG were refused in a gallery ("save it as
    JPEG") though the guide says pictures are recognised by content, as under atteli/."""
    names = ["foto.jfif", "bez-galotnes", "skats.jpg.txt"]
    photos = "photos:\n" + "".join(f"  {n}: {{caption: X, alt: Y}}\n" for n in names)
    gallery(tmp_path, "talka", "title: Talka\ndate: 2024-04-20\n" + photos, names)
    (found,), problems = discover(tmp_path, MAX)
    assert problems == []
    assert [p.file for p in found.photos] == names


def test_a_file_that_is_no_picture_is_still_an_unsupported_format(tmp_path: Path) -> None:
    folder = gallery(tmp_path, "talka", "title: Talka\ndate: 2024-04-20\n", [])
    (folder / "piezimes.txt").write_text("nav attēls")
    (folder / "bez-galotnes").write_text("nav attēls")
    _galleries, problems = discover(tmp_path, MAX)
    assert sorted((p.path, p.what_en, p.value) for p in problems) == [
        ("galleries/talka/bez-galotnes", "unsupported image format", "(bez galotnes)"),
        ("galleries/talka/piezimes.txt", "unsupported image format", ".txt")]
