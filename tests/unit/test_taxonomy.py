"""Tags and authors that differ only by case or Unicode form are one, spelt as first written."""

from __future__ import annotations

import copy
import datetime as dt
import json
import unicodedata
from types import SimpleNamespace

from pelican.settings import DEFAULT_CONFIG
from pelican.urlwrappers import Author, Tag

from kopienu_zinas.common.sourcereader import load_header
from kopienu_zinas.site.taxonomy import unify_names

SETTINGS = copy.deepcopy(DEFAULT_CONFIG)
NFD = unicodedata.normalize("NFD", "Ēkas")


def article(day: int, tags: list[str], authors: list[str]) -> SimpleNamespace:
    """An article whose tags and authors are read as the reader reads a source's header."""
    header = load_header(json.dumps({"tags": tags, "authors": authors}, ensure_ascii=False))
    assert header is not None
    made = [Author(name, SETTINGS) for name in header["authors"]]
    return SimpleNamespace(date=dt.datetime(2026, 11, day), source_path=f"r{day}.md",
                           tags=[Tag(name, SETTINGS) for name in header["tags"]],
                           authors=made, author=made[0])


def test_case_and_unicode_form_make_one_tag_and_author_spelt_as_first_written() -> None:
    newer = article(3, ["ēkas", NFD, "Ēkas", "Kultūra"], ["anna bērziņa"])
    oldest = article(1, ["Ēkas"], ["Anna Bērziņa"])
    middle = article(2, [NFD], [unicodedata.normalize("NFD", "ANNA BĒRZIŅA")])
    unify_names(SimpleNamespace(articles=[newer, oldest], translations=[middle]))
    assert [t.name for t in newer.tags] == ["Ēkas", "Kultūra"]
    assert [t.name for t in middle.tags] == ["Ēkas"] and middle.tags[0].name == "\u0112kas"
    assert {t.slug for a in (newer, oldest, middle) for t in a.tags} == {"ekas", "kultura"}
    assert {a.author.name for a in (newer, oldest, middle)} == {"Anna Bērziņa"}
