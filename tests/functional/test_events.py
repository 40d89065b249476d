"""The events plugin on the real site (content/ built once by `built_site`) and on broken input.

What is expected is derived from the articles' own `events:` front matter, read here without
the plugin.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re
import shutil
from pathlib import Path

import pytest
import recurring_ical_events
from icalendar import Calendar

from tests import crawl, icalcheck
from tests.sitebuild import BUILD_DATE, ROOT, BuiltSite, run_build, run_make_check
from tests.sources import articles, front_matter, slug

BROKEN = sorted((ROOT / "tests/fixtures/events_broken").glob("*.md"))


def seed_events() -> list[tuple[object, dict]]:
    """(source article, raw event) for every event in content/."""
    return [(article, event) for article in articles()
            for event in front_matter(article.file).get("events") or []]


def text_of(page_html: str) -> str:
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page_html)))


def start_of(event: dict) -> str:
    return str(event["start"]).replace(" ", "T")


def test_content_announces_the_events_these_tests_read() -> None:
    """Derived, not counted: an editor adding an article changes nothing here."""
    starts = [str(e["start"]) for _a, e in seed_events()]
    assert any(len(s) > 10 for s in starts) and any(len(s) == 10 for s in starts)
    assert len({a.file for a, _e in seed_events()}) >= 2


def test_seed_events_are_on_their_month_pages_and_in_the_archive(built_site: BuiltSite) -> None:
    archive = text_of(built_site.page("kalendars/arhivs/"))
    upcoming = text_of(built_site.page("kalendars/"))
    for _article, event in seed_events():
        month = start_of(event)[:7]
        page = text_of(built_site.page(f"kalendars/{month.replace('-', '/')}/"))
        assert html.unescape(event["title"]) in page, (month, event["title"])
        if start_of(event)[:10] < BUILD_DATE[:10]:  # over (multi-day ones end later)
            assert event["title"] in archive
        elif start_of(event)[:10] > BUILD_DATE[:10]:
            assert event["title"] in upcoming
        if len(str(event["start"])) == 7:
            assert "datums tiks precizēts" in page


def test_month_page_shows_the_thinktank_time_place_and_links_to_its_article(
        built_site: BuiltSite) -> None:
    [(article, event)] = [(a, e) for a, e in seed_events()
                          if start_of(e).startswith("2023-10-11T11:00")]
    page = built_site.page("kalendars/2023/10/")
    text = text_of(page)
    assert "trešdiena, 2023. gada 11. oktobris, 11:00–15:00" in text
    assert event["location"] in text
    # its anchor: its own title's slug, cut after a whole word (events.model.KEY_LIMIT)
    anchor = "notikums-domnica-velas-brokastis-ar-savejiem-iedzivotaji"
    assert f'href="{built_site.siteurl}/{article.url_path}#{anchor}"' in page


def test_event_articles_have_event_json_ld_with_offsets(built_site: BuiltSite) -> None:
    """QA s9 F5: each Event has what Google's Event documentation requires: a full date
    (month-only events are left out, as from the .ics), a Place's address, a VirtualLocation's
    url; and the article's cover as its image."""
    for article in {a for a, _e in seed_events()}:
        page = built_site.page(article.url_path)
        blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
        found = [d for d in map(json.loads, blocks) if d.get("@type") == "Event"]
        matter = front_matter(article.file)
        raw = [e for e in matter["events"] if len(str(e["start"])) > 7]
        assert {d["name"] for d in found} == {e["title"] for e in raw}
        for data in found:
            assert re.fullmatch(r"\d{4}-\d{2}-\d{2}(T.*)?", data["startDate"]), data
            places = data["location"] if isinstance(data["location"], list) else [data["location"]]
            assert all(p.get("address" if p["@type"] == "Place" else "url") for p in places)
            assert ("image" in data) == ("image" in matter), data
        for event in raw:
            starts = [d["startDate"] for d in found if d["name"] == event["title"]]
            if " " in str(event["start"]):  # timed: the local time with its UTC offset
                assert starts == [start_of(event) + ":00+03:00"]
            else:
                assert start_of(event) in starts
        dated = [e for e in raw if len(str(e["start"])) > 7]
        assert page.count("Pievienot kalendāram") == len(dated)


