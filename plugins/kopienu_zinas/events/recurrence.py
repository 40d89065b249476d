"""Recurrence rules (RFC 5545 §3.3.10 RRULE) as editors write them: read once, normalised,
checked against their DTSTART, expanded within bounds.

Pure (no Pelican). `icalendar` reads and writes the rule text (`vRecur`), `dateutil.rrule`
expands it, `zoneinfo` gives Riga's clock. Timed events are expanded with an aware Europe/Riga
DTSTART, so a weekly 18:00 event stays at 18:00 on both sides of a clock change, and UNTIL (a
UTC instant) is compared as an instant.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import islice
from typing import cast

from dateutil.rrule import rrule, rrulestr
from icalendar import vRecur

from ..common.isodates import RIGA, wall_time_fault
from .vtimezone import transitions

#: Frequencies that make no sense for community events and whose expansion has no useful bound.
REFUSED = ("SECONDLY", "MINUTELY", "HOURLY")
#: Parts that would make a daily or longer rule recur within a day (the time comes from start).
REFUSED_PARTS = ("BYHOUR", "BYMINUTE", "BYSECOND")
ALLOWED = ("DAILY", "WEEKLY", "MONTHLY", "YEARLY")
#: A finite rule longer than this is treated like an open-ended one where its end is needed
#: (the VTIMEZONE): computing its last occurrence would cost more than it tells.
FINITE_LIMIT = 5000
#: The most occurrences COUNT may ask for (a daily event for almost three years; docs/events.md).
MAX_COUNT = 1000
#: The parts of a recurrence rule (RFC 5545 §3.3.10); any other part is refused.
PARTS = ("FREQ", "UNTIL", "COUNT", "INTERVAL", "BYSECOND", "BYMINUTE", "BYHOUR", "BYDAY",
         "BYMONTHDAY", "BYYEARDAY", "BYWEEKNO", "BYMONTH", "BYSETPOS", "WKST")
#: The parts an editor may write: every part but the refused ones (the refusal of an unknown
#: part lists these).
ALLOWED_PARTS = tuple(part for part in PARTS if part not in REFUSED_PARTS)
#: How far an open-ended rule is followed when looking for a clock-change occurrence: the
#: Gregorian calendar (dates and weekdays) repeats every 400 years.
OPEN_ENDED_YEARS = 400
#: Parts that take one value.
_SINGLE = ("FREQ", "UNTIL", "COUNT", "INTERVAL", "WKST")
#: (lowest, highest, whether negative values count from the end) of the numeric BY… parts.
_RANGES = {"BYSECOND": (0, 60, False), "BYMINUTE": (0, 59, False), "BYHOUR": (0, 23, False),
           "BYMONTHDAY": (1, 31, True), "BYYEARDAY": (1, 366, True), "BYWEEKNO": (1, 53, True),
           "BYMONTH": (1, 12, False), "BYSETPOS": (1, 366, True)}
_BYDAY = re.compile(r"^([+-]?\d{1,2})?(MO|TU|WE|TH|FR|SA|SU)$")

RULE_FIX = "raksti RFC 5545 RRULE, piemēram FREQ=MONTHLY;BYDAY=-1WE;COUNT=4"
_UNTIL = re.compile(r"(UNTIL=)([0-9:T\-Z]+)", re.I)


class RecurrenceError(ValueError):
    """What is wrong with a rule: Latvian and English text and how to fix it."""

    def __init__(self, what_lv: str, what_en: str, fix: str = RULE_FIX):
        super().__init__(what_en)
        self.what_lv, self.what_en, self.fix = what_lv, what_en, fix


@dataclass(frozen=True)
class Recurrence:
    """A valid rule for one DTSTART.

    `rule` is the RRULE value as the .ics writes it: keys upper-case, UNTIL in DTSTART's value
    type (RFC 5545 §3.3.10): a DATE for all-day events, a UTC DATE-TIME for timed ones.
    `until` is that value as a date or an aware UTC datetime. `exdates`: the cancelled
    occurrences (the event's `exdate:`, RFC 5545 §3.8.5.1 EXDATE), as starts in DTSTART's value
    type (aware Riga datetimes or dates), sorted; never the first occurrence.
    """

    rule: str
    freq: str
    count: int | None
    until: dt.date | None
    exdates: tuple[dt.date, ...] = ()

    @property
    def open_ended(self) -> bool:
        return self.count is None and self.until is None

    def rrule(self, start: dt.date) -> rrule:
        """dateutil's rule for `start` (an aware datetime, or a date: naive local midnights)."""
        return cast(rrule, rrulestr(self.rule, dtstart=_dtstart(start), cache=False))  # one RRULE, no set

    def last(self, start: dt.date) -> dt.date | None:
        """The last occurrence's start (date or aware datetime); None when open-ended or longer
        than FINITE_LIMIT occurrences."""
        if self.open_ended:
            return None
        found = list(islice(self.rrule(start), FINITE_LIMIT + 1))
        if not found or len(found) > FINITE_LIMIT:
            return None
        return _as_start(found[-1], start)

    def between(self, start: dt.date, after: dt.datetime, before: dt.datetime
                ) -> Iterator[dt.date]:
        """Occurrence starts from `after` to `before` (inclusive; aware datetimes), in order;
        the cancelled ones (`exdates`) left out."""
        rule = self.rrule(start)
        if not isinstance(start, dt.datetime):
            after, before = _naive_local(after), _naive_local(before)
        for moment in rule.xafter(after, inc=True):
            if moment > before:
                return
            if _as_start(moment, start) not in self.exdates:
                yield _as_start(moment, start)

    def on_day(self, start: dt.date, day: dt.date) -> dt.date | None:
        """The occurrence starting on the Riga day of `day` (a date or aware datetime), or None.
        A rule has at most one a day: its time comes from `start`."""
        first = _day_start(_local_day(day))
        return next(self.between(start, first, _day_start(_local_day(day) + _ONE_DAY)
                                 - dt.timedelta(microseconds=1)), None)

    def nearest(self, start: dt.date, day: dt.date) -> list[dt.date]:
        """The occurrences just before and from the Riga day of `day` (one or two)."""
        rule, first = self.rrule(start), _day_start(_local_day(day))
        moment = first if isinstance(start, dt.datetime) else _naive_local(first)
        return [_as_start(found, start) for found in (rule.before(moment), rule.after(moment))
                if found is not None]


_ONE_DAY = dt.timedelta(days=1)


def _day_start(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, tzinfo=RIGA)


def _dtstart(start: dt.date) -> dt.datetime:
    if isinstance(start, dt.datetime):
        return start.astimezone(RIGA)
    return dt.datetime(start.year, start.month, start.day)


def _naive_local(moment: dt.datetime) -> dt.datetime:
    return moment.astimezone(RIGA).replace(tzinfo=None)


def _as_start(moment: dt.datetime, start: dt.date) -> dt.date:
    return moment if isinstance(start, dt.datetime) else moment.date()


def _until(value: dt.date, start: dt.date) -> dt.date:
    """UNTIL in DTSTART's value type. An editor's date for a timed event means "to the end of
    that day in Riga"; a local time (no Z) is Riga time; for an all-day event the date written
    counts (RFC 5545 §3.3.10)."""
    if isinstance(start, dt.datetime):
        if not isinstance(value, dt.datetime):
            value = dt.datetime.combine(value, dt.time(23, 59, 59), tzinfo=RIGA)
        elif value.tzinfo is None:
            value = value.replace(tzinfo=RIGA)
        return value.astimezone(dt.UTC)
    return value.date() if isinstance(value, dt.datetime) else value


def parse(text: str, start: dt.date, latest: dt.date) -> Recurrence:
    """The rule an editor wrote, for the event starting at `start` (aware datetime or date),
    whose occurrences may go on to the local day `latest` (model.latest_day).

    Raises RecurrenceError for text that is not an RRULE, a part RFC 5545 §3.3.10 does not
    define, a refused frequency (below daily) or BYHOUR/BYMINUTE/BYSECOND (several times a day),
    INTERVAL below 1, COUNT below 1 or above MAX_COUNT, COUNT with UNTIL, a finite rule that
    ends after `latest`, a rule without occurrences, and a DTSTART that is not the rule's first
    occurrence (RFC 5545 §3.8.5.3 leaves that undefined: calendar apps differ).
    """
    cleaned = _UNTIL.sub(lambda m: m.group(1) + re.sub(r"[-:]", "", m.group(2)),
                         text.strip()).strip(";")
    try:
        parts = vRecur.from_ical(cleaned)
    except (ValueError, TypeError) as error:
        raise RecurrenceError(f"{_unreadable_part(cleaned)}: nav saprotams",
                              f"recurrence is not a valid RRULE: {_unreadable_part(cleaned)} "
                              f"({error})") from None
    freq = (parts.get("FREQ") or [""])[0]
    if not freq or "\n" in text:
        raise RecurrenceError("atkārtojuma kārtula nav saprotama",
                              "recurrence is not an RRULE (it must start with FREQ=)")
    unknown = [part for part in parts if part not in PARTS]
    if unknown:
        raise RecurrenceError(f"kārtulā ir nezināma daļa {unknown[0]}",
                              f"the rule has an unknown part {unknown[0]}",
                              _unknown_fix(unknown[0]))
    _check_single(cleaned, parts)
    _check_numbers(parts)
    _check_ranges(parts, freq)
    if freq in REFUSED:
        raise RecurrenceError(
            f"biežums {freq} nav atļauts: pasākums var atkārtoties ne biežāk kā reizi dienā",
            f"frequency {freq} is not allowed: an event recurs at most daily",
            f"raksti FREQ={' vai FREQ='.join(ALLOWED)}; vairākus laikus vienā dienā raksti kā "
            "atsevišķus pasākumus")
    within_day = [part for part in REFUSED_PARTS if part in parts]
    if within_day:
        raise RecurrenceError(
            f"{within_day[0]} nav atļauts: pasākuma laiku nosaka 'start:'",
            f"{within_day[0]} is not allowed: the time of day comes from start",
            f"izdzēs {within_day[0]}; vairākus laikus vienā dienā raksti kā atsevišķus "
            "pasākumus")
    if "COUNT" in parts and "UNTIL" in parts:
        raise RecurrenceError("kārtulā ir gan COUNT, gan UNTIL", "COUNT and UNTIL together",
                              "atstāj tikai vienu: COUNT=skaits vai UNTIL=GGGGMMDD")
    if "UNTIL" in parts:
        parts["UNTIL"] = [_until(parts["UNTIL"][0], start)]
        if _local_day(parts["UNTIL"][0]) > latest:
            raise RecurrenceError(
                f"UNTIL ir pēc {latest.isoformat()}: tik tālu pasākumus nepublicē",
                f"UNTIL is after {latest.isoformat()}: too far ahead to publish",
                "pārbaudi UNTIL gadu vai izdzēs UNTIL (pasākums atkārtosies bez beigām)")
    rule = parts.to_ical().decode()
    try:
        first = next(iter(rrulestr(rule, dtstart=_dtstart(start), cache=False)), None)
    except (ValueError, TypeError, IndexError, RuntimeError) as error:
        # what dateutil raises on values the checks above let through, if any: never a crash
        raise RecurrenceError("atkārtojuma kārtula nav saprotama",
                              f"recurrence is not a valid RRULE ({error})") from None
    if first is None:
        raise RecurrenceError("kārtulai nav nevienas reizes (UNTIL ir pirms sākuma)",
                              "the rule has no occurrence (UNTIL is before start)",
                              "pārbaudi UNTIL datumu")
    if _as_start(first, start) != start:
        raise RecurrenceError(
            "sākums nav šīs kārtulas reize, kalendāri to rādītu dažādi",
            "start is not an occurrence of its own recurrence rule (calendar apps differ)",
            f"raksti 'start:' kārtulas pirmajā reizē ({show(_as_start(first, start))}) "
            "vai maini kārtulu")
    count = parts.get("COUNT")
    found = Recurrence(rule=rule, freq=freq, count=int(count[0]) if count else None,
                       until=parts["UNTIL"][0] if "UNTIL" in parts else None)
    last = found.last(start) if count else None
    if last is not None and _local_day(last) > latest:
        raise RecurrenceError(
            f"pēdējā reize ({show(last)}) ir pēc {latest.isoformat()}: tik tālu pasākumus "
            "nepublicē", f"the last occurrence ({show(last)}) is after {latest.isoformat()}: "
            "too far ahead to publish", "samazini COUNT vai izdzēs COUNT (pasākums atkārtosies "
            "bez beigām)")
    return found


def _unreadable_part(cleaned: str) -> str:
    """The first `NAME=value` of a rule that icalendar cannot read on its own."""
    for item in cleaned.split(";"):
        try:
            vRecur.from_ical(item)
        except (ValueError, TypeError):
            return item
    return cleaned


def _unknown_fix(part: str) -> str:
    """How to fix an unknown part: EXDATE has its own field; else the parts allowed."""
    if part == "EXDATE":
        return "izdzēs EXDATE no kārtulas un raksti atceltās reizes laukā 'exdate:' (datumu sarakstā)"
    return f"izdzēs {part}; atļautās daļas: {', '.join(ALLOWED_PARTS)}"


def _check_single(cleaned: str, parts: vRecur) -> None:
    """No part twice (RFC 5545 §3.3.10: MUST NOT occur more than once; icalendar keeps the
    last), and one value for the parts that take one."""
    names = [item.split("=", 1)[0].strip().upper() for item in cleaned.split(";")]
    twice = sorted({name for name in names if names.count(name) > 1})
    if twice:
        raise RecurrenceError(f"{twice[0]} kārtulā ir divreiz", f"{twice[0]} occurs twice",
                              f"atstāj vienu {twice[0]}=…")
    several = [name for name in _SINGLE if len(parts.get(name, ())) > 1]
    if several:
        raise RecurrenceError(f"{several[0]} var būt tikai viena vērtība",
                              f"{several[0]} takes one value", f"raksti vienu {several[0]}=…")


def _check_ranges(parts: vRecur, freq: str) -> None:
    """The BY… values within RFC 5545 §3.3.10's ranges (dateutil crashes or loops on others);
    a numbered BYDAY (-1SU) only for MONTHLY (±1…5) and YEARLY (±1…53) rules."""
    for name, (low, high, negative) in _RANGES.items():
        for value in parts.get(name, ()):
            number = int(value)
            if getattr(value, "leap", False) or not (
                    low <= number <= high or (negative and -high <= number <= -low)):
                allowed = f"{low}…{high}" + (f" vai -{high}…-{low}" if negative else "")
                raise RecurrenceError(f"{name}={value}: atļauts {allowed}",
                                      f"{name}={value}: allowed {allowed.replace('vai', 'or')}",
                                      f"labo {name}")
    limit = {"MONTHLY": 5, "YEARLY": 53}.get(freq, 0)
    for day in parts.get("BYDAY", ()):
        written = _BYDAY.match(str(day))
        number = int(written.group(1) or 0) if written else limit + 1
        if abs(number) > limit or (number == 0 and str(day)[0] in "+-0"):
            raise RecurrenceError(
                f"BYDAY={day}: {freq} kārtulai numurs nav atļauts" if limit == 0 else
                f"BYDAY={day}: numurs var būt 1…{limit} vai -{limit}…-1",
                f"BYDAY={day}: no number with {freq}" if limit == 0 else
                f"BYDAY={day}: the number must be 1…{limit} or -{limit}…-1",
                "raksti BYDAY=TH (katru ceturtdienu); numuru (-1TH: pēdējā ceturtdiena) tikai ar "
                "FREQ=MONTHLY vai FREQ=YEARLY")


def _check_numbers(parts: vRecur) -> None:
    """INTERVAL and COUNT are positive integers (RFC 5545 §3.3.10); COUNT at most MAX_COUNT."""
    interval = parts.get("INTERVAL", [1])[0]
    if interval < 1:
        raise RecurrenceError(f"INTERVAL={interval}: jābūt veselam skaitlim, vismaz 1",
                              f"INTERVAL={interval}: must be a whole number of at least 1",
                              "raksti INTERVAL=1 (katru reizi), INTERVAL=2 (katru otro) u. tml.")
    count = parts.get("COUNT", [1])[0]
    if count < 1:
        raise RecurrenceError(f"COUNT={count}: reižu skaitam jābūt vismaz 1",
                              f"COUNT={count}: the number of occurrences must be at least 1",
                              "raksti COUNT=skaits (1 vai vairāk) vai izdzēs COUNT")
    if count > MAX_COUNT:
        raise RecurrenceError(f"COUNT={count}: ne vairāk kā {MAX_COUNT} reizes",
                              f"COUNT={count}: at most {MAX_COUNT} occurrences",
                              f"raksti COUNT līdz {MAX_COUNT} vai izdzēs COUNT (pasākums "
                              "atkārtosies bez beigām)")


def clock_change(recurrence: Recurrence, start: dt.datetime, length: dt.timedelta
                 ) -> dt.datetime | None:
    """The first wall-clock start or end (naive, Riga) of an occurrence of a timed event that
    does not exist or happens twice in Riga (a clock change), or None.

    Every occurrence of a finite rule is checked; an open-ended one is followed for
    OPEN_ENDED_YEARS, as its yearly clock-change days recur. `length` is the wall-clock length
    (end − start); occurrences keep it (calendar.occurrences). Only rules whose time of day
    falls into a clock change on some change day are followed at all, so the usual rule costs
    one look at each year's changes.
    """
    wall = start.astimezone(RIGA).replace(tzinfo=None)
    times = {wall.time(), (wall + length).time()}
    if not any(_clock_change_times(times, year) for year in _change_years(wall.year)):
        return None
    horizon = dt.datetime(min(wall.year + OPEN_ENDED_YEARS, dt.MAXYEAR), 1, 1)
    # an open-ended rule has no UTC UNTIL, so it can run on naive wall times (several times
    # faster than through the zone)
    moments = rrulestr(recurrence.rule, dtstart=wall, cache=False) if recurrence.open_ended \
        else (found.replace(tzinfo=None) for found in recurrence.rrule(start))
    for moment in moments:
        if moment >= horizon:
            return None
        for candidate in (moment, moment + length):
            if not valid_wall_time(candidate):
                return candidate
    return None


def _change_years(first: int) -> range:
    """Years whose clock changes are looked at: from the event's on to one year of the rule the
    zone keeps after its last explicit change (the tz database writes those to 2037)."""
    return range(first, max(first, 2038) + 1)


def _clock_change_times(times: set[dt.time], year: int) -> bool:
    days = {change.local.date() + dt.timedelta(days=shift)
            for change in transitions(RIGA, year) for shift in (0, 1)}
    return any(not valid_wall_time(dt.datetime.combine(day, moment))
               for day in days for moment in times)


def valid_wall_time(naive: dt.datetime) -> bool:
    """Whether a Riga wall-clock time happens exactly once."""
    return wall_time_fault(naive) is None


def _local_day(value: dt.date) -> dt.date:
    return value.astimezone(RIGA).date() if isinstance(value, dt.datetime) else value


def show(value: dt.date) -> str:
    """An occurrence's start as editors write it: `2026-06-01 18:00` (Riga) or `2026-06-01`."""
    if isinstance(value, dt.datetime):
        return value.astimezone(RIGA).strftime("%Y-%m-%d %H:%M")
    return value.isoformat()
