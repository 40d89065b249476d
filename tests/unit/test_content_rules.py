"""The content check: each broken field gives one problem naming the file, line and field."""

from pathlib import Path

import pytest

from kopienu_zinas.common.problems import ContentProblem
from kopienu_zinas.site import register
from tests.signals import registered
from tests.sitebuild import problems_in_file

SETTINGS = {"REGIONS": ["Sēlija", "Latgale", "Rēzekne"], "BUILD_DATE": "2026-11-23"}
GOOD = """---
title: Labs raksts
date: 2024-05-21
region: Latgale
tags: [kopienas]
summary: Īss kopsavilkums.
---
Teksts.
"""


def problems_for(tmp_path: Path, text: str, name: str = "raksts.md") -> list[ContentProblem]:
    with registered(register):
        return problems_in_file(tmp_path, name, text, SETTINGS)


def test_a_good_article_has_no_problems(tmp_path: Path) -> None:
    assert problems_for(tmp_path, GOOD) == []


def assert_only_problem(found: list, field: str | None, line: int | None,
                        words: str | None) -> None:
    """No problem when `field` is None, else exactly one, at raksts.md's `line`, naming `words`."""
    if field is None:
        assert found == []
        return
    assert [(p.path, p.field, p.line) for p in found] == [("raksts.md", field, line)]
    assert words in found[0].format()


@pytest.mark.parametrize(
    ("old", "new", "field", "line", "words"),
    [
        ("title: Labs raksts", "title: ''", "title", 2, "title is missing"),
        ("title: Labs raksts\n", "", "title", 1, "title is missing"),
        ("date: 2024-05-21", "date: 2024-13-01", "date", 3, "date could not be read"),
        ("date: 2024-05-21", "date: 21.05.2024", "date", 3, "date could not be read"),
        # Built 2026-11-23 00:00: a date up to a year ahead is scheduled, not an error.
        ("date: 2024-05-21", "date: 2026-12-22", None, None, None),
        ("date: 2024-05-21", "date: 2027-11-23", None, None, None),
        ("date: 2024-05-21", "date: 2027-11-23 00:01", "date", 3, "more than a year ahead"),
        ("date: 2024-05-21", "date: 2031-01-01", "date", 3, "more than a year ahead"),
        ("date: 2024-05-21", "date: 2024-05-21\nmodified: 2026-11-22 10:00", None, None, None),
        ("date: 2024-05-21", "date: 2024-05-21\nmodified: 2026-11-23 00:01", "modified", 4,
         "modified lies after the build"),
        ("date: 2024-05-21", "date: 2026-12-22\nmodified: 2026-12-23", None, None, None),
        ("date: 2024-05-21", "date: 2024-05-21\nmodified: vakar", "modified", 4,
         "date could not be read"),
        ("region: Latgale", "region: Kurzeme", "region", 4, "unknown region"),
        ("tags: [kopienas]", "tags: kopienas, bibliotēkas", "tags", 5, "list"),
        ("tags: [kopienas]", "tags: [kopienas]\ntitle_extra: x", "title_extra", 6,
         "(unknown field): title_extra — izlabo nosaukumu: vai domāts 'title:'?"),
        ("summary: Īss kopsavilkums.", "summary: " + "ļoti " * 80, "summary", 6, "too long"),
        ("summary: Īss kopsavilkums.", "summary: [a, b]", "summary", 6, "must be text"),
    ],
)
def test_each_broken_field_is_reported(tmp_path: Path, old: str, new: str, field: str | None,
                                       line: int | None, words: str | None) -> None:
    assert_only_problem(problems_for(tmp_path, GOOD.replace(old, new)), field, line, words)


def test_yaml_syntax_error_names_the_line(tmp_path: Path) -> None:
    found = problems_for(tmp_path, GOOD.replace("region: Latgale", "region: [Latgale"))
    assert len(found) == 1
    assert (found[0].line, found[0].field, found[0].what_en) == (4, "region",
                                                                   "the '[' is not closed")
    assert found[0].fix.endswith("vai izdzēs iekavu: region: Latgale")  # a text, no list


