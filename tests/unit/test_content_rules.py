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
        ("tags: [kopienas]", "tags: [kopienas]\ntitle_extra: x", None, None, None),
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