def test_site_region_and_event_calendars_parse_with_stable_uids(built_site: BuiltSite) -> None:
    site = Calendar.from_ical((built_site.output / "kalendars.ics").read_bytes())
    dated = [e for _a, e in seed_events() if len(str(e["start"])) > 7]
    assert sorted(str(e["SUMMARY"]) for e in site.events) == sorted(e["title"] for e in dated)
    uids = [str(e["UID"]) for e in site.events]
    host = built_site.siteurl.split("://", 1)[1].split(":")[0]
    assert len(set(uids)) == len(uids) and all(u.endswith(f"@{host}") for u in uids)
    assert all(e["DTSTAMP"].to_ical().endswith(b"Z") for e in site.events)
    occurrences = recurring_ical_events.of(site).between(dt.date(2023, 1, 1), dt.date(2025, 1, 1))
    timed = [o for o in occurrences if isinstance(o["DTSTART"].dt, dt.datetime)]
    thinktank = [o for o in timed if o["DTSTART"].dt.replace(tzinfo=None) == dt.datetime(
        2023, 10, 11, 11, 0)]
    assert len(thinktank) == 1 and thinktank[0]["DTSTART"].dt.utcoffset() == dt.timedelta(hours=3)
    for article, event in seed_events():
        region = Calendar.from_ical(
            (built_site.output / f"regioni/{slug(article.region)}/kalendars.ics").read_bytes())
        if len(str(event["start"])) > 7:
            assert event["title"] in [str(e["SUMMARY"]) for e in region.events]
    for ics in (built_site.output / "zinas").rglob("notikums-*.ics"):
        [one] = Calendar.from_ical(ics.read_bytes()).events
        assert str(one["UID"]) in uids


def test_calendar_is_linked_for_subscription(built_site: BuiltSite) -> None:
    page = built_site.page("kalendars/")
    host = built_site.siteurl.split("://", 1)[1]
    assert f'href="webcal://{host}/kalendars.ics"' in page
    assert f'href="{built_site.siteurl}/kalendars.ics"' in page
    home = built_site.page("/")
    assert '<link rel="alternate" type="text/calendar"' in home
    abonet = built_site.page("abonet/")  # the addresses come from partials/follow_calendars.html
    assert f'href="webcal://{host}/kalendars.ics"' in abonet
    assert f'value="{built_site.siteurl}/kalendars.ics"' in abonet



@pytest.mark.parametrize("fixture", BROKEN, ids=[f.stem for f in BROKEN])
def test_each_bad_event_fails_make_check_once_naming_file_line_event_and_field(
        fixture: Path, tmp_path: Path) -> None:
    content = tmp_path / "content"
    content.mkdir()
    shutil.copy(fixture, content / fixture.name)
    result = run_make_check(content, tmp_path / "output")
    assert result.returncode != 0
    problems = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    assert len(problems) == 1, result.stderr
    source = fixture.read_text(encoding="utf-8").splitlines()
    field = fixture.stem
    at = "- title: Slikts" if field == "location" else f"{field}:"  # a missing field: the event
    line = max(i for i, text in enumerate(source, 1) if text.strip().startswith(at))
    assert problems[0].startswith(f"error: {fixture.name}:{line}: events[2].{field}: "), problems
    assert "„Slikts pasākums”" in problems[0]


def built_fixture(tmp_path_factory: pytest.TempPathFactory, fixture: str) -> BuiltSite:
    """The content of tests/fixtures/`fixture`, built strictly with the site's address."""
    output = tmp_path_factory.mktemp(fixture) / "site"
    result = run_build(output, "--strict", "--siteurl", "https://kopienuzinas.lv",
                       content=ROOT / "tests/fixtures" / fixture)
    assert result.returncode == 0, result.stderr
    return BuiltSite(output, "https://kopienuzinas.lv")


@pytest.fixture(scope="module")
def upcoming_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """A small site whose events lie around the build date (the real ones are all past)."""
    return built_fixture(tmp_path_factory, "events")


def titles(page_html: str) -> list[str]:
    return [html.unescape(t) for t in re.findall(
        r'class="event-title"><a href="[^"]*">([^<]*)</a>', page_html)]


def test_upcoming_soonest_first_past_in_archive_cancelled_marked(upcoming_site: BuiltSite) -> None:
    page = upcoming_site.page("kalendars/")
    assert titles(page) == ["Vakara lekcija", "Latgales tiešsaistes saruna", "Vakara lekcija",
                            "Talka parkā", "Vakara lekcija", "Pavasara forums"]
    assert "Atcelts" in text_of(page) and "datums tiks precizēts" in text_of(page)
    assert "ceturtdiena, 2026. gada 26. novembris, 18:00–19:30" in text_of(page)
    assert titles(upcoming_site.page("kalendars/arhivs/")) == ["Pagājis seminārs"]
    assert titles(upcoming_site.page("/"))[:3] == titles(page)[:3]
    selija = titles(upcoming_site.page("regioni/selija/"))
    assert "Vakara lekcija" in selija and "Latgales tiešsaistes saruna" not in selija