def test_message_format_is_path_line_field_what_fix(tmp_path: Path) -> None:
    [problem] = problems_for(tmp_path, GOOD.replace("date: 2024-05-21", "date: 2024-13-01"))
    assert problem.format() == (
        "raksts.md:3: date: datums nav saprotams (date could not be read): 2024-13-01"
        " — raksti GGGG-MM-DD vai GGGG-MM-DD SS:MM")


def test_pages_need_only_a_title(tmp_path: Path) -> None:
    assert problems_for(tmp_path, "---\ntitle: Par mums\n---\nTeksts\n", "pages/par-mums.md") == []
    [problem] = problems_for(tmp_path, "---\nslug: x\n---\nTeksts\n", "pages/x.md")
    assert (problem.path, problem.field) == ("pages/x.md", "title")


@pytest.mark.parametrize(("old", "new", "field", "line", "words"), [
    ("date: 2024-05-21", "date: 0001-01-01", "date", 3, "date is before 1900"),
    ("date: 2024-05-21", "date: 1899-12-31 23:59", "date", 3, "date is before 1900"),
    ("date: 2024-05-21", "date: 1900-01-01", None, None, None),
    ("title: Labs raksts", "title: no", "title", 2,
     "(must be text, but YAML reads it as true/false): no — liec to pēdiņās: title: \"no\""),
    ("title: Labs raksts", "title: Labs raksts\ntranslation: true", "translation", 3,
     "(translation must be quoted text): true —"),
    ("title: Labs raksts", "title: Labs raksts\nslug: Ļoti Dīvaina Adrese", "slug", 3,
     "— raksti 'slug: loti-divaina-adrese'"),
    ("title: Labs raksts", "title: Labs raksts\nslug: labs--raksts", "slug", 3, "lowercase"),
    ("title: Labs raksts", "title: Labs raksts\nslug: labs-raksts-2", None, None, None),
])
def test_typos_in_dates_slugs_and_types_are_named(tmp_path: Path, old: str, new: str,
                                                  field: str | None, line: int | None,
                                                  words: str | None) -> None:
    assert_only_problem(problems_for(tmp_path, GOOD.replace(old, new)), field, line, words)


def test_a_page_dated_before_1900_is_named(tmp_path: Path) -> None:
    [problem] = problems_for(tmp_path, "---\ntitle: Vēsture\ndate: 0202-05-01\n---\nTeksts\n",
                             "pages/vesture.md")
    assert (problem.path, problem.line, problem.field) == ("pages/vesture.md", 3, "date")


@pytest.mark.parametrize(("header", "line", "address"), [
    ("title: Kalendārs", 2, "/kalendars/"),     # the events plugin's CALENDAR_URL default
    ("title: Meklēt", 2, "/meklet/"),           # the search plugin's page
    ("title: Izdevums", 2, "/izdevums/"),       # the newsletter's path
    ("title: Galerijas", 2, "/galerijas/"),     # the galleries' url
    ("title: Reģioni", 2, "/regioni/"),         # CATEGORIES_URL
    ("title: Tēmas", 2, "/temas/"),             # TAG_URL
    ("title: Mūsu arhīvs\nslug: arhivs", 3, "/arhivs/"),  # ARCHIVES_URL
])
def test_a_page_taking_a_sections_address_is_named_with_the_fix(
        tmp_path: Path, header: str, line: int, address: str) -> None:
    from pelican.settings import DEFAULT_CONFIG

    pelican_urls = {"CATEGORIES_URL": "regioni/", "TAG_URL": "temas/{slug}/",
                    "ARCHIVES_URL": "arhivs/", "PAGE_URL": "{slug}/",
                    "STATIC_URL": DEFAULT_CONFIG["STATIC_URL"]}
    with registered(register):
        found = problems_in_file(tmp_path, "pages/p.md", f"---\n{header}\n---\nTeksts\n",
                                 {**SETTINGS, **pelican_urls})
    assert [(p.path, p.line, p.value) for p in found] == [("pages/p.md", line, address)]
    assert "slug: cits-nosaukums" in found[0].fix


