"""ISO 8601 dates and times as editors and settings write them — the one parser of the site.

Every place that reads a written date uses this module: the front matter's `date:`/`modified:`
(content check and schedule), events' `start:`/`end:`, a gallery's `captions.yml` `date:`,
and the BUILD_DATE setting. The forms (ISO 8601 calendar dates, extended format):

=========================  ===========  ============================================
written                    kind         value
=========================  ===========  ============================================
``2024-03-01``             ``date``     ``dt.date`` (an all-day value)
``2024-03-01 18:00``       ``datetime`` ``dt.datetime``, naive = Europe/Riga wall
``2024-03-01T9:05:30``                  clock (an hour of one or two digits)
``2024-03-01T18:00+02:00`` ``datetime`` aware, only where ``offsets=True`` (BUILD_DATE)
``2024-03``                ``month``    ``dt.date`` of its 1st, only where
                                        ``months=True`` (events)
=========================  ===========  ============================================

Anything else — `03.04.2024` (Pelican's own parser would read it as 4 March), an impossible
day such as `2024-02-30` — raises ``ValueError``. Pelican reads every form of the table (without
an offset) as the same Riga wall-clock time.

A written wall-clock time may still be one that Riga's clock skips or passes twice (the hour
from 03:00 on the last Sundays of March and October): :func:`clock_change_problem` is the one
refusal of those, for events' times and the front matter's dates alike, and (by
:func:`wall_time_fault`) of newsletter introductions' dates and recurring events' occurrences.
A time written with a zone where none may be (`2026-11-01T10:00+02:00`, `…Z`) gets
:func:`offset_problem`, which names the same moment on Riga's clock, instead of "could not be
read".

The browser editor (Decap CMS) checks the same forms before saving with :func:`editor_pattern`,
a regular expression made from this table's definition, not written twice.

A date written another way that means one day only is shown rewritten in the message's fix
(:func:`date_suggestion`): `12.05.2026` (Latvian order: day, month, year), `2026-5-1`,
`1. maijs 2026` and `2026. gada 1. maijā` (Latvian month names, from Babel's CLDR data, in any
case form: `maijs`, `maija`, `maijā` …; English ones too), `2026-05-01 19.00`. Never for a
form two readings could mean (`05/06/2026`).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from functools import cache
from typing import Literal
from zoneinfo import ZoneInfo

from babel.dates import get_month_names

from .problems import ContentProblem
from .settings import SettingsError

#: The site's time zone: every naive date and time is Riga's wall clock.
RIGA = ZoneInfo("Europe/Riga")

Kind = Literal["date", "datetime", "month"]

# The written forms' pieces: ASCII digits only (Python's `\d` would also read other scripts'
# digits, JavaScript's would not), shared by the parser and the editor's pattern below.
_DAY = "([0-9]{4})-([0-9]{2})-([0-9]{2})"
_CLOCK = "([0-9]{1,2}):([0-9]{2})(?::([0-9]{2}))?"
_DATE = re.compile(_DAY)
_DATETIME = re.compile(f"{_DAY}[ T]{_CLOCK}(Z|[+-][0-9]{{2}}:[0-9]{{2}})?")
_MONTH = re.compile("([0-9]{4})-([0-9]{2})")
_TIME_OF_DAY = re.compile(_CLOCK)
#: Fractions of a second between a time's seconds and its zone (`:00.000Z`, JavaScript's).
_FRACTION = re.compile(r"(?<=:[0-9]{2})\.[0-9]+(?=Z$|[+-][0-9]{2}:[0-9]{2}$)")

# The same forms (without offsets) for a browser, spelling out which values exist: months
# 01–12, each month's days, 29 February in leap years (Gregorian: every 4th year, of the
# centuries every 4th), years 0001–9999 (Python's dt.date), hours 0–23, minutes and seconds 00–59.
_YEAR_VALUE = "(?!0000)[0-9]{4}"
_LEAP_YEAR = ("(?:[0-9]{2}(?:0[48]|[2468][048]|[13579][26])"
              "|(?:0[48]|[2468][048]|[13579][26])00)")
_MONTH_VALUE = "(?:0[1-9]|1[0-2])"
_DAY_VALUE = (f"(?:{_YEAR_VALUE}-(?:{_MONTH_VALUE}-(?:0[1-9]|1[0-9]|2[0-8])"
              "|(?:0[13-9]|1[0-2])-(?:29|30)|(?:0[13578]|1[02])-31)"
              f"|{_LEAP_YEAR}-02-29)")
_CLOCK_VALUE = "(?:[01]?[0-9]|2[0-3]):[0-5][0-9](?::[0-5][0-9])?"
_EDITOR_FORMS: dict[Kind, str] = {
    "date": _DAY_VALUE,
    "datetime": f"{_DAY_VALUE}[ T]{_CLOCK_VALUE}",
    "month": f"{_YEAR_VALUE}-{_MONTH_VALUE}",
}


def _offset(text: str | None) -> dt.tzinfo | None:
    if text is None:
        return None
    if text == "Z":
        return dt.UTC
    sign = -1 if text[0] == "-" else 1
    hours, minutes = int(text[1:3]), int(text[4:6])
    return dt.timezone(sign * dt.timedelta(hours=hours, minutes=minutes))


def parse(text: str, *, months: bool = False, offsets: bool = False
          ) -> tuple[dt.date, Kind]:
    """(value, kind) of a written date, datetime or (with ``months``) month; see the table.

    A datetime is naive (Riga wall clock) unless ``offsets`` allows a written offset.
    Raises ValueError for anything else."""
    text = text.strip()
    if match := _DATE.fullmatch(text):
        return dt.date(*map(int, match.groups())), "date"
    if (match := _DATETIME.fullmatch(text)) and (offsets or match.group(7) is None):
        *fields, offset = match.groups()
        year, month, day, hour, minute, second = (int(f or 0) for f in fields)
        return dt.datetime(year, month, day, hour, minute, second,
                           tzinfo=_offset(offset)), "datetime"
    if months and (match := _MONTH.fullmatch(text)):
        return dt.date(int(match.group(1)), int(match.group(2)), 1), "month"
    raise ValueError(f"not an ISO date: {text!r}")


def editor_pattern(*kinds: Kind) -> str:
    """A regular expression that a text matches exactly when :func:`parse` reads it (with
    ``months`` when "month" is among `kinds`, never with ``offsets``) as one of `kinds`, e.g.
    ``editor_pattern("date", "datetime")`` for a front matter's `date:`.

    Written in the syntax JavaScript and Python share (groups, alternation, a lookahead, ``\\s``)
    and anchored, because Decap CMS checks a text field as ``RegExp(pattern).test(value)``: no
    flags, a search. It checks the form and the calendar; a year's range and Riga's clock
    changes stay the build's own checks."""
    return r"^\s*(?:" + "|".join(_EDITOR_FORMS[kind] for kind in kinds) + r")\s*$"


