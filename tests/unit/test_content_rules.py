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
    assert found[0].field == "front matter"
    assert found[0].format().startswith("raksts.md:")


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
    ("title: Labs raksts", "title: no", "title", 2, "(must be text): no —"),
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
    ("date: 2024-05-21", "date: 2026-03-05T10:00:00+02:00", "date", 3, "date could not be read"),
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