def test_a_page_with_its_own_address_is_not_reserved(tmp_path: Path) -> None:
    assert problems_for(tmp_path, "---\ntitle: Kalendārs\nslug: musu-kalendars\n---\nT\n",
                        "pages/p.md") == []


def test_an_english_page_may_use_a_section_word_as_its_address(tmp_path: Path) -> None:
    assert problems_for(tmp_path, "---\ntitle: Kalendars\nlang: en\n---\nT\n", "pages/p.md") == []


def test_of_a_key_written_twice_the_message_echoes_the_value_yaml_keeps(tmp_path: Path) -> None:
    found = problems_for(tmp_path, GOOD.replace("date: 2024-05-21",
                                                "date: 2024-05-21\ndate: 0001-01-01"))
    assert sorted((p.line, p.field, p.value) for p in found) == [
        (4, "date", "0001-01-01"), (4, "date", "date")]


@pytest.mark.parametrize(("new", "name", "words"), [
    # a misspelt or invented `status:` would publish a draft
    ("stauts: draft", "stauts", "unknown field): stauts — izlabo nosaukumu: vai domāts 'status:'?"),
    ("draft: true", "draft", "unknown field): draft — lai nepublicētu, raksti 'status: draft'"),
    ("published: false", "published", "— lai nepublicētu, raksti 'status: draft'"),
    ("hidden: yes", "hidden", "— lai nepublicētu, raksti 'status: draft'"),
    ("imgae: atteli/x.jpg", "imgae", "— izlabo nosaukumu: vai domāts 'image:'?"),
    ("Status: draft", "Status", "(field names are lower case): Status — raksti 'status:'"),
    ("category: Kultūra", "category", "— izlabo nosaukumu: vai domāts 'region:'?"),
    ("tēmas: [kopienas]", "tēmas", "— izlabo nosaukumu: vai domāts 'tags:'?"),
    ("krāsa: zila", "krāsa", "— izlabo nosaukumu vai izdzēs rindu; zināmie lauki: author, "
                            "authors, date, events, gallery, image, image_alt, image_credit, lang"),
])
def test_a_field_nothing_reads_is_named_with_what_was_meant(tmp_path: Path, new: str, name: str,
                                                            words: str) -> None:
    text = GOOD.replace("summary:", f"{new}\nsummary:")
    assert_only_problem(problems_for(tmp_path, text), name, 6, words)


@pytest.mark.parametrize(("written", "line"), [
    ("Title: Labs raksts", 2), ("DATE: 2024-05-21", 3), ("Region: Latgale", 4),
    ("Summary: Īss kopsavilkums.", 6)])
def test_a_required_field_written_capitalised_is_one_problem_saying_lower_case(
        tmp_path: Path, written: str, line: int) -> None:
    """Pelican reads `Title:` as the title: the only fault is the case, never "missing"."""
    name, _colon, value = written.partition(":")
    text = GOOD.replace(f"{name.lower()}:{value}", written)
    assert_only_problem(problems_for(tmp_path, text), name, line,
                        f"{name}: lauka nosaukumu raksta ar mazajiem burtiem (field names are "
                        f"lower case): {name} — raksti '{name.lower()}:'")


def test_a_capitalised_field_s_value_is_checked_as_pelican_reads_it(tmp_path: Path) -> None:
    found = problems_for(tmp_path, GOOD.replace("date: 2024-05-21", "Date: 21.05.2024"))
    assert sorted((p.line, p.field, p.what_en) for p in found) == [
        (3, "Date", "field names are lower case"), (3, "date", "date could not be read")]


@pytest.mark.parametrize(("path", "header", "words"), [
    ("pages/p.md", "title: Par mums\ntags: [a]", "tags: lapas šo lauku nelieto (pages do not use "
                                                 "this field): tags — izdzēs šo rindu"),
    ("pages/p.md", "title: Par mums\ndraft: true", "— lai nepublicētu, raksti 'status: draft'"),
    ("newsletter/2024-05.md", "title: Maijs\nstatus: draft",
     "(newsletter introductions do not use this field): status — izdevuma ievadi nevar būt "
     "melnraksti"),
    ("newsletter/2024-05.md", "title: Maijs\nsumary: Īsi.", "vai domāts 'summary:'?"),
])
def test_pages_and_introductions_have_their_own_fields(tmp_path: Path, path: str, header: str,
                                                       words: str) -> None:
    [problem] = problems_for(tmp_path, f"---\n{header}\n---\nTeksts\n", path)
    assert (problem.path, problem.line) == (path, 3)
    assert words in problem.format()


