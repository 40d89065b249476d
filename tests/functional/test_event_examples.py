"""Every front-matter example of the editors' guide builds, and every recurrence frequency from
SECONDLY to YEARLY gives a named problem or a right build; every .ics written is read the same
by Mozilla ical.js through its own VTIMEZONE.

The examples are taken from docs/redaktoriem.md itself (its ```yaml `events:` blocks and the
front matter of its ```markdown blocks), so the guide cannot show what the build refuses.
"""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

import pytest
import yaml
from icalendar import Calendar
from PIL import Image

from tests import icalcheck
from tests.sitebuild import ROOT, BuiltSite, run_build, run_make_check
from tests.sources import CONTENT

GUIDE = ROOT / "docs/redaktoriem.md"
HEADER = "---\ntitle: {title}\ndate: 2026-11-20\nregion: Sēlija\nsummary: Piemērs.\n"
FREQUENCIES = ("SECONDLY", "MINUTELY", "HOURLY", "DAILY", "WEEKLY", "MONTHLY", "YEARLY")
REFUSED = FREQUENCIES[:3]


def guide_blocks(kind: str) -> list[str]:
    return re.findall(rf"^```{kind}\n(.*?)^```", GUIDE.read_text(encoding="utf-8"), re.S | re.M)


def guide_events() -> list[dict]:
    return [event for block in guide_blocks("yaml") if block.startswith("events:")
            for event in yaml.safe_load(block)["events"]]


def write_guide_examples(content: Path) -> None:
    blocks = [b for b in guide_blocks("yaml") if b.startswith("events:")]
    assert len(blocks) >= 2, "the guide shows events and recurring events"
    for number, block in enumerate(blocks, 1):
        (content / f"piemers-{number}.md").write_text(
            HEADER.format(title=f"Piemērs {number}") + block + "---\n\nTeksts.\n",
            encoding="utf-8")
    headers = [b.split("---\n")[1] for b in guide_blocks("markdown") if b.startswith("---\n")]
    assert len(headers) >= 2, "the guide shows an article and a newsletter introduction"
    for number, header in enumerate(headers, 1):
        metadata = yaml.safe_load(header)
        if "date" in metadata:  # an article
            target = content / f"raksts-{number}.md"
            if "image" in metadata:
                picture = content / metadata["image"]
                picture.parent.mkdir(parents=True, exist_ok=True)
                Image.new("RGB", (640, 400), (90, 120, 150)).save(picture)
        else:  # the newsletter introduction the guide names
            assert "content/newsletter/2024-05.md" in GUIDE.read_text(encoding="utf-8")
            target = content / "newsletter/2024-05.md"
            target.parent.mkdir(exist_ok=True)
        target.write_text(f"---\n{header}---\n\nTeksts.\n", encoding="utf-8")


@pytest.fixture(scope="module")
def guide_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    root = tmp_path_factory.mktemp("guide")
    content = root / "content"
    content.mkdir()
    write_guide_examples(content)
    result = run_build(root / "site", "--strict", "--siteurl", "https://kopienuzinas.lv",
                       content=content)
    assert result.returncode == 0, result.stderr
    return BuiltSite(root / "site", "https://kopienuzinas.lv")


def test_every_event_of_the_guide_is_in_the_calendar_file(guide_site: BuiltSite) -> None:
    site = Calendar.from_ical((guide_site.output / "kalendars.ics").read_bytes())
    summaries = {str(e["SUMMARY"]) for e in site.events}
    assert {e["title"] for e in guide_events()} <= summaries
    rules = {str(e["SUMMARY"]): e["RRULE"].to_ical().decode() for e in site.events
             if "RRULE" in e}
    # UNTIL in DTSTART's value type (RFC 5545 §3.3.10): UTC for timed events
    assert "UNTIL=20240430T235959Z" in rules["Tiešsaistes apmācības bibliotekāriem"]
    assert "UNTIL=20270201T215959Z" in rules["Konsultācijas"]


def test_the_guides_weekly_club_is_at_18_00_after_the_clock_change(guide_site: BuiltSite) -> None:
    page = html.unescape(guide_site.page("kalendars/2027/04/"))
    assert "Šaha klubs" in page and "ceturtdiena, 2027. gada 1. aprīlis, 18:00–19:30" in page


def test_every_calendar_file_of_the_guide_reads_the_same_in_ical_js(
        guide_site: BuiltSite, icaljs: str) -> None:
    files = sorted(guide_site.output.rglob("*.ics"))
    assert icalcheck.assert_calendar_apps_agree(icaljs, files) > 0


def frequency_article(frequencies: tuple[str, ...]) -> str:
    events = "".join(f"  - title: {freq} pasākums\n    start: 2026-12-03 18:00\n"
                     f"    recurrence: FREQ={freq}\n    location: Bibliotēka\n"
                     for freq in frequencies)
    return HEADER.format(title="Biežumi") + "events:\n" + events + "---\n\nTeksts.\n"


def test_frequencies_below_daily_are_named_problems_at_their_lines(tmp_path: Path) -> None:
    content = tmp_path / "content"
    content.mkdir()
    text = frequency_article(FREQUENCIES)
    (content / "biezumi.md").write_text(text, encoding="utf-8")
    result = run_make_check(content, tmp_path / "output")
    assert result.returncode != 0
    errors = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    lines = text.splitlines()
    assert len(errors) == len(REFUSED)
    for freq, error in zip(REFUSED, errors, strict=True):
        line = lines.index(f"    recurrence: FREQ={freq}") + 1
        assert error.startswith(f"error: biezumi.md:{line}: "
                                f"events[{FREQUENCIES.index(freq) + 1}].recurrence: ")
        assert f"{freq} nav atļauts" in error and "FREQ=DAILY" in error
    assert not (tmp_path / "output").exists()  # nothing half-written


