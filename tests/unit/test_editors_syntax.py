"""Syntax of other tools and of git that Markdown publishes as text: each is named at its line
with what to write instead (QA round of editors' files)."""

from pathlib import Path

import pytest

from kopienu_zinas.common.problems import WORD_SHOWN, ContentProblem, shortened
from kopienu_zinas.site import register
from tests.signals import registered
from tests.sitebuild import problems_in_file

SETTINGS = {"REGIONS": ["Latgale"], "BUILD_DATE": "2026-11-23"}
HEADER = "---\ntitle: Raksts\ndate: 2024-05-20\nregion: Latgale\nsummary: Īsi.\n---\n\n"
BODY_LINE = 8  # the file line of the body's first line after HEADER


def problems_for(tmp_path: Path, text: str) -> list[ContentProblem]:
    with registered(register):
        return problems_in_file(tmp_path, "raksts.md", text, SETTINGS)


def test_conflict_markers_in_the_front_matter_are_named_at_the_marker_not_as_yaml(
        tmp_path: Path) -> None:
    """QA: `<<<<<<< HEAD` in the header gave a YAML error one line later about colons."""
    text = ("---\n<<<<<<< HEAD\ntitle: Konflikts A\n=======\ntitle: Konflikts B\n"
            ">>>>>>> feature\ndate: 2024-05-20\nregion: Latgale\nsummary: x\n---\n\nTeksts.\n")
    found = problems_for(tmp_path, text)
    assert [(p.line, p.field, p.value) for p in found] == [(2, "front matter", "rindas 2, 4, 6")]
    assert "choose one version" not in found[0].format()  # the fix is in Latvian
    assert "izvēlies vienu versiju" in found[0].fix and "YAML" not in found[0].format()


def test_conflict_markers_in_the_body_are_an_error_at_the_marker(tmp_path: Path) -> None:
    """QA: both versions were published, and `>>>>>>>` made seven nested blockquotes."""
    body = "Teksts.\n<<<<<<< HEAD\nVersija A.\n=======\nVersija B.\n>>>>>>> 3f2a1b\n"
    found = problems_for(tmp_path, HEADER + body)
    assert [(p.line, p.severity, p.value) for p in found] == [
        (BODY_LINE + 1, "error", f"rindas {BODY_LINE + 1}, {BODY_LINE + 3}, {BODY_LINE + 5}")]
    assert "merge-conflict markers" in found[0].format()


def test_half_a_conflict_is_named_and_a_heading_underline_or_code_is_not(tmp_path: Path) -> None:
    body = ("Virsraksts\n=======\n\n```\n<<<<<<< HEAD\n=======\n>>>>>>> x\n```\n\n"
            "Versija B.\n>>>>>>> 3f2a1b\n")
    found = [p for p in problems_for(tmp_path, HEADER + body)
             if p.field != "heading"]  # the heading is a second <h1>: test_main_headings.py
    assert [(p.line, p.value) for p in found] == [(BODY_LINE + 10, f"rindas {BODY_LINE + 10}")]


def named(found: list[ContentProblem]) -> list[tuple[int, str, str]]:
    """(line, severity, value) of each problem, in line order."""
    return sorted((p.line, p.severity, p.value) for p in found)


def test_obsidian_syntax_is_named_at_its_line_with_the_markdown_to_write(tmp_path: Path) -> None:
    """QA: `![[foto.png]]` lost the picture, `[[…]]` was text, `%%…%%` (meant hidden) was
    published, a callout was a quotation starting "[!note]": no message for any."""
    body = ("Skat. [[a01-crlf-bom]] un [[a01-crlf-bom|CRLF rakstu]].\n\n![[foto.png]]\n\n"
            "> [!note] Piezīme\n> Saturs.\n\nTeksts %%slēpts\nkomentārs%% beigas.\n")
    found = problems_for(tmp_path, HEADER + body)
    assert named(found) == [
        (BODY_LINE, "error", "[[a01-crlf-bom]]"),
        (BODY_LINE, "error", "[[a01-crlf-bom|CRLF rakstu]]"),
        (BODY_LINE + 2, "error", "![[foto.png]]"),
        (BODY_LINE + 4, "warning", "> [!note]"),
        (BODY_LINE + 7, "error", "%%slēpts"),
    ]
    fixes = {p.value: p.fix for p in found}
    assert "![kas redzams attēlā]({static}/atteli/foto.png)" in fixes["![[foto.png]]"]
    assert "[CRLF rakstu]({filename}/a01-crlf-bom.md)" in fixes["[[a01-crlf-bom|CRLF rakstu]]"]
    assert "<!-- … -->" in fixes["%%slēpts"]


@pytest.mark.parametrize("body", [
    "Kods: `![[foto.png]]` un ``[[x]] %%y%%``.\n",
    "```\n![[foto.png]]\n%%x%%\n```\n",
    "Teksts.\n\n    [[raksts]] ir koda bloks\n",
    "Teksts.\n\n<!-- [[raksts]] %%x%% -->\n",
    "Saite [[1]](https://lr.lv) un \\[[raksts]].\n",
])
def test_syntax_shown_as_code_commented_out_or_escaped_is_not_named(tmp_path: Path,
                                                                     body: str) -> None:
    assert problems_for(tmp_path, HEADER + body) == []


