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
    found = problems_for(tmp_path, GOOD.replace(old, new))
    if field is None:
        assert found == []
        return
    assert [(p.path, p.field, p.line) for p in found] == [("raksts.md", field, line)]
    assert words in found[0].format()


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
