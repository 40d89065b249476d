"""iCalendar files (RFC 5545 + RFC 7986) made with the `icalendar` library.

What the library does not do by itself, and why it is done here:
- UIDs are given explicitly (the library makes a random one per build otherwise), both for every
  event and for the calendar;
- DTSTAMP is the article's modified/date in UTC, never the clock, so rebuilds are identical;
- the Europe/Riga VTIMEZONE defines every instant the file uses, recurrences included, and no
  more (see vtimezone.py; add_missing_timezones() writes every clock change from 1970 to 2038
  and nothing after, and a COMMENT that RFC 5545 does not allow there); a file without any
  event (a region without events) gets it too, the zone's current rule alone, from the year it
  began (vtimezone.current_rule: 2001 for Riga), so that the file depends on nothing but the
  events and the zone's data, never on the build date: RFC 5545 §3.6 requires a calendar to
  hold at least one component (and §3.6.5 a VTIMEZONE for each TZID used: such a file uses none,
  so the zone is there only as that component), and the library writes an empty one without a
  word;
- REFRESH-INTERVAL gets VALUE=DURATION (RFC 7986 requires it; the library leaves it out);
- an event's own file ("add to calendar", `event_calendar`) is one appointment, not a
  subscription: VERSION, PRODID, the VTIMEZONE and the VEVENT only. NAME/X-WR-CALNAME would
  make Outlook import it as a new calendar of that name (MS-OXCICAL 2.1.3.1.1.17: omitted for a
  single appointment), REFRESH-INTERVAL/X-PUBLISHED-TTL mean a subscription (RFC 7986 §5.7),
  and a calendar UID would repeat the event's (RFC 5545 §3.8.4.7);
- NAME (RFC 7986 §5.1), X-WR-CALNAME, the calendar's DESCRIPTION and X-WR-CALDESC are TEXT
  (RFC 5545 §3.3.11: `;` `,` `\\` and line breaks escaped), but icalendar 7.3 writes NAME and the
  X-WR- names raw (it has no value type for them), so every calendar-level text is added here
  as a vText; the VEVENT's texts (SUMMARY, LOCATION, DESCRIPTION) are typed by the library;
- no METHOD (PUBLISH would require an ORGANIZER in every event);
- a timed recurring event's length is DURATION, its wall-clock length (`vevent`), and each of
  its occurrences that spans a clock change, from the first to the horizon the caller gives
  (`spanning`: calendar.spanning to the end of the date window), gets an override VEVENT
  (`overrides`): RFC 5545 §3.8.5.3 and §3.3.6 give every occurrence DTEND's exact length or
  DURATION's exact hours, so without them a Saturday 22:00–06:00 shift ends at 05:00 on the
  October night in apps that follow the RFC and at 06:00 on the page and in others (ical.js,
  recurring-ical-events, which add the length to the wall clock).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, fields, replace
from typing import cast

from icalendar import Calendar, vRecur, vText
from icalendar import Event as VEvent
from icalendar.enums import STATUS as VSTATUS

from ..common.isodates import RIGA
from .calendar import wall_length
from .display import where_text
from .model import Event
from .vtimezone import current_rule, vtimezone

STATUS = {"scheduled": VSTATUS.CONFIRMED, "cancelled": VSTATUS.CANCELLED, "postponed": VSTATUS.TENTATIVE}
#: An event → its occurrences that span a clock change up to the overrides' horizon
#: (calendar.spanning; each with its wall-clock end): the ones `overrides` writes.
Spanning = Callable[[Event], Sequence[Event]]


def N_(message: str) -> str:
    """Marks a Latvian msgid for the theme's catalogs (pybabel extract) without translating it
    here: the gettext "noop" convention."""
    return message


@dataclass(frozen=True)
class Labels:
    """The words the files carry (SUMMARY prefixes, LOCATION and DESCRIPTION lines): Latvian
    msgids of the theme's catalogs; `translated` gives them in an event's language."""

    cancelled: str = N_("Atcelts")
    postponed: str = N_("Pārcelts")
    online: str = N_("Tiešsaistē")
    organizer: str = N_("Rīko")
    registration: str = N_("Pieteikšanās")
    price: str = N_("Cena")
    more: str = N_("Vairāk")

    @classmethod
    def translated(cls, gettext: Callable[[str], str]) -> Labels:
        """Every label through `gettext` (a catalog's, e.g. English for an English article)."""
        return cls(**{field.name: gettext(field.default) for field in fields(cls)
                      if isinstance(field.default, str)})


@dataclass(frozen=True)
class CalendarInfo:
    name: str
    description: str
    url: str
    uid: str
    prodid: str
    refresh: dt.timedelta


def summary(event: Event, labels: Labels) -> str:
    prefix = {"cancelled": labels.cancelled, "postponed": labels.postponed}.get(event.status)
    return f"{prefix}: {event.title}" if prefix else event.title


def location(event: Event, labels: Labels) -> str | None:
    return where_text(event, labels.online, with_link=True) or None


def description(event: Event, labels: Labels) -> str:
    lines = [event.summary] if event.summary else []
    details = [(labels.organizer, event.organizer), (labels.registration, event.registration),
               (labels.price, event.price)]
    lines += [f"{label}: {value}" for label, value in details if value]
    if event.online:
        lines.append(f"{labels.online}: {event.online}")
    lines.append(f"{labels.more}: {event.url}")
    return "\n".join(lines)


def _dtend(event: Event) -> dt.date | None:
    if event.all_day:
        return (event.end or event.start) + dt.timedelta(days=1)  # DTEND is exclusive
    if event.recurrence:
        return None  # DURATION (vevent)
    return event.end


def vevent(event: Event, labels: Labels) -> VEvent:
    """The event's VEVENT. A timed recurring event's length is DURATION, its wall-clock length
    (calendar.wall_length), not DTEND: RFC 5545 §3.8.5.3 gives every occurrence DTEND's exact
    length (ical.js adds that exact length to the wall clock), so when the first occurrence
    spans a clock change (22:00–06:00 over the last night of October: 9 hours) every other
    would end an hour late there; with DURATION:PT8H each ends at 06:00 in ical.js and
    recurring-ical-events (they add it to the wall clock) and in apps that follow the RFC
    except over a clock change (§3.3.6: hours are exact), which `overrides` covers."""
    stamp = (event.stamp or dt.datetime(1970, 1, 1, tzinfo=dt.UTC)).astimezone(dt.UTC)
    component = VEvent.new(
        uid=event.uid, stamp=stamp, last_modified=stamp, start=event.start, end=_dtend(event),
        summary=summary(event, labels), location=location(event, labels),
        description=description(event, labels), url=event.url,
        status=STATUS[event.status], sequence=event.sequence or 0)
    if event.recurrence:
        length = wall_length(event)
        if length is not None:
            component.add("duration", length)
        component.add("rrule", vRecur.from_ical(event.recurrence.rule))
        if event.recurrence.exdates:  # DTSTART's value type and TZID (RFC 5545 §3.8.5.1)
            component.add("exdate", list(event.recurrence.exdates))
    if event.status == "cancelled":
        component.add("transp", "TRANSPARENT")
    return component


def overrides(event: Event, spanning: Sequence[Event], labels: Labels) -> list[VEvent]:
    """A VEVENT overriding each occurrence in `spanning` (RFC 5545 §3.8.4.4; the occurrences
    of a timed rule that span a clock change: calendar.spanning): the same UID, SEQUENCE and
    words, RECURRENCE-ID its start, its own DTSTART and wall-clock DTEND (the page's end), so
    that an app reading the master's DURATION as exact hours (§3.3.6) ends it there too."""
    if event.recurrence is None:
        return []
    found = []
    for occurrence in spanning:
        component = vevent(replace(occurrence, recurrence=None), labels)
        component.add("recurrence-id", occurrence.start)
        found.append(component)
    return found


def _no_overrides(_event: Event) -> Sequence[Event]:
    return ()


def _span(timed: Sequence[Event]) -> tuple[dt.date, dt.date, bool]:
    """First and last local days of the timed events' instants, and whether some rule is
    open-ended (or too long to follow to its end)."""
    lasts: list[dt.date] = []
    open_ended = False
    for event in timed:
        lasts.append(event.last_day)
        if event.recurrence:
            final = event.recurrence.last(event.start)
            if final is None:
                open_ended = True
            else:  # the last occurrence's end (a timed event's start is an aware datetime)
                length = event.end - event.start if event.end else dt.timedelta()
                lasts.append(cast(dt.datetime, final + length).astimezone(RIGA).date())
    return min(e.first_day for e in timed), max(lasts), open_ended


def _texts(component: Calendar, values: dict[str, str]) -> None:
    """Each non-empty value as a TEXT property (vText: escaped as RFC 5545 §3.3.11 says)."""
    for name, value in values.items():
        if value:
            component.add(name, vText(value))


def _add(cal: Calendar, event: Event, labels: Labels, spanning: Spanning) -> None:
    """The event's VEVENT and its overrides."""
    cal.add_component(vevent(event, labels))
    for component in overrides(event, spanning(event), labels):
        cal.add_component(component)


def event_calendar(prodid: str, event: Event, labels: Labels,
                   spanning: Spanning = _no_overrides) -> Calendar:
    """An event's own file: VERSION, PRODID, its VTIMEZONE when timed, its VEVENT and its
    overrides (in its language: `labels`), nothing of a subscription (see the module's
    docstring)."""
    cal = Calendar()  # not Calendar.new: it adds a random calendar UID
    cal.add("version", "2.0")
    cal.add("prodid", prodid)
    _add(cal, event, labels, spanning)
    if not event.all_day:
        cal.subcomponents.insert(0, vtimezone(RIGA, *_span([event])))
    return cal


def calendar(info: CalendarInfo, events: Sequence[Event],
             labels: Callable[[str], Labels] = lambda _lang: Labels(),
             spanning: Spanning = _no_overrides) -> Calendar:
    """One subscription VCALENDAR with the events that have a day (month-only ones never go
    in), each with its overrides (`spanning`: see `overrides`); each event's words in its
    language (`labels(event.lang)`, default Latvian). The VTIMEZONE comes first when some
    event is timed; a calendar without events holds the zone alone, its current rule from the
    year it began (RFC 5545 §3.6: at least one component; the same file whatever the build
    date)."""
    dated = [e for e in events if e.in_calendar_files]
    cal = Calendar.new(prodid=info.prodid, uid=info.uid, url=info.url,
                       refresh_interval=info.refresh)
    _texts(cal, {"NAME": info.name, "X-WR-CALNAME": info.name,
                 "DESCRIPTION": info.description, "X-WR-CALDESC": info.description,
                 "X-WR-TIMEZONE": RIGA.key})
    # RFC 7986: REFRESH-INTERVAL;VALUE=DURATION (the library leaves the parameter out).
    cal["REFRESH-INTERVAL"].params["VALUE"] = "DURATION"
    refresh = cal["REFRESH-INTERVAL"].to_ical()
    cal.add("X-PUBLISHED-TTL", refresh.decode() if isinstance(refresh, bytes) else refresh)
    for event in dated:
        _add(cal, event, labels(event.lang), spanning)
    timed = [e for e in dated if not e.all_day]
    if timed:
        cal.subcomponents.insert(0, vtimezone(RIGA, *_span(timed)))
    elif not dated:
        rule_began = dt.date(current_rule(RIGA), 1, 1)
        cal.add_component(vtimezone(RIGA, rule_began, rule_began, open_ended=True))
    return cal


def to_bytes(cal: Calendar) -> bytes:
    return cal.to_ical()


__all__ = ["CalendarInfo", "Labels", "Spanning", "calendar", "event_calendar", "overrides",
           "to_bytes", "vevent"]
