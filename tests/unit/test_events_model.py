"""The event model: parsing editors' dates, all-day and month-only events, validation messages."""

from __future__ import annotations

import datetime as dt

import pytest

from kopienu_zinas.common.isodates import RIGA
from kopienu_zinas.events.model import parse_events

TODAY = dt.date(2026, 11, 23)  # the build date


def one(**fields: object):
    events, issues = parse_events([fields], "Raksts", TODAY)
    assert issues == []
    return events[0]


def test_a_date_is_all_day_and_a_date_with_time_is_timed_in_riga() -> None:
    all_day = one(start=dt.date(2024, 3, 1), end="2024-03-03", location="Ilgu muiža")
    assert all_day.all_day and not all_day.month_only
    assert (all_day.first_day, all_day.last_day) == (dt.date(2024, 3, 1), dt.date(2024, 3, 3))
    timed = one(start="2023-10-11 11:00", end="2023-10-11 15:00", location="GORS")
    assert not timed.all_day
    assert timed.start == dt.datetime(2023, 10, 11, 11, 0, tzinfo=RIGA)
    assert timed.start.utcoffset() == dt.timedelta(hours=3)  # summer time in October


def test_a_month_alone_is_month_only_on_the_first_without_a_fake_day() -> None:
    event = one(start="2024-09", location="Sēlija")
    assert event.month_only and event.all_day and not event.in_calendar_files
    assert event.start == dt.date(2024, 9, 1) and event.last_day == dt.date(2024, 9, 30)


def test_title_defaults_to_the_article_and_status_to_scheduled() -> None:
    event = one(start="2024-05-16", location="Krustpils pils")
    assert (event.title, event.status) == ("Raksts", "scheduled")


def test_online_true_means_online_with_the_link_not_yet_published() -> None:
    event = one(start="2024-01-31", online=True)
    assert event.is_online and event.online is None


@pytest.mark.parametrize(("fields", "field", "words"), [
    ({"start": "2024-13-01", "location": "x"}, "start", "date could not be read"),
    ({"start": "11.10.2023", "location": "x"}, "start", "date could not be read"),
    ({"start": "2024-03-03", "end": "2024-03-01", "location": "x"}, "end", "end is before start"),
    ({"start": "2024-03-01 18:00", "end": "2024-03-01 17:00", "location": "x"}, "end",
     "end is before start"),
    ({"start": "2024-03-01", "status": "maybe", "location": "x"}, "status", "unknown status"),
    ({"start": "2024-03-01", "recurrence": "FREQ=SOMETIMES", "location": "x"}, "recurrence",
     "RRULE"),
    ({"start": "2024-03-01", "recurrence": "every week", "location": "x"}, "recurrence", "RRULE"),
    ({"start": "2024-03-01"}, "location", "neither location nor online"),
    ({"start": "2024-03-01", "online": "zoom"}, "online", "not a URL"),
    ({"start": "2024-03-01", "exdate": "2024-03-08", "location": "x"}, "exdate",
     "only a recurring event has occurrences to cancel"),
    ({"start": "2024-03-01", "recurrence": "FREQ=WEEKLY", "exdate": "2024-03-09",
      "location": "x"}, "exdate", "no occurrence of the event on that day"),
    ({"start": "2024-03-01 18:00", "recurrence": "FREQ=WEEKLY", "exdate": "2024-03-08 17:00",
      "location": "x"}, "exdate", "no occurrence of the event on that day"),
    ({"start": "2024-03-01", "recurrence": "FREQ=WEEKLY", "exdate": ["2024-03-08 18:00"],
      "location": "x"}, "exdate", "write the date of the cancelled occurrence"),
    ({"start": "2024-03-01", "recurrence": "FREQ=WEEKLY", "exdate": "2024-03-01",
      "location": "x"}, "exdate", "the first occurrence cannot be excluded"),
    ({"start": "2024-03-01", "id": "„”", "location": "x"}, "id", "id needs letters or digits"),
    ({"start": "2024-03-01T18:00:00+02:00", "location": "x"}, "start",
     "write no time zone: times are Riga time"),
    ({"start": "2024-03-01 18:00", "end": "2024-03-01T19:00Z", "location": "x"}, "end",
     "write no time zone: times are Riga time"),
])
def test_each_bad_value_gives_one_issue_naming_event_and_field(fields, field, words) -> None:
    good = {"title": "Labs", "start": "2024-01-01", "location": "x"}
    events, issues = parse_events([good, dict(fields, title="Slikts")], "Raksts", TODAY)
    assert [e.title for e in events] == ["Labs"]
    assert len(issues) == 1
    issue = issues[0]
    assert issue.field == f"events[2].{field}" and "event 2 “Slikts”" in issue.what_en
    assert words in issue.what_en


@pytest.mark.parametrize(("value", "written", "kind"), [
    (True, "true", "true/false"), (1.1, "1.1", "a number"), (1991, "1991", "a number"),
    (dt.date(2026, 5, 1), "2026-05-01", "a date")])