def is_time_of_day(text: str) -> bool:
    """`18:00` or `9:05:30` alone: a time written without its date."""
    return _TIME_OF_DAY.fullmatch(text.strip()) is not None


def in_riga(value: dt.datetime) -> dt.datetime:
    """An aware datetime; a naive one is taken as Europe/Riga wall-clock time."""
    return value if value.tzinfo else value.replace(tzinfo=RIGA)


def wall_time_fault(naive: dt.datetime) -> Literal["skipped", "repeated"] | None:
    """"skipped" when a clock change skips this Riga wall-clock time (now: the last Sunday of
    March, 03:00–04:00), "repeated" when it passes it twice (the last Sunday of October,
    03:00–04:00), None when it happens exactly once (the tz database's rules of each year)."""
    first, second = naive.replace(tzinfo=RIGA), naive.replace(tzinfo=RIGA, fold=1)
    if first.astimezone(dt.UTC).astimezone(RIGA).replace(tzinfo=None) != naive:
        return "skipped"
    return "repeated" if first.utcoffset() != second.utcoffset() else None


def clock_change_problem(naive: dt.datetime, field_name: str, written: object
                         ) -> ContentProblem | None:
    """The problem of a written Riga wall-clock time (`written`, as the editor wrote it) that
    a clock change skips or passes twice, with no file and line yet (the caller places it);
    None when the time happens exactly once. Events' `start:`/`end:` and the front matter's
    `date:`/`modified:` refuse such times alike."""
    fault = wall_time_fault(naive)
    if fault is None:
        return None
    if fault == "skipped":
        what_lv, what_en, fix = (
            "šāda laika Rīgā nav: tajā naktī pulksteni pagriež uz priekšu",
            "this local time does not exist in Riga (clock change)",
            "raksti laiku stundu vēlāk (pēc 04:00) vai pirms 03:00")
    else:
        what_lv, what_en, fix = (
            "šis laiks Rīgā ir divreiz: tajā naktī pulksteni pagriež atpakaļ",
            "this local time happens twice in Riga (clock change)",
            "raksti laiku pirms 03:00 vai no 04:00")
    return ContentProblem("", 0, field_name, what_lv, what_en, fix,
                          "" if written is None else str(written))


