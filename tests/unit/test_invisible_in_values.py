"""Invisible characters and typographic quotes in values a rule refuses (QA, session 11): the
message names each (character, column) and its fix shows the value without them, so that the
editor is not shown a value that looks exactly like a right one. A key with such a character
is the one error of that key, not also a missing field. Values that are accepted are never
looked at (a no-break space in a title is Latvian typography)."""

from pathlib import Path

import pytest

from kopienu_zinas.common.problems import ContentProblem
from kopienu_zinas.events import register as register_events
from kopienu_zinas.site import register
from tests.signals import registered
from tests.sitebuild import problems_in_file

SETTINGS = {"REGIONS": ["Sēlija", "Latgale", "Rēzekne"], "BUILD_DATE": "2026-11-23"}
GOOD = ("---\ntitle: Labs raksts\ndate: 2026-11-20\nregion: Latgale\nsummary: Īss.\n{extra}"
        "---\n\nTeksts.\n")
NBSP, ZWSP = "\u00a0", "\u200b"
EVENT = "events:\n  - title: Koncerts\n    location: Zāle\n"


def problems_for(tmp_path: Path, text: str) -> list[ContentProblem]:
    with registered(register), registered(register_events):
        return problems_in_file(tmp_path, "raksts.md", text, SETTINGS)


def errors_for(tmp_path: Path, old: str, new: str, extra: str = "") -> list[str]:
    text = GOOD.format(extra=extra).replace(old, new, 1)
    return [p.format() for p in problems_for(tmp_path, text) if p.severity == "error"]


@pytest.mark.parametrize(("old", "new", "message"), [
    ("date: 2026-11-20", f"date: 2026-11-20{NBSP}10:00",
     "raksts.md:3: date: vērtībā ir nedalāmā atstarpe U+00A0 (kolonna 17): bez tās vērtība der "
     "(the value holds a no-break space, U+00A0 (column 17), and is right without it): "
     f"2026-11-20{NBSP}10:00 — uzraksti vērtību no jauna bez neredzamās zīmes (tāda ienāk, "
     "kopējot no Word, PDF vai tīmekļa lapas): date: 2026-11-20 10:00"),
    ("region: Latgale", f"region: Latgale{NBSP}",
     "raksts.md:4: region: vērtībā ir nedalāmā atstarpe U+00A0 (kolonna 16): bez tās vērtība "
     "der (the value holds a no-break space, U+00A0 (column 16), and is right without it): "
     f"Latgale{NBSP} — uzraksti vērtību no jauna bez neredzamās zīmes (tāda ienāk, kopējot no "
     "Word, PDF vai tīmekļa lapas): region: Latgale"),
    ("date: 2026-11-20", "date: “2026-11-20”",
     "raksts.md:3: date: vērtībā ir tipogrāfiskās pēdiņas “ ” (kolonna 7, 18): bez tām vērtība "
     "der (the value holds typographic quotes “ ” (column 7, 18), and is right without them): "
     "“2026-11-20” — izdzēs pēdiņas “ ”: date: 2026-11-20"),
    ("region: Latgale", "region: “Latgale”",
     "raksts.md:4: region: vērtībā ir tipogrāfiskās pēdiņas “ ” (kolonna 9, 17): bez tām "
     "vērtība der (the value holds typographic quotes “ ” (column 9, 17), and is right without "
     "them): “Latgale” — izdzēs pēdiņas “ ”: region: Latgale"),
])
def test_the_qa_testers_values_name_the_character_and_show_the_value_without_it(
        tmp_path: Path, old: str, new: str, message: str) -> None:
    assert errors_for(tmp_path, old, new) == [message]


@pytest.mark.parametrize(("line", "field", "words", "fix"), [
    (f"lang: en{NBSP}", "lang", "no-break space, U+00A0 (column 9)", "lang: en"),
    ("status: „draft”", "status", "typographic quotes „ ” (column 9, 15)", "status: draft"),
    (f"modified: 2026-11-21{ZWSP}", "modified", "zero width space, U+200B (column 21)",
     "modified: 2026-11-21"),
])
def test_every_refused_word_value_names_them_and_is_right_without_them(
        tmp_path: Path, line: str, field: str, words: str, fix: str) -> None:
    found = [p for p in problems_for(tmp_path, GOOD.format(extra=line + "\n"))
             if p.severity == "error"]
    assert [(p.line, p.field) for p in found] == [(6, field)], [p.format() for p in found]
    assert words in found[0].what_en and "is right without" in found[0].what_en
    assert found[0].fix.endswith(": " + fix)


def test_a_value_still_wrong_without_them_keeps_its_own_words_and_names_them_too(
        tmp_path: Path) -> None:
    [message] = errors_for(tmp_path, "region: Latgale", f"region: Kurzeme{NBSP}")
    assert ("region: nezināms reģions; vērtībā ir nedalāmā atstarpe U+00A0 (kolonna 16) "
            "(unknown region; the value holds a no-break space, U+00A0 (column 16))") in message
    assert message.endswith("(region: Kurzeme); izvēlies vienu no: Sēlija, Latgale, Rēzekne")