def test_pandoc_markdown_from_word_is_named_at_its_line(tmp_path: Path) -> None:
    """QA: `pandoc doc.docx -t markdown` output published its picture size as text, lost its
    tables (rules and space-padded text) and showed styled spans and fenced divs as written."""
    body = ("Teksts [pasvītrots]{.underline} un **trekns**.\\\nJauna rinda.\n\n"  # 8, 9
            '![Foto no\nsanāksmes]({static}/atteli/foto.png){width="1.6666666666666667in"\n'
            'height="1.1111111111111112in"}\n\n'  # 11-13
            "  -----------------------------------\n  Vārds          Loma\n"  # 15, 16
            "  -------------- --------------\n  Ilze           vadītāja\n\n"  # 17, 18
            "+-----+-----+\n| a   | b   |\n+=====+=====+\n| 1   | 2   |\n+-----+-----+\n\n"  # 20-24
            '::: {custom-style="Quote"}\nCitāts\n:::\n')  # 26-28
    (tmp_path / "atteli").mkdir()
    (tmp_path / "atteli" / "foto.png").write_bytes(b"")
    found = [p for p in problems_for(tmp_path, HEADER + body) if p.field == "text"]
    assert named(found) == [
        (BODY_LINE, "error", "[pasvītrots]{.underline}"),
        (BODY_LINE, "error", "\\"),
        (BODY_LINE + 4, "error", '{width="1.6666666666666667in"'),
        (BODY_LINE + 9, "error", "-------------- --------------"),
        (BODY_LINE + 12, "error", "+-----+-----+"),
        (BODY_LINE + 18, "error", '::: {custom-style="Quote"}'),
    ]
    assert all("pandoc" in p.what_en for p in found)
    assert "gfm-raw_html" in found[-1].fix


def test_pandoc_gfm_output_reads_without_a_word(tmp_path: Path) -> None:
    """The guide's recipe (`pandoc doc.docx -t gfm-raw_html --wrap=none …`) writes what
    Markdown here reads: a line break as two spaces, a table of pipes, a quotation."""
    body = ("Rinda viens  \nrinda divi un *pasvītrots*.\n\n> Citāts\n\n"
            "| Vārds | Loma     |\n|-------|----------|\n| Ilze  | vadītāja |\n\n"
            "Vēre.[^1]\n\n[^1]: Avots.\n")
    assert problems_for(tmp_path, HEADER + body) == []


@pytest.mark.parametrize(("line", "character", "field"), [
    ("title: Virsraksts\u2028ar rindas atdalītāju", "U+2028", "title"),
    ("title: Virsraksts\u2029ar rindkopu", "U+2029", "title"),
    ("summary: Pārbaudes\u0085raksts.", "U+0085", "summary"),
])
def test_a_character_yaml_reads_as_a_line_break_is_named_at_its_real_line_and_column(
        tmp_path: Path, line: str, character: str, field: str) -> None:
    """QA: YAML took U+2028 (InDesign's forced line break) and NEL U+0085 (a Windows "…"
    read as Latin-1) as line breaks: its error was two lines late and spoke of colons."""
    text = "---\ndate: 2024-05-20\n" + line + "\nregion: Latgale\ntitle: x\n---\n\nTeksts.\n"
    text = text.replace("title: x\n", "") if field == "title" else text
    found = problems_for(tmp_path, text)
    assert [(p.line, p.field, p.value, p.severity) for p in found] == [
        (3, field, f"kolonna {line.index(chr(int(character[2:], 16))) + 1}", "error")]
    assert character in found[0].what_lv and "YAML" in found[0].what_lv


def test_a_line_separator_in_the_body_is_a_warning_and_keeps_later_lines_counted(
        tmp_path: Path) -> None:
    body = "Teksts\u2028ar atdalītāju.\n\n[saite]({filename}/nav.md)\n"
    found = problems_for(tmp_path, HEADER + body)
    assert sorted((p.line, p.field, p.severity) for p in found) == [
        (BODY_LINE, "text", "warning"), (BODY_LINE + 2, "link", "error")]


def test_every_message_shows_a_long_value_shortened_the_same_way(tmp_path: Path) -> None:
    """QA: a Google Docs picture without alt text printed its whole base64 (464 KB) in the
    `alt:` message, while the `image:` message of the same picture was shortened."""
    data = "data:image/jpeg;base64,/9j/4AAQSkZJRgABAQEASABIAAD" + "A" * 400_000
    found = problems_for(tmp_path, HEADER + f"![][image1]\n\n[image1]: <{data}>\n")
    lines = {p.field: p.format() for p in found}
    assert set(lines) >= {"alt", "image"}
    for line in lines.values():
        assert data[:WORD_SHOWN] + "…" in line and len(line) < 600
    assert shortened("zināmās: " + ", ".join(["calendar_ics"] * 20)).endswith("calendar_ics")


