"""What YAML does to editors' front matter that they do not see: `#` read as a comment, quotes
and brackets left open, words read as numbers, true/false or null, and files that are no text
at all (QA round of editors' YAML, session 10). Each is one message at the line the editor
wrote it, with the fix in the editor's own words."""

from pathlib import Path

import pytest

from kopienu_zinas.common.frontmatter import read_document
from kopienu_zinas.common.problems import ContentProblem, run_content_checks
from kopienu_zinas.common.sourcereader import load_header
from kopienu_zinas.site import register
from tests.signals import registered
from tests.sitebuild import problems_in_file

SETTINGS = {"REGIONS": ["Latgale", "1.10"], "BUILD_DATE": "2026-11-23"}
HEADER = "---\ntitle: Raksts\ndate: 2024-05-20\nregion: Latgale\nsummary: Īsi.\n"
NEXT_LINE = 6  # the file line after HEADER's fields


def problems_for(tmp_path: Path, text: str) -> list[ContentProblem]:
    with registered(register):
        return problems_in_file(tmp_path, "raksts.md", text, SETTINGS)


def article(*fields: str) -> str:
    return HEADER + "".join(f"{field}\n" for field in fields) + "---\n\nTeksts.\n"


def test_a_value_starting_with_hash_is_an_error_at_its_line_not_an_empty_field(
        tmp_path: Path) -> None:
    """QA: `tags: #kopienas` was no tags, `image_credit: #foto Jānis` no credit, and the
    check passed."""
    found = problems_for(tmp_path, article(
        "tags: #kopienas", "authors: #JānisBērziņš", "image_credit: #foto Jānis"))
    assert [(p.line, p.field, p.value) for p in found] == [
        (NEXT_LINE, "tags", "#kopienas"), (NEXT_LINE + 1, "authors", "#JānisBērziņš"),
        (NEXT_LINE + 2, "image_credit", "#foto Jānis")]
    assert all("which YAML reads as a comment" in p.what_en for p in found)
    assert 'image_credit: "#foto Jānis"' in found[2].fix
    assert 'tags: ["#kopienas"]' in found[0].fix and "tags: [kopienas]" in found[0].fix


def test_a_hashtag_list_item_and_a_hash_cutting_a_title_short_are_named(tmp_path: Path) -> None:
    found = problems_for(tmp_path, article("tags:", "  - #kopienas", "  - pasākumi").replace(
        "title: Raksts", "title: Sanāksme #3"))
    assert [(p.line, p.field, p.value) for p in found][:2] == [
        (2, "title", "Sanāksme #3"), (NEXT_LINE + 1, "tags", "#kopienas")]
    assert 'title: "Sanāksme #3"' in found[0].fix and '- "#kopienas"' in found[1].fix


@pytest.mark.parametrize("line", [
    "tags:   # vēlāk", "image_credit:  # jāpajautā", "tags: [a]  # x", "# tags: [a]",
    'image_credit: "Foto # Jānis"', "image_credit: 'Foto: Jānis # 2'",
    "image_credit: https://kopienuzinas.lv/par#foto", "image_credit: Foto#1"])
def test_a_comment_after_no_value_or_a_hash_inside_a_value_is_left_alone(
        tmp_path: Path, line: str) -> None:
    """A comment after a field with no value, a whole-line one, a `#` in quotes and a `#`
    with no space before it (an address's #fragment: part of the value) are no comment
    after a value."""
    assert problems_for(tmp_path, article(line)) == []


NOT_PUBLISHED = "the text after '#' is not published: YAML reads it as a comment"


def test_a_comment_after_a_value_is_a_warning_showing_the_line_in_quotes(
        tmp_path: Path) -> None:
    """QA: `summary: Cena 5 EUR # ar PVN` published "Cena 5 EUR" and `title: Koncerts # 2.
    daļa` "Koncerts", without a word: editors write no comment after a value."""
    text = article('image_credit: "Foto: Jānis" # jāpārbauda', "tags:", "  - kopienas # galvenā")
    found = problems_for(tmp_path, text.replace("title: Raksts", "title: Koncerts # 2. daļa")
                         .replace("summary: Īsi.", "summary: Cena 5 EUR\t# ar PVN"))
    assert [(p.line, p.field, p.value, p.severity) for p in found] == [
        (2, "title", "Koncerts # 2. daļa", "warning"),
        (5, "summary", "Cena 5 EUR # ar PVN", "warning"),
        (NEXT_LINE, "image_credit", "Foto: Jānis # jāpārbauda", "warning"),
        (NEXT_LINE + 2, "tags", "kopienas # galvenā", "warning")]
    assert all(p.what_en == NOT_PUBLISHED for p in found)
    assert [p.fix.split(";")[0] for p in found] == [
        'lai to publicētu, liec visu vērtību pēdiņās: title: "Koncerts # 2. daļa"',
        'lai to publicētu, liec visu vērtību pēdiņās: summary: "Cena 5 EUR # ar PVN"',
        'lai to publicētu, liec visu vērtību pēdiņās: image_credit: "Foto: Jānis # jāpārbauda"',
        'lai to publicētu, liec visu vērtību pēdiņās: - "kopienas # galvenā"']
    assert all(p.fix.endswith("vai izdzēs komentāru (piezīmes redakcijai raksti laukā notes:)")
               for p in found)


