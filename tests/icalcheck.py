"""A second, independent reading of our .ics files: Mozilla ical.js (the engine of Thunderbird),
run with node, expands every event using only the file's own VTIMEZONE. Each occurrence's
instant must equal the tz database's (zoneinfo) for its wall-clock time, and the occurrences
must be the ones `recurring-ical-events` finds.

`make test` installs ical.js into .cache/icaljs (pinned, like the Nu checker) and sets ICALJS;
without node or ical.js the tests fail, saying what to install.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
from collections.abc import Iterable
from pathlib import Path
from zoneinfo import ZoneInfo

import recurring_ical_events
from icalendar import Calendar

from kopienu_zinas.events import display
from kopienu_zinas.events.model import Event

SCRIPT = Path(__file__).parent / "icaljs" / "occurrences.mjs"
PROPERTIES = Path(__file__).parent / "icaljs" / "properties.mjs"
#: Occurrences are compared up to here and at most this many per event.
UNTIL = dt.date(2040, 1, 1)
LIMIT = 400


def _node(script: Path, *arguments: str) -> dict[str, list[dict]]:
    """A script of tests/icaljs run with node: its JSON output."""
    node = shutil.which("node")
    assert node, "node is missing: install Node.js (apt-get install nodejs npm)"
    result = subprocess.run([node, str(script), *arguments], capture_output=True, text=True,
                            timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def icaljs_occurrences(library: str, files: Iterable[Path], limit: int = LIMIT
                       ) -> dict[str, list[dict]]:
    """File → its occurrences before UNTIL as ical.js finds them, at most `limit` per event."""
    return _node(SCRIPT, library, UNTIL.isoformat(), str(limit), *map(str, files))


def icaljs_texts(library: str, path: Path) -> dict[tuple[str, str], list[str]]:
    """(component, PROPERTY) → the values ical.js decodes (TEXT unescaped) in the file."""
    found: dict[tuple[str, str], list[str]] = {}
    for item in _node(PROPERTIES, library, str(path))[str(path)]:
        found.setdefault((item["component"].upper(), item["name"].upper()), []).extend(
            item["values"])
    return found


def assert_well_formed(library: str, paths: Iterable[Path]) -> None:
    """Each file is what RFC 5545 §3.1 asks of a content stream: lines ending in CRLF (no bare
    CR or LF), none longer than 75 octets, a folded line going on with one space; each line
    whole UTF-8 (no character cut by a fold, which naive unfolding would garble), and it is
    read by icalendar and by ical.js (`properties.mjs` parses every file)."""
    paths = list(paths)
    for path in paths:
        data = path.read_bytes()
        assert data.endswith(b"\r\n"), path
        lines = data[:-2].split(b"\r\n")
        assert not any(b"\r" in line or b"\n" in line for line in lines), path
        assert max(len(line) for line in lines) <= 75, path
        assert all(line and line[:1] != b"\t" for line in lines), path
        for line in lines:
            line.decode("utf-8")  # raises on a character cut in two
        Calendar.from_ical(data)
    assert set(_node(PROPERTIES, library, *map(str, paths))) == set(map(str, paths))


def _tzid_of(calendar: Calendar) -> set[str]:
    return {str(zone["TZID"]) for zone in calendar.timezones}


def assert_calendar_apps_agree(library: str, files: Iterable[Path]) -> int:
    """Every occurrence in `files`, read by ical.js, is at the tz database's instant and is
    an occurrence `recurring-ical-events` finds too. Returns the number of timed occurrences
    checked."""
    files = list(files)
    assert files
    checked = 0
    for name, found in icaljs_occurrences(library, files).items():
        calendar = Calendar.from_ical(Path(name).read_bytes())
        for occurrence in found:
            if occurrence["date"]:
                continue
            assert occurrence["zone"] in _tzid_of(calendar), (name, occurrence)
            local = dt.datetime.fromisoformat(occurrence["local"])
            expected = local.replace(tzinfo=ZoneInfo(occurrence["zone"])).astimezone(dt.UTC)
            assert dt.datetime.fromisoformat(occurrence["utc"].replace("Z", "+00:00")) == \
                expected, (name, occurrence)
            checked += 1
        ours = _by_uid((str(o["UID"]), _local(o["DTSTART"].dt)) for o in
                       recurring_ical_events.of(calendar).between(dt.date(1970, 1, 1), UNTIL))
        theirs = _by_uid((o["uid"], o["local"]) for o in found)
        assert {uid: starts[:LIMIT] for uid, starts in ours.items()} == theirs, name
    return checked


def _instant(utc: str) -> dt.datetime:
    return dt.datetime.fromisoformat(utc.replace("Z", "+00:00"))


def assert_page_times_agree(library: str, path: Path, occurrences: Iterable[Event]) -> int:
    """Every timed occurrence as the page shows it (display.iso: the Riga wall time with its
    UTC offset, as in <time datetime>; display.when: the text) is the occurrence ical.js finds
    in the .ics at `path`: the same wall time and the same instant, of its start and of its
    end. Returns the number compared."""
    found = icaljs_occurrences(library, [path])[str(path)]
    theirs = {(o["uid"], o["local"]): o for o in found}
    compared = 0
    for occurrence in occurrences:
        if not isinstance(occurrence.start, dt.datetime):
            continue
        shown = dt.datetime.fromisoformat(display.iso(occurrence.start))
        key = (occurrence.uid, shown.replace(tzinfo=None).isoformat())
        assert key in theirs, (key, "not an occurrence in ical.js")
        assert shown == _instant(theirs[key]["utc"]), (key, shown.isoformat(), theirs[key])
        assert f"{shown:%H:%M}" in display.when(occurrence), key  # the text a reader sees
        if isinstance(occurrence.end, dt.datetime):
            end = dt.datetime.fromisoformat(display.iso(occurrence.end))
            assert end == _instant(theirs[key]["end_utc"]), (key, end.isoformat(), theirs[key])
            assert end.replace(tzinfo=None).isoformat() == theirs[key]["end_local"], key
        compared += 1
    return compared


def rfc_ends(path: Path) -> dict[tuple[str, dt.datetime], dt.datetime]:
    """(UID, start) → end of every timed occurrence as RFC 5545 reads the file at `path`: an
    occurrence overridden by a VEVENT with its RECURRENCE-ID ends at that one's DTEND; any
    other has its rule's first occurrence's exact (elapsed) length when the master has DTEND
    (§3.8.5.3), or the master's DURATION: its days and weeks nominal (the same wall-clock
    time so many days on), its hours, minutes and seconds exact (§3.3.6). Starts are
    recurring-ical-events'. (Apps differ here: recurring-ical-events and ical.js add the
    length to the wall clock.)"""
    calendar = Calendar.from_ical(path.read_bytes())
    masters = {str(e["UID"]): e for e in calendar.events if "RECURRENCE-ID" not in e}
    overridden = {(str(e["UID"]), e["RECURRENCE-ID"].dt): e["DTEND"].dt
                  for e in calendar.events if "RECURRENCE-ID" in e}
    ends = {}
    for occurrence in recurring_ical_events.of(calendar).between(dt.date(1970, 1, 1), UNTIL):
        uid, start = str(occurrence["UID"]), occurrence["DTSTART"].dt
        master = masters[uid]
        if not isinstance(start, dt.datetime) or not {"DTEND", "DURATION"} & set(master):
            continue
        if (uid, start) in overridden:
            ends[(uid, start)] = overridden[(uid, start)]
        elif "DURATION" in master:
            length = master["DURATION"].dt
            nominal = start + dt.timedelta(days=length.days)  # zoneinfo: the wall clock
            ends[(uid, start)] = nominal.astimezone(dt.UTC) + (length - dt.timedelta(days=length.days))
        else:
            exact = master["DTEND"].dt.astimezone(dt.UTC) - master["DTSTART"].dt.astimezone(dt.UTC)
            ends[(uid, start)] = start.astimezone(dt.UTC) + exact
    return ends


def _local(value: dt.date) -> str:
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=None).isoformat()
    return value.isoformat()


def _by_uid(pairs: Iterable[tuple[str, str]]) -> dict[str, list[str]]:
    grouped: dict[str, list[str]] = {}
    for uid, start in pairs:
        grouped.setdefault(uid, []).append(start)
    return {uid: sorted(starts) for uid, starts in grouped.items()}