def test_every_field_the_site_documents_and_writes_is_known(tmp_path: Path) -> None:
    fields = ("modified: 2024-05-22\ntags: [a]\nauthors: [A]\nauthor: B\nimage: atteli/x.jpg\n"
              "image_alt: X\nimage_credit: Y\nevents: []\ngallery: g\nstatus: draft\nlang: lv\n"
              "slug: labs\ntranslation: 'false'\ntemplate: article\nnotes: Piezīme\n")
    found = problems_for(tmp_path, GOOD.replace("summary:", fields + "summary:"))
    assert [p for p in found if p.what_en in ("unknown field", "field names are lower case")] == []
    assert problems_for(tmp_path, "---\ntitle: Abonēt\nslug: abonet\nsummary: S\ntemplate: "
                                  "subscribe\nnotes: N\n---\nT\n", "pages/abonet.md") == []
    assert problems_for(tmp_path, "---\ntitle: Maijs\nsummary: S\nauthors: [Redakcija]\n"
                                  "notes: N\n---\nT\n", "newsletter/2024-05.md") == []


@pytest.mark.parametrize(("old", "new", "field", "line", "words"), [
    # Riga's clock changes: 2026-03-29 03:00–04:00 does not exist, 2026-10-25 03:00–04:00 twice
    ("date: 2024-05-21", "date: 2026-03-29 03:30", "date", 3,
     "(this local time does not exist in Riga (clock change)): 2026-03-29 03:30 — "),
    ("date: 2024-05-21", "date: 2026-10-25T03:30", "date", 3,
     "(this local time happens twice in Riga (clock change)): 2026-10-25T03:30 — "),
    ("date: 2024-05-21", "date: 2024-05-21\nmodified: 2026-03-29 03:00", "modified", 4,
     "does not exist in Riga"),
    ("date: 2024-05-21", "date: 2024-05-21\nmodified: 2026-10-25 03:59:59", "modified", 4,
     "happens twice in Riga"),
    ("date: 2024-05-21", "date: 2026-03-29 02:59", None, None, None),
    ("date: 2024-05-21", "date: 2026-10-25 04:00", None, None, None),
    # the guide's forms, and the other ISO forms tools write (Pelican reads them alike)
    ("date: 2024-05-21", "date: 2026-03-05T10:00", None, None, None),
    ("date: 2024-05-21", "date: 2026-03-05 10:00:00", None, None, None),
    ("date: 2024-05-21", "date: 2026-03-05T10:00:00", None, None, None),
    ("date: 2024-05-21", "date: 2026-03-05T10:00:00+02:00", "date", 3,
        "write no time zone: times are Riga time): 2026-03-05T10:00:00+02:00 — izdzēs '+02:00' "
        "un raksti laiku pēc Rīgas pulksteņa: 2026-03-05 10:00"),
])
def test_dates_at_a_clock_change_are_refused_and_iso_forms_read(
        tmp_path: Path, old: str, new: str, field: str | None, line: int | None,
        words: str | None) -> None:
    assert_only_problem(problems_for(tmp_path, GOOD.replace(old, new)), field, line, words)


def test_a_pages_dates_are_checked_like_an_articles(tmp_path: Path) -> None:
    found = problems_for(tmp_path, "---\ntitle: Par\ndate: 2026-03-29 03:15\nmodified: "
                                   "2026-10-25 03:15\n---\nT\n", "pages/par.md")
    assert [(p.line, p.field, p.what_en) for p in found] == [
        (3, "date", "this local time does not exist in Riga (clock change)"),
        (4, "modified", "this local time happens twice in Riga (clock change)")]


NBSP, TAB = "\u00a0", "\t"
EVENT = "events:\n  - title: Talka\n    start: 2026-12-03\n    location: Bibliotēka\n"


