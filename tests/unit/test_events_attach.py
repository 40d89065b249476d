"""The events plugin's contract: every article, translation and draft gets an ArticleEvents, with
its events placed on the site and their occurrences; the context lists each event once."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from kopienu_zinas.events.attach import attach_events
from kopienu_zinas.events.contract import NO_EVENTS, ArticleEvents, events_of
from tests.unit.newsletter_fakes import RIGA, at

PUBLISHED = at("2024-04-01 09:00")
SETTINGS = {"SITEURL": "https://example.lv", "BUILD_DATE": "2024-05-01", "PATH": "content"}


@dataclass
class Region:
    name: str
    slug: str
    url: str


@dataclass
class Article:
    """The fields of a Pelican article that the events plugin reads."""

    title: str
    url: str
    events: Any = None
    date: dt.datetime = PUBLISHED
    modified: dt.datetime | None = None
    summary: str = "<p>Nāc &amp; piedalies!</p>"
    lang: str = "lv"
    category: Region = field(default_factory=lambda: Region("Latgale", "latgale", "regioni/latgale/"))
    translations: list[Any] = field(default_factory=list)

    @property
    def save_as(self) -> str:
        return f"{self.url}index.html"

    @property
    def source_path(self) -> str:
        return f"{self.url.strip('/')}.md"  # relative: joined to PATH


@dataclass
class Generator:
    articles: list[Article]
    translations: list[Article] = field(default_factory=list)
    drafts: list[Article] = field(default_factory=list)
    settings: dict[str, Any] = field(default_factory=lambda: dict(SETTINGS))
    context: dict[str, Any] = field(default_factory=dict)


TRAINING = {"title": "Mācības", "start": "2024-05-08 16:00", "end": "2024-05-08 17:30",
            "recurrence": "FREQ=WEEKLY;COUNT=3", "online": "https://example.lv/zoom"}
FAIR = {"title": "Tirgus", "start": dt.date(2024, 6, 1), "location": "Ludza"}


def test_each_article_gets_its_events_and_their_occurrences() -> None:
    article = Article("Aicinājums", "zinas/2024/aicinajums/", events=[TRAINING, FAIR])
    plain = Article("Bez pasākumiem", "zinas/2024/bez/")
    attach_events(Generator([article, plain]))
    found = article.events
    assert isinstance(found, ArticleEvents)
    assert [e.title for e in found.events] == ["Mācības", "Tirgus"]
    training, fair = found.events
    assert training.url == "https://example.lv/zinas/2024/aicinajums/#notikums-macibas"
    assert training.ics_url == "https://example.lv/zinas/2024/aicinajums/notikums-macibas.ics"
    assert training.summary == "Nāc & piedalies!" and training.region == "Latgale"
    assert [o.start for o in found.occurrences_of(training)] == [
        dt.datetime(2024, 5, d, 16, 0, tzinfo=RIGA) for d in (8, 15, 22)]
    assert found.occurrences_of(fair) == (fair,)
    assert plain.events == NO_EVENTS and not plain.events


def test_drafts_and_translations_get_events_but_the_site_lists_originals_once() -> None:
    original = Article("Tirgus", "zinas/2024/tirgus/", events=[FAIR])
    english = Article("Fair", "en/news/2024/fair/", events=[FAIR], lang="en")
    draft = Article("Melnraksts", "drafts/melnraksts/", events=[FAIR])
    generator = Generator([original], translations=[english], drafts=[draft])
    attach_events(generator)
    assert all(isinstance(a.events, ArticleEvents) and a.events for a in (original, english, draft))
    assert [e.url for e in generator.context["events"]] == [original.events.events[0].url]
    assert english.events.events[0].lang == "en"


def test_events_of_an_article_the_plugin_never_saw_is_empty() -> None:
    assert events_of(Article("Cits", "x/", events=[FAIR])) is NO_EVENTS


def test_an_events_own_description_is_its_calendar_text_else_the_articles_summary() -> None:
    """Issue 16's event `description`: a weekly club announced beside a reading evening is
    described as a club in calendars, not by the article's summary."""
    from kopienu_zinas.events.ical import Labels, description
    club = {**FAIR, "title": "Adīšanas klubs", "description": "Katru sestdienu adām kopā."}
    article = Article("Aicinājums", "zinas/2024/aicinajums/", events=[club, FAIR])
    attach_events(Generator([article]))
    own, plain = article.events.events
    assert own.description == "Katru sestdienu adām kopā."
    assert own.summary == "Katru sestdienu adām kopā." and plain.summary == "Nāc & piedalies!"
    labels = Labels()
    assert description(own, labels).splitlines()[0] == "Katru sestdienu adām kopā."
    assert description(plain, labels).splitlines()[0] == "Nāc & piedalies!"