def test_month_grid_marks_today_and_links_neighbours(upcoming_site: BuiltSite) -> None:
    page = upcoming_site.page("kalendars/2026/11/")
    today = re.search(r'<td class="[^"]*today"[^>]*aria-current="date">\s*<span class="day-number">'
                      r'(\d+)</span>', page)
    assert today and today.group(1) == "23"
    assert 'rel="next" href="https://kopienuzinas.lv/kalendars/2026/12/"' in page
    headers = re.findall(r'<abbr title="[^"]+">(\w)</abbr>', page)
    assert headers == list("POTCPSS")


def test_ics_files_on_the_public_domain(upcoming_site: BuiltSite) -> None:
    data = (upcoming_site.output / "kalendars.ics").read_bytes()
    site = Calendar.from_ical(data)
    assert {str(e["UID"]).split("@")[1] for e in site.events} == {"kopienuzinas.lv"}
    talka = [e for e in site.events if "Talka" in str(e["SUMMARY"])]
    assert [str(e["SUMMARY"]) for e in talka] == ["Atcelts: Talka parkā"]
    assert talka[0]["STATUS"] == "CANCELLED"
    assert b"Pavasara forums" not in data
    latgale = Calendar.from_ical(
        (upcoming_site.output / "regioni/latgale/kalendars.ics").read_bytes())
    assert [str(e["SUMMARY"]) for e in latgale.events] == ["Latgales tiešsaistes saruna"]


def test_an_events_own_description_is_in_its_box_and_ics_else_the_articles_summary(
        upcoming_site: BuiltSite) -> None:
    source = front_matter(ROOT / "tests/fixtures/events/selija.md")
    [own] = [e["description"] for e in source["events"] if e.get("description")]
    site = Calendar.from_ical((upcoming_site.output / "kalendars.ics").read_bytes())
    firsts = {str(e["SUMMARY"]): str(e["DESCRIPTION"]).splitlines()[0] for e in site.events}
    assert firsts["Vakara lekcija"] == own
    assert firsts["Atcelts: Talka parkā"] == source["summary"]
    page = upcoming_site.page("zinas/2026/selijas-pasakumi-ziema/")
    boxes = re.findall(r'class="event-description">([^<]*)<', page)
    assert [html.unescape(b) for b in boxes] == [own]


def test_every_calendar_file_of_the_site_reads_the_same_in_ical_js(
        built_site: BuiltSite, upcoming_site: BuiltSite, icaljs: str) -> None:
    """Mozilla ical.js (Thunderbird's engine), through each file's own VTIMEZONE, puts every
    occurrence at the tz database's instant, and finds the occurrences we find."""
    files = sorted(built_site.output.rglob("*.ics")) + sorted(upcoming_site.output.rglob("*.ics"))
    assert len(files) > 10
    assert icalcheck.assert_calendar_apps_agree(icaljs, files) > 0
    assert not any(b"COMMENT" in f.read_bytes() for f in files)


def test_every_calendar_file_has_a_component_a_region_without_events_the_zone(
        built_site: BuiltSite) -> None:
    """QA: /regioni/vidzeme/kalendars.ics was a VCALENDAR without any component (RFC 5545
    §3.6 requires one): the site-wide, region and event files all hold one now."""
    for ics in sorted(built_site.output.rglob("*.ics")):
        assert Calendar.from_ical(ics.read_bytes()).subcomponents, ics
    dated = {slug(article.region) for article, event in seed_events()
             if len(str(event["start"])) > 7}  # month-only events are in no calendar file
    quiet = {slug(article.region) for article in articles()} - dated
    assert quiet  # the real content has a region without a dated event
    for region in quiet:
        cal = Calendar.from_ical(
            (built_site.output / f"regioni/{region}/kalendars.ics").read_bytes())
        assert [str(zone["TZID"]) for zone in cal.timezones] == ["Europe/Riga"]
        assert not cal.events


@pytest.fixture(scope="module")
def translated_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """A Latvian article and its English translation, telling the same two events."""
    return built_fixture(tmp_path_factory, "translated_events")


def test_no_page_feed_or_sitemap_of_the_demo_site_links_a_file_that_is_not_written(
        built_site: BuiltSite) -> None:
    """The templates' own links (an event's .ics, a cover's rendition, a month page), which
    the build's link check of the sources does not see, each lead to a file."""
    assert crawl.dead_links(built_site.output, built_site.siteurl) == []