def test_a_comment_after_an_event_field_is_a_warning_at_its_line(tmp_path: Path) -> None:
    """An event's date with a comment is offered no quotes: they would make it unreadable."""
    found = problems_for(tmp_path, article(
        "events:", "  - title: Talka", "    start: 2026-12-03 18:00 # durvis 17:30",
        "    location: Tautas nams # zāle"))
    assert [(p.line, p.field, p.severity, p.fix) for p in found
            if p.what_en == NOT_PUBLISHED] == [
        (NEXT_LINE + 2, "events[1].start", "warning",
         "izdzēs komentāru (piezīmes redakcijai raksti laukā notes:)"),
        (NEXT_LINE + 3, "events[1].location", "warning",
         'lai to publicētu, liec visu vērtību pēdiņās: location: "Tautas nams # zāle"; vai '
         "izdzēs komentāru (piezīmes redakcijai raksti laukā notes:)")]


def test_a_comment_after_a_date_offers_only_its_deletion(tmp_path: Path) -> None:
    [problem] = problems_for(tmp_path, article().replace("date: 2024-05-20",
                                                         "date: 2024-05-20 # rītā"))
    assert (problem.line, problem.field, problem.severity) == (3, "date", "warning")
    assert problem.fix == "izdzēs komentāru (piezīmes redakcijai raksti laukā notes:)"


def test_hashtags_in_brackets_are_named_at_their_line_as_a_comment(tmp_path: Path) -> None:
    """QA: refused at the closing `---` with the parser's words."""
    [problem] = problems_for(tmp_path, article("tags: [#kopienas, #pasākumi]"))
    assert (problem.line, problem.field) == (NEXT_LINE, "tags")
    assert "'#' begins a YAML comment" in problem.what_en
    assert 'tags: ["#kopienas", "#pasākumi"]' in problem.fix


@pytest.mark.parametrize(("line", "fixes"), [
    ("authors: [Jānis # redaktors]",
     ('authors: ["Jānis # redaktors"]', "authors: [Jānis redaktors]")),
    ("tags: [kopienas, pasākumi # vēlāk]",
     ('tags: [kopienas, "pasākumi # vēlāk"]', "tags: [kopienas, pasākumi vēlāk]")),
    ('tags: ["#a", b # x]', ('tags: ["#a", "b # x"]', 'tags: ["#a", b x]')),
])
def test_a_hash_inside_a_bracketed_item_quotes_that_item(
        tmp_path: Path, line: str, fixes: tuple[str, str]) -> None:
    """QA s10: the fix repeated the broken line (`authors: [Jānis # redaktors]`) and the
    deletion left a double space."""
    [problem] = problems_for(tmp_path, article(line))
    assert problem.fix == f"liec vērtības ar # pēdiņās ({fixes[0]}) vai izdzēs # ({fixes[1]})"


CUT = "'#' begins a YAML comment: the value ends before it, and the lines below it do not continue it"
QUOTES = "liec visu vērtību pēdiņās: "
DELETE = "izdzēs komentāru (piezīmes redakcijai raksti laukā notes:) vai, lai to publicētu, "


def test_a_hash_on_the_last_line_of_a_multi_line_value_is_named_at_that_line(
        tmp_path: Path) -> None:
    """QA s10: published "Pirmā daļa otrā daļa", and the check passed."""
    [problem] = problems_for(tmp_path, article().replace(
        "summary: Īsi.", "summary: Pirmā daļa\n  otrā daļa #3 turpinājums"))
    assert (problem.line, problem.field, problem.severity) == (6, "summary", "error")
    assert problem.fix == QUOTES + 'summary: "Pirmā daļa otrā daļa #3 turpinājums"'


@pytest.mark.parametrize(("lines", "at", "field", "fix"), [
    (["summary: Pirmā daļa #3", "  otrā daļa"], 0, "summary",
     QUOTES + 'summary: "Pirmā daļa #3 otrā daļa"'),
    (["summary: Pirmā daļa", "  otrā daļa #3 turpinājums", "  trešā"], 1, "summary",
     QUOTES + 'summary: "Pirmā daļa otrā daļa #3 turpinājums trešā"'),
    (["summary: Pirmā daļa # jāpārbauda", "  otrā daļa"], 0, "summary",
     DELETE + QUOTES + 'summary: "Pirmā daļa # jāpārbauda otrā daļa"'),
    (["summary: Īsi.", "tags:", "  - Rēzekne #1", "    novads"], 2, "tags",
     QUOTES + '- "Rēzekne #1 novads"'),
    (["summary: Īsi.", "events:", "  - title: Talka", "    description: Nāc #visi",
      "      kopā", "    start: 2026-12-03"], 3, "events[1].description",
     QUOTES + 'description: "Nāc #visi kopā"'),
])
def test_a_hash_inside_a_multi_line_value_is_named_at_its_line_with_the_value_in_quotes(
        tmp_path: Path, lines: list[str], at: int, field: str, fix: str) -> None:
    """A comment ends a plain value: the lines below no longer continue it and the header
    cannot be read; the parser's "did not find expected key — check the colon" named the
    next line and the wrong fix. As on one line, a `#` that reads as text is offered the
    quotes, one that looks like a comment its deletion first (`at`: the index in `lines` of
    the line with the `#`)."""
    [problem] = problems_for(tmp_path, article(*lines).replace("summary: Īsi.\n", "", 1))
    assert (problem.line, problem.field, problem.what_en, problem.fix) == (
        NEXT_LINE - 1 + at, field, CUT, fix)


