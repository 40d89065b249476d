"""The site-wide event check: no two events of the site share a UID."""

import datetime as dt
from pathlib import Path
from types import SimpleNamespace

import pytest

from kopienu_zinas.common.build import open_build
from kopienu_zinas.common.frontmatter import discover_documents
from kopienu_zinas.events import checks
from kopienu_zinas.events.jsonld import event_data
from kopienu_zinas.events.model import parse_events

ARTICLE = """---
title: Svētki
date: 2026-11-01
events:
  - title: Koncerts
    start: 2026-12-05 18:00
    location: Rēzekne
---
Teksts.
"""


def _problems(root: Path) -> list[str]:
    pelican = SimpleNamespace(settings={"PATH": str(root), "BUILD_DATE": "2026-11-23",
                                        "SITEURL": "https://kopienuzinas.lv"})
    open_build(pelican)
    documents, _ = discover_documents(root)
    return [p.format() for p in checks.check_documents(None, documents, pelican.settings)]


def test_two_files_whose_paths_slugify_alike_are_refused_at_each_event(tmp_path: Path) -> None:
    for folder in ("Ēkas", "ekas"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "svetki.md").write_text(ARTICLE, encoding="utf-8")
    problems = _problems(tmp_path)
    assert len(problems) == 2
    for here, other in (("Ēkas", "ekas"), ("ekas", "Ēkas")):
        [problem] = [p for p in problems if p.startswith(f"{here}/svetki.md:5: events[1].id:")]
        assert f"same UID as an event in {other}/svetki.md" in problem
        assert "tāds pats UID" in problem and "'id:'" in problem


def _event(*lines: str) -> str:
    """An article with one event: `title: Koncerts`, a start, then `lines` (its line 7 on)."""
    return ARTICLE.replace("    location: Rēzekne\n", "".join(f"    {line}\n" for line in lines))


_LV = {"a number": "skaitli", "true/false": "jā/nē vērtību", "a date": "datumu"}


@pytest.mark.parametrize(("line", "kind"), [
    ("location: 1.50", "a number"), ("price: 5.00", "a number"), ("organizer: 0777", "a number"),
    ("location: no", "true/false"), ("address: Off", "true/false"),
    ("description: 2026-05-01", "a date")])
def test_an_event_text_field_yaml_reads_as_no_text_is_refused_quoting_it_as_written(
        tmp_path: Path, line: str, kind: str) -> None:
    """QA s10: `location: 1.50` was published "1.5", `price: 5.00` "5.0" (JSON-LD offers.price
    too), `location: no` named "jā/nē (yes/no)": now the article's own message
    (SourceDocument.text_problem), at the field's line."""
    (tmp_path / "svetki.md").write_text(_event("online: true", line), encoding="utf-8")
    name, written = line.split(": ")
    assert _problems(tmp_path) == [
        f"svetki.md:8: events[1].{name}: 1. pasākums „Koncerts”: jābūt tekstam, bet YAML to "
        f"nolasa kā {_LV[kind]} (event 1 “Koncerts”: must be text, but YAML reads it as "
        f'{kind}): {written} — liec to pēdiņās: {name}: "{written}"']


@pytest.mark.parametrize("written", ["1.10", "1991"])
def test_an_event_title_yaml_reads_as_a_number_is_refused_at_its_line(
        tmp_path: Path, written: str) -> None:
    """QA s10: `title: 1.10` was published "1.1"; `title: 1991` gave the event no key (its
    file `notikums.ics`), and quoting it later changed its UID."""
    (tmp_path / "svetki.md").write_text(
        _event("location: x").replace("title: Koncerts", f"title: {written}"), encoding="utf-8")
    assert _problems(tmp_path) == [
        f"svetki.md:5: events[1].title: 1. pasākums „Svētki”: jābūt tekstam, bet YAML to "
        f"nolasa kā skaitli (event 1 “Svētki”: must be text, but YAML reads it as a number): "
        f'{written} — liec to pēdiņās: title: "{written}"']


