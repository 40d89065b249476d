"""'When' and 'where' of an event: one formatting for pages, e-mail, feeds and .ics files."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys

import pytest

from kopienu_zinas.events.display import iso_when, when, when_each, where, where_text
from kopienu_zinas.events.model import Event
from tests.sitebuild import ROOT
from tests.unit.newsletter_fakes import at


def event(start: dt.date, end: dt.date | None = None, **fields: object) -> Event:
    return Event(title="Pasākums", start=start, end=end,
                 all_day=not isinstance(start, dt.datetime), **fields)  # type: ignore[arg-type]


@pytest.mark.parametrize("given, lv, en", [
    (event(at("2023-10-11 11:00"), at("2023-10-11 15:00")),
     "trešdiena, 2023. gada 11. oktobris, 11:00–15:00",
     "Wednesday, October 11, 2023, 11:00–15:00"),
    (event(dt.date(2024, 3, 1), dt.date(2024, 3, 3)),  # CLDR's English interval abbreviates
     "2024. gada 1.–3. marts", "Mar 1 – 3, 2024"),
    (event(dt.date(2024, 9, 1), month_only=True), "2024. gada septembris", "September 2024"),
    (event(dt.date(2024, 5, 16)), "ceturtdiena, 2024. gada 16. maijs", "Thursday, May 16, 2024"),
])
def test_when_reads_the_same_everywhere_in_both_languages(given: Event, lv: str, en: str) -> None:
    assert when(given, "lv") == lv
    assert when(given, "en").replace("\u2009", " ") == en


def test_several_occurrences_at_the_same_hours_say_the_time_once() -> None:
    weekly = [event(at(f"2024-11-{d:02d} 18:00")) for d in (7, 14)]
    assert when_each(weekly) == "7. novembris, 14. novembris, 18:00"
    moved = [event(at("2024-11-07 18:00")), event(at("2024-11-14 19:00"))]
    assert when_each(moved) == "7. novembris 18:00, 14. novembris 19:00"
    assert when_each(weekly[:1]) == when(weekly[0])


def test_several_occurrences_keep_their_end_time() -> None:
    """QA: the newsletter said "Sestdienas nakts dežūra … 22:00" of a 22:00–06:00 shift; a
    one-off event reads "19:00–21:00"."""
    nights = [event(at(f"2026-11-{d} 22:00"), at(f"2026-11-{d + 1} 06:00")) for d in (14, 21)]
    assert when_each(nights) == "14. novembris, 21. novembris, 22:00–06:00"
    moved = [event(at("2024-11-07 18:00"), at("2024-11-07 20:00")),
             event(at("2024-11-14 19:00"), at("2024-11-14 21:00"))]
    assert when_each(moved) == "7. novembris 18:00–20:00, 14. novembris 19:00–21:00"


def test_iso_values_for_time_elements() -> None:
    assert iso_when(event(at("2024-03-31 10:00"))) == "2024-03-31T10:00:00+03:00"
    assert iso_when(event(dt.date(2024, 9, 1), month_only=True)) == "2024-09"


@pytest.mark.parametrize("fields, text, with_link", [
    ({"location": "Ilgu muiža", "address": "Skrudalienas pagasts"},
     "Ilgu muiža, Skrudalienas pagasts", "Ilgu muiža, Skrudalienas pagasts"),
    ({"location": "Bibliotēka", "online": "https://example.lv/z"},
     "Bibliotēka; tiešsaistē", "Bibliotēka; tiešsaistē: https://example.lv/z"),
    ({"online_pending": True}, "tiešsaistē", "tiešsaistē"),  # `online: true`, link not yet known
    ({"address": "Rīgas iela 1"}, "Rīgas iela 1", "Rīgas iela 1"),
])
def test_where_names_the_place_and_the_online_part(fields: dict[str, object], text: str,
                                                   with_link: str) -> None:
    given = event(dt.date(2024, 5, 16), **fields)
    assert where_text(given, "tiešsaistē") == text
    assert where_text(given, "tiešsaistē", with_link=True) == with_link
    assert where(given).online == ("online" in fields or "online_pending" in fields)


#: What an events page says, computed in a process with the OS locale given (Babel reads a
#: locale it is not given from LANGUAGE, LC_ALL, LC_TIME, LANG).
_SAYS = """
import datetime as dt, json
from kopienu_zinas.common.isodates import RIGA
from kopienu_zinas.events.display import weekday_letter, when
from kopienu_zinas.events.jsonld import price_value
from kopienu_zinas.events.model import Event
timed = Event(title="x", start=dt.datetime(2023, 10, 11, 11, tzinfo=RIGA),
              end=dt.datetime(2023, 10, 11, 15, tzinfo=RIGA), all_day=False)
days = Event(title="x", start=dt.date(2024, 3, 1), end=dt.date(2024, 3, 3), all_day=True)
print(json.dumps([when(e, lang) for e in (timed, days) for lang in ("lv", "en")]
                 + [weekday_letter(dt.date(2024, 5, 16), lang) for lang in ("lv", "en")]
                 + [price_value("1 000,50 €")]))
"""


@pytest.mark.parametrize("os_locale", [{"LANG": "C", "LC_ALL": "C"},
                                       {"LANGUAGE": "de", "LC_ALL": "de_DE.UTF-8"}])
def test_dates_weekdays_and_prices_do_not_follow_the_os_locale(os_locale: dict[str, str]
                                                                 ) -> None:
    env = {k: v for k, v in os.environ.items()
           if k not in ("LANGUAGE", "LC_ALL", "LC_TIME", "LC_NUMERIC", "LANG")}
    result = subprocess.run([sys.executable, "-c", _SAYS], env={**env, **os_locale},
                            capture_output=True, text=True, check=True, cwd=ROOT)
    said = [text.replace("\u2009", " ") for text in json.loads(result.stdout)]
    assert said == ["trešdiena, 2023. gada 11. oktobris, 11:00–15:00",
                    "Wednesday, October 11, 2023, 11:00–15:00",
                    "2024. gada 1.–3. marts", "Mar 1 – 3, 2024", "C", "T", "1000.50"]
