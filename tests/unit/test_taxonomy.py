"""Tags and authors with one address are one, spelt as the oldest article spells them; the
content check names every other spelling and typographic quotes around a name."""

from __future__ import annotations

import copy
import datetime as dt
import itertools
import json
import unicodedata
from pathlib import Path
from types import SimpleNamespace

from pelican.settings import DEFAULT_CONFIG, read_settings
from pelican.urlwrappers import Author, Tag

from kopienu_zinas.common.frontmatter import discover_documents
from kopienu_zinas.common.problems import ContentProblem, run_content_checks
from kopienu_zinas.common.sourcereader import load_header
from kopienu_zinas.site import register
from kopienu_zinas.site.taxonomy import unify_names
from tests.signals import registered
from tests.sitebuild import ROOT

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


SITE = read_settings(str(ROOT / "pelicanconf.py"))
HEADER = ("---\ntitle: {title}\ndate: {date}\nregion: Latgale\nsummary: Īsi.\n"
          "tags: {tags}\nauthors: {authors}\n{extra}---\nTeksts.\n")


def site_article(day: int, tags: list[str], authors: list[str], status: str = "published",
                 year: int = 2026) -> SimpleNamespace:
    """An article as the site's reader makes it: Tag and Author with the site's slug settings."""
    made = [Author(name, SITE) for name in authors]
    return SimpleNamespace(date=dt.datetime(year, 11, day), source_path=f"/c/r{year}{day}.md",
                           status=status, tags=[Tag(name, SITE) for name in tags],
                           authors=made, author=made[0])


def test_every_spelling_of_one_address_becomes_the_oldest_whatever_the_reading_order(
        ) -> None:
    """QA: `[“kopienas”, ”bibliotēkas”]` (Word's quotes) or `[Kopienas, kopienās,
    "bibliotēkas!"]` in a new article renamed /temas/kopienas/ and /temas/bibliotekas/ for
    every article, and the article linked /temas/kopienas/ twice."""
    with registered(register):  # the site's slugs (plain text), as in a build
        for order in itertools.permutations(range(4)):
            articles = [
                site_article(1, ["“kopienas”", "”bibliotēkas”"], ["jānis dzimtais"]),
                site_article(2, ["Kopienas", "kopienās", "bibliotēkas!"], ["Jānis Dzimtais"]),
                site_article(3, ["kopienas", "bibliotēkas"], ["Jānis Dzimtais"], year=2024),
                site_article(1, ["Kopienas!"], ["JĀNIS DZIMTAIS"], "draft", year=2020)]
            newest, inflected, oldest, draft = articles
            unify_names(SimpleNamespace(articles=[articles[i] for i in order if i < 3],
                                        drafts=[articles[i] for i in order if i == 3]))
            assert [t.name for t in oldest.tags] == ["kopienas", "bibliotēkas"]
            assert [t.name for t in newest.tags] == ["kopienas", "bibliotēkas"], order
            assert [(t.name, t.slug) for t in inflected.tags] == [
                ("kopienas", "kopienas"), ("bibliotēkas", "bibliotekas")]  # one link per page
            assert [t.name for t in draft.tags] == ["kopienas"]  # no draft spells a page
            assert {a.author.name for a in articles} == {"Jānis Dzimtais"}


def check(root: Path) -> list[ContentProblem]:
    documents, problems = discover_documents(root)
    with registered(register):
        return problems + run_content_checks(
            documents, {**SITE, "PATH": str(root), "REGIONS": ["Latgale"],
                        "BUILD_DATE": "2026-11-23"})


def write(root: Path, name: str, date: str, tags: str, authors: str = "[Jānis Dzimtais]",
          extra: str = "") -> None:
    (root / name).write_text(HEADER.format(title=name[:-3].capitalize(), date=date, tags=tags,
                                           authors=authors, extra=extra), encoding="utf-8")