def test_the_same_text_in_quotes_is_published_as_written(tmp_path: Path) -> None:
    (tmp_path / "svetki.md").write_text(_event('location: "1.50"', 'price: "5.00"').replace(
        "title: Koncerts", 'title: "1991"'), encoding="utf-8")
    assert _problems(tmp_path) == []
    [document], _ = discover_documents(tmp_path)
    events, _ = parse_events(document.metadata["events"], "Svētki", dt.date(2026, 11, 23))
    assert [(e.title, e.key, e.location, e.price) for e in events] == [
        ("1991", "1991", "1.50", "5.00")]
    assert event_data(events[0])["offers"]["price"] == "5.00"  # schema.org Offer, as written


def test_a_distinct_id_settles_it(tmp_path: Path) -> None:
    for folder, text in (("Ēkas", ARTICLE), ("ekas", ARTICLE.replace(
            "  - title: Koncerts", "  - title: Koncerts\n    id: koncerts-2"))):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "svetki.md").write_text(text, encoding="utf-8")
    assert _problems(tmp_path) == []


ORIGINAL = """---
title: Darbnīca NVO
date: 2026-11-15
slug: ngo-darbnica
summary: Darbnīca.
events:
  - title: Darbnīca
    id: darbnica
    start: 2026-12-03 10:00
    end: 2026-12-03 16:00
    location: GORS
---
Teksts.
"""
TRANSLATION = """---
title: Workshop for NGOs
date: 2026-11-15
slug: ngo-darbnica
lang: en
summary: A workshop.
events:
  - title: Workshop
    id: darbnica
    start: 2026-12-03 10:00
    end: 2026-12-03 16:00
    location: GORS
---
Text.
"""


def _pair(root: Path, original: str, translation: str) -> list[str]:
    (root / "darbnica.md").write_text(original, encoding="utf-8")
    (root / "workshop.md").write_text(translation, encoding="utf-8")
    return _problems(root)


def test_a_translation_tells_its_originals_events_by_their_id(tmp_path: Path) -> None:
    assert _pair(tmp_path, ORIGINAL, TRANSLATION) == []


def test_a_translations_event_its_original_does_not_announce_is_refused_at_its_line(
        tmp_path: Path) -> None:
    """QA s9 F1: the calendars list the original's events, so an event only the translation
    announced was in none of them, while its page linked a file that was not written."""
    [problem] = _pair(tmp_path, ORIGINAL.replace("    id: darbnica\n", "    id: cits\n"),
                      TRANSLATION)
    assert problem.startswith("workshop.md:9: events[1].id: ")  # its `id:` line
    assert "none of its original's (darbnica.md)" in problem and "id: cits" in problem
    [problem] = _pair(tmp_path, ORIGINAL.split("events:")[0] + "---\nTeksts.\n", TRANSLATION)
    assert "tajā nav pasākumu" in problem


def test_a_translations_event_at_another_time_than_its_originals_is_refused(
        tmp_path: Path) -> None:
    [problem] = _pair(tmp_path, ORIGINAL, TRANSLATION.replace("16:00", "17:00"))
    assert problem.startswith("workshop.md:10: events[1].start: ")
    assert "differs from its original's (darbnica.md)" in problem


def test_an_english_article_with_its_own_slug_is_no_translation(tmp_path: Path) -> None:
    assert _pair(tmp_path, ORIGINAL, TRANSLATION.replace("ngo-darbnica", "ngo-workshop")
                 .replace("id: darbnica", "id: workshop")) == []


def test_an_event_told_again_by_an_article_that_lost_its_original_is_refused(
        tmp_path: Path) -> None:
    """QA s9 re-check: the original's title was corrected without `slug:`, so its address
    changed and the English article was no translation any more; both told the event, and
    every calendar listed it twice, with no message."""
    corrected = ORIGINAL.replace("slug: ngo-darbnica\n", "").replace(
        "title: Darbnīca NVO", "title: Darbnīca NVO vadītājiem")
    [problem] = _pair(tmp_path, corrected, TRANSLATION)
    assert problem.startswith("workshop.md:9: events[1].id: ")  # its `id:` line
    assert "already told by darbnica.md" in problem and "'slug:'" in problem
    moved = TRANSLATION.replace("16:00", "17:00")  # another event after all: no message
    assert _pair(tmp_path, corrected, moved) == []