def test_a_translation_offers_its_events_in_its_language_and_the_calendars_list_them_once(
        translated_site: BuiltSite) -> None:
    """QA s9 F1: the English page linked `notikums-*.ics` files that were not written (404).
    (The fixture has no pages: only the menu's links to them lead nowhere.)"""
    dead = crawl.dead_links(translated_site.output, translated_site.siteurl)
    assert {address.split("/")[3] for _file, address in dead} <= {
        "abonet", "galerijas", "par-mums", "pieklustamiba"}, dead
    page = translated_site.page("en/zinas/2026/ngo-darbnica/")
    links = re.findall(r'class="add-to-calendar" href="([^"]+)"', page)
    assert len(links) == 3
    for link in links:
        own = Calendar.from_ical((translated_site.output / link.split("/", 3)[3]).read_bytes())
        assert {str(event["SUMMARY"]) for event in own.events} < {
            "Workshop for NGO leaders", "Postponed: Study visit to Latgale villages",
            "Night shift at the shelter"}
    for path in ("kalendars.ics", "regioni/latgale/kalendars.ics"):
        listed = Calendar.from_ical((translated_site.output / path).read_bytes()).events
        assert sorted({str(e["SUMMARY"]) for e in listed}) == [
            "Darbnīca NVO vadītājiem", "Nakts maiņa patversmē",
            "Pārcelts: Mācību brauciens pa Latgales ciemiem"], path
    assert titles(translated_site.page("kalendars/")) == [
        "Darbnīca NVO vadītājiem", "Mācību brauciens pa Latgales ciemiem"]
    assert "Workshop" not in translated_site.page("kalendars/2026/12/")


def test_every_publication_of_a_translated_event_is_one_event_for_calendar_apps(
        translated_site: BuiltSite) -> None:
    """Issue s10-1: the English page's `notikums-*.ics` had a UID of its own (from its source
    path), unlike the Latvian file and the calendars: a reader adding both, or subscribing and
    adding one, got two copies (RFC 5545 §3.8.4.7). Now each event has one UID, SEQUENCE and
    DTSTAMP in every file (the English article's later `modified:` counts for all)."""
    output = translated_site.output
    files = [output / "kalendars.ics", output / "regioni/latgale/kalendars.ics",
             *sorted(output.rglob("notikums-*.ics"))]
    assert sum("/en/" in f.as_posix() for f in files) == 3
    identities: dict[str, set[tuple[str, str, str]]] = {}
    for path in files:
        for event in Calendar.from_ical(path.read_bytes()).events:
            key = event["URL"].split("#")[-1]  # the event's anchor: one per event
            identities.setdefault(key, set()).add(
                (str(event["UID"]), event["SEQUENCE"], event["DTSTAMP"].to_ical().decode()))
    assert sorted(identities) == ["notikums-darbnica", "notikums-nakts-maina",
                                  "notikums-study-visit"]
    for anchor, seen in identities.items():
        [(uid, sequence, stamp)] = seen
        assert uid.endswith(f".{anchor}@kopienuzinas.lv") and "/en" not in uid, uid
        assert stamp == "20261120T073000Z" and sequence > 0, (anchor, seen)


def test_a_translated_night_shift_from_a_clock_change_night_ends_at_06_00_in_every_file(
        translated_site: BuiltSite, icaljs: str) -> None:
    """Issue s10-2 on a built site: a weekly 22:00–06:00 whose first night is the one the
    clocks go back (9 hours), in the Latvian original and its English translation: in every
    file that holds it, recurring-ical-events, an RFC-literal reading and ical.js end each
    occurrence at 06:00 Riga, as the article page says."""
    output = translated_site.output
    files = [output / "kalendars.ics", output / "regioni/latgale/kalendars.ics",
             *sorted(output.rglob("notikums-nakts-maina.ics"))]
    assert len(files) == 4
    page = translated_site.page("en/zinas/2026/ngo-darbnica/")
    assert "06:00" in text_of(page)
    found = icalcheck.icaljs_occurrences(icaljs, files)
    for path in files:
        night = [o for o in found[str(path)] if o["uid"].endswith(".notikums-nakts-maina@kopienuzinas.lv")]
        assert [(o["local"], o["end_local"]) for o in night] == [
            (f"2026-{day}T22:00:00", f"2026-{after}T06:00:00") for day, after in (
                ("10-24", "10-25"), ("10-31", "11-01"), ("11-07", "11-08"), ("11-14", "11-15"))]
        cal = Calendar.from_ical(path.read_bytes())
        exact = icalcheck.rfc_ends(path)
        ends = [(o["DTEND"].dt, exact[(str(o["UID"]), o["DTSTART"].dt)]) for o in
                recurring_ical_events.of(cal).between(dt.date(2026, 10, 1), dt.date(2026, 12, 1))
                if "nakts-maina" in str(o["UID"])]
        assert len(ends) == 4 and all(f"{a:%H:%M}" == f"{b.astimezone(a.tzinfo):%H:%M}" == "06:00"
                                      for a, b in ends), (path, ends)
    assert icalcheck.assert_calendar_apps_agree(icaljs, files) > 0