COMMENT_LINE = ("a comment line inside a value: the value ends before it, and the lines below "
                "it do not continue it")


@pytest.mark.parametrize(("lines", "fix"), [
    (["summary: Pirmā daļa", "  # jāpārbauda", "  otrā daļa"],
     "izdzēs šo rindu (piezīmes redakcijai raksti laukā notes:) vai, lai to publicētu, "
     + QUOTES + 'summary: "Pirmā daļa # jāpārbauda otrā daļa"'),
    (["summary: Pirmā daļa", "  #3 otrā daļa", "  trešā"],
     QUOTES + 'summary: "Pirmā daļa #3 otrā daļa trešā"'),
])
def test_a_comment_line_inside_a_multi_line_value_is_named_at_its_line(
        tmp_path: Path, lines: list[str], fix: str) -> None:
    """QA s10: the fix only offered "delete this line or move it below the value", which
    deletes the editor's text (`#3 otrā daļa`)."""
    [problem] = problems_for(tmp_path, article(*lines).replace("summary: Īsi.\n", "", 1))
    assert (problem.line, problem.field, problem.value, problem.what_en, problem.fix) == (
        NEXT_LINE, "summary", lines[1].strip(), COMMENT_LINE, fix)


@pytest.mark.parametrize(("lines", "at", "field", "fix"), [
    (["summary: Pirmā daļa", "  otrā daļa", "  #3 trešā"], 2, "summary",
     'summary: "Pirmā daļa otrā daļa #3 trešā"'),
    (["summary: Pirmā daļa", "  otrā daļa", "  #3 trešā", "image_credit: Foto"], 2, "summary",
     'summary: "Pirmā daļa otrā daļa #3 trešā"'),
    (["summary: Pirmā daļa", "  #3 trešā"], 1, "summary", 'summary: "Pirmā daļa #3 trešā"'),
    (["summary: Īsi.", "tags:", "  - Rēzekne", "    #1 novads"], 3, "tags",
     '- "Rēzekne #1 novads"'),
    (["summary: Īsi.", "events:", "  - title: Talka", "    start: 2026-12-03",
      "    description: Nāc", "      visi", "      #kopā", "    location: Nams"], 6,
     "events[1].description", 'description: "Nāc visi #kopā"'),
])
def test_an_indented_hash_line_below_a_multi_line_value_is_the_same_error(
        tmp_path: Path, lines: list[str], at: int, field: str, fix: str) -> None:
    """QA s10: `#3 trešā`, indented as the value's last line, was dropped silently (YAML reads
    it as a comment): the same error as such a line inside the value."""
    [problem] = problems_for(tmp_path, article(*lines).replace("summary: Īsi.\n", "", 1))
    assert (problem.line, problem.field, problem.what_en, problem.fix, problem.severity) == (
        NEXT_LINE - 1 + at, field, COMMENT_LINE, QUOTES + fix, "error")


@pytest.mark.parametrize("lines", [
    ["tags:", "  - a", "  # - b"], ["events:", "  - title: Talka", "    # location: Nams",
                                   "    location: Tautas nams", "    start: 2026-12-03"],
    ["image_credit: Foto", "# image_alt: Foto"]])
def test_a_comment_line_not_indented_under_a_value_is_left_alone(
        tmp_path: Path, lines: list[str]) -> None:
    assert problems_for(tmp_path, article(*lines)) == []


def test_an_indented_comment_line_below_a_value_is_a_warning(tmp_path: Path) -> None:
    [problem] = problems_for(tmp_path, article().replace(
        "summary: Īsi.", "summary: Pirmā daļa\n  # jāpārbauda"))
    assert (problem.line, problem.severity, problem.what_en) == (6, "warning", COMMENT_LINE)
    assert problem.fix.startswith("izdzēs šo rindu (piezīmes redakcijai raksti laukā notes:)")


def test_notes_are_never_published_so_a_comment_in_them_is_none(tmp_path: Path) -> None:
    """QA s10: `notes: a # b` got "the text after '#' is not published — write it in notes:"."""
    assert problems_for(tmp_path, article("notes: a # b", "  #c")) == []