def test_a_weekly_club_and_a_reading_evening_each_get_their_own_ics_description() -> None:
    """Issue 15: every event of an article was described in calendars by the article's summary.
    Through the real .ics writer, read back with icalendar."""
    from icalendar import Calendar

    from kopienu_zinas.events.ical import CalendarInfo, calendar, to_bytes
    club = {"title": "Adīšanas klubs", "start": "2024-05-04 11:00", "location": "Ludza",
            "recurrence": "FREQ=WEEKLY;COUNT=4", "description": "Katru sestdienu adām kopā."}
    evening = {"title": "Lasījumu vakars", "start": "2024-05-16 18:00", "location": "Ludza",
               "description": "Dzejniece lasa jaunus dzejoļus."}
    fair = {**FAIR, "title": "Tirgus"}  # no description of its own: the article's summary
    article = Article("Maijā bibliotēkā", "zinas/2024/maijs/", events=[club, evening, fair])
    attach_events(Generator([article]))
    info = CalendarInfo(name="K", description="", url="https://example.lv/", uid="k",
                        prodid="-//k//lv", refresh=dt.timedelta(hours=12))
    parsed = Calendar.from_ical(to_bytes(calendar(info, article.events.events)))
    described = {str(e["SUMMARY"]): str(e["DESCRIPTION"]).splitlines()[0] for e in parsed.events}
    assert described == {"Adīšanas klubs": "Katru sestdienu adām kopā.",
                         "Lasījumu vakars": "Dzejniece lasa jaunus dzejoļus.",
                         "Tirgus": "Nāc & piedalies!"}


def _placed(title: str, events: list[dict], **fields: Any) -> dict[str, tuple[str, str, str]]:
    """Event title → (UID, anchor, .ics path) as the plugin places them in an article whose
    source file is content/zinas/2024/aicinajums.md."""
    article = Article(title, "zinas/2024/aicinajums/", events=events, **fields)
    attach_events(Generator([article]))
    return {e.title: (e.uid, e.anchor, e.ics_path) for e in article.events.events}


def test_an_events_uid_anchor_and_file_outlive_new_events_and_a_new_article_title() -> None:
    """QA: UIDs were `<url slug>-<position>`: an event inserted first shifted every UID, .ics
    name and anchor, and fixing a typo in the article's title changed every UID (RFC 5545
    §3.8.4.7: a UID must persist). Now: the source file and the event's own key."""
    before = _placed("Aicinājums", [TRAINING, FAIR])
    assert before["Mācības"] == ("zinas.2024.aicinajums.notikums-macibas@example.lv",
                                 "notikums-macibas", "zinas/2024/aicinajums/notikums-macibas.ics")
    concert = {"title": "Koncerts", "start": "2024-05-02 18:00", "location": "Ludza"}
    after = _placed("Aicinajums (labots)", [concert, TRAINING, FAIR])
    assert {title: after[title] for title in before} == before
    untitled = {k: v for k, v in FAIR.items() if k != "title"}
    [(uid, fragment, _ics)] = _placed("Tirgus Ludzā", [untitled]).values()
    assert (uid, fragment) == ("zinas.2024.aicinajums.notikums@example.lv", "notikums")
    assert _placed("Tirgus Ludzā!", [untitled]) == {"Tirgus Ludzā!": (uid, fragment, _ics)}
    renamed = {**TRAINING, "title": "Mācības (jauns laiks)", "id": "macibas"}
    assert _placed("Aicinājums", [renamed])["Mācības (jauns laiks)"] == before["Mācības"]


def test_sequence_is_the_minutes_from_2000_to_the_articles_modified_date() -> None:
    """A static build keeps no history: SEQUENCE grows when an editor sets a later `modified`
    after moving an event (RFC 5545 §3.8.7.4); a `sequence:` adds to it."""
    def sequence(events: list[dict], modified: dt.datetime | None) -> int | None:
        article = Article("Aicinājums", "zinas/2024/aicinajums/", events=events, modified=modified)
        attach_events(Generator([article]))
        return article.events.events[0].sequence

    assert sequence([FAIR], None) == 0
    first, later = (sequence([FAIR], at(moment)) for moment in ("2024-04-02 10:00", "2024-04-02 10:05"))
    assert later - first == 5 and first == (at("2024-04-02 10:00") - dt.datetime(2000, 1, 1, tzinfo=dt.UTC)) \
        // dt.timedelta(minutes=1)
    assert sequence([{**FAIR, "sequence": 3}], at("2024-04-02 10:00")) == first + 3


def test_a_translations_events_carry_their_originals_uid_sequence_and_stamp() -> None:
    """Issue s10-1: the English page's `notikums-*.ics` had a UID of its own source path, so a
    reader who added the Latvian and the English file (or subscribed to the calendar and added
    the English one) got the event twice (RFC 5545 §3.8.4.7: one event, one UID). Every
    publication of the event now says the same UID, SEQUENCE and DTSTAMP: the latest
    `modified` of the original and its translations, so neither file looks older."""
    english = Article("Training", "en/news/2024/aicinajums/", lang="en",
                      events=[{**TRAINING, "title": "Training", "id": "macibas"}],
                      modified=at("2024-04-03 12:00"))
    original = Article("Aicinājums", "zinas/2024/aicinajums/", events=[TRAINING, FAIR],
                       modified=at("2024-04-02 10:00"), translations=[english])
    english.translations = [original]
    generator = Generator([original], translations=[english])
    attach_events(generator)
    [told] = english.events.events
    training = original.events.events[0]
    assert told.uid == training.uid == "zinas.2024.aicinajums.notikums-macibas@example.lv"
    assert (told.sequence, told.stamp) == (training.sequence, training.stamp)
    assert told.stamp == at("2024-04-03 12:00") and told.sequence > 0
    assert {o.uid for o in english.events.occurrences} == {training.uid}
    assert told.ics_path == "en/news/2024/aicinajums/notikums-macibas.ics"  # its own file
    assert told.title == "Training" and told.lang == "en"
    assert [e.uid for e in generator.context["events"]] == [e.uid for e in original.events.events]
    assert generator.context["events"][0].sequence == told.sequence
