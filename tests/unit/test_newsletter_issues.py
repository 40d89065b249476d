"""Which articles, events and galleries go into which monthly issue (pure, fixed build date)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from kopienu_zinas.common.plaintext import paragraphs, plain_text
from kopienu_zinas.events.calendar import Window, occurrences
from kopienu_zinas.events.contract import ArticleEvents
from kopienu_zinas.events.display import when_each
from kopienu_zinas.events.model import parse_events
from kopienu_zinas.newsletter.issues import Intro, Month, assemble, galleries_of
from tests.unit.newsletter_fakes import (
    EIGHT,
    REGIONS,
    RIGA,
    SITEURL,
    FakeArticle,
    article_events,
    at,
    cover,
    event,
    gallery,
    photo,
)


def build(articles, now, intros=(), galleries=(), issue_time=EIGHT):
    return assemble(articles, list(intros), list(galleries), now, siteurl=SITEURL,
                    regions=REGIONS, issue_time=issue_time)


def months(archive):
    return [issue.month.key for issue in archive.issues]


ARTICLES = [
    FakeArticle("Janvāris", at("2024-01-31")),
    FakeArticle("Marts", at("2024-03-10")),
    FakeArticle("Jūnijs", at("2024-06-02")),
]


def test_only_closed_months_with_articles_newest_first_and_the_current_month_as_preview() -> None:
    archive = build(ARTICLES, at("2024-06-15 12:00"))
    assert months(archive) == ["2024-03", "2024-01"]  # February is empty, June is in progress
    assert archive.preview is not None and archive.preview.preview
    assert archive.preview.month == Month(2024, 6)
    assert [e.title for e in archive.preview.entries] == ["Jūnijs"]
    assert not any(issue.preview for issue in archive.issues)


def test_an_issue_is_out_at_its_issue_time_never_earlier() -> None:
    """The June issue is dated 1 July 08:00 Riga: a build at 00:30 must not publish it (its
    publication time would be after the build); the build at 08:00 does."""
    assert months(build(ARTICLES, at("2024-06-30 23:59"))) == ["2024-03", "2024-01"]
    night = build(ARTICLES, at("2024-07-01 00:30"))
    assert months(night) == ["2024-03", "2024-01"]
    assert all(issue.published <= at("2024-07-01 00:30") for issue in night.issues)
    assert months(build(ARTICLES, at("2024-07-01 07:59"))) == ["2024-03", "2024-01"]
    morning = build(ARTICLES, at("2024-07-01 08:00"))
    assert months(morning) == ["2024-06", "2024-03", "2024-01"]
    assert morning.issues[0].published == at("2024-07-01 08:00")


def test_builds_within_a_month_agree_and_a_new_month_adds_exactly_one_issue() -> None:
    early, late = build(ARTICLES, at("2024-06-01 08:00")), build(ARTICLES, at("2024-06-30 23:00"))
    assert early.issues == late.issues
    after = build(ARTICLES, at("2024-07-02"))
    assert len(after.issues) == len(late.issues) + 1
    assert after.issues[1:] == late.issues


def test_issue_date_is_the_first_of_the_next_month_at_the_configured_time() -> None:
    archive = build(ARTICLES, at("2025-01-05"), issue_time=dt.time(9, 30))
    december = build([FakeArticle("Decembris", at("2024-12-10"))], at("2025-01-05"))
    assert archive.issues[0].published == dt.datetime(2024, 7, 1, 9, 30, tzinfo=RIGA)
    assert december.issues[0].published == dt.datetime(2025, 1, 1, 8, 0, tzinfo=RIGA)


def test_updated_is_the_latest_change_never_the_clock_nor_before_the_issue() -> None:
    edited = FakeArticle("Labots", at("2024-03-02"), modified=at("2024-04-20 10:00"))
    archive = build([edited, FakeArticle("Vēl", at("2024-03-20"))], at("2024-09-01"))
    [march] = archive.issues
    assert march.updated == at("2024-04-20 10:00")
    untouched = build([FakeArticle("Vēl", at("2024-03-20"))], at("2024-09-01")).issues[0]
    assert untouched.updated == untouched.published == at("2024-04-01 08:00")


def test_an_introduction_alone_makes_an_issue_and_a_current_one_goes_to_the_preview() -> None:
    intros = [Intro(Month(2024, 2), "Februāris", ("Redakcija",), "<p>Sveiki.</p>"),
              Intro(Month(2024, 6), "", (), "<p>Top.</p>")]
    archive = build(ARTICLES, at("2024-06-15"), intros)
    assert months(archive) == ["2024-03", "2024-02", "2024-01"]
    february = archive.issues[1]
    assert february.intro.title == "Februāris" and february.entries == ()
    assert archive.preview.intro is intros[1]


def test_articles_are_grouped_by_region_in_the_configured_order_then_latvian_order() -> None:
    articles = [FakeArticle("Z", at("2024-03-03"), "Rēzekne"),
                FakeArticle("Ž", at("2024-03-04"), "Ērgļi"),
                FakeArticle("C", at("2024-03-05"), "Čiekurkalns"),
                FakeArticle("B", at("2024-03-02"), "Sēlija"),
                FakeArticle("A", at("2024-03-01"), "Rēzekne")]
    [march] = build(articles, at("2024-04-02")).issues
    assert [g.region for g in march.regions] == ["Sēlija", "Rēzekne", "Čiekurkalns", "Ērgļi"]
    assert [e.title for e in march.regions[1].entries] == ["A", "Z"]
    entry = march.regions[0].entries[0]
    assert entry.url == f"{SITEURL}/zinas/2024/b/" and entry.summary == "Īsi & skaidri."


def test_events_of_the_next_month_announced_before_the_issue_went_out() -> None:
    announcing = FakeArticle("Aicinājums", at("2024-02-10"), events=article_events(
        event("Aprīļa seminārs", dt.date(2024, 4, 5), f"{SITEURL}/e/1/"),
        event("Tiešsaistes mācības", at("2024-04-24 16:00"), f"{SITEURL}/e/2/"),
        event("Marta talka", dt.date(2024, 3, 20), f"{SITEURL}/e/3/"),
        event("Maija forums", dt.date(2024, 5, 1), f"{SITEURL}/e/4/", month_only=True)))
    late = FakeArticle("Vēlāk", at("2024-04-02"), events=article_events(
        event("Vēlu pieteikts", dt.date(2024, 4, 30), f"{SITEURL}/e/5/")))
    archive = build([FakeArticle("Marts", at("2024-03-10")), announcing, late], at("2024-06-01"))
    march = next(i for i in archive.issues if i.month == Month(2024, 3))
    assert [e.event.title for e in march.events] == ["Aprīļa seminārs", "Tiešsaistes mācības"]
    february = next(i for i in archive.issues if i.month == Month(2024, 2))
    assert [e.event.title for e in february.events] == ["Marta talka"]


def announcing(title: str, published: str, *raw: dict, now: dt.datetime) -> FakeArticle:
    """An article whose events and occurrences come from the real events model and calendar."""
    events, issues = parse_events(list(raw), title, dt.date(2026, 11, 23))
    assert issues == []
    window = Window(now, past=dt.timedelta(days=1096), future=dt.timedelta(days=366), limit=60)
    placed = [replace(e, url=f"{SITEURL}/e/{title}/#notikums-{e.index + 1}") for e in events]
    return FakeArticle(title, at(published), events=ArticleEvents(
        events=tuple(placed), occurrences=tuple(o for e in placed for o in occurrences(e, window))))


def test_recurring_events_are_in_every_month_they_occur_in_once_with_their_dates() -> None:
    now = at("2027-01-15 12:00")
    training = announcing("Mācības", "2026-09-20", {
        "title": "Tiešsaistes mācības", "start": "2026-09-30 16:00", "end": "2026-09-30 17:30",
        "recurrence": "FREQ=MONTHLY;BYDAY=-1WE;COUNT=4", "online": True}, now=now)
    club = announcing("Klubs", "2026-10-28", {
        "title": "Šaha klubs", "start": "2026-10-29 18:00",
        "recurrence": "FREQ=WEEKLY;BYDAY=TH", "location": "Bibliotēka"}, now=now)
    camp = announcing("Nometne", "2026-10-01", {
        "title": "Rudens nometne", "start": "2026-10-30", "end": "2026-11-02",
        "location": "Ilgu muiža"}, now=now)
    archive = build([training, club, camp, FakeArticle("Ziņa", at("2026-11-10"))], now)
    issues = {i.month: i for i in archive.issues}
    november = issues[Month(2026, 10)].events  # October's issue lists November's events
    assert [e.event.title for e in november] == ["Rudens nometne", "Šaha klubs",
                                                "Tiešsaistes mācības"]
    camp_dates, club_dates, training_dates = ([o.start for o in e.occurrences] for e in november)
    assert camp_dates == [dt.date(2026, 10, 30)]  # began in October, runs into November
    assert [d.day for d in club_dates] == [5, 12, 19, 26]  # the club began in October
    assert {d.hour for d in club_dates} == {18}
    assert when_each(november[1].occurrences) == (
        "5. novembris, 12. novembris, 19. novembris, 26. novembris, 18:00")
    # as on the camp's own page (CLDR's interval across two months, thin spaces)
    assert when_each(november[0].occurrences) == "2026. gada 30. okt.\u2009–\u20092. nov."
    assert training_dates == [dt.datetime(2026, 11, 25, 16, 0, tzinfo=RIGA)]  # a later date
    december = issues[Month(2026, 11)].events
    assert [(e.event.title, len(e.occurrences)) for e in december] == [
        ("Šaha klubs", 5), ("Tiešsaistes mācības", 1)]
    assert december[1].occurrences[0].start.day == 30  # last Wednesday of December


def test_works_without_events_and_galleries_attributes() -> None:
    class Bare:
        title, date, url, summary = "Vienkāršs", at("2024-03-01"), "zinas/x/", ""
        category = "Latgale"

    [march] = build([Bare()], at("2024-04-10")).issues
    assert march.events == () and march.galleries == () and march.cover is None
    assert march.regions[0].region == "Latgale"


def test_galleries_published_in_the_month_and_the_issue_cover() -> None:
    first = photo(f"{SITEURL}/g/a.jpg")
    galleries = [gallery("talka", "Talka", at("2024-03-28"), "galerijas/talka/", first),
                 gallery("sapulce", "Sapulce", at("2024-04-03"), "galerijas/sapulce/")]
    [march] = build([FakeArticle("Marts", at("2024-03-10"))], at("2024-04-10"), galleries=galleries).issues
    assert [g.name for g in march.galleries] == ["talka"]
    assert march.cover is first  # no article cover: the gallery's
    covered = FakeArticle("Ar attēlu", at("2024-03-11"), cover=cover(f"{SITEURL}/a.jpg"))
    [march] = build([covered], at("2024-04-10"), galleries=galleries).issues
    assert march.cover is covered.cover


def test_without_the_galleries_plugin_list_the_galleries_articles_show() -> None:
    talka = gallery("talka", "Talka", at("2024-03-28"), "galerijas/talka/")
    articles = [FakeArticle("A", at("2024-03-10"), gallery=talka),
                FakeArticle("B", at("2024-03-11"), gallery=talka)]
    assert galleries_of(articles, None) == [talka]
    assert galleries_of(articles, ["from the plugin"]) == ["from the plugin"]


@pytest.mark.parametrize("text", ["2024-13", "2024-00", "24-05", "2024-5", "maijs"])
def test_month_names_must_be_yyyy_mm(text: str) -> None:
    with pytest.raises(ValueError):
        Month.parse(text)


def test_month_arithmetic_and_keys() -> None:
    assert Month.parse("2024-12").next() == Month(2025, 1)
    assert Month.of(dt.datetime(2024, 5, 31, 22, 30, tzinfo=dt.UTC)) == Month(2024, 6)
    assert Month(2024, 5).key == "2024-05"


def test_plain_text_paragraphs_keep_link_addresses() -> None:
    html = '<p>Sveiki &amp; <a href="https://x.lv/a">lasiet</a>.</p>\n<ul><li>Viens</li></ul>'
    assert paragraphs(html) == ("Sveiki & lasiet (https://x.lv/a).", "Viens")


def test_plain_text_joins_inline_markup_and_breaks_blocks() -> None:
    html = ('<p><em>Rēzekne</em>s&nbsp;bibliotēkā</p><ul><li>Viens<br>Divi</li></ul>'
            '<p>Sk. <a href="/a?b=1&amp;c=2">šeit</a></p>')
    assert plain_text(html) == "Rēzeknes bibliotēkā Viens Divi Sk. šeit"
    assert paragraphs(html) == ("Rēzeknes bibliotēkā", "Viens", "Divi", "Sk. šeit (/a?b=1&c=2)")