@pytest.mark.parametrize(("lines", "line", "field"), [
    (["events:", "  - title: Talka", "    start: 2026-12-03", "    price: 'a"], 3,
     "events[1].price"),
    (["events:", "- title: Talka", "  start: 2026-12-03", "  location: Nams", "- title: Tirgus",
      "  location: [#zāle]"], 5, "events[2].location"),
    (["events:", "  - title: Talka", "    location: \"Nams\" zāle"], 2, "events[1].location"),
])
def test_an_events_yaml_problem_names_its_field_as_other_event_messages(
        tmp_path: Path, lines: list[str], line: int, field: str) -> None:
    """QA s10: named `price:`/`location:` without the `events[N].` of other event messages."""
    [problem] = problems_for(tmp_path, article(*lines))
    assert (problem.line, problem.field) == (NEXT_LINE + line, field)


def test_text_after_a_closing_quote_offers_the_whole_value_in_quotes(tmp_path: Path) -> None:
    """QA s10: "did not find expected key — check the colon and quotes around ':' or '#'"."""
    [problem] = problems_for(tmp_path, article().replace("title: Raksts",
                                                         'title: "Sveiki" un "atā"'))
    assert problem.format() == (
        "raksts.md:2: title: aiz noslēdzošās pēdiņas vēl ir teksts: pēdiņām jāaptver visa "
        "vērtība (text after the closing quote: YAML quotes must enclose the whole value): "
        '"Sveiki" un "atā" — liec visu vērtību pēdiņās: title: \'"Sveiki" un "atā"\'; vai '
        "iekšā lieto pēdiņas „…”: title: „Sveiki” un „atā”")


def test_text_after_a_closing_single_quote_is_offered_double_quotes(tmp_path: Path) -> None:
    [problem] = problems_for(tmp_path, article("image_credit: 'Foto' Jānis"))
    assert (problem.line, problem.field) == (NEXT_LINE, "image_credit")
    assert problem.fix == QUOTES + "image_credit: \"'Foto' Jānis\""


@pytest.mark.parametrize(("line", "bracket", "fix"), [
    ("tags: [a, b]]", "]", "tags: [a, b]"), ("authors: [[Ilze], Jānis]]", "]",
                                              "authors: [[Ilze], Jānis]")])
def test_an_extra_closing_bracket_is_named_with_the_line_without_it(
        tmp_path: Path, line: str, bracket: str, fix: str) -> None:
    """QA s10: `tags: [a, b]]` got "check the colon and quotes"."""
    [problem] = problems_for(tmp_path, article(line))
    assert (problem.line, problem.what_en, problem.fix) == (
        NEXT_LINE, f"an extra '{bracket}': it closes nothing", f"izdzēs to: {fix}")


def test_an_unclosed_quote_is_named_where_it_opens(tmp_path: Path) -> None:
    """QA: reported at the next quoted value's line (6) with words about colons."""
    text = ('---\ntitle: "Sanāksme Ludzā\ndate: 2024-05-20\nregion: Latgale\nsummary: Īsi.\n'
            'image_credit: "Foto: Jānis"\n---\n\nTeksts.\n')
    [problem] = problems_for(tmp_path, text)
    assert problem.format() == (
        'raksts.md:2: title: pēdiņas " nav aizvērtas (the quote " is not closed) — aizver tās '
        'šīs rindas beigās: title: "Sanāksme Ludzā"')


@pytest.mark.parametrize(("field", "what_en", "fix"), [
    ("title: 'Jāņu nakts", "the quote ' is not closed", "title: 'Jāņu nakts'"),
    ("tags: [kopienas, pasākumi", "the '[' is not closed", "tags: [kopienas, pasākumi]"),
    ("gallery: {a: b", "the '{' is not closed", 'gallery: "{a: b"'),
])
def test_a_quote_or_bracket_never_closed_is_named_where_it_opens(
        tmp_path: Path, field: str, what_en: str, fix: str) -> None:
    text = article(field, "authors: [Ilze]")
    [problem] = problems_for(tmp_path, text)
    assert (problem.line, problem.what_en) == (NEXT_LINE, what_en)
    assert problem.fix.endswith(fix)


@pytest.mark.parametrize(("lines", "fix"), [
    (["tags: [a,", "  b"], "aizver to ar ] pēdējās vienumu rindas beigās: tags: [a, b] (rinda „b]”)"),
    (["tags: [a,", "  b,", "  # c", "  d"],
     "aizver to ar ] pēdējās vienumu rindas beigās: tags: [a, b, d] (rinda „d]”)"),
    (["image_credit: {a: b"], 'liec vērtību pēdiņās: image_credit: "{a: b"'),
    (["image_credit: [Foto Jānis"],
     'liec vērtību pēdiņās: image_credit: "[Foto Jānis"; vai izdzēs iekavu: image_credit: '
     "Foto Jānis"),
    (["tags: [a, [b]"], 'liec vienumus ar iekavām pēdiņās: tags: [a, "[b]"]'),
    (["tags: [a, [b"], 'liec vienumus ar iekavām pēdiņās: tags: [a, "[b"]'),
])
def test_an_unclosed_bracket_is_offered_a_fix_the_field_takes_keeping_every_item(
        tmp_path: Path, lines: list[str], fix: str) -> None:
    """QA s10: `tags: [a,` + `  b` was offered `tags: [a,]` (b lost); `image_credit: {a: b`
    `{a: b}` and `tags: [a, [b]` `[a, [b]]`, both then refused (no text, no list of names)."""
    [problem] = problems_for(tmp_path, article(*lines, "authors: [Ilze]"))
    assert (problem.line, problem.fix) == (NEXT_LINE, fix)