def test_a_javascript_time_stamp_with_milliseconds_gets_the_time_zone_message(
        tmp_path: Path) -> None:
    """QA: Decap's `2024-05-20T10:00:00.000Z` got "date could not be read", not the message
    that names the Riga time."""
    text = HEADER.replace("date: 2024-05-20", "date: '2024-05-20T10:00:00.000Z'")
    [problem] = problems_for(tmp_path, text + "Teksts.\n")
    assert (problem.line, problem.field) == (3, "date")
    assert problem.fix == ("izdzēs '.000Z' un raksti laiku pēc Rīgas pulksteņa: "
                           "2024-05-20 13:00")


def test_html_character_references_in_the_front_matter_are_named_with_the_characters_meant(
        tmp_path: Path) -> None:
    """QA: a WordPress title `Koncerts &amp; dzeja &mdash; 2024` was shown as written
    (`&amp;amp;` in the page), with no message. Front matter is plain text: they are named
    (a warning), `notes:` (never published) and a plain `&` are not."""
    text = HEADER.replace("title: Raksts", "title: Koncerts &amp; dzeja &mdash; 2024 & Co")
    text = text.replace("summary: Īsi.", "summary: Īsi.\nnotes: '&amp;'")
    [problem] = problems_for(tmp_path, text + "Teksts &amp; &mdash; tekstā ir kārtībā.\n")
    assert (problem.line, problem.field, problem.severity, problem.value) == (
        2, "title", "warning", "&amp; &mdash;")
    assert problem.fix == "raksti pašu zīmi: &amp; → &, &mdash; → —"


def test_a_picture_path_that_differs_only_by_case_names_the_existing_file(
        tmp_path: Path) -> None:
    """QA: `{static}/atteli/Foto 1.JPG` with a file `atteli/foto 1.jpg` was only "not found
    (case matters)"."""
    (tmp_path / "atteli").mkdir()
    (tmp_path / "atteli" / "foto 1.jpg").write_bytes(b"")
    text = HEADER.replace("summary: Īsi.", "summary: Īsi.\nimage: atteli/FOTO 1.jpg\n"
                          "image_alt: Foto")
    found = problems_for(tmp_path, text + "![Foto](<{static}/atteli/Foto 1.JPG>)\n")
    fixes = sorted((p.field, p.fix) for p in found if p.field == "image")
    assert fixes == [
        ("image", "vai domāts atteli/foto 1.jpg? Raksti ![Foto](<{static}/atteli/foto 1.jpg>) "
                  "(lielie/mazie burti ir svarīgi)"),
        ("image", "vai domāts atteli/foto 1.jpg? Raksti image: atteli/foto 1.jpg (lielie/mazie "
                  "burti ir svarīgi)"),
    ]


def test_the_suggested_picture_for_a_name_with_spaces_is_markdown_that_works(
        tmp_path: Path) -> None:
    """QA: the case-mismatch fix for `foto (1).jpg` read `Raksti {static}/atteli/foto (1).jpg`:
    pasted into `![…](…)` the space and `)` end the address, and the picture stays missing.
    Pasted as suggested, the line has no problem."""
    (tmp_path / "atteli").mkdir()
    (tmp_path / "atteli" / "foto (1).jpg").write_bytes(b"")
    def article_problems(body: str) -> list[ContentProblem]:
        return [p for p in problems_for(tmp_path, HEADER + body) if p.path == "raksts.md"]

    [problem] = article_problems("![Bibliotēka](<{static}/atteli/Foto (1).JPG>)\n")
    pasted = problem.fix.split("Raksti ", 1)[1].removesuffix(" (lielie/mazie burti ir svarīgi)")
    assert pasted == "![Bibliotēka](<{static}/atteli/foto (1).jpg>)"
    assert article_problems(pasted + "\n") == []


def test_typora_syntax_is_a_warning_at_its_line(tmp_path: Path) -> None:
    """QA: Typora's `[toc]`, `==highlight==` and `$math$` were published as text."""
    body = "[toc]\n\n==izcelts== $E=mc^2$\n\nCena $5 un $10, 3 == 3; 20$ vai 30$.\n"
    found = problems_for(tmp_path, HEADER + body)
    assert named(found) == [(BODY_LINE, "warning", "[toc]"),
                            (BODY_LINE + 2, "warning", "$E=mc^2$"),
                            (BODY_LINE + 2, "warning", "==izcelts==")]
    assert "**izcelts**" in next(p.fix for p in found if p.value == "==izcelts==")


def test_an_obsidian_heading_link_is_fixed_with_the_heading_s_id(tmp_path: Path) -> None:
    body = "[[#Starpvirsraksts ar garumzīmēm]] un [[raksts#Mūsu darbs|darbs]]\n"
    found = problems_for(tmp_path, HEADER + body)
    assert sorted(p.fix for p in found) == [
        "raksti [Starpvirsraksts ar garumzīmēm](#starpvirsraksts-ar-garumzimem) (ceļš līdz "
        "failam no content/ mapes)",
        "raksti [darbs]({filename}/raksts.md#musu-darbs) (ceļš līdz failam no content/ mapes)"]