def test_a_text_field_yaml_read_as_no_text_is_refused_as_yaml_writes_it(
        value: object, written: str, kind: str) -> None:
    """Without the written node (Pelican's metadata) the event is refused all the same, so the
    site publishes no `1.1` for `1.10`; the content check's message quotes the text as written
    (tests/unit/test_events_checks.py)."""
    events, [issue] = parse_events([{"start": "2026-12-03", "location": value}], "R", TODAY)
    assert events == [] and issue.field == "events[1].location"
    assert issue.what_en == f"event 1 “R”: must be text, but YAML reads it as {kind}"
    assert issue.value == written and issue.fix == f'liec to pēdiņās: location: "{written}"'


def test_a_description_up_to_the_limit_is_kept_longer_is_a_problem_placed_at_its_line(
        tmp_path) -> None:
    from kopienu_zinas.events import register
    from kopienu_zinas.events.model import DESCRIPTION_LIMIT
    from tests.signals import registered
    from tests.sitebuild import problems_in_file

    longest = ("Adām kopā katru sestdienu. " * 40)[:DESCRIPTION_LIMIT - 1] + "!"
    assert len(longest) == DESCRIPTION_LIMIT
    assert one(start="2026-12-05", location="Ludza", description=longest).description == longest
    text = ("---\ntitle: Klubs\ndate: 2026-11-20\nregion: Latgale\nsummary: Īsi.\nevents:\n"
            "  - start: 2026-12-05\n    location: Ludza\n"
            f"    description: \"{longest}x\"\n---\n\nTeksts.\n")
    with registered(register):
        problems = problems_in_file(tmp_path, "klubs.md", text, {"REGIONS": ["Latgale"]})
    [found] = problems
    assert (found.path, found.line, found.field) == ("klubs.md", 9, "events[1].description")
    assert f"{DESCRIPTION_LIMIT + 1} characters" in found.what_en and found.fix


def test_a_date_that_is_not_an_occurrence_names_the_nearest_ones_to_write() -> None:
    _events, [issue] = parse_events([{"start": "2024-03-01 18:00", "recurrence": "FREQ=WEEKLY",
                                      "exdate": "2024-03-10", "location": "x"}], "R", TODAY)
    assert "2024-03-08 18:00, 2024-03-15 18:00" in issue.fix


@pytest.mark.parametrize("second", [{"start": "2024-05-02", "location": "y"},
                                    {"title": "Tirgus", "start": "2024-05-02", "location": "y"}])
def test_two_events_of_an_article_with_one_identity_ask_for_an_id(second: dict) -> None:
    """Each event's UID, anchor and .ics name come from its `id:` or own title: two without a
    title, or with one title, would share them."""
    first = {"title": second.get("title"), "start": "2024-05-01", "location": "x"}
    events, [issue] = parse_events([first, second], "Tirgus", TODAY)
    assert len(events) == 1 and issue.field == "events[2].id" and "id:" in issue.fix
    events, issues = parse_events([first, {**second, "id": "otrā-diena"}], "Tirgus", TODAY)
    assert issues == [] and [e.key for e in events] == [events[0].key, "otra-diena"]


def test_a_long_title_gives_a_key_cut_after_a_whole_word() -> None:
    title = "Domnīca „Vēlās brokastis ar savējiem. Iedzīvotāji, kopienas, pašvaldība”"
    [event], _issues = parse_events([{"title": title, "start": "2024-05-01", "location": "x"}],
                                    "R", TODAY)
    assert event.key == "domnica-velas-brokastis-ar-savejiem-iedzivotaji"


@pytest.mark.parametrize(("fields", "field", "value", "fix"), [
    ({"start": "2026-12-20 19.00"}, "start", "2026-12-20 19.00", "raksti start: 2026-12-20 19:00"),
    ({"start": "20.12.2026"}, "start", "20.12.2026", "raksti start: 2026-12-20"),
    ({"start": "decembris 2026"}, "start", "decembris 2026", "raksti start: 2026-12"),
    ({"start": "2026-12-20", "end": "21. decembrī 2026"}, "end", "21. decembrī 2026",
     "raksti end: 2026-12-21"),
    ({"start": ["2026-12-20"]}, "start", "[2026-12-20]", "raksti start: 2026-12-20"),
    ({"start": {"a": "b"}}, "start", "{a: b}",
     "raksti GGGG-MM-DD (visa diena), GGGG-MM-DD SS:MM (ar laiku) vai GGGG-MM (tikai mēnesis)"),
])
def test_a_date_written_otherwise_is_offered_its_form_and_shown_as_written(
        fields: dict[str, object], field: str, value: str, fix: str) -> None:
    """QA: `start: 2026-12-20 19.00` said only "write YYYY-MM-DD"; a list was shown as
    Python's ['2026-12-20']."""
    _events, [problem] = parse_events([{**fields, "location": "Zāle"}], "Raksts", TODAY)
    assert (problem.field, problem.value, problem.fix) == (f"events[1].{field}", value, fix)