@pytest.mark.parametrize(("old", "new", "field", "line", "words"), [
    ("title: Labs", f"title:{NBSP}Labs", "title", 2,
     "title: rindā ir nedalāmā atstarpe U+00A0, ko YAML neuzskata par atstarpi (a no-break "
     "space, U+00A0, that YAML does not read as a space): kolonna 7 — aizstāj to ar parastu "
     "atstarpi"),
    ("date: 2024", f"date:{NBSP}2024", "date", 3, "no-break space, U+00A0"),
    ("summary: Īss", f"summary:{NBSP}Īss", "summary", 6, "no-break space, U+00A0"),  # the last
    ("tags:", f"tags{NBSP}:", "tags", 5, "): kolonna 5 —"),
    ("region: Latgale", f"region: Latgale\n{EVENT.replace('    start', TAB + 'start')}", "start",
     7, "start: atkāpē ir tabulācija (a tab in the indentation: YAML indents with spaces only): "
        "kolonna 1 — aizstāj tabulāciju ar atstarpēm"),
    ("region: Latgale", f"region: Latgale\n{EVENT.replace('  - title', f'  -{TAB}title')}",
     "title", 6, "(a tab in the indentation"),
    # parsed, but as a field of the header named "    start" (with no-break spaces)
    ("region: Latgale", f"region: Latgale\n{EVENT.replace('    start', NBSP * 4 + 'start')}",
     "start", 7, "no-break space, U+00A0, that YAML does not read as a space): kolonna 1"),
    ("region:", "\u200bregion:", "region", 4, "zero width space, U+200B"),
])
def test_invisible_spaces_and_tabs_in_yaml_are_named_at_their_line(
        tmp_path: Path, old: str, new: str, field: str, line: int, words: str) -> None:
    found = problems_for(tmp_path, GOOD.replace(old, new))
    layout = [p for p in found if "U+" in p.what_en or "tab" in p.what_en]
    assert [(p.path, p.line, p.field) for p in layout] == [("raksts.md", line, field)]
    assert words in layout[0].format()
    assert not any("mapping values" in p.what_en or "colon" in p.fix for p in found)


def test_a_no_break_space_inside_a_value_is_text(tmp_path: Path) -> None:
    text = GOOD.replace("Īss kopsavilkums.", f"16.{NBSP}maijā tikšanās.").replace(
        "title: Labs raksts", f'title: "Labs:{NBSP}raksts"')
    assert problems_for(tmp_path, text) == []


@pytest.mark.parametrize(("before", "name"), [
    ("\u200b", "nulles platuma atstarpe U+200B"),
    ("\ufeff\ufeff", "neredzamā zīme BOM U+FEFF"),  # the encoding's BOM, then one more
    ("\u2060", "vārdu savienotājs U+2060"),
    ("\u200e", "virziena zīme LRM U+200E"),
])
def test_an_invisible_character_before_the_first_dashes_is_named_at_line_1_column_1(
        tmp_path: Path, before: str, name: str) -> None:
    [problem] = problems_for(tmp_path, before + GOOD)
    assert (problem.line, problem.field, problem.value) == (1, "front matter", "kolonna 1")
    assert f"rindā ir {name}" in problem.what_lv
    assert problem.fix.startswith("izdzēs to")
    assert "no YAML front matter" not in problem.format()


def test_a_toml_header_is_named_as_toml_with_how_to_write_yaml(tmp_path: Path) -> None:
    toml = '+++\ntitle = "Labs raksts"\ndate = 2024-05-21\n+++\nTeksts.\n'
    [problem] = problems_for(tmp_path, toml)
    assert (problem.line, problem.field) == (1, "front matter")
    assert "TOML" in problem.what_en and "Hugo" in problem.what_en
    assert "'---'" in problem.fix and "title: Virsraksts" in problem.fix


SMART = "title: “QA B11: gudrās pēdiņas”"