def test_every_calendar_file_is_well_formed_for_both_parsers(
        built_site: BuiltSite, upcoming_site: BuiltSite, translated_site: BuiltSite,
        icaljs: str) -> None:
    """RFC 5545 §3.1: CRLF line ends, lines folded at 75 octets without cutting a character;
    read by icalendar and ical.js (Latvian titles and addresses are many 2-octet letters)."""
    files = [ics for site in (built_site, upcoming_site, translated_site)
             for ics in sorted(site.output.rglob("*.ics"))]
    assert any(len(line) == 75 for f in files for line in f.read_bytes().split(b"\r\n"))
    icalcheck.assert_well_formed(icaljs, files)


def test_calendar_files_are_the_same_bytes_for_any_build_date_of_the_year(
        translated_site: BuiltSite, tmp_path: Path) -> None:
    """Byte-determinism: the .ics files depend on the sources and BUILD_DATE only — a second
    build (warm caches) on the same date, and one a month later in the same year (the
    overrides' horizon is the year's: docs/events.md "Occurrences that span a clock change"),
    write the same bytes."""
    def calendars(output: Path) -> dict[str, bytes]:
        return {ics.relative_to(output).as_posix(): ics.read_bytes()
                for ics in sorted(output.rglob("*.ics"))}

    first = calendars(translated_site.output)
    assert len(first) > 5
    for date in (BUILD_DATE, "2026-12-20T12:00:00+02:00"):
        output = tmp_path / date[:10]
        result = run_build(output, "--strict", "--siteurl", "https://kopienuzinas.lv",
                           "--build-date", date, content=ROOT / "tests/fixtures/translated_events")
        assert result.returncode == 0, result.stderr
        assert calendars(output) == first, date


def test_every_events_own_file_holds_the_event_and_nothing_of_a_subscription(
        built_site: BuiltSite, upcoming_site: BuiltSite, translated_site: BuiltSite) -> None:
    """QA s9 F3, F8: per-event files named a calendar, asked to be refreshed and had a
    calendar UID equal to the event's; an English event's file carried the site's Latvian
    description. The subscription calendars keep theirs."""
    sites = (built_site, upcoming_site, translated_site)
    own = [ics for site in sites for ics in sorted(site.output.rglob("notikums-*.ics"))]
    assert len(own) > 5
    for ics in own:
        cal = Calendar.from_ical(ics.read_bytes())
        assert list(cal) == ["VERSION", "PRODID"], ics
        assert {part.name for part in cal.subcomponents} <= {"VTIMEZONE", "VEVENT"}, ics
        assert len({str(e["UID"]) for e in cal.events}) == 1, ics  # the event, its overrides
        english = "/en/" in ics.as_posix()
        assert str(cal["PRODID"]).endswith("//EN" if english else "//LV"), ics
    for site in sites:
        listed = Calendar.from_ical((site.output / "kalendars.ics").read_bytes())
        assert {"NAME", "X-WR-CALNAME", "REFRESH-INTERVAL", "X-PUBLISHED-TTL", "UID"} <= set(listed)


def test_a_calendar_without_events_is_the_same_file_in_every_build_year(tmp_path: Path) -> None:
    """An empty calendar (the site's, a region's without events) holds the Riga VTIMEZONE
    alone (RFC 5545 §3.6: at least one component). It started on 1 January of the build's year,
    so the file changed every new year with no event changed; now it depends on the events."""
    content = tmp_path / "content"
    content.mkdir()
    (content / "raksts.md").write_text(
        "---\ntitle: Raksts\ndate: 2026-01-05\nregion: Latgale\nsummary: Īsi.\n---\nTeksts.\n",
        encoding="utf-8")
    built = {}
    for year in ("2026", "2028"):
        output = tmp_path / year
        result = run_build(output, "--build-date", f"{year}-11-23", content=content)
        assert result.returncode == 0, result.stderr
        built[year] = [(output / path).read_bytes()
                       for path in ("kalendars.ics", "regioni/latgale/kalendars.ics")]
    assert built["2026"] == built["2028"]
    for data in built["2026"]:
        assert [part.name for part in Calendar.from_ical(data).subcomponents] == ["VTIMEZONE"]