def test_daily_to_yearly_build_with_their_occurrences_on_the_pages(
        tmp_path: Path, icaljs: str) -> None:
    content = tmp_path / "content"
    content.mkdir()
    allowed = FREQUENCIES[3:]
    (content / "biezumi.md").write_text(frequency_article(allowed), encoding="utf-8")
    result = run_build(tmp_path / "site", "--strict", content=content)
    assert result.returncode == 0, result.stderr
    site = BuiltSite(tmp_path / "site", "")
    second = {"DAILY": "2026/12/", "WEEKLY": "2026/12/", "MONTHLY": "2027/01/",
              "YEARLY": "2027/12/"}
    for freq in allowed:
        month = second[freq]
        if freq == "YEARLY":  # beyond the year the pages look ahead: only the .ics has it
            assert not (site.output / f"kalendars/{month}").exists()
            continue
        assert f"{freq} pasākums" in site.page(f"kalendars/{month}")
    upcoming = html.unescape(site.page("kalendars/"))
    assert upcoming.count("DAILY pasākums") == 60  # recurrence_limit from the build date on
    assert icalcheck.assert_calendar_apps_agree(icaljs, sorted(site.output.rglob("*.ics"))) > 0


OPEN_ENDED_SINCE_1990 = HEADER.format(title="Atkārtojas kopš 1990. gada") + """events:
  - title: Katru dienu
    start: 1990-01-01 10:00
    recurrence: FREQ=DAILY
    location: Bibliotēka
  - title: Katru nedēļu
    start: 1990-01-01 18:00
    recurrence: FREQ=WEEKLY
    location: Bibliotēka
  - title: Katru mēnesi
    start: 1990-01-01 16:00
    recurrence: FREQ=MONTHLY
    location: Bibliotēka
  - title: Katru gadu
    start: 1990-01-01
    recurrence: FREQ=YEARLY
    location: Bibliotēka
---

Teksts.
"""


def _size(root: Path) -> int:
    return sum(f.stat().st_size for f in root.rglob("*") if f.is_file())


def _month_pages(root: Path) -> int:
    return len(list((root / "kalendars").glob("[0-9]*/[0-9]*/index.html")))


def test_one_open_ended_event_of_each_frequency_keeps_the_site_within_a_small_factor(
        built_site: BuiltSite, tmp_path: Path) -> None:
    """Issue 10.4: expansion is bounded by the EVENTS window and count, not by the rule (a
    daily rule since 1990 once meant every day since then). The figures are in building.md."""
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    (content / "atkartojas.md").write_text(OPEN_ENDED_SINCE_1990, encoding="utf-8")
    result = run_build(tmp_path / "site", "--strict", "--siteurl", built_site.siteurl,
                       content=content)
    assert result.returncode == 0, result.stderr
    assert _size(tmp_path / "site") < 2 * _size(built_site.output)
    window_months = (1096 + 366) // 28 + 2  # recurrence_past_days + recurrence_future_days
    assert _month_pages(tmp_path / "site") <= _month_pages(built_site.output) + window_months
    assert not (tmp_path / "site/kalendars/1990/02").exists()  # only the first of 1990 stays
    assert (tmp_path / "site/kalendars/1990/01/index.html").exists()


SAYS_TWO_THINGS = HEADER.format(title="Divējādi") + """events:
  - title: Ne tajā dienā
    start: 2026-12-02 18:00
    recurrence: FREQ=WEEKLY;BYDAY=TH
    location: Bibliotēka
  - title: Nakts, kuras nav
    start: 2027-03-28 03:30
    location: Bibliotēka
  - title: Nakts divreiz
    start: 2027-10-30 22:00
    end: 2027-10-31 03:15
    location: Bibliotēka
  - title: Tikai laiks
    start: 18:00
    location: Bibliotēka
---

Teksts.
"""


def test_times_and_rules_that_say_two_things_are_named_by_make_check_with_the_fix(
        tmp_path: Path) -> None:
    content = tmp_path / "content"
    content.mkdir()
    (content / "divejadi.md").write_text(SAYS_TWO_THINGS, encoding="utf-8")
    result = run_make_check(content, tmp_path / "output")
    assert result.returncode != 0
    errors = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    lines = SAYS_TWO_THINGS.splitlines()

    def at(text: str) -> int:
        return lines.index(text) + 1

    expected = [
        (at("    recurrence: FREQ=WEEKLY;BYDAY=TH"), "events[1].recurrence",
         "start is not an occurrence of its own recurrence rule", "(2026-12-03 18:00)"),
        (at("    start: 2027-03-28 03:30"), "events[2].start", "does not exist in Riga",
         "pēc 04:00"),
        (at("    end: 2027-10-31 03:15"), "events[3].end", "happens twice in Riga", "no 04:00"),
        (at("    start: 18:00"), "events[4].start", "a time needs a date): 18:00 —",
         "2026-12-03 18:00"),
    ]
    assert len(errors) == len(expected), result.stderr
    for error, (line, field, what, fix) in zip(errors, expected, strict=True):
        assert error.startswith(f"error: divejadi.md:{line}: {field}: "), error
        assert what in error and fix in error.split(" — ", 1)[1] and "1080" not in error, error


def test_the_newsletter_lists_the_weekly_club_once_with_its_dates(guide_site: BuiltSite) -> None:
    page = html.unescape(guide_site.page("izdevums/prieksskatijums/"))  # November: December's
    assert page.count("Šaha klubs") == 1
    # the guide cancels 24 and 31 December (`exdate:`): not listed
    assert "3. decembris, 10. decembris, 17. decembris, 18:00" in page
    assert "7. decembris, 21. decembris, 10:00" in page  # every second Monday