def test_a_name_spelt_otherwise_than_the_site_is_a_warning_at_its_line(tmp_path: Path) -> None:
    write(tmp_path, "vecs.md", "2024-01-31", "[bibliotēkas, kopienas]")
    write(tmp_path, "jauns.md", "2026-03-01", '[Kopienas, kopienās, "bibliotēkas!", projekti]',
          "\n  - jānis dzimtais")
    found = check(tmp_path)
    assert [(p.path, p.line, p.field, p.severity, p.value) for p in found] == [
        ("jauns.md", 6, "tags", "warning", "Kopienas"),
        ("jauns.md", 6, "tags", "warning", "bibliotēkas!"),
        ("jauns.md", 6, "tags", "warning", "kopienās"),
        ("jauns.md", 8, "authors", "warning", "jānis dzimtais")]
    tag = next(p for p in found if p.value == "kopienās")
    assert tag.what_lv == ("tēma „kopienās” ir tajā pašā adresē /temas/kopienas/ kā "
                           "„kopienas”, un vietnē tā rakstīta „kopienas”")
    assert tag.what_en == ("the topic 'kopienās' has the same address /temas/kopienas/ as "
                           "'kopienas', which is how the site spells it")
    assert tag.fix == ("raksti „kopienas” kā vecākajā rakstā vecs.md: "
                       "tags: [kopienas, bibliotēkas, projekti]")
    assert found[-1].fix == ("raksti „Jānis Dzimtais” kā vecākajā rakstā vecs.md: "
                             "authors: [Jānis Dzimtais]")
    write(tmp_path, "jauns.md", "2026-03-01", "[kopienas, bibliotēkas, projekti]")
    assert check(tmp_path) == []


def test_the_oldest_article_naming_one_topic_twice_is_told_to_name_it_once(
        tmp_path: Path) -> None:
    write(tmp_path, "vecs.md", "2024-01-31", "[Kopienas, kopienās]")
    [problem] = check(tmp_path)
    assert (problem.line, problem.value) == (6, "kopienās")
    assert problem.fix == "raksti katru vārdu vienu reizi, kā pirmoreiz: tags: [Kopienas]"


def test_typographic_quotes_around_a_name_are_an_error_with_the_list_written_out(
        tmp_path: Path) -> None:
    write(tmp_path, "vecs.md", "2024-01-31", "[bibliotēkas, kopienas]")
    write(tmp_path, "jauns.md", "2026-03-01", "[“kopienas”, ”bibliotēkas”, „Sēlijas salas”]",
          "[«Anna Bērziņa», biedrība „Sēlijas salas”]")
    found = check(tmp_path)
    assert [(p.path, p.line, p.field, p.severity, p.value) for p in found] == [
        ("jauns.md", 6, "tags", "error", "“kopienas”, ”bibliotēkas”, „Sēlijas salas”"),
        ("jauns.md", 7, "authors", "error", "«Anna Bērziņa»")]
    assert found[0].fix == "raksti bez tām: tags: [kopienas, bibliotēkas, Sēlijas salas]"
    assert found[0].what_en == ("YAML keeps the typographic quotes “ ” „ around a name as part "
                                "of the name")
    assert found[1].fix == "raksti bez tām: authors: [Anna Bērziņa, biedrība „Sēlijas salas”]"
    write(tmp_path, "jauns.md", "2026-03-01", "[\"“kopienas”\"]", extra="")
    assert [(p.line, p.fix) for p in check(tmp_path)] == [
        (6, "raksti bez tām: tags: [kopienas]")]  # in straight quotes they are kept too


def test_the_quotes_error_writes_the_site_spellings_and_is_the_one_message_of_its_names(
        tmp_path: Path) -> None:
    """QA s11: the quotes error offered `tags: [Kopienas, Bibliotēkas, x]`, the spelling
    warnings of the same line `tags: [kopienas, bibliotēkas, x]`: following the error led to
    another check of warnings. Now every message of the line offers the one list that passes,
    and a name in quotes is named by the error only."""
    write(tmp_path, "vecs.md", "2024-01-31", "[kopienas, bibliotēkas]", "[Anna Bērziņa]")
    write(tmp_path, "jauns.md", "2026-03-01", "[Kopienas, kopienās, “kopienas”, „Bibliotēkas”, «x»]",
          "[“anna bērziņa”, Anna Bērziņa]")
    found = check(tmp_path)
    assert [(p.line, p.field, p.severity, p.value) for p in found] == [
        (6, "tags", "error", "“kopienas”, „Bibliotēkas”, «x»"),
        (6, "tags", "warning", "Kopienas"),
        (6, "tags", "warning", "kopienās"),
        (7, "authors", "error", "“anna bērziņa”")], [p.format() for p in found]
    fixes = {p.fix.split(": ", 1)[1] for p in found if p.field == "tags"}
    assert fixes == {"tags: [kopienas, bibliotēkas, x]"}
    assert found[-1].fix == "raksti bez tām: authors: [Anna Bērziņa]"
    write(tmp_path, "jauns.md", "2026-03-01", "[kopienas, bibliotēkas, x]", "[Anna Bērziņa]")
    assert check(tmp_path) == []