@pytest.mark.parametrize(("line", "written"), [
    ("slug: 2024", 'slug: "2024"'), ("slug: 0777", 'slug: "0777"'),
    ("slug: 2024-05-01", 'slug: "2024-05-01"'),
])
def test_a_slug_of_digits_is_one_error_quoting_the_editors_text(
        tmp_path: Path, line: str, written: str) -> None:
    """QA: `slug: 2024` got two contradictory errors; `slug: 0777` was told to write 511."""
    [problem] = problems_for(tmp_path, article(line))
    assert (problem.line, problem.field) == (NEXT_LINE, "slug")
    assert problem.fix.endswith(written) and "511" not in problem.format()


def test_a_text_field_yaml_reads_as_a_number_bool_or_date_quotes_the_text_as_written(
        tmp_path: Path) -> None:
    text = ("---\ntitle: 2024\ndate: 2024-05-20\nregion: 1.10\nsummary: yes\n"
            "image_alt: 2024-05-01\n---\n\nTeksts.\n")
    found = {p.field: p for p in problems_for(tmp_path, text)}
    assert {field: (p.line, p.value, p.fix.rpartition(": ")[0].rpartition(" ")[2])
            for field, p in found.items() if field != "image"} == {
        "title": (2, "2024", "title"), "region": (4, "1.10", "region"),
        "summary": (5, "yes", "summary"), "image_alt": (6, "2024-05-01", "image_alt")}
    assert found["region"].fix.endswith('region: "1.10"')  # not 1.1
    assert "true/false" in found["summary"].what_en and "a date" in found["image_alt"].what_en


def test_an_unknown_region_is_shown_as_written(tmp_path: Path) -> None:
    [problem] = problems_for(tmp_path, article().replace("region: Latgale", "region: 2.50"))
    assert (problem.what_en, problem.value) == ("unknown region", "2.50")


def test_words_yaml_reads_as_true_false_or_null_in_a_list_are_named_and_quoted(
        tmp_path: Path) -> None:
    """QA: "must be a list of names: [False, True, True, False]"."""
    found = problems_for(tmp_path, article("tags: [no, yes, on, off, kopienas]",
                                           "authors: [Null, ~]"))
    assert [(p.line, p.value) for p in found] == [
        (NEXT_LINE, "no, yes, on, off"), (NEXT_LINE + 1, "Null, ~")]
    assert found[0].fix.endswith('tags: ["no", "yes", "on", "off", kopienas]')
    assert found[1].fix.endswith('authors: ["Null", "~"]')


@pytest.mark.parametrize(("data", "what_en"), [
    (b"{\\rtf1\\ansi\\ansicpg1252\\cocoartf2709\n{\\fonttbl\\f0\\fswiss Helvetica;}\n"
     b"\\f0\\fs24 \\cf0 ---\\\ntitle: Raksts\\\n---\\\n}\n", "the file is RTF"),
    (b"PK\x03\x04\x14\x00\x06\x00" + bytes(range(256)), "the file is a zipped document"),
    (b'\xef\xbb\xbf\r\n<html xmlns:o="urn:schemas-microsoft-com:office:office">\r\n'
     b"<body><p>---</p></body></html>\r\n", "the file is a web page"),
])
def test_a_document_that_is_no_plain_text_is_one_problem_naming_its_format(
        tmp_path: Path, data: bytes, what_en: str) -> None:
    """QA: a TextEdit RTF saved as .md gave "no YAML front matter" and four unrelated errors."""
    file = tmp_path / "raksts.md"
    file.write_bytes(data)
    document, found = read_document(tmp_path, file)
    with registered(register):
        found += run_content_checks([document], {**SETTINGS, "PATH": str(tmp_path)})
    assert [(p.line, p.field) for p in found] == [(1, "format")]
    assert found[0].what_en.startswith(what_en)


def test_a_tab_after_the_colon_reads_as_a_space(tmp_path: Path) -> None:
    """The guide said it breaks the header: libyaml (both readers) takes it as a space."""
    text = article("tags:\t[kopienas]").replace("region: Latgale", "region:\tLatgale")
    assert problems_for(tmp_path, text) == []
    header = load_header(text.split("---\n")[1])
    assert header is not None and (header["region"], header["tags"]) == ("Latgale", ["kopienas"])


