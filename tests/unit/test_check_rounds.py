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