def test_typographic_quotes_in_a_line_yaml_cannot_read_are_named_with_the_line_to_write(
        tmp_path: Path) -> None:
    [problem] = problems_for(tmp_path, GOOD.replace("title: Labs raksts", SMART))
    assert (problem.line, problem.field) == (2, "title")
    assert "typographic quotes “ ” are not quotes to YAML" in problem.what_en
    fixed = 'title: "“QA B11: gudrās pēdiņas”"'
    assert fixed in problem.fix
    assert problems_for(tmp_path, GOOD.replace("title: Labs raksts", fixed)) == []


@pytest.mark.parametrize("title", ["title: „Grāmata“ par X", "title: Saruna par „Grāmatu“",
                                   "title: «Grāmata»"])
def test_latvian_typographic_quotes_without_a_colon_are_text(tmp_path: Path, title: str) -> None:
    assert problems_for(tmp_path, GOOD.replace("title: Labs raksts", title)) == []


def test_a_syntax_error_without_typographic_quotes_keeps_the_parsers_words(
        tmp_path: Path) -> None:
    [problem] = problems_for(tmp_path, GOOD.replace("title: Labs raksts", "title: a: b"))
    assert "mapping values are not allowed" in problem.what_en


def scheduled_and_problems(tmp_path: Path, date: str) -> tuple[list, list]:
    """(the notices `make check` prints, the problems) of GOOD dated `date`."""
    from kopienu_zinas.common.frontmatter import read_document
    from kopienu_zinas.site.schedule import scheduled_notices

    text = GOOD.replace("2024-05-21", date)
    found = problems_for(tmp_path, text)
    document, _ = read_document(tmp_path, tmp_path / "raksts.md")
    return list(scheduled_notices([document], SETTINGS)), found


def test_a_date_more_than_a_year_ahead_is_one_error_and_not_also_scheduled(
        tmp_path: Path) -> None:
    notices, [problem] = scheduled_and_problems(tmp_path, "2099-01-01")
    assert notices == []
    assert problem.what_en == "date is more than a year ahead"
    notices, found = scheduled_and_problems(tmp_path, "2026-12-22")
    assert found == [] and [n.what_en for n in notices] == ["scheduled article"]


@pytest.mark.parametrize(("written", "riga"), [
    ("2026-11-01T10:00:00+02:00", "izdzēs '+02:00' un raksti laiku pēc Rīgas pulksteņa: "
                                  "2026-11-01 10:00"),
    ("2026-11-01T10:00:00Z", "izdzēs 'Z' un raksti laiku pēc Rīgas pulksteņa: 2026-11-01 12:00"),
    ("2026-07-01 10:00-04:00", "izdzēs '-04:00' un raksti laiku pēc Rīgas pulksteņa: "
                               "2026-07-01 17:00"),
])
def test_a_date_with_a_time_zone_says_to_write_riga_time(tmp_path: Path, written: str,
                                                         riga: str) -> None:
    for field, line in (("date", 3), ("modified", 4)):
        text = GOOD.replace("date: 2024-05-21", f"date: {written}") if field == "date" else \
            GOOD.replace("date: 2024-05-21", f"date: 2024-05-21\nmodified: {written}")
        [problem] = problems_for(tmp_path, text)
        assert (problem.line, problem.field, problem.value) == (line, field, written)
        assert problem.what_en == "write no time zone: times are Riga time"
        assert problem.fix == riga


def test_text_values_are_read_in_nfc_whatever_form_the_file_has(tmp_path: Path) -> None:
    import unicodedata

    from kopienu_zinas.common.frontmatter import read_document

    decomposed = unicodedata.normalize("NFD", GOOD.replace("Labs raksts", "Ēkas Ārpusē")
                                       .replace("tags: [kopienas]", "tags: [Ēkas]"))
    assert problems_for(tmp_path, decomposed) == []
    document, _ = read_document(tmp_path, tmp_path / "raksts.md")
    assert document.metadata["title"] == "Ēkas Ārpusē" == unicodedata.normalize("NFC",
                                                                                "Ēkas Ārpusē")
    assert document.metadata["tags"] == ["Ēkas"]
    assert document.metadata["summary"] == "Īss kopsavilkums."


ZWSP = "\u200b"