def offset_problem(written: object, field_name: str) -> ContentProblem | None:
    """The problem of a date and time written with a time zone (`+02:00`, `Z`: what other
    tools and ISO 8601 write), which editors' dates may not have: every time is Riga's. The
    fix names the same moment on Riga's clock. No file and line yet (the caller places it);
    None when `written` is no datetime with a zone. Events' `start:`/`end:` and the front
    matter's `date:`/`modified:` can say it alike. Fractions of a second before the zone
    (`10:00:00.000Z`, what JavaScript and Decap CMS write) are dropped first."""
    text = str(written).strip()
    fraction = _FRACTION.search(text)
    if fraction:
        text = text[:fraction.start()] + text[fraction.end():]
    match = _DATETIME.fullmatch(text)
    if match is None or match.group(7) is None:
        return None
    try:
        moment, _kind = parse(text, offsets=True)
    except ValueError:  # a day or time no calendar has
        return None
    assert isinstance(moment, dt.datetime)  # _DATETIME matched
    riga = moment.astimezone(RIGA).strftime("%Y-%m-%d %H:%M" if moment.second == 0
                                            else "%Y-%m-%d %H:%M:%S")
    return ContentProblem(
        "", 0, field_name, "laika joslu neraksti: laiks vienmēr ir Rīgas laiks",
        "write no time zone: times are Riga time",
        f"izdzēs '{fraction.group() if fraction else ''}{match.group(7)}' un raksti laiku pēc "
        f"Rīgas pulksteņa: {riga}", str(written))


def parse_iso_date(value: object) -> dt.date | dt.datetime:
    """A front-matter date (YAML may already have made it a date or datetime): a ``dt.date``
    (all-day) or an aware Europe/Riga ``dt.datetime``; ValueError for anything else."""
    if isinstance(value, dt.datetime):
        return in_riga(value)
    if isinstance(value, dt.date):
        return value
    parsed, _kind = parse(str(value))
    return in_riga(parsed) if isinstance(parsed, dt.datetime) else parsed


def as_datetime(value: dt.date | dt.datetime) -> dt.datetime:
    """Midnight Europe/Riga for a plain date; a datetime unchanged."""
    if isinstance(value, dt.datetime):
        return value
    return dt.datetime(value.year, value.month, value.day, tzinfo=RIGA)


def parse_build_date(value: object) -> dt.datetime:
    """A BUILD_DATE setting (None or "" = now, an ISO string, a date or datetime) as an aware
    datetime: naive values are Europe/Riga local time, a bare date is midnight of that day."""
    if value is None or value == "":
        return dt.datetime.now(RIGA).replace(microsecond=0)
    if isinstance(value, str):
        try:
            value, _kind = parse(value, offsets=True)
        except ValueError:
            raise not_a_build_date(value) from None
    if isinstance(value, dt.datetime):
        return in_riga(value)
    if isinstance(value, dt.date):
        return as_datetime(value)
    raise not_a_build_date(value)


def not_a_build_date(value: object) -> SettingsError:
    """The error for a BUILD_DATE that is no date (a ValueError, named at its setting)."""
    return SettingsError("BUILD_DATE", None, "jābūt ISO datumam vai datumam ar laiku",
                         "must be an ISO date or datetime, e.g. 2026-11-23 or "
                         "2026-11-23T12:00:00+02:00", repr(value))


#: A time written at the end of a date another way (`19.00`, `plkst. 19:00`, `, 7:30`): hour,
#: minute, second.
_WRITTEN_TIME = re.compile(r"(?:^|[\s,T]+)(?:plkst\.?\s*|pulksten\s*|at\s*)?"
                           r"([0-9]{1,2})[:.]([0-9]{2})(?:[:.]([0-9]{2}))?$")
#: Year first, month and day of one or two digits, `-`, `/` or `.` between (`2026-5-1`).
_YEAR_FIRST = re.compile(r"([0-9]{4})([-/.])([0-9]{1,2})\2([0-9]{1,2})\.?")
#: Latvian order, day.month.year (`12.05.2026`, `1. 5. 2026.`).
_DAY_FIRST = re.compile(r"([0-9]{1,2})\.\s?([0-9]{1,2})\.\s?([0-9]{4})\.?")
#: Day and month in either order with slashes (`05/12/2026`): read only where one of them
#: cannot be a month.
_SLASHED = re.compile(r"([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})")
#: A month alone, month.year or year-month (`5.2026`, `2026-5`).
_MONTH_YEAR = re.compile(r"([0-9]{1,2})[./]([0-9]{4})\.?|([0-9]{4})-([0-9]{1,2})")
#: Words that may stand with a date written in words: "gada", "g." (year), "plkst." (o'clock).
_DATE_WORDS = frozenset({"gada", "g", "gads", "plkst", "pulksten", "of", "the", "at"})
#: Endings of the case forms of a Latvian month's name (its nominative's stem + one of these;
#: compared without diacritics): janvāris, janvāra, janvārim, janvāri, janvārī; maijs, maija,
#: maijam, maiju, maijā.
_CASE_ENDINGS = ("", "s", "is", "a", "am", "im", "u", "i")


