"""What one `make check` names of a front matter with several faults (QA re-test, session 11):
every fault the editor must fix, each once, so that no fix reveals the next one in another
check, and each fix shown in the editor's own values."""

from __future__ import annotations

from pathlib import Path

from kopienu_zinas.common.problems import ContentProblem
from kopienu_zinas.events import register as register_events
from kopienu_zinas.site import register
from tests.signals import registered
from tests.sitebuild import problems_in_file

SETTINGS = {"REGIONS": ["Latgale"], "BUILD_DATE": "2026-11-23"}
HEADER = "---\ntitle: Raksts\ndate: 2024-05-20\nregion: Latgale\nsummary: Īsi.\n"
EVENTS = 6  # the file line of `events:` (after HEADER)


def problems_for(tmp_path: Path, *lines: str) -> list[ContentProblem]:
    text = HEADER + "".join(f"{line}\n" for line in lines) + "---\n\nTeksts.\n"
    with registered(register), registered(register_events):
        return sorted(problems_in_file(tmp_path, "raksts.md", text, SETTINGS))


def event(*lines: str) -> list[str]:
    """`events:` with one event `Vakars` at Ludza and `lines` (its fields, from line 9 on)."""
    return ["events:", "  - title: Vakars", "    location: Ludza", *(f"    {line}" for line in lines)]


def test_a_start_and_an_end_that_cannot_be_read_are_both_named_in_one_check(
        tmp_path: Path) -> None:
    """QA s11: only `start` was named; `end` came a check later."""
    found = problems_for(tmp_path, *event("start: 2026-12-05 18.30", "end: 2026-12-05 20.00"))
    assert [(p.line, p.field, p.fix) for p in found] == [
        (EVENTS + 3, "events[1].start", "raksti start: 2026-12-05 18:30"),
        (EVENTS + 4, "events[1].end", "raksti end: 2026-12-05 20:00")]
    found = problems_for(tmp_path, *event("start: 5.12.2026 18:00", "end: 20:00"))
    assert [(p.field, p.value, p.fix) for p in found] == [
        ("events[1].start", "5.12.2026 18:00", "raksti start: 2026-12-05 18:00"),
        ("events[1].end", "20:00", "raksti datumu un laiku kopā: end: 2026-12-05 20:00")]


def test_a_time_alone_is_shown_as_written_and_given_the_events_own_day(
        tmp_path: Path) -> None:
    """QA s11: `end: 19.00` was shown as YAML's float `19.0` with the general date forms, and
    `end: 20:00` was offered another day (`2026-12-03`) than the event's."""
    for written, clock in (("19.00", "19:00"), ("20:00", "20:00"), ("9.30", "09:30")):
        [found] = problems_for(tmp_path, *event("start: 2026-12-05 18:00", f"end: {written}"))
        assert (found.line, found.field, found.value) == (EVENTS + 4, "events[1].end", written)
        assert "a time needs a date" in found.what_en
        assert found.fix == f"raksti datumu un laiku kopā: end: 2026-12-05 {clock}"
    [found] = problems_for(tmp_path, *event("start: 2026-12-05 18:00", "end: 2026-12-05 19.00"))
    assert found.fix == "raksti end: 2026-12-05 19:00"


def test_every_broken_event_is_named_once_in_one_check_and_the_others_checked(
        tmp_path: Path) -> None:
    """QA s11: a 3-space `location:` in one event, an unclosed quote in the next took a check
    each, and a third item's fault a third (the whole `events:` was left out at the first).
    Now each broken item is named at its line, by its number; the items that read are
    checked, numbered as written (the third still `events[3]`), and nothing is said of an
    item that could not be read (no "event 1 must be a list of fields")."""
    found = problems_for(
        tmp_path, "events:", "  - title: Viens", "    start: 2026-12-05", "   location: Ludza",
        '  - title: "Otrs', "    start: 2026-12-06", "    location: Ludza",
        "  - title: Trešais", "    start: 2026-12-07 19.00", "    location: Ludza",
        "  - title: Ceturtais", "    start: 2026-12-08", "    location: [Ludza")
    assert [(p.line, p.field) for p in found] == [
        (EVENTS + 3, "events[1]"), (EVENTS + 4, "events[2].title"),
        (EVENTS + 8, "events[3].start"), (EVENTS + 12, "events[4].location")], [
        p.format() for p in found]
    assert found[2].fix == "raksti start: 2026-12-07 19:00"
    assert "Trešais" in found[2].what_lv


def test_two_unclosed_values_in_two_events_are_named_in_one_check(tmp_path: Path) -> None:
    """QA s11: `events[1].start: "2026-12-01` and `events[2].location: [Ludza` took two."""
    found = problems_for(tmp_path, "events:", "  - title: Viens", '    start: "2026-12-01',
                         "    location: Ludza", "  - title: Divi", "    start: 2026-12-02",
                         "    location: [Ludza")
    assert [(p.line, p.field) for p in found] == [
        (EVENTS + 2, "events[1].start"), (EVENTS + 6, "events[2].location")]


def test_an_error_before_the_first_item_leaves_the_whole_list_out(tmp_path: Path) -> None:
    """Where the cause is on no item's lines the whole field is left out, as before; nothing
    is said of its events."""
    found = problems_for(tmp_path, "events: 'x", "  - title: Viens", "    start: 2026-12-05",
                         "colour: zils")
    assert [p.field for p in found] == ["events", "colour"], [p.format() for p in found]