def test_a_block_list_item_starting_with_hash_is_one_problem_not_two(tmp_path: Path) -> None:
    """QA: `- #kopienas` got its own error and, at the line above, "tags: must be a list of
    names: [, b]" for what the comment left of the list."""
    found = problems_for(tmp_path, article("tags:", "  - #kopienas", "  - b"))
    assert [(problem.line, problem.field) for problem in found] == [(7, "tags")]
    assert "#kopienas" in found[0].format()


def test_every_field_yaml_cannot_read_is_named_in_one_check_with_the_rest_checked(
        tmp_path: Path) -> None:
    """Problems came in rounds: YAML stops at its first error, so the check named the unclosed
    quote, then (after the fix) the unclosed bracket, then the wrong date and the missing
    picture. Now one check names each field YAML cannot read, at its cause, and checks the
    fields it can and the body; of the fields it cannot read nothing more is said ("title is
    missing" would send the editor the wrong way)."""
    found = problems_for(tmp_path, "\n".join([
        "---", 'title: "Pārbaude', "date: 2024-13-01", "region: Kurzeme", "tags: [a, b",
        "authors: [Jānis", "summary: Īsi.", "---", "", "![](nav-bilde.jpg)", ""]))
    assert [(p.line, p.field) for p in sorted(found)] == [
        (2, "title"), (3, "date"), (4, "region"), (5, "tags"), (6, "authors"), (10, "alt"),
        (10, "image")]
    by_field = {p.field: p for p in found}
    assert 'title: "Pārbaude"' in by_field["title"].fix
    assert "tags: [a, b]" in by_field["tags"].fix and "authors: [Jānis]" in by_field["authors"].fix


def test_a_list_item_yaml_cannot_read_is_left_out_whole(tmp_path: Path) -> None:
    """An event list whose second item's indentation is broken is one problem at its line,
    named by that item (common/yamlrecovery.py: an item of a list of mappings is the unit,
    QA s11); the fields after it are still read (the unknown one named). (The event rules'
    side: tests/unit/test_check_rounds.py.)"""
    found = problems_for(tmp_path, article(
        "events:", "  - title: Koncerts", "    start: 2024-06-01", "    location: Nams",
        " - title: Otrs", "    start: 2024-06-02", "colour: zils"))
    assert [(p.line, p.field) for p in sorted(found)] == [
        (NEXT_LINE + 4, "events[2]"), (NEXT_LINE + 6, "colour")], [p.format() for p in found]


def test_a_list_of_names_yaml_cannot_read_is_left_out_whole(tmp_path: Path) -> None:
    """A list whose items are no mappings (`tags:`) is one field: left out whole."""
    found = problems_for(tmp_path, article("tags:", "  - 'Ludza", "  - Rēzekne", "colour: x"))
    assert [(p.line, p.field) for p in sorted(found)] == [
        (NEXT_LINE + 1, "tags"), (NEXT_LINE + 3, "colour")], [p.format() for p in found]


def test_a_header_whose_first_line_yaml_cannot_read_is_that_one_problem(tmp_path: Path) -> None:
    """Where what is left after the field YAML stopped at is still no list of fields (an
    indented list item before the first field), nothing more is read: the one problem of the
    whole front matter, as before."""
    found = problems_for(tmp_path, "---\n  - a\ntitle: X\n---\n\nTeksts.\n")
    assert [p.field for p in found] == ["front matter"], [p.format() for p in found]


#: Nested YAML aliases (a "billion laughs"): 9**6 items once expanded. QA: eight levels took a
#: content check's worker to 8.9 GB before it was stopped.
ALIAS_BOMB = ["a: &a [x, x, x, x, x, x, x, x, x]",
              *(f"{name}: &{name} [{', '.join([f'*{before}'] * 9)}]"
                for before, name in zip("abcde", "bcdef", strict=True)),
              "notes: [*f, *f, *f, *f, *f, *f, *f, *f, *f]"]


def test_yaml_aliases_are_refused_at_their_field_before_anything_expands_them(
        tmp_path: Path) -> None:
    found = problems_for(tmp_path, article(*ALIAS_BOMB))
    refused = [p for p in found if "anchors and aliases" in p.what_en]
    assert [(p.line, p.field) for p in refused] == [(NEXT_LINE + 1, "b")], \
        [p.format() for p in found]
    assert "bez & un *" in refused[0].fix


def test_a_merge_key_is_an_alias_too(tmp_path: Path) -> None:
    found = problems_for(tmp_path, article("notes: &n {a: 1}", "events:", "  - <<: *n"))
    assert [(p.line, p.field) for p in found if "aliases" in p.what_en] == [
        (NEXT_LINE + 2, "events[1]")]  # the alias's own line and item (QA re-test)


@pytest.mark.parametrize(("line", "fix"), [
    ("title: *Jauns* raksts", 'title: "*Jauns* raksts"'),
    ("image_credit: &foto Jānis", 'image_credit: "&foto Jānis"'),
    ("image_credit: & Co", 'image_credit: "& Co"')])