@pytest.mark.parametrize(("old", "new", "line", "field", "words"), [
    ("summary: Īss", f"summary: {ZWSP}Īss", 6, "summary",
     "neredzama zīme: nulles platuma atstarpe U+200B (an invisible zero width space, U+200B, "
     "would be published with the text): kolonna 10 — izdzēs to"),
    ("title: Labs raksts", "title: Labs\ufeff raksts", 2, "title", "BOM U+FEFF"),
    ("title: Labs raksts", "title: Labs\u2060raksts", 2, "title", "word joiner, U+2060"),
    ("title: Labs raksts", "title: \u200fLabs raksts", 2, "title", "right-to-left mark"),
    ("title: Labs raksts", "title: Lab\u200ds raksts", 2, "title", "zero width joiner"),
    ("Teksts.", f"Teksts{ZWSP}.{ZWSP}", 8, "text", "with the text): kolonna 7, 9 —"),
    ("region: Latgale", f"region: Latgale\n{EVENT.replace('Talka', 'Tal' + ZWSP + 'ka')}", 6,
     "title", "zero width space"),
])
def test_an_invisible_character_in_a_value_or_the_text_is_a_warning_at_its_column(
        tmp_path: Path, old: str, new: str, line: int, field: str, words: str) -> None:
    [problem] = problems_for(tmp_path, GOOD.replace(old, new))
    assert (problem.line, problem.field, problem.severity) == (line, field, "warning")
    assert words in problem.format()


@pytest.mark.parametrize(("old", "new"), [
    ("title: Labs raksts", "title: Lauksaimniece 👩\u200d🌾"),        # an emoji sequence
    ("title: Labs raksts", "title: Labs 👍🏽\u200d raksts"),           # after a skin tone
    ("Teksts.", "Ļoti gar\u00adš vārds, 👨\u200d👩\u200d👧 ģimene."),  # a soft hyphen, emoji
    ("Teksts.", "Auf\u200clage"),                                   # a non-joiner, on purpose
    ("summary: Īss", "# piezīme ar \u200b\nsummary: Īss"),           # a comment is not published
])
def test_joiners_in_emoji_soft_hyphens_and_comments_are_left_alone(tmp_path: Path, old: str,
                                                                   new: str) -> None:
    assert problems_for(tmp_path, GOOD.replace(old, new)) == []


def test_an_invisible_character_in_a_field_name_stays_an_error(tmp_path: Path) -> None:
    found = problems_for(tmp_path, GOOD.replace("region:", "re\u200dgion:"))
    [problem] = [p for p in found if "U+" in p.what_en]  # and "region is missing"
    assert (problem.line, problem.field, problem.severity) == (4, "region", "error")
    assert "zero width joiner, U+200D, that YAML does not read as a space" in problem.what_en


def test_a_warning_is_logged_as_a_warning(caplog: pytest.LogCaptureFixture) -> None:
    import logging

    from kopienu_zinas.common.problems import log_problem

    problem = ContentProblem("a.md", 2, "title", "x", "x", "x", severity="warning")
    with caplog.at_level(logging.INFO):
        log_problem(problem)
        log_problem(ContentProblem("a.md", 2, "title", "x", "x", "x"))
    assert [r.levelno for r in caplog.records] == [logging.WARNING, logging.ERROR]


def test_an_invisible_line_before_the_header_is_named_where_it_is(tmp_path: Path) -> None:
    [problem] = problems_for(tmp_path, "\n\u200b\n" + GOOD)
    assert (problem.line, problem.value) == (2, "kolonna 1")
    assert "zero width space, U+200B" in problem.what_en


def test_a_newsletter_introduction_s_date_with_a_zone_gets_the_same_message(
        tmp_path: Path) -> None:
    from kopienu_zinas.newsletter import register as newsletter

    with registered(register), registered(newsletter):
        found = problems_in_file(tmp_path, "newsletter/2026-10.md",
                                 "---\ntitle: Oktobris\ndate: 2026-10-01T08:00:00Z\n---\nTeksts\n",
                                 SETTINGS)
    assert [(p.line, p.field, p.what_en, p.fix) for p in found] == [
        (3, "date", "write no time zone: times are Riga time",
         "izdzēs 'Z' un raksti laiku pēc Rīgas pulksteņa: 2026-10-01 11:00")]


