"""Every editor's file is read once: other encodings and XML-forbidden characters are named
problems at their line; a UTF-8 BOM and Windows line ends read like any other file."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
from lxml import etree
from pelican.settings import DEFAULT_CONFIG

from kopienu_zinas.common.frontmatter import read_document
from kopienu_zinas.common.sourcetext import XML_FORBIDDEN, read_source
from kopienu_zinas.galleries.discover import discover
from kopienu_zinas.site.yaml_reader import LibyamlMetadataReader
from tests.photos import write_photo

ARTICLE = """---
title: Ēdienu gatavošana Ilūkstē
date: 2024-04-03
region: Sēlija
summary: Kopīga ēst gatavošana ar ģimenēm un šķiņķi.
---
Pirmā rindkopa ar ā, č, ē, ģ, ī, ķ, ļ, ņ, š, ū, ž.

Otrā rindkopa.
"""
#: XML 1.0 §2.2 Char: everything below U+0020 except TAB, LF, CR; and U+FFFE, U+FFFF.
FORBIDDEN = [chr(c) for c in range(0x20) if c not in (0x09, 0x0A, 0x0D)] + ["\ufffe", "\uffff"]


def xml_accepts(character: str) -> bool:
    try:
        etree.fromstring(f"<p>&#{ord(character)};</p>")
    except etree.XMLSyntaxError:
        return False
    return True


def test_the_forbidden_set_is_exactly_what_an_xml_parser_refuses() -> None:
    below = [chr(c) for c in range(0x20)] + ["\ufffe", "\uffff", "\ufffd", "\u00a0", "\u0085"]
    assert [c for c in below if not xml_accepts(c)] == FORBIDDEN
    assert [c for c in below if XML_FORBIDDEN.fullmatch(c)] == FORBIDDEN


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    file = tmp_path / name
    file.write_bytes(data)
    return file


@pytest.mark.parametrize("character", FORBIDDEN, ids=[f"U+{ord(c):04X}" for c in FORBIDDEN])
@pytest.mark.parametrize(("where", "line", "field"), [("body", 7, "text"),
                                                     ("summary", 5, "summary")])
def test_each_forbidden_character_is_a_problem_at_its_line(
        tmp_path: Path, character: str, where: str, line: int, field: str) -> None:
    text = (ARTICLE.replace("Pirmā rindkopa", f"Pirmā{character}rindkopa") if where == "body"
            else ARTICLE.replace("Kopīga ēst", f"Kopīga{character} ēst"))
    document, problems = read_document(tmp_path, write(tmp_path, "a.md", text.encode()))
    assert [(p.path, p.line, p.field) for p in problems] == [("a.md", line, field)]
    assert f"U+{ord(character):04X}" in problems[0].value
    assert "XML 1.0" in problems[0].what_en and problems[0].fix
    assert document.metadata["title"] == "Ēdienu gatavošana Ilūkstē", "the rest is still read"


@pytest.mark.parametrize("name", ["pages/par-mums.md", "newsletter/2024-04.md", "a.md"])
def test_every_kind_of_markdown_file_is_read_the_same_way(tmp_path: Path, name: str) -> None:
    (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
    text = ARTICLE.replace("Otrā", "Ot\x0crā").encode("cp1257")
    _document, problems = read_document(tmp_path, write(tmp_path, name, text))
    assert [(p.path, p.line, p.field) for p in problems] == [
        (name, 2, "encoding"), (name, 9, "text")]


def test_a_windows_1257_file_is_named_with_its_line_and_how_to_save_as_utf8(tmp_path: Path) -> None:
    file = write(tmp_path, "a.md", ARTICLE.encode("cp1257"))
    _document, problems = read_document(tmp_path, file)
    assert [(p.path, p.line, p.field) for p in problems] == [("a.md", 2, "encoding")]
    assert "Windows-1257" in problems[0].what_en and "UTF-8" in problems[0].fix


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be"])
def test_a_utf16_file_is_named_and_how_to_save_as_utf8(tmp_path: Path, codec: str) -> None:
    file = write(tmp_path, "a.md", ARTICLE.encode(codec))
    document, problems = read_document(tmp_path, file)
    assert [(p.path, p.line, p.field) for p in problems] == [("a.md", 1, "encoding")]
    assert "UTF-16" in problems[0].what_en and "UTF-8" in problems[0].fix
    assert document.metadata["region"] == "Sēlija", "decoded for the preview"


@pytest.mark.parametrize("variant", ["bom", "crlf", "bom+crlf", "cr"])
def test_bom_and_windows_line_ends_read_like_the_plain_file(tmp_path: Path, variant: str) -> None:
    data = ARTICLE.encode()
    if "crlf" in variant:
        data = data.replace(b"\n", b"\r\n")
    if variant == "cr":
        data = data.replace(b"\n", b"\r")
    if "bom" in variant:
        data = b"\xef\xbb\xbf" + data
    plain, plain_problems = read_document(tmp_path, write(tmp_path, "plain.md", ARTICLE.encode()))
    other, problems = read_document(tmp_path, write(tmp_path, "other.md", data))
    assert problems == plain_problems == []
    assert (other.metadata, other.body, other.body_line) == (
        plain.metadata, plain.body, plain.body_line)
    reader = LibyamlMetadataReader(copy.deepcopy(DEFAULT_CONFIG))
    assert reader.read(str(tmp_path / "other.md")) == reader.read(str(tmp_path / "plain.md"))


def test_the_site_reader_drops_forbidden_characters_for_the_preview(tmp_path: Path) -> None:
    file = write(tmp_path, "a.md", ARTICLE.replace("Otrā", "Ot\x0brā").encode())
    html, _metadata = LibyamlMetadataReader(copy.deepcopy(DEFAULT_CONFIG)).read(str(file))
    assert "Otrā rindkopa" in html and not XML_FORBIDDEN.search(html)


@pytest.mark.parametrize(("data", "field", "line"), [
    ("title: Talka\ndate: 2024-04-20\ncredit: \"Foto:\x0c Biedrība\"\n".encode(), "credit", 3),
    ("title: Talka\ndate: 2024-04-20\ncredit: Foto: Bērziņš\n".encode("cp1257"), "encoding", 3),
    ("title: Talka\ndate: 2024-04-20\n".encode("utf-16"), "encoding", 1),
])
def test_captions_files_are_read_the_same_way(tmp_path: Path, data: bytes, field: str,
                                              line: int) -> None:
    folder = tmp_path / "galleries" / "talka"
    folder.mkdir(parents=True)
    write_photo(folder / "a.jpg")
    (folder / "captions.yml").write_bytes(data)
    _galleries, problems = discover(tmp_path, 50_000_000)
    named = [(p.path, p.line, p.field) for p in problems if p.field == field]
    assert named == [("galleries/talka/captions.yml", line, field)], problems


def test_read_source_never_raises_on_any_byte(tmp_path: Path) -> None:
    file = write(tmp_path, "x.md", bytes(range(256)))
    source = read_source(file, "x.md")
    assert source.problems and not XML_FORBIDDEN.search(source.text)


@pytest.mark.parametrize(("old", "new", "field", "line"), [
    ("title: Ēdienu gatavošana Ilūkstē", 'title: "Ēdienu\\x0b gatavošana"', "title", 2),
    ("summary: Kopīga ēst gatavošana ar ģimenēm un šķiņķi.", 'summary: "Kops\\u0001a"',
     "summary", 5),
    ("region: Sēlija", 'region: Sēlija\ntags: [kopienas, "a\\x0cb"]', "tags", 5),
    ("region: Sēlija", 'region: Sēlija\nauthors:\n  - "Jā\\x08nis"', "authors", 6),
    ("region: Sēlija", 'region: Sēlija\nevents:\n  - title: Talka\n    location: "Vie\\x08ta"',
     "location", 7),
])
def test_yaml_escapes_of_forbidden_characters_are_named_at_the_values_line(
        tmp_path: Path, old: str, new: str, field: str, line: int) -> None:
    file = write(tmp_path, "a.md", ARTICLE.replace(old, new).encode())
    document, problems = read_document(tmp_path, file)
    assert [(p.path, p.line, p.field, p.what_en) for p in problems] == [
        ("a.md", line, field, "forbidden character (XML 1.0)")]
    assert not XML_FORBIDDEN.search(repr(document.metadata)), "dropped for the preview"
    _html, metadata = LibyamlMetadataReader(copy.deepcopy(DEFAULT_CONFIG)).read(str(file))
    assert not XML_FORBIDDEN.search(repr(metadata))


def test_a_key_written_twice_is_named_at_its_second_line(tmp_path: Path) -> None:
    text = ARTICLE.replace("region: Sēlija", "region: Sēlija\ntitle: Otrs virsraksts")
    _document, problems = read_document(tmp_path, write(tmp_path, "a.md", text.encode()))
    assert [(p.line, p.field, p.what_en) for p in problems] == [(5, "title", "duplicate key")]


@pytest.mark.parametrize("codec", ["utf-32", "utf-32-le", "utf-32-be"])
def test_a_utf32_file_is_one_problem_naming_utf32(tmp_path: Path, codec: str) -> None:
    file = write(tmp_path, "a.md", ARTICLE.encode(codec))
    document, problems = read_document(tmp_path, file)
    assert [(p.path, p.line, p.field) for p in problems] == [("a.md", 1, "encoding")]
    assert "UTF-32" in problems[0].what_en
    assert document.metadata["region"] == "Sēlija"


@pytest.mark.parametrize(("captions", "line", "field", "what"), [
    ('title: Talka\ndate: 2024-04-20\nphotos:\n  a.jpg:\n    caption: "Ē\\x0bka"\n', 5,
     "caption", "forbidden character (XML 1.0)"),
    ("title: Talka\ndate: 2024-04-20\nphotos:\n  a.jpg:\n    caption: Ēka\n"
     "  a.jpg:\n    caption: Cita\n", 6, "a.jpg", "duplicate key"),
])
def test_captions_yml_escapes_and_repeated_keys_are_named(
        tmp_path: Path, captions: str, line: int, field: str, what: str) -> None:
    folder = tmp_path / "galleries" / "talka"
    folder.mkdir(parents=True)
    write_photo(folder / "a.jpg")
    (folder / "captions.yml").write_text(captions, encoding="utf-8")
    _galleries, problems = discover(tmp_path, 50_000_000)
    assert [(p.path, p.line, p.field, p.what_en) for p in problems if p.field != "alt"] == [
        ("galleries/talka/captions.yml", line, field, what)]