def test_a_value_beginning_with_star_or_ampersand_is_named_with_its_quotes(
        tmp_path: Path, line: str, fix: str) -> None:
    """YAML reads `*…` as an alias and `&…` as an anchor: `image_credit: &foto Jānis` was
    published as "Jānis" without a word, the others were "check the colon"."""
    found = problems_for(tmp_path, article(line))
    assert [(p.line, p.field) for p in found] == [(NEXT_LINE, line.split(":")[0])], \
        [p.format() for p in found]
    assert fix in found[0].fix and "alias or anchor" in found[0].what_en


OPENED = "---\ntitle: Raksts\ndate: 2024-05-20\nregion: Latgale\nsummary: Īsi.\n"


@pytest.mark.parametrize("rest", ["\nTeksts.\n", "Teksts uzreiz.\nOtrā rinda.\n", "",
                                  "\n## Starpvirsraksts\n\nTeksts.\n"])
def test_a_header_never_closed_is_named_after_its_last_field(tmp_path: Path, rest: str) -> None:
    """QA: a file starting with `---` and its fields, never closed, was told "no YAML front
    matter — start the file with a '---' line"."""
    [problem] = problems_for(tmp_path, OPENED + rest)
    assert problem.format().startswith(
        "raksts.md:5: front matter: galvene nav aizvērta: aiz šīs rindas trūkst rindas '---' "
        "(the front matter is not closed: a '---' line is missing after this line): summary: Īsi. — "
        "pievieno rindu '---' aiz 5. rindas"), problem.format()


def test_a_header_closed_by_a_rule_below_its_text_is_named_after_its_last_field(
        tmp_path: Path) -> None:
    """A `---` rule further down closed the header: YAML then stopped in the text between."""
    [problem] = problems_for(tmp_path, OPENED + "\nTeksts.\n\n---\n\nVēl teksts.\n")
    assert (problem.line, problem.field) == (5, "front matter")
    assert "not closed" in problem.what_en and "'---' 9. rindā" in problem.fix


@pytest.mark.parametrize(("closing", "words"), [
    ("----", "only a line '---' closes the front matter"),
    ("—", "only a line '---' closes the front matter"),
    ("---\u00a0", "this one also holds a no-break space, U+00A0 (column 4)")])
def test_a_closing_line_that_is_not_three_dashes_is_named(tmp_path: Path, closing: str,
                                                          words: str) -> None:
    [problem] = problems_for(tmp_path, OPENED + closing + "\n\nTeksts.\n")
    assert (problem.line, problem.field) == (6, "front matter")
    assert words in problem.what_en and "tieši trīs defises" in problem.fix


def test_a_json_header_is_named_with_its_fields_as_yaml(tmp_path: Path) -> None:
    """QA: a JSON header (Hugo's, Eleventy's) was "no YAML front matter", TOML had its own."""
    [problem] = problems_for(tmp_path, '{\n  "title": "Sanāksme",\n  "tags": ["a", "b"]\n}\n'
                                       "\nTeksts.\n")
    assert problem.format() == (
        "raksts.md:1: front matter: galvene ir JSON formātā, bet lasām tikai YAML (this is "
        "JSON front matter; only YAML is read) — raksti galveni starp rindām '---' (nevis '{' "
        "un '}') un katru lauku savā rindā kā 'lauks: vērtība', bez pēdiņām ap nosaukumu un "
        'komata beigās: "title": "Sanāksme", → title: Sanāksme; "tags": ["a", "b"], → '
        "tags: [a, b]")


@pytest.mark.parametrize(("line", "value"), [
    ("region: {a: b}", "{a: b}"), ("region: [Latgale, Sēlija]", "[Latgale, Sēlija]"),
    ("date: [2024-05-20, 2024-05-21]", "[2024-05-20, 2024-05-21]")])
def test_a_list_or_mapping_is_shown_as_written(tmp_path: Path, line: str, value: str) -> None:
    """QA: `region: {a: b}` was shown as Python's {'a': 'b'}."""
    text = article().replace(f"{line.split(':')[0]}: ", "replaced: ", 1).replace(
        "replaced: " + ("Latgale" if line.startswith("region") else "2024-05-20"), line)
    found = [p for p in problems_for(tmp_path, text) if p.field == line.split(":")[0]]
    assert [p.value for p in found] == [value], [p.format() for p in found]


def test_a_one_date_list_is_offered_the_date(tmp_path: Path) -> None:
    [problem] = problems_for(tmp_path, article().replace("date: 2024-05-20",
                                                         "date: [2024-05-20]"))
    assert (problem.value, problem.fix) == ("[2024-05-20]", "raksti date: 2024-05-20")


@pytest.mark.parametrize(("written", "fix"), [
    ("12.05.2026", "raksti date: 2026-05-12"), ("1. maijs 2026", "raksti date: 2026-05-01"),
    ("2026. gada 1. maijā", "raksti date: 2026-05-01"), ("2026-5-1", "raksti date: 2026-05-01"),
    ("2026-05-01 19.00", "raksti date: 2026-05-01 19:00"),
    ("05/06/2026", "raksti GGGG-MM-DD vai GGGG-MM-DD SS:MM")])
