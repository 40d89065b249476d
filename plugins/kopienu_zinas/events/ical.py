"""iCalendar files (RFC 5545 + RFC 7986) made with the `icalendar` library.

What the library does not do by itself, and why it is done here:
- UIDs are given explicitly (the library makes a random one per build otherwise), both for every
  event and for the calendar;
- DTSTAMP is the article's modified/date in UTC, never the clock, so rebuilds are identical;
- the Europe/Riga VTIMEZONE defines every instant the file uses, recurrences included, and no
  more (see vtimezone.py; add_missing_timezones() writes every clock change from 1970 to 2038
  and nothing after, and a COMMENT that RFC 5545 does not allow there); a file without any
  event (a region without events) gets it too, from its `year` on: RFC 5545 §3.6 requires a
  calendar to hold at least one component, and the library writes an empty one without a word;
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
- an occurrence of a timed rule that spans a clock change gets an override VEVENT
  (`overrides`): RFC 5545 §3.8.5.3 gives every occurrence the first one's exact duration, so
  without it a Saturday 22:00–06:00 shift ends at 05:00 on the October night in conforming
  apps (recurring-ical-events, node-ical) and at 06:00 on the page and in others (ical.js).
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
from .display import where_text
from .model import Event
from .vtimezone import vtimezone

STATUS = {"scheduled": VSTATUS.CONFIRMED, "cancelled": VSTATUS.CANCELLED, "postponed": VSTATUS.TENTATIVE}
#: An event → its occurrences as the pages show them (calendar.occurrences in the EVENTS
#: window; each with its wall-clock end): the ones `overrides` may need to write.
Shown = Callable[[Event], Sequence[Event]]


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
    year: int  # the build's year: an empty calendar's VTIMEZONE starts on its first day


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
    return event.end


def vevent(event: Event, labels: Labels) -> VEvent:
    stamp = (event.stamp or dt.datetime(1970, 1, 1, tzinfo=dt.UTC)).astimezone(dt.UTC)
    component = VEvent.new(
        uid=event.uid, stamp=stamp, last_modified=stamp, start=event.start, end=_dtend(event),
        summary=summary(event, labels), location=location(event, labels),
        description=description(event, labels), url=event.url,
        status=STATUS[event.status], sequence=event.sequence or 0)
    if event.recurrence:
        component.add("rrule", vRecur.from_ical(event.recurrence.rule))
        if event.recurrence.exdates:  # DTSTART's value type and TZID (RFC 5545 §3.8.5.1)
            component.add("exdate", list(event.recurrence.exdates))
    if event.status == "cancelled":
        component.add("transp", "TRANSPARENT")
    return component


def _exact(event: Event) -> dt.timedelta | None:
    """A timed event's (occurrence's) length in elapsed time; None without a timed end."""
    start, end = event.start, event.end
    if not isinstance(end, dt.datetime) or not isinstance(start, dt.datetime):
        return None
    return end.astimezone(dt.UTC) - start.astimezone(dt.UTC)


def overrides(event: Event, shown: Sequence[Event], labels: Labels) -> list[VEvent]:
    """For each occurrence in `shown` whose elapsed length differs from the first's (it spans a
    clock change; its end is the page's wall-clock end) a VEVENT overriding it (RFC 5545
    §3.8.4.4): the same UID, SEQUENCE and words, RECURRENCE-ID its start, its own DTSTART and
    DTEND. Occurrences the pages do not show (past the EVENTS window) get none."""
    length = _exact(event)
    if event.recurrence is None or length is None:
        return []
    found = []
    for occurrence in shown:
        if _exact(occurrence) != length:
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


def _add(cal: Calendar, event: Event, labels: Labels, shown: Shown) -> None:
    """The event's VEVENT and its overrides."""
    cal.add_component(vevent(event, labels))
    for component in overrides(event, shown(event), labels):
        cal.add_component(component)


def event_calendar(prodid: str, event: Event, labels: Labels,
                   shown: Shown = _no_overrides) -> Calendar:
    """An event's own file: VERSION, PRODID, its VTIMEZONE when timed, its VEVENT and its
    overrides (in its language: `labels`), nothing of a subscription (see the module's
    docstring)."""
    cal = Calendar()  # not Calendar.new: it adds a random calendar UID
    cal.add("version", "2.0")
    cal.add("prodid", prodid)
    _add(cal, event, labels, shown)
    if not event.all_day:
        cal.subcomponents.insert(0, vtimezone(RIGA, *_span([event])))
    return cal


def calendar(info: CalendarInfo, events: Sequence[Event],
             labels: Callable[[str], Labels] = lambda _lang: Labels(),
             shown: Shown = _no_overrides) -> Calendar:
    """One subscription VCALENDAR with the events that have a day (month-only ones never go
    in), each with its overrides (`shown`: see `overrides`); each event's words in its
    language (`labels(event.lang)`, default Latvian). The
    VTIMEZONE comes first when some event is timed; a calendar without events holds the zone
    alone, from the first day of `info.year` on (RFC 5545 §3.6: at least one component)."""
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
        _add(cal, event, labels(event.lang), shown)
    timed = [e for e in dated if not e.all_day]
    if timed:
        cal.subcomponents.insert(0, vtimezone(RIGA, *_span(timed)))
    elif not dated:
        new_year = dt.date(info.year, 1, 1)
        cal.add_component(vtimezone(RIGA, new_year, new_year, open_ended=True))
    return cal


def to_bytes(cal: Calendar) -> bytes:
    return cal.to_ical()


__all__ = ["CalendarInfo", "Labels", "Shown", "calendar", "event_calendar", "overrides",
           "to_bytes", "vevent"]
