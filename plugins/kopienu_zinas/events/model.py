"""The event model: parse and validate the `events:` list of an article's front matter.

Pure (no Pelican): the content check reports the issues found here with file and line, and the
Pelican glue builds the site's events from the same function, so both agree on what is valid.

YAML turns `2024-03-01` into a date but leaves `2024-03-01 10:00` and `2024-09` strings (and
the content check's reader leaves every date a string); all of these are accepted here.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass, replace
from typing import Any
from urllib.parse import urlparse

import yaml

from ..common import isodates
from ..common.invisibles import IN_VALUE, named_in_value
from ..common.isodates import RIGA, date_suggestion, is_time_of_day
from ..common.months import Month
from ..common.problems import ContentProblem, ProblemError
from ..common.slugs import slugify
from ..common.yamlnodes import INVISIBLE, as_node, written_form
from ..common.yamlproblems import layout_problem, not_text
from . import recurrence as rules
from .recurrence import Recurrence, RecurrenceError

STATUSES = ("scheduled", "cancelled", "postponed")
FIELDS = ("title", "id", "start", "end", "location", "address", "online", "recurrence", "exdate",
          "status", "organizer", "registration", "price", "description", "sequence")
TEXT_FIELDS = ("title", "id", "location", "address", "organizer", "registration", "price",
               "description")

#: The most characters of an event's key (its anchor, .ics name and UID end in it): a long
#: title's slug is cut after its last whole word within this.
KEY_LIMIT = 50
#: The forms an `exdate:` value may take (isodates kinds): a day; for a timed event, a day
#: with a time (never a month: exdate_when).
EXDATE_KINDS: tuple[isodates.Kind, ...] = ("date", "datetime")

#: The most characters an event's own `description:` may have: a calendar app shows a few lines
#: of it, and the article is where the rest belongs (docs/events.md).
DESCRIPTION_LIMIT = 1000

#: Event days must lie from the start of this year…
EARLIEST_YEAR = 1900
#: …to the end of the year this many years after the build date's year (a typo guard: 9999 or
#: 3000 is a slip of the keyboard, and far dates overflow date arithmetic; docs/events.md).
FUTURE_YEARS = 10

_DATE_FIX = "raksti GGGG-MM-DD (visa diena), GGGG-MM-DD SS:MM (ar laiku) vai GGGG-MM (tikai mēnesis)"


@dataclass(frozen=True)
class Event:
    """One announced event (for a recurring one: the first occurrence and its rule).

    `start` is an aware Europe/Riga datetime when timed, a date when all-day, and the first day
    of the month for a month-only event (`month_only`: the day is not announced yet). `end` is
    inclusive for all-day events (the last day), as editors write it.
    """

    title: str
    start: dt.date
    end: dt.date | None = None
    all_day: bool = False
    month_only: bool = False
    location: str | None = None
    address: str | None = None
    online: str | None = None
    online_pending: bool = False  # online, link not published yet (`online: true`)
    recurrence: Recurrence | None = None
    status: str = "scheduled"
    organizer: str | None = None
    registration: str | None = None
    price: str | None = None
    description: str | None = None  # this event's own words; else the article's summary
    sequence: int | None = None
    index: int = 0
    key: str = ""  # its identity in the article: slug of `id:`, else of its own `title:`, or ""
    # Filled in by the Pelican glue (see events.attach): where the event lives on the site.
    anchor: str = ""  # its id on the article page ("notikums-koncerts"): the .ics file's name too
    url: str = ""
    ics_path: str | None = None  # site-relative: the event's own .ics file
    ics_url: str | None = None  # the same, absolute
    uid: str = ""
    article_url: str = ""
    summary: str = ""
    region: str = ""
    region_slug: str = ""
    region_url: str = ""
    lang: str = "lv"
    stamp: dt.datetime | None = None

    @property
    def is_online(self) -> bool:
        return bool(self.online) or self.online_pending

    @property
    def in_calendar_files(self) -> bool:
        """Month-only events have no day, so they never go into .ics files."""
        return not self.month_only

    @property
    def last_day(self) -> dt.date:
        """The local day the event (this occurrence) ends on."""
        end = self.end or self.start
        if isinstance(end, dt.datetime):
            return end.astimezone(RIGA).date()
        if self.month_only:
            return Month.of(end).last_day
        return end

    @property
    def first_day(self) -> dt.date:
        if isinstance(self.start, dt.datetime):
            return self.start.astimezone(RIGA).date()
        return self.start

    @property
    def is_multi_day(self) -> bool:
        return not self.month_only and self.last_day > self.first_day


def _invalid(field_name: str, what_lv: str, what_en: str, fix: str,
             value: object = "") -> ProblemError:
    """The refusal of one field of an event (placed in the article by parse_events' caller)."""
    return ProblemError(ContentProblem("", 0, field_name, what_lv, what_en, fix,
                                       "" if value is None else str(value)))


def latest_day(today: dt.date) -> dt.date:
    """The last day an event (or an occurrence) may fall on, for a build on `today`."""
    return dt.date(today.year + FUTURE_YEARS, 12, 31)


def _within(day: dt.date, field_name: str, written: object, today: dt.date) -> None:
    """_invalid unless `day` lies from EARLIEST_YEAR to latest_day(today)."""
    latest = latest_day(today)
    if day.year < EARLIEST_YEAR or day > latest:
        raise _invalid(field_name, f"datumam jābūt no {EARLIEST_YEAR}. gada līdz "
                       f"{latest.year}. gada beigām", f"the date must lie from {EARLIEST_YEAR} "
                       f"to the end of {latest.year}", "pārbaudi gadu (vai tajā nav drukas "
                       "kļūdas)", written)


def parse_when(value: object, field_name: str, today: dt.date, written: yaml.Node | None = None,
               day: dt.date | None = None) -> tuple[dt.date, str]:
    """(value, kind) with kind "date", "datetime" or "month"; _invalid for anything else,
    including a day outside EARLIEST_YEAR … latest_day(today), a Riga local time that does
    not exist or happens twice (clock changes) and a time written with a zone (`Z`, `+02:00`:
    isodates.offset_problem, as for articles' dates).

    A time alone (`18:00`, which YAML 1.1 reads as 1080; `19.00`, read as 19.0) is refused as
    a time that needs a date, shown as written (its node `written`, when known) and, when the
    event's `day` is known (its start's), rewritten with it: `end: 2026-12-05 19:00`."""
    clock = _time_alone(value, written)
    if clock is not None:
        shown, hour_minute = clock
        fix = (f"raksti datumu un laiku kopā: {field_name}: {day.isoformat()} {hour_minute}"
               if day is not None else
               "raksti datumu un laiku kopā, piemēram 2026-12-03 18:00")
        raise _invalid(field_name, "laikam vajag datumu", "a time needs a date", fix, shown)
    if isinstance(value, dt.datetime):
        _within(value.date(), field_name, value, today)
        if value.tzinfo is None:
            return _riga(value, field_name, value), "datetime"
        return value, "datetime"
    if isinstance(value, dt.date):
        _within(value, field_name, value, today)
        return value, "date"
    if isinstance(value, str):
        try:
            parsed, kind = isodates.parse(value, months=True)
        except ValueError:
            pass
        else:
            _within(parsed.date() if isinstance(parsed, dt.datetime) else parsed,
                    field_name, value, today)
            return (_riga(parsed, field_name, value) if isinstance(parsed, dt.datetime)
                    else parsed), kind
        with_zone = isodates.offset_problem(value, field_name)
        if with_zone:
            raise ProblemError(with_zone)
    suggestion = _date_suggestion(value)
    fix = _DATE_FIX if suggestion is None else (
        f"raksti {suggestion}" if field_name == "exdate" else f"raksti {field_name}: {suggestion}")
    raise _invalid(field_name, "datums nav saprotams", "date could not be read", fix,
                   written_form(as_node(value)) if isinstance(value, (list, dict)) else value)


#: A time written Latvian style, a dot between hours and minutes (`19.00`): YAML reads a float.
_DOTTED_TIME = re.compile(r"([0-9]{1,2})\.([0-9]{2})")


def _time_alone(value: object, written: yaml.Node | None) -> tuple[str, str] | None:
    """(as written, as `HH:MM`) of a start, end or exdate that is a time of day without a
    date: `18:00` (YAML 1.1's base-60 integer 1080, or text), `19.00` (YAML's float 19.0, or
    text); None for anything else. `written`: the value's node, whose text is shown when
    known (else the integer as `18:00`, the float with two decimals)."""
    text = written.value if isinstance(written, yaml.ScalarNode) else None
    if isinstance(value, bool):
        return None
    if isinstance(value, int) and 0 <= value < 24 * 60:
        # YAML 1.1 reads `18:00` as 1080 (base 60): show the editor what they wrote
        text = text or f"{value // 60}:{value % 60:02d}"
    elif isinstance(value, float) and 0 <= value < 24:
        text = text or f"{value:.2f}"
    elif isinstance(value, str):
        text = value
    else:
        return None
    text = text.strip()
    if is_time_of_day(text):
        hour, minute = text.split(":")[:2]
    elif (dotted := _DOTTED_TIME.fullmatch(text)) is not None:
        hour, minute = dotted.groups()
    else:
        return None
    if int(hour) > 23 or int(minute) > 59:
        return None
    return text, f"{int(hour):02d}:{minute}"


def _day_of_start(value: object) -> dt.date | None:
    """The day of an event's `start:` as written, for a time-only `end:`'s rewriting: of a
    start that reads, its Riga day; of one written otherwise, that of its suggestion
    (`5.12.2026 18:00` → 2026-12-05); None when there is none."""
    if isinstance(value, dt.datetime):
        return value.astimezone(RIGA).date() if value.tzinfo else value.date()
    if isinstance(value, dt.date):
        return value
    text = value if isinstance(value, str) else None
    if text is None:
        return None
    for candidate in (text.strip(), _date_suggestion(text)):
        try:
            parsed, kind = isodates.parse(candidate or "", months=True)
        except ValueError:
            continue
        if kind == "month":
            return None
        return (parsed.date() if isinstance(parsed, dt.datetime) else parsed)
    return None


def _date_suggestion(value: object) -> str | None:
    """The form parse_when reads of a start, end or exdate written otherwise
    (isodates.date_suggestion, months too: `12.05.2026` → `2026-05-12`, `2026-12-20 19.00` →
    `2026-12-20 19:00`), or of the one item of a list (`[2026-12-20]` → `2026-12-20`); None
    when there is none."""
    if isinstance(value, list) and len(value) == 1 \
            and isinstance(value[0], (str, dt.date)) and not isinstance(value[0], bool):
        try:
            isodates.parse(str(value[0]), months=True)
        except ValueError:
            return date_suggestion(value[0], months=True)
        return str(value[0]).strip()
    return date_suggestion(value, months=True)


def _riga(naive: dt.datetime, field_name: str, written: object) -> dt.datetime:
    """A Riga wall-clock time as an aware datetime; ProblemError when a clock change skips it
    or passes it twice (isodates.clock_change_problem)."""
    problem = isodates.clock_change_problem(naive, field_name, written)
    if problem is not None:
        raise ProblemError(problem)
    return naive.replace(tzinfo=RIGA)


def is_url(value: str) -> bool:
    parsed = urlparse(value.strip())
    return parsed.scheme in ("http", "https") and bool(parsed.netloc) and " " not in value.strip()


def _text(raw: Mapping[str, Any], name: str, written: yaml.Node | None) -> str | None:
    """The text field `name` of an event, stripped (None when empty); _invalid when YAML read
    it as no text (yamlproblems.not_text: `title: 1.10` is 1.1, `price: 5.00` 5.0, `title: 1991`
    a number, `location: no` false), naming the value as `written` (its node; else as YAML
    writes the value)."""
    value = raw.get(name)
    if value is None or value == "":
        return None
    words = not_text(written if written is not None else as_node(value), name)
    if words is not None:
        raise _invalid(name, *words)
    return str(value).strip() or None


def _field_nodes(written: yaml.Node | None) -> dict[str, yaml.Node]:
    """An event's value nodes by field name (of a field written twice the last, as YAML keeps
    it); {} when its node is not known."""
    if not isinstance(written, yaml.MappingNode):
        return {}
    return {key.value: value for key, value in written.value if isinstance(key, yaml.ScalarNode)}


def _recurrence(text: str, start: dt.date, end: dt.date | None, today: dt.date) -> Recurrence:
    """The rule, checked against the date window and, for a timed event, the clock changes:
    no occurrence may start or end at a Riga time that is skipped or happens twice."""
    try:
        recurrence = rules.parse(text, start, latest_day(today))
    except RecurrenceError as error:
        raise _invalid("recurrence", error.what_lv, error.what_en, error.fix, text) from None
    if isinstance(start, dt.datetime):
        length = _wall(end) - _wall(start) if isinstance(end, dt.datetime) else dt.timedelta()
        clash = rules.clock_change(recurrence, start, length)
        if clash is not None:
            when = f"{clash:%Y-%m-%d %H:%M}"
            raise _invalid(
                "recurrence", f"reize {when} iekrīt pulksteņa pagriešanas stundā (Rīgā šāda "
                "laika nav vai tas ir divreiz)", f"the occurrence at {when} falls into a clock "
                "change (that Riga time is skipped or happens twice)",
                "izvēlies laiku ārpus 03:00–04:00 (pulksteni pagriež marta un oktobra pēdējā "
                "svētdienā) vai beidz atkārtojumu pirms šīs dienas", text)
    return recurrence


def _wall(moment: dt.datetime) -> dt.datetime:
    return moment.astimezone(RIGA).replace(tzinfo=None)


def _check_description(text: str | None) -> None:
    """_invalid when an event's own description is longer than DESCRIPTION_LIMIT characters."""
    if text is not None and len(text) > DESCRIPTION_LIMIT:
        raise _invalid("description", f"apraksts ir {len(text)} zīmes garš, atļauts līdz "
                       f"{DESCRIPTION_LIMIT}", f"the description is {len(text)} characters long, "
                       f"at most {DESCRIPTION_LIMIT} are allowed", "saīsini aprakstu līdz dažiem "
                       "teikumiem (kalendārs rāda tikai dažas rindas); pārējo raksti rakstā",
                       text[:60] + "…")


def parse_event(raw: object, index: int, default_title: str, today: dt.date,
                written: yaml.Node | None = None) -> Event:
    """One event from its front-matter mapping, for a build on `today` (the build date's Riga
    day, which bounds how far ahead events may lie); _invalid for the first problem found
    (EventProblems for a `start:` and an `end:` that both cannot be read, QA s11: the `end:`
    came a check later). `written`: the mapping's YAML node, when known (the messages quote
    values as written)."""
    if not isinstance(raw, Mapping):
        raise _invalid("", "pasākumam jābūt laukiem", "an event must be a list of fields",
                       "raksti '- title: …' un zem tā 'start: …' ar atkāpi", raw)
    unknown = sorted(str(k) for k in raw if k not in FIELDS)
    if unknown:
        hidden = INVISIBLE.search(unknown[0])
        if hidden and INVISIBLE.sub("", unknown[0]) in FIELDS:
            raise ProblemError(_hidden_in_key(unknown[0], hidden, written))
        raise _invalid(unknown[0], "nezināms lauks", "unknown field",
                       f"atļautie lauki: {', '.join(FIELDS)}", unknown[0])
    nodes = _field_nodes(written)
    texts = {name: _text(raw, name, nodes.get(name)) for name in TEXT_FIELDS}
    _check_description(texts["description"])
    if "start" not in raw or raw["start"] in (None, ""):
        raise _invalid("start", "trūkst sākuma datuma", "start is missing", _DATE_FIX)
    day = _day_of_start(raw["start"])
    try:
        start, kind = parse_when(raw["start"], "start", today, nodes.get("start"))
    except ProblemError as unread_start:
        raise _with_end(unread_start, raw, nodes, today, day) from None
    end: dt.date | None = None
    if raw.get("end") not in (None, ""):
        if kind == "month":
            raise _invalid("end", "mēneša pasākumam nevar būt beigu datums",
                           "a month-only event cannot have an end", "izdzēs 'end:' vai raksti "
                           "precīzu 'start:' datumu", raw["end"])
        end, end_kind = parse_when(raw["end"], "end", today, nodes.get("end"), day)
        if end_kind != kind:
            raise _invalid("end", "beigām jābūt tādā pašā formā kā sākumam",
                           "end must be written like start (both with a time, or both dates)",
                           _DATE_FIX, raw["end"])
        if end < start:
            raise _invalid("end", "beigas ir pirms sākuma", "end is before start",
                           "pārbaudi datumus un laikus", raw["end"])
    status = raw.get("status") or "scheduled"
    if status not in STATUSES:
        raise _invalid("status", "nezināms statuss", "unknown status",
                       "raksti scheduled, cancelled (atcelts) vai postponed (pārcelts)", status)
    recurrence = None
    if raw.get("recurrence") not in (None, ""):
        text = str(raw["recurrence"]).strip()
        if kind == "month":
            raise _invalid("recurrence", "mēneša pasākums nevar atkārtoties",
                           "a month-only event cannot recur", "norādi precīzu 'start:' datumu",
                           text)
        recurrence = _recurrence(text, start, end, today)
    if raw.get("exdate") not in (None, "", []):
        if recurrence is None:
            raise _invalid("exdate", "atcelt reizi var tikai pasākumam, kas atkārtojas",
                           "only a recurring event has occurrences to cancel",
                           "izdzēs 'exdate:' vai pievieno 'recurrence:'", raw["exdate"])
        recurrence = replace(recurrence, exdates=_exdates(raw["exdate"], start, recurrence,
                                                          today))
    online_raw = raw.get("online")
    online, pending = None, False
    if online_raw is True:
        pending = True
    elif online_raw not in (None, "", False):
        if not isinstance(online_raw, str) or not is_url(online_raw):
            raise _invalid("online", "tiešsaistes adrese nav saite", "online is not a URL",
                           "raksti pilnu adresi ar https://, vai 'online: true', ja saite vēl "
                           "nav zināma", online_raw)
        online = online_raw.strip()
    if not (texts["location"] or texts["address"] or online or pending):
        raise _invalid("location", "nav norādīts, kur pasākums notiks",
                       "neither location nor online is given",
                       "pievieno 'location: ' (vieta) vai 'online: https://…' (tiešsaistē)")
    sequence = raw.get("sequence")
    if sequence is not None and (not isinstance(sequence, int) or isinstance(sequence, bool)
                                 or sequence < 0):
        raise _invalid("sequence", "jābūt veselam skaitlim", "must be a whole number ≥ 0",
                       "raksti 'sequence: 1' un palielini to pēc katras izmaiņas", sequence)
    return Event(
        title=texts["title"] or default_title, start=start, end=end,
        all_day=kind != "datetime", month_only=kind == "month",
        location=texts["location"], address=texts["address"], online=online,
        online_pending=pending, recurrence=recurrence, status=status,
        organizer=texts["organizer"], registration=texts["registration"], price=texts["price"],
        description=texts["description"], sequence=sequence, index=index,
        key=_key(texts["id"], raw.get("title")))


class EventProblems(ProblemError):
    """Raised by parse_event with more than one problem of one event (`problems`; `problem`
    the first): a `start:` and an `end:` that both cannot be read are named in one check.
    Caught by parse_events, never sent to another process (not picklable as ProblemError)."""

    def __init__(self, problems: tuple[ContentProblem, ...]) -> None:
        super().__init__(problems[0])
        self.problems = problems


def _with_end(unread_start: ProblemError, raw: Mapping[str, Any],
              nodes: Mapping[str, yaml.Node], today: dt.date, day: dt.date | None
              ) -> ProblemError:
    """What to raise for an event whose `start:` cannot be read (`unread_start`): with the
    problem of its `end:` too when that cannot be read either (EventProblems), so that the
    editor does not meet the second one only in the next check."""
    if raw.get("end") in (None, ""):
        return unread_start
    try:
        parse_when(raw["end"], "end", today, nodes.get("end"), day)
    except ProblemError as unread_end:
        return EventProblems((unread_start.problem, unread_end.problem))
    return unread_start


def _key(written_id: str | None, own_title: object) -> str:
    """The event's identity in its article (its UID, anchor and .ics name end in it): the slug
    of `id:`, else of its own `title:`, else "" (it is named after the article, whose title
    may change); at most KEY_LIMIT characters (cut after a whole word). _invalid for an `id:`
    without a letter or digit."""
    if written_id is not None:
        key = slugify(written_id)
        if not key:
            raise _invalid("id", "id jābūt burtiem vai cipariem", "id needs letters or digits",
                           "raksti, piemēram, id: dzejas-vakars", written_id)
    else:
        key = slugify(own_title.strip()) if isinstance(own_title, str) else ""
    if len(key) <= KEY_LIMIT:
        return key
    cut = key[:KEY_LIMIT + 1]
    return cut.rsplit("-", 1)[0] if "-" in cut else key[:KEY_LIMIT]


def exdate_when(value: object, timed: bool, today: dt.date) -> tuple[dt.date, str]:
    """One written `exdate:` value read as parse_when reads it, (value, kind): a day, or for a
    `timed` event (a start with a time) a day with a time too; _invalid for any other form (a
    month, a time of a whole-day event). The CMS's exdate field checks the forms of a timed
    event (cms/fields.EXDATE_PATTERN, from EXDATE_KINDS)."""
    written, kind = parse_when(value, "exdate", today)
    if kind not in EXDATE_KINDS or (kind == "datetime" and not timed):
        raise _invalid("exdate", "raksti atceltās reizes datumu", "write the date of the "
                       "cancelled occurrence", "raksti GGGG-MM-DD (pasākumam ar laiku var "
                       "arī GGGG-MM-DD SS:MM)", value)
    return written, kind


def _exdates(value: object, start: dt.date, recurrence: Recurrence,
             today: dt.date) -> tuple[dt.date, ...]:
    """The cancelled occurrences (`exdate:` one date or a list; a timed event's may give the
    time too), each as the occurrence's start (DTSTART's value type); _invalid for a value that
    is not an occurrence (the message names the nearest ones) or is the first one."""
    found = set()
    for item in value if isinstance(value, list) else [value]:
        written, kind = exdate_when(item, isinstance(start, dt.datetime), today)
        occurrence = recurrence.on_day(start, written)
        if occurrence is None or (kind == "datetime" and occurrence != written):
            near = ", ".join(rules.show(o) for o in recurrence.nearest(start, written))
            raise _invalid("exdate", "šajā dienā nav pasākuma reizes",
                           "no occurrence of the event on that day",
                           f"raksti reizes datumu (tuvākās reizes: {near})", item)
        if occurrence == start:
            raise _invalid("exdate", "pirmo reizi nevar atcelt ar 'exdate:'",
                           "the first occurrence cannot be excluded", "pārcel 'start:' uz "
                           "nākamo reizi (vai atcel visu pasākumu ar status: cancelled)", item)
        found.add(occurrence)
    return tuple(sorted(found))


def _hidden_in_key(key: str, hidden: re.Match[str], written: yaml.Node | None
                   ) -> ContentProblem:
    """The problem of an event's field name that is a known one with an invisible character
    in it (`st<U+200B>art:`; `hidden` its first): named as in the front matter's field names
    (yamlproblems.layout_problem), at its column when the event's node is known; the field
    it clearly is, so that no second problem says it is missing."""
    nodes = [k for k, _v in written.value if isinstance(k, yaml.ScalarNode) and k.value == key] \
        if isinstance(written, yaml.MappingNode) else []
    column = nodes[-1].start_mark.column + 1 if nodes else 1
    problem = layout_problem("", 0, column + hidden.start(), hidden.group(),
                             INVISIBLE.sub("", key))
    return problem if nodes else replace(problem, value="")


def _without_invisibles(problem: ContentProblem, raw: object, written: yaml.Node | None,
                        default_title: str, today: dt.date, index: int) -> ContentProblem:
    """An event's `problem` with the invisible characters and typographic quotes of the value
    it refuses named (invisibles.named_in_value), as its only fault when the event is valid
    without them in that field (parsed again so)."""
    node = _field_nodes(written).get(problem.field)
    if node is None or not isinstance(raw, Mapping) or not IN_VALUE.search(problem.value):
        return problem
    value = raw.get(problem.field)

    def accepts(text: str) -> bool:
        fixed = ([text if isinstance(item, str) and item.strip() == problem.value.strip()
                  else item for item in value] if isinstance(value, list) else text)
        try:
            parse_event({**raw, problem.field: fixed}, index, default_title, today)
        except ProblemError as again:
            return all(found.field != problem.field
                       for found in getattr(again, "problems", (again.problem,)))
        return True
    return named_in_value(problem, node, problem.field, accepts)


def _raw_title(raw: object, default_title: str) -> str:
    if isinstance(raw, Mapping) and isinstance(raw.get("title"), str) and raw["title"].strip():
        return raw["title"].strip()
    return default_title


def parse_events(raw: object, default_title: str, today: dt.date,
                 written: yaml.Node | None = None, unread: Collection[int] = ()
                 ) -> tuple[list[Event], list[ContentProblem]]:
    """Every event of one article for a build on `today` (see parse_event), and the problems
    of each invalid event (one; a start and an end that cannot be read, both): nothing is
    dropped silently, an event with a problem is left out of the list *and* reported.

    A problem's field is its path in the front matter, counted from 1 as editors count
    (`events[2].start`), its text names the event; its file and line are the caller's
    (SourceDocument.place). `written`: the YAML node of `events:` as the editor wrote it (the
    content check's), whose text the messages quote (`title: 1.10`, not 1.1); without it
    (Pelican's metadata) they show a value as YAML writes it. Which events are valid does not
    depend on it.

    `unread`: the indexes (from 0) of the items YAML could not read (the content check's:
    common/yamlrecovery.unread_items), each already an error of its own: they are no event and
    no problem, and the others keep their numbers."""
    if raw is None:
        return [], []
    if not isinstance(raw, list):
        return [], [ContentProblem("", 0, "events", "'events' jābūt sarakstam",
                                   "events must be a list",
                                   "raksti katru pasākumu rindā, kas sākas ar '- '")]
    events: list[Event] = []
    problems: list[ContentProblem] = []
    keys: set[str] = set()
    items = written.value if isinstance(written, yaml.SequenceNode) else []
    for index, item in enumerate(raw):
        if index in unread:
            continue
        node = items[index] if index < len(items) else None
        try:
            event = parse_event(item, index, default_title, today, node)
            _unique(event, keys)
            events.append(event)
        except ProblemError as invalid:
            for found in getattr(invalid, "problems", (invalid.problem,)):
                problem = _without_invisibles(found, item, node, default_title, today, index)
                problems.append(_named(problem, index, _raw_title(item, default_title)))
    return events, problems


def _unique(event: Event, keys: set[str]) -> None:
    """Adds the event's key to the article's `keys`; _invalid when an earlier event has it
    (two events without a title of their own, or with the same title)."""
    if event.key in keys:
        raise _invalid("id", "rakstā jau ir pasākums ar tādu pašu nosaukumu (vai abiem tā nav)",
                       "another event of the article has the same title (or neither has one)",
                       "pievieno šim pasākumam 'id:' ar savu nosaukumu, piemēram id: "
                       f"{event.key + '-2' if event.key else 'otrais'}; to vairs nemaina: pēc tā "
                       "kalendāri pasākumu atpazīst",
                       event.title)
    keys.add(event.key)


def _named(problem: ContentProblem, index: int, title: str) -> ContentProblem:
    """A field's problem as one of the article's events: `events[2].start`, "2. pasākums …"."""
    number = index + 1
    field = f"events[{number}].{problem.field}" if problem.field else f"events[{number}]"
    event_lv = f"{number}. pasākums „{title}”" if title else f"{number}. pasākums"
    event_en = f"event {number} “{title}”" if title else f"event {number}"
    return replace(problem, field=field, what_lv=f"{event_lv}: {problem.what_lv}",
                   what_en=f"{event_en}: {problem.what_en}")
