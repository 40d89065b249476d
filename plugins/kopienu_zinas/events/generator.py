"""Calendar pages and iCalendar files, written as a Pelican generator."""

from __future__ import annotations

import logging
import os
from typing import Any

from pelican.generators import Generator

from ..common.absolute_urls import on_site
from ..common.claims import site_file
from ..common.dates import babel_locale
from ..common.i18n import load_catalog
from ..common.isodates import RIGA
from . import calendar, ical
from .model import Event, latest_day
from .settings import EventsSettings

logger = logging.getLogger(__name__)


class EventsGenerator(Generator):
    """Upcoming, archive and month pages under CALENDAR_URL; the site's, each region's and each
    event's .ics file."""

    def generate_context(self) -> None:
        self.events_settings = EventsSettings.from_pelican(self.settings)

    def generate_output(self, writer: Any) -> None:
        settings = self.events_settings
        occurrences: list[Event] = self.context.get("event_occurrences", [])
        base = settings.calendar_url
        self._page(writer, base, "calendar", calendar_kind="upcoming",
                   groups=calendar.by_month(self.context.get("upcoming_events", [])))
        self._page(writer, f"{base}arhivs/", "calendar", calendar_kind="past",
                   groups=calendar.by_month(self.context.get("past_events", [])))
        months = calendar.month_range(occurrences, settings.now)
        for month in months:
            grid = calendar.month_grid(month, occurrences, settings.now, months)
            self._page(writer, f"{base}{month.year:04d}/{month.month:02d}/", "calendar_month",
                       grid=grid)
        self._calendars(settings)

    def _page(self, writer: Any, url: str, template: str, **values: Any) -> None:
        context = dict(self.context, calendar_url=url, **values)
        writer.write_file(f"{url}index.html", self.get_template(template), context,
                          relative_urls=False, url=url)

    def _info(self, settings: EventsSettings, name: str, uid: str,
              page: str) -> ical.CalendarInfo:
        return ical.CalendarInfo(
            name=name, description=self.settings.get("SITE_DESCRIPTION", ""),
            url=on_site(settings.siteurl, page), uid=uid,
            prodid=self._prodid(settings, "lv"),
            refresh=settings.refresh)

    def _prodid(self, settings: EventsSettings, lang: str) -> str:
        """PRODID (RFC 5545 §3.7.3: a formal public identifier, ending in its text's language)."""
        return f"-//{self.settings.get('SITENAME')}//{settings.domain}//{lang.upper()}"

    def labels(self, lang: str) -> ical.Labels:
        """The .ics words in an event's language, from the theme's catalogs (as its pages)."""
        if lang not in self._labels:
            catalog = load_catalog(os.path.join(self.settings["THEME"], "translations"),
                                   babel_locale(lang))
            self._labels[lang] = ical.Labels.translated(catalog.gettext)
        return self._labels[lang]

    def spanning(self, event: Event) -> list[Event]:
        """The event's occurrences that span a clock change, from its first to the end of the
        date window (calendar.spanning to model.latest_day of the build date: nothing but the
        sources and BUILD_DATE), once per publication (its words differ between languages):
        the .ics files override them (ical.overrides)."""
        key = (event.uid, event.url)
        if key not in self._spanning:
            self._spanning[key] = calendar.spanning(event, self._horizon)
        return self._spanning[key]

    def _calendars(self, settings: EventsSettings) -> None:
        self._labels: dict[str, ical.Labels] = {}
        self._spanning: dict[tuple[str | None, str | None], list[Event]] = {}
        self._horizon = latest_day(settings.now.astimezone(RIGA).date())
        events: list[Event] = self.context.get("events", [])
        self._write(settings.calendar_ics, ical.calendar(self._info(
            settings, settings.calendar_name, f"kalendars@{settings.domain}",
            settings.calendar_url), events, self.labels, self.spanning))
        for category, _articles in self.context.get("categories", []):
            path = settings.region_ics.format(slug=category.slug)
            mine = [e for e in events if e.region_slug == category.slug]
            name = f"{settings.calendar_name} — {category.name}"
            self._write(path, ical.calendar(self._info(
                settings, name, f"kalendars-{category.slug}@{settings.domain}", category.url),
                mine, self.labels, self.spanning))
        for event in self.context.get("event_files", ()):  # every page's own, translations too
            self._write(event.ics_path, ical.event_calendar(
                self._prodid(settings, event.lang), event, self.labels(event.lang), self.spanning))

    def _write(self, path: str, cal: Any) -> None:
        """Write one calendar at `path` (relative to the output folder), once the site has
        claimed it (common/claims.py: nothing when a document's own `save_as:` took it)."""
        target = site_file(self.settings, self.output_path, path)
        if target is not None:
            target.write_bytes(ical.to_bytes(cal))
            logger.debug("Wrote %s", path)


def get_generators(pelican: Any) -> type[Generator]:
    return EventsGenerator



