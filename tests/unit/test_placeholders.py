"""Placeholder text from `make new` left in a file that is no longer a draft is a named problem."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from pelican.settings import read_settings

from kopienu_zinas.common.frontmatter import discover_documents
from kopienu_zinas.common.problems import ContentProblem
from kopienu_zinas.site import placeholders
from kopienu_zinas.tools.new import Request, create
from tests.photos import write_photo
from tests.sitebuild import ROOT

SETTINGS = read_settings(str(ROOT / "pelicanconf.py"))
TODAY = dt.date(2026, 11, 23)


def placeholder_problems(content: Path) -> list[ContentProblem]:
    """The placeholder rule's problems: per document (document_check) and galleries."""
    documents, _ = discover_documents(content)
    settings = {**SETTINGS, "PATH": str(content)}
    return [*placeholders.check_documents(None, documents, settings),
            *(p for d in documents for p in placeholders.check_document(None, d, settings))]


def problems(content: Path) -> list[tuple[str, int, str]]:
    return sorted((p.path, p.line, p.field) for p in placeholder_problems(content))


def line_of(file: Path, text: str) -> int:
    return next(n for n, line in enumerate(file.read_text(encoding="utf-8").splitlines(), 1)
                if text in line)


def publish(file: Path) -> None:
    """What the editor did: deleted the `status: draft` line and nothing else."""
    text = file.read_text(encoding="utf-8")
    file.write_text(text.replace("status: draft\n", ""), encoding="utf-8")


@pytest.mark.parametrize("kind", ["article", "event"])
def test_a_draft_may_hold_placeholders_a_published_file_may_not(tmp_path: Path, kind: str) -> None:
    file = create(Request(kind, "Talka Ilūkstē", "Sēlija", TODAY), tmp_path, SETTINGS)
    assert problems(tmp_path) == []
    publish(file)
    expected = [("talka-ilukste.md", line_of(file, "summary:"), "summary"),
                ("talka-ilukste.md", line_of(file, "Šeit raksti raksta tekstu"), "text"),
                ("talka-ilukste.md", line_of(file, "## Starpvirsraksts"), "text"),
                ("talka-ilukste.md", line_of(file, "Teksts pēc starpvirsraksta"), "text")]
    if kind == "event":
        expected.append(("talka-ilukste.md", line_of(file, "location:"), "location"))
    assert problems(tmp_path) == sorted(expected)


def test_the_issues_example_location_and_summary_are_named(tmp_path: Path) -> None:
    file = create(Request("event", "Talka", "Latgale", TODAY), tmp_path, SETTINGS)
    publish(file)
    found = placeholder_problems(tmp_path)
    values = {p.field: p.value for p in found}
    assert values["location"] == "Norādi vietu un adresi"
    assert values["summary"].startswith("Šeit ieraksti vienu vai divus teikumus")
    assert all(" — " in p.format() and "make new" in p.what_en for p in found)


def test_uncommented_sample_fields_are_placeholders_too(tmp_path: Path) -> None:
    file = create(Request("article", "Talka", "Latgale", TODAY), tmp_path, SETTINGS)
    text = file.read_text(encoding="utf-8").replace("# image_alt:", "image_alt:")
    file.write_text(text, encoding="utf-8")
    publish(file)
    assert ("talka.md", line_of(file, "image_alt:"), "image_alt") in problems(tmp_path)


def test_real_text_is_not_a_placeholder(tmp_path: Path) -> None:
    file = create(Request("event", "Talka", "Latgale", TODAY), tmp_path, SETTINGS)
    text = file.read_text(encoding="utf-8")
    for sample in sorted(placeholders.placeholders().values | placeholders.placeholders().lines,
                         key=len, reverse=True):
        text = text.replace(sample, "Rēzeknes bibliotēka, Atbrīvošanas aleja 90")
    file.write_text(text, encoding="utf-8")
    publish(file)
    assert problems(tmp_path) == []


def test_a_gallery_with_photos_must_not_keep_the_sample_credit(tmp_path: Path) -> None:
    captions = create(Request("gallery", "Talka", None, TODAY), tmp_path, SETTINGS)
    assert problems(tmp_path) == [], "a new gallery without photos is not published yet"
    write_photo(captions.parent / "a.jpg")
    assert problems(tmp_path) == [("galleries/talka/captions.yml", line_of(captions, "credit:"),
                                   "credit")]


@pytest.mark.parametrize(("name", "format_"), [("a.tif", "TIFF"), ("a.gif", "GIF")])
def test_a_gallery_of_any_picture_kind_must_not_keep_the_sample_credit(
        tmp_path: Path, name: str, format_: str) -> None:
    from PIL import Image

    captions = create(Request("gallery", "Talka", None, TODAY), tmp_path, SETTINGS)
    Image.new("RGB", (40, 30), "olive").save(captions.parent / name, format_)
    assert problems(tmp_path) == [("galleries/talka/captions.yml", line_of(captions, "credit:"),
                                   "credit")]


@pytest.mark.parametrize("written", [
    "**Šeit raksti raksta tekstu.** Tukša rinda sāk jaunu rindkopu.",
    "*Šeit raksti raksta tekstu. Tukša rinda sāk jaunu rindkopu.*",
    "__Šeit raksti raksta tekstu.__  Tukša rinda sāk jaunu _rindkopu_.",
])
def test_a_sample_line_with_emphasis_is_still_a_placeholder(tmp_path: Path, written: str) -> None:
    file = create(Request("article", "Talka", "Latgale", TODAY), tmp_path, SETTINGS)
    text = file.read_text(encoding="utf-8")
    file.write_text(text.replace("Šeit raksti raksta tekstu. Tukša rinda sāk jaunu rindkopu.",
                                 written), encoding="utf-8")
    publish(file)
    found = [(p.line, p.value) for p in placeholder_problems(tmp_path) if p.field == "text"]
    assert (line_of(file, written), written) in found