def test_a_date_written_otherwise_is_shown_rewritten_where_that_is_unambiguous(
        tmp_path: Path, written: str, fix: str) -> None:
    """QA: these said only "write YYYY-MM-DD"; a day and month either way round stays so."""
    [problem] = problems_for(tmp_path, article().replace("2024-05-20", written))
    assert (problem.field, problem.value, problem.fix) == ("date", written, fix)


@pytest.mark.parametrize(("line", "fix"), [
    ("permalink: /2024/05/sanaksme/", "raksti slug: sanaksme"),
    ("permalink: /:categories/:title/", "izdzēs rindu: adresi vietne veido no virsraksta"),
    ("layout: post", "izdzēs rindu: izskatu nosaka vietnes tēma")])
def test_fields_of_other_site_generators_say_what_this_site_does_instead(
        tmp_path: Path, line: str, fix: str) -> None:
    """QA: Jekyll's `permalink:` got the generic "unknown field" and a list of every field."""
    [problem] = problems_for(tmp_path, article(line))
    assert problem.field == line.split(":")[0] and "field of other tools" in problem.what_en
    assert fix in problem.fix and "zināmie lauki" not in problem.fix


def test_a_closing_line_of_four_dashes_above_a_later_rule_is_named(tmp_path: Path) -> None:
    [problem] = problems_for(tmp_path, OPENED + "----\n\nTeksts.\n\n---\n\nVēl.\n")
    assert (problem.line, problem.field) == (6, "front matter"), problem.format()
    assert "only a line '---' closes the front matter" in problem.what_en


def test_a_text_beginning_with_a_brace_that_is_no_json_has_no_header(tmp_path: Path) -> None:
    [problem] = problems_for(tmp_path, "{% include x %}\n\nTeksts.\n")
    assert problem.what_en == "no YAML front matter"


def test_every_field_unreadable_on_lines_next_to_each_other_is_named_in_one_check(
        tmp_path: Path) -> None:
    """QA re-test: a quote left open on every line (each next quote "closes" the one before)
    was named one line per run: with no field left to read, only YAML's first error was."""
    found = problems_for(tmp_path, "\n".join([
        "---", 'title: "Tikai virsraksts', 'date: "2026-11-20', 'region: "Latgale',
        "summary: {a: b", 'image: "atteli/x.jpg', 'status: "draft', "---", "", "Teksts.", ""]))
    assert [(p.line, p.field) for p in sorted(found)] == [
        (2, "title"), (3, "date"), (4, "region"), (5, "summary"), (6, "image"), (7, "status")]


@pytest.mark.parametrize(("line", "fixed"), [
    ('tags: [kopienas, "bibliotēkas]', 'tags: [kopienas, "bibliotēkas"]'),
    ('events: [{title: A, start: 2026-12-01}, {title: "B, start: 2026-12-02}]',
     'events: [{title: A, start: 2026-12-01}, {title: "B", start: 2026-12-02}]')])
def test_a_quote_left_open_inside_brackets_is_closed_at_its_item_in_the_fix(
        tmp_path: Path, line: str, fixed: str) -> None:
    """QA re-test: `tags: [kopienas, "bibliotēkas]` was offered `…bibliotēkas]"`; followed, the
    next check offered `…]"]`, which made a tag `bibliotēkas]`."""
    [problem] = [p for p in problems_for(tmp_path, article(line)) if "not closed" in p.what_en]
    assert problem.fix.endswith(fixed)
    assert not [p for p in problems_for(tmp_path, article(fixed)) if p.severity == "error"
                and p.field in ("tags", "front matter")]


def test_an_anchor_over_a_value_on_the_lines_below_is_to_be_deleted_not_quoted(
        tmp_path: Path) -> None:
    """QA re-test: `tags: &t` over its list was offered `tags: "&t"`, which breaks the file."""
    found = problems_for(tmp_path, article("tags: &t", "  - kopienas", "  - bibliotēkas"))
    [problem] = [p for p in found if "alias or anchor" in p.what_en]
    assert (problem.line, problem.field) == (NEXT_LINE, "tags")
    assert problem.fix.startswith("izdzēs &t")


def test_json_pairs_between_the_dashes_are_named_by_their_commas(tmp_path: Path) -> None:
    """QA re-test: `"title": "JSON 3",` on each line got "check the colon", one per run."""
    found = problems_for(tmp_path, '---\n"title": "JSON 3",\n"date": "2024-05-20",\n'
                                   '"region": "Latgale"\n---\n\nTeksts.\n')
    commas = sorted(p for p in found if "as in JSON" in p.what_en)
    assert [(p.line, p.field) for p in commas] == [(2, "title"), (3, "date")], \
        [p.format() for p in found]
    assert commas[0].fix.endswith('title: "JSON 3"')
    assert not [p for p in found if "could not be read" in p.what_en]