COMMENTED = {
    "link": "[vecs]({filename}nav-tada.md)",
    "picture": "![x]({static}slikts.jpg)",
    "raw HTML": '<script src="https://cits.example/x.js"></script>',
    "embedded picture": "![x](data:image/png;base64,AAAA)",
    "sample text": "Šeit raksti raksta tekstu. Tukša rinda sāk jaunu rindkopu.",
    "invisible": "vārds\u00adar\u200bzīmēm",
}


@pytest.mark.parametrize("what", list(COMMENTED))
@pytest.mark.parametrize("form", ["inline", "lines"])
def test_nothing_commented_out_is_checked_and_lines_after_stay_right(
        tmp_path: Path, what: str, form: str) -> None:
    """Comments are not published (common/nocomments.py): what is in one is no problem for any
    rule that reads the body, and a problem after it is still named at its own line."""
    from kopienu_zinas import images

    (tmp_path / "slikts.jpg").write_text("nav attēls", encoding="utf-8")
    commented = (f"Teksts <!-- {COMMENTED[what]} --> beigas.\n" if form == "inline"
                 else f"<!--\nVecais:\n\n{COMMENTED[what]}\n-->\n")
    text = GOOD.replace("Teksts.\n", f"{commented}\n[salauzta]({{filename}}nav.md)\n")
    with registered(register, images.register):
        found = problems_in_file(tmp_path, "raksts.md", text, SETTINGS)
    line = text.splitlines().index("[salauzta]({filename}nav.md)") + 1
    assert [(p.path, p.line, p.field, p.value) for p in found
            if p.field != "file"] == [("raksts.md", line, "link", "{filename}nav.md")]


def test_a_comment_marker_shown_as_code_hides_nothing(tmp_path: Path) -> None:
    """`<!--` in a code span or fenced code is text on the page: what follows is checked."""
    text = GOOD.replace("Teksts.\n", "Raksti `<!--` un [a]({filename}nav-a.md) un `-->`.\n\n"
                        "```\n<!--\n```\n[b]({filename}nav-b.md) -->\n")
    assert [(p.line, p.value) for p in problems_for(tmp_path, text)] == [
        (8, "{filename}nav-a.md"), (13, "{filename}nav-b.md")]



@pytest.mark.parametrize("after", ["", "\n", "\n\n   \n", "\n<!-- vēlāk -->\n"])
def test_an_article_without_text_is_an_error_at_its_closing_line(tmp_path: Path,
                                                                  after: str) -> None:
    """QA: a file of front matter alone passed `make check` and was published with an empty
    page, where the browser editor refuses to save an article without its text."""
    header = GOOD.split("Teksts.")[0].rstrip("\n")
    found = problems_for(tmp_path, header + after)
    assert [(p.line, p.field, p.what_en) for p in found] == [
        (7, "text", "the article has no text: nothing follows the front matter, and its page "
                    "would show only the title")], [p.format() for p in found]
    assert found[0].fix.startswith("uzraksti raksta tekstu aiz šīs rindas '---'")


def test_a_page_or_newsletter_introduction_without_text_is_an_error_too(tmp_path: Path) -> None:
    """An introduction without text would put its heading over nothing in the issue (and in
    the e-mail); a page would be a title alone."""
    page = problems_for(tmp_path, "---\ntitle: Par mums\n---\n", "pages/par.md")
    intro = problems_for(tmp_path, "---\ntitle: Maijs\nsummary: Maijā.\n---\n\n",
                         "newsletter/2024-05.md")
    assert [(p.line, p.field, p.what_en) for p in page + intro] == [
        (3, "text", "the page has no text: nothing follows the front matter, and it would "
                    "show only the title"),
        (4, "text", "the introduction has no text: the issue would show only its heading")]
    assert "izdzēs šo failu" in intro[0].fix


def test_a_page_with_its_own_template_needs_no_text(tmp_path: Path) -> None:
    """Abonēt (`template: subscribe`) shows what its template gives."""
    assert problems_for(tmp_path, "---\ntitle: Abonēt\ntemplate: subscribe\n---\n",
                        "pages/abonet.md") == []