def _plain(word: str) -> str:
    """`word` in lower case without diacritics (`Maijā` → `maija`)."""
    return "".join(c for c in unicodedata.normalize("NFD", word.lower())
                   if not unicodedata.combining(c))


@cache
def _month_words() -> tuple[dict[str, int], tuple[tuple[str, int], ...]]:
    """(every whole word naming a month, without diacritics → its number; the stems of the
    Latvian names, whose case forms name it too), from Babel's Latvian and English month
    names (wide and abbreviated)."""
    words: dict[str, int] = {}
    stems = []
    for locale in ("lv", "en"):
        for width in ("wide", "abbreviated"):
            for number, name in get_month_names(width, "format", locale).items():
                words[_plain(name).rstrip(".")] = number
    for number, name in get_month_names("wide", "stand-alone", "lv").items():
        plain = _plain(name)
        stems.append((plain[:-2] if plain.endswith("is") else plain[:-1], number))
    return words, tuple(stems)


def _month_of(word: str) -> int | None:
    """The month `word` names (Latvian in any case form, or English; abbreviated too)."""
    words, stems = _month_words()
    plain = _plain(word)
    if plain in words:
        return words[plain]
    found = {number for stem, number in stems
             if plain.startswith(stem) and plain[len(stem):] in _CASE_ENDINGS}
    return found.pop() if len(found) == 1 else None


def _in_words(text: str, months: bool) -> tuple[int, int, int | None] | None:
    """(year, month, day or None) of a date written with its month's name (`1. maijs 2026`,
    `2026. gada 1. maijā`, `May 1, 2026`; `maijs 2026` when `months`)."""
    year = month = day = None
    for token in re.findall(r"[0-9]+|[^\W\d_]+", text):
        if token.isdigit():
            if len(token) == 4 and year is None:
                year = int(token)
            elif len(token) <= 2 and day is None:
                day = int(token)
            else:
                return None
        elif _plain(token) in _DATE_WORDS:
            continue
        elif month is None and (named := _month_of(token)) is not None:
            month = named
        else:
            return None
    if year is None or month is None or (day is None and not months):
        return None
    return year, month, day


def _day_of(text: str, months: bool) -> tuple[int, int, int | None] | None:
    """(year, month, day or None) of a date written another way (:func:`date_suggestion`)."""
    if match := _YEAR_FIRST.fullmatch(text):
        return int(match.group(1)), int(match.group(3)), int(match.group(4))
    if match := _DAY_FIRST.fullmatch(text):
        return int(match.group(3)), int(match.group(2)), int(match.group(1))
    if match := _SLASHED.fullmatch(text):
        first, second, year = map(int, match.groups())
        if first > 12 >= second or first == second:
            return year, second, first
        return (year, first, second) if second > 12 >= first else None
    if months and (match := _MONTH_YEAR.fullmatch(text)):
        written_month, written_year = (match.group(1), match.group(2)) if match.group(1) \
            else (match.group(4), match.group(3))
        return int(written_year), int(written_month), None
    return _in_words(text, months)


def date_suggestion(written: object, *, months: bool = False) -> str | None:
    """The form :func:`parse` reads of a date (with a time; with `months`, a month alone) that
    an editor wrote another way meaning one day only: `12.05.2026` (Latvian order) →
    `2026-05-12`, `2026-5-1` → `2026-05-01`, `1. maijs 2026` or `2026. gada 1. maijā` →
    `2026-05-01`, `2026-05-01 19.00` → `2026-05-01 19:00`; `maijs 2026` → `2026-05` (only
    with `months`). Month names are Babel's Latvian (CLDR; any case form) and English ones.
    None when the text reads two ways (`05/06/2026`), is no day a calendar has, or is no date
    at all."""
    if not isinstance(written, str):
        return None
    text = re.sub(r"\s+", " ", written).strip()
    clock = ""
    if (time := _WRITTEN_TIME.search(text)) and time.start() > 0:
        hour, minute, second = time.groups()
        clock = f" {int(hour):02d}:{minute}" + (f":{second}" if second else "")
        text = text[:time.start()].strip(" ,")
    found = _day_of(text, months)
    if found is None:
        return None
    year, month, day = found
    if day is None:
        suggestion = "" if clock else f"{year:04d}-{month:02d}"
    else:
        suggestion = f"{year:04d}-{month:02d}-{day:02d}{clock}"
    try:
        parse(suggestion, months=months)
    except ValueError:
        return None
    return suggestion if suggestion != written.strip() else None