def test_another_rules_refusal_names_them_as_well(tmp_path: Path) -> None:
    """The slug rule (site/slugs.py) places its problem with the document, which names them."""
    found = problems_for(tmp_path, GOOD.format(extra=f"slug: sanaksme{NBSP}\n"))
    [slug] = [p for p in found if p.field == "slug"]
    assert "no-break space, U+00A0 (column 15)" in slug.what_en
    assert "(slug: sanaksme)" in slug.fix


@pytest.mark.parametrize(("fields", "line", "field", "words", "fix"), [
    (f"    start: 2026-12-20{NBSP}19:00\n", 9, "events[1].start",
     "no-break space, U+00A0 (column 22)", "start: 2026-12-20 19:00"),
    ("    start: 2026-12-20\n    status: “cancelled”\n", 10, "events[1].status",
     "typographic quotes “ ” (column 13, 23)", "status: cancelled"),
    ("    start: 2026-12-03 19:00\n    recurrence: FREQ=WEEKLY;COUNT=5\n"
     f"    exdate: [2026-12-10{NBSP}19:00]\n", 11, "events[1].exdate",
     "no-break space, U+00A0 (column 24)", ": 2026-12-10 19:00"),
])
def test_an_events_refused_value_names_them(tmp_path: Path, fields: str, line: int, field: str,
                                            words: str, fix: str) -> None:
    found = [p for p in problems_for(tmp_path, GOOD.format(extra=EVENT + fields))
             if p.severity == "error"]
    assert [(p.line, p.field) for p in found] == [(line, field)], [p.format() for p in found]
    assert words in found[0].what_en and "is right without" in found[0].what_en
    assert found[0].fix.endswith(fix)


@pytest.mark.parametrize(("old", "new", "line", "field"), [
    ("title:", f"title{NBSP}:", 2, "title"),
    ("date:", f"da{ZWSP}te:", 3, "date"),
    ("region:", f"region{NBSP}:", 4, "region"),
    ("summary:", "\u2060summary:", 5, "summary"),
])
def test_a_key_with_an_invisible_character_is_its_one_error_not_also_a_missing_field(
        tmp_path: Path, old: str, new: str, line: int, field: str) -> None:
    """QA: `title<NBSP>: X` also gave "title is missing", `da<U+200B>te:` "date is missing";
    the guide promises one message for the like `Title:`."""
    found = [p for p in problems_for(tmp_path, GOOD.format(extra="").replace(old, new, 1))
             if p.severity == "error"]
    assert [(p.line, p.field) for p in found] == [(line, field)], [p.format() for p in found]
    assert "that YAML does not read as a space" in found[0].what_en


def test_an_event_key_with_an_invisible_character_is_named_at_its_column(
        tmp_path: Path) -> None:
    found = problems_for(tmp_path, GOOD.format(extra=EVENT + f"    st{ZWSP}art: 2026-12-20\n"))
    assert [p.format() for p in found] == [
        "raksts.md:9: events[1].start: 1. pasākums „Koncerts”: rindā ir nulles platuma "
        "atstarpe U+200B, ko YAML neuzskata par atstarpi (event 1 “Koncerts”: a zero width "
        "space, U+200B, that YAML does not read as a space): kolonna 7 — aizstāj to ar parastu "
        "atstarpi (vai izdzēs, ja atstarpe tur nav vajadzīga); tāda bieži ienāk, kopējot tekstu "
        "no Word vai tīmekļa lapas"]


def test_accepted_values_with_them_are_left_alone(tmp_path: Path) -> None:
    """Latvian typography: a no-break space after a day's number and „quotes” in a title,
    summary, place or tag are text."""
    text = GOOD.format(extra=EVENT.replace("Zāle", f"Kultūras nams „Zāle”,{NBSP}2.{NBSP}stāvs")
                       + "    start: 2026-12-20\ntags: [„Zaļā” josla]\n").replace(
        "title: Labs raksts", f"title: „Labs” raksts 20.{NBSP}novembrī").replace(
        "summary: Īss.", f"summary: Tikšanās 20.{NBSP}novembrī.")
    assert problems_for(tmp_path, text) == []


def test_a_refused_values_invisible_character_is_one_error_not_also_a_warning(
        tmp_path: Path) -> None:
    """QA re-test: `status: draft<U+200B>` was a warning ("neredzama zīme … kolonna 14") and
    an error ("vērtībā ir nulles platuma atstarpe U+200B (kolonna 14)") for one character."""
    from kopienu_zinas.common.checkcache import check_content
    from kopienu_zinas.site import register
    from tests.signals import registered

    (tmp_path / "zw.md").write_text(
        "---\ntitle: X raksts\ndate: 2024-05-20\nregion: Latgale\nsummary: Īsi.\n"
        "status: draft\u200b\n---\n\nTeksts.\n", encoding="utf-8")
    settings = {"REGIONS": ["Latgale"], "BUILD_DATE": "2026-11-23", "PATH": str(tmp_path)}
    with registered(register):
        _documents, problems = check_content(tmp_path, settings)
    assert [(p.line, p.field, p.severity) for p in problems] == [(6, "status", "error")], \
        [p.format() for p in problems]
