"""Scheduled articles and the feeds, on a small fixture site built at three moments.

Fixture: tests/fixtures/scheduled/ (a published Latgale article with root-relative links and
pictures, a Sēlija article without authors, an article dated 22 Dec 2026 10:00 announcing a
concert on 15 Jan 2027, a gallery dated 20 Dec 2026, a page dated 20 Dec 2026 09:00). The test
writes the pictures with Pillow.
Builds: 30 Nov 2026 12:00 (the article and gallery are scheduled), 22 Dec 2026 10:00 (their
time has come) and the 30 Nov build as a preview (PREVIEW=true).
"""

from __future__ import annotations

import datetime as dt
import email.utils
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from lxml import etree

from tests.feedrules import ATOM, NS, atom_problems, html_problems, rss_problems
from tests.photos import upright
from tests.sitebuild import ROOT, run_build

FIXTURE = ROOT / "tests/fixtures/scheduled"
SITEURL = "http://localhost:8000"
BEFORE = "2026-11-30T12:00:00+02:00"
ON_THE_DAY = "2026-12-22T10:00:00+02:00"
SCHEDULED = "Ziemas saulgriežu koncerts"
SCHEDULED_URL = "zinas/2026/ziemas-saulgriezu-koncerts/"
SCHEDULED_EVENT = "Saulgriežu koncerts Rēzeknē"
SCHEDULED_GALLERY = "Ziemas rīts"
SCHEDULED_PAGE, SCHEDULED_PAGE_URL = "Ziemas darbnīcu programma", "ziemas-darbnicu-programma/"
#: Every feed the site writes: site, regions (Latgale, Sēlija), newsletter.
FEEDS = ["atom.xml", "rss.xml", "regioni/latgale/atom.xml", "regioni/latgale/rss.xml",
         "regioni/selija/atom.xml", "regioni/selija/rss.xml", "izdevums/atom.xml",
         "izdevums/rss.xml"]


def content_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    content = tmp_path_factory.mktemp("scheduled") / "content"
    shutil.copytree(FIXTURE, content)
    (content / "atteli").mkdir()
    upright((300, 200)).save(content / "atteli/karte.jpg", quality=80)
    upright((600, 400)).save(content / "galleries/ziemas-rits/rits.jpg", quality=80)
    return content


@pytest.fixture(scope="module")
def content(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return content_copy(tmp_path_factory)


def build(content: Path, date: str, *extra: str) -> tuple[Path, subprocess.CompletedProcess]:
    output = content.parent / f"out-{date[:10]}{'-'.join(('', *extra)).replace('=', '-')}"
    result = run_build(output, "--strict", "--build-date", date, *extra, content=content)
    assert result.returncode == 0, result.stderr
    return output, result


@pytest.fixture(scope="module")
def before(content: Path) -> tuple[Path, subprocess.CompletedProcess]:
    return build(content, BEFORE)


@pytest.fixture(scope="module")
def on_the_day(content: Path) -> Path:
    return build(content, ON_THE_DAY)[0]


@pytest.fixture(scope="module")
def preview(content: Path) -> Path:
    return build(content, BEFORE, "-e", "PREVIEW=true")[0]


def text_files(output: Path) -> dict[str, str]:
    return {file.relative_to(output).as_posix(): file.read_text(encoding="utf-8")
            for file in sorted(output.rglob("*"))
            if file.suffix in (".html", ".xml", ".ics", ".txt", ".json", ".js") and file.is_file()}


def test_a_scheduled_article_gallery_and_event_are_in_no_public_output(before) -> None:
    output, _ = before
    files = text_files(output)
    assert "index.html" in files and "sitemap.xml" in files and "kalendars.ics" in "".join(files)
    for name, text in files.items():
        for hidden in (SCHEDULED, SCHEDULED_EVENT, SCHEDULED_GALLERY, "ziemas-saulgriezu",
                       "ziemas-rits", "Jānis Ozols", "koncerti", SCHEDULED_PAGE,
                       SCHEDULED_PAGE_URL):
            assert hidden not in text, (name, hidden)
    assert not (output / SCHEDULED_URL).exists()
    assert not (output / "galerijas/ziemas-rits").exists()
    assert not (output / SCHEDULED_PAGE_URL).exists()
    assert "Kopienas karte ir gatava" in files["index.html"]


def test_make_check_lists_the_scheduled_article_as_information(before) -> None:
    _, result = before
    assert ("info: ieplanots.md:3: date: ieplānots raksts (scheduled article): "
            "2026-12-22 10:00:00+02:00") in result.stderr
    assert ("info: galleries/ziemas-rits/captions.yml:3: date: ieplānota galerija "
            "(scheduled gallery): 2026-12-20") in result.stderr
    assert ("info: pages/ziemas-darbnicas.md:3: date: ieplānota lapa (scheduled page): "
            "2026-12-20 09:00:00+02:00") in result.stderr
    assert "error" not in result.stderr and "warning" not in result.stderr


def test_on_its_date_the_scheduled_article_is_everywhere(on_the_day: Path) -> None:
    files = text_files(on_the_day)
    assert SCHEDULED in files["index.html"]
    assert SCHEDULED in files[f"{SCHEDULED_URL}index.html"]
    assert f"{SITEURL}/{SCHEDULED_URL}" in files["sitemap.xml"]
    for feed in ("atom.xml", "rss.xml", "regioni/latgale/rss.xml"):
        assert SCHEDULED in files[feed], feed
    assert SCHEDULED_EVENT in files["kalendars.ics"]
    assert SCHEDULED_GALLERY in files["galerijas/index.html"]
    assert SCHEDULED_PAGE in files[f"{SCHEDULED_PAGE_URL}index.html"]
    assert f"{SITEURL}/{SCHEDULED_PAGE_URL}" in files["sitemap.xml"]


def test_the_preview_shows_the_scheduled_article_marked(preview: Path) -> None:
    page = (preview / SCHEDULED_URL / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<p class="scheduled">Ieplānots: publicēs 2026\. gada 22\. decembris, '
                     r'10:00</p>', page)
    home = (preview / "index.html").read_text(encoding="utf-8")
    assert SCHEDULED in home and 'class="scheduled"' in home
    published = (preview / "zinas/2026/kopienas-karte-ir-gatava/index.html").read_text("utf-8")
    header = re.search(r'<header class="story-header">.*?</header>', published, re.S).group(0)
    assert 'class="scheduled"' not in header
    page = (preview / SCHEDULED_PAGE_URL / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<p class="scheduled">Ieplānots: publicēs 2026\. gada 20\. decembris, '
                     r'09:00</p>', page)


@pytest.mark.parametrize("moment", ["before", "on_the_day"])
def test_no_feed_item_is_dated_after_the_build(moment: str, request) -> None:
    output = request.getfixturevalue(moment)
    output = output[0] if isinstance(output, tuple) else output
    built = dt.datetime.fromisoformat(BEFORE if moment == "before" else ON_THE_DAY)
    for name in FEEDS:
        root = etree.fromstring((output / name).read_bytes())
        rss_dates = [email.utils.parsedate_to_datetime(d.text)
                     for d in root.iter("pubDate", "lastBuildDate")]
        atom_dates = [dt.datetime.fromisoformat(d.text)
                      for d in root.iter(f"{{{ATOM}}}published", f"{{{ATOM}}}updated")]
        assert rss_dates or atom_dates, name
        assert all(d <= built for d in [*rss_dates, *atom_dates]), name


def test_every_feed_passes_the_validator_rules_with_absolute_urls_only(on_the_day: Path) -> None:
    for name in FEEDS:
        data = (on_the_day / name).read_bytes()
        check = rss_problems if name.endswith("rss.xml") else atom_problems
        assert check(data, f"{SITEURL}/{name}") == [], name
        # No relative URL in any attribute of any HTML the feed carries (content, summary).
        root = etree.fromstring(data)
        for element in root.iter("description", f"{{{ATOM}}}content", f"{{{ATOM}}}summary",
                                 "{http://purl.org/rss/1.0/modules/content/}encoded"):
            assert [p for p in html_problems(element.text or "") if "relative" in p] == [], name


def test_root_relative_links_and_pictures_become_absolute_in_feeds(on_the_day: Path) -> None:
    rss = (on_the_day / "rss.xml").read_text(encoding="utf-8")
    item = etree.fromstring(rss.encode()).xpath("//item[title='Kopienas karte ir gatava']")[0]
    html = item.findtext("description")
    # the root-relative picture is processed like `{static}`: one absolute, sized JPEG
    assert (f'<img src="{SITEURL}/bildes/atteli/karte-300.jpg" width="300" height="200" '
            f'alt="Kopienas karte">') in html
    assert f'href="{SITEURL}/par-mums/"' in html
    assert f'href="{SITEURL}/par-mums/#kontakti"' in html
    assert 'src="/' not in rss and 'href="/' not in rss


#: The ids of the site feed's items: tag:<host>,<FEED_ID_DATE>:<source file> (pelicanconf.py).
IDS = {"Kopienas karte ir gatava": "tag:localhost,2026-12-01:publicets.md",
       "Sēlijas bibliotēkas pagarina darba laiku": "tag:localhost,2026-12-01:bez-autora.md",
       SCHEDULED: "tag:localhost,2026-12-01:ieplanots.md"}


def feed_ids(output: Path) -> dict[str, dict[str, str]]:
    """Each site and region feed's item ids by item title, as feed readers (feedparser) read
    them; RSS guids also say isPermaLink="false"."""
    import feedparser
    found = {}
    for name in FEEDS:
        if name.startswith("izdevums/"):
            continue
        data = (output / name).read_bytes()
        if name.endswith("rss.xml"):
            guids = etree.fromstring(data).iter("guid")
            assert {guid.get("isPermaLink") for guid in guids} == {"false"}, name
        found[name] = {entry.title: entry.id for entry in feedparser.parse(data).entries}
    return found


def test_feed_ids_are_tag_uris_of_the_source_file(on_the_day: Path) -> None:
    ids = feed_ids(on_the_day)
    assert ids["rss.xml"] == ids["atom.xml"] == IDS
    for name, found in ids.items():
        assert found.items() <= IDS.items(), name


def test_a_corrected_title_and_date_keep_the_feed_ids(
        tmp_path_factory: pytest.TempPathFactory, on_the_day: Path) -> None:
    """QA s9 F4: a corrected title changed the address and with it the item's id (Pelican's
    tag:<host>,<date>:<url>), and RSS-to-e-mail services sent the article again. The id stays
    (RFC 4287 §4.2.6: it MUST NOT change), in every feed the article is in."""
    content = content_copy(tmp_path_factory)
    source = content / "publicets.md"
    source.write_text(source.read_text("utf-8")
                      .replace("title: Kopienas karte ir gatava",
                               "title: Kopienas karte Latgalē ir gatava")
                      .replace("date: 2026-11-02 10:00", "date: 2026-11-03 09:00"), "utf-8")
    fixed, _result = build(content, ON_THE_DAY)
    assert (fixed / "zinas/2026/kopienas-karte-latgale-ir-gatava/index.html").is_file()
    before, after = feed_ids(on_the_day), feed_ids(fixed)
    for name, ids in before.items():
        renamed = {("Kopienas karte Latgalē ir gatava" if title == "Kopienas karte ir gatava"
                    else title): uri for title, uri in ids.items()}
        assert after[name] == renamed, name


def test_articles_without_authors_have_no_empty_author(on_the_day: Path) -> None:
    data = (on_the_day / "atom.xml").read_bytes()
    assert b"<name/>" not in data and b"<name></name>" not in data
    atom = etree.fromstring(data)
    assert atom.findtext("a:author/a:name", namespaces=NS) == "Kopienu ziņu redakcija"
    authors = {entry.findtext("a:title", namespaces=NS):
               entry.findtext("a:author/a:name", namespaces=NS)
               for entry in atom.iterfind("a:entry", NS)}
    assert authors == {"Kopienas karte ir gatava": "Anna Bērziņa",
                       "Sēlijas bibliotēkas pagarina darba laiku": None,
                       SCHEDULED: "Jānis Ozols"}


def runs(condition: str | None, event: str, ref: str = "refs/heads/main") -> bool:
    """A GitHub Actions `if:` of the simple form we use (==, !=, &&, ||, parentheses)."""
    if condition is None:
        return True
    python = (condition.replace("github.event_name", repr(event)).replace("github.ref", repr(ref))
              .replace("&&", " and ").replace("||", " or "))
    return bool(eval(python, {"__builtins__": {}}))


def test_the_publish_workflow_rebuilds_and_deploys_main_shortly_after_every_hour() -> None:
    workflow = yaml.safe_load((ROOT / ".github/workflows/site.yml").read_text(encoding="utf-8"))
    [schedule] = workflow[True]["schedule"]  # YAML 1.1 reads the key `on` as true
    minute, hour, *rest = schedule["cron"].split()
    assert minute.isdigit() and 0 < int(minute) <= 15 and hour == "*" and rest == ["*"] * 3
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    steps = {step["name"]: step for step in build["steps"]}
    assert runs(steps["Build the public site"].get("if"), "schedule")
    assert runs(steps["Upload the site"].get("if"), "schedule")
    assert runs(deploy.get("if"), "schedule")
    assert not runs(deploy.get("if"), "pull_request", "refs/pull/1/merge")
    assert runs(steps["Test"].get("if"), "push") and runs(steps["Test"].get("if"), "pull_request")


class _UrlAttributes(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("href", "src", "poster"):
                self.urls.append(value or "")
            elif name == "srcset":
                self.urls += [c.split()[0] for c in (value or "").split(",") if c.split()]


def test_the_e_mail_edition_has_absolute_urls_only(on_the_day: Path) -> None:
    issue = on_the_day / "izdevums/2026/11"
    scan = _UrlAttributes()
    scan.feed((issue / "epasts.html").read_text(encoding="utf-8"))
    assert f"{SITEURL}/atteli/karte.jpg" in scan.urls and f"{SITEURL}/par-mums/" in scan.urls
    assert [url for url in scan.urls if not url.startswith(("http://", "https://"))] == []
    text = (issue / "epasts.txt").read_text(encoding="utf-8")
    assert f"par mums ({SITEURL}/par-mums/)" in text
    feed = (on_the_day / "izdevums/rss.xml").read_text(encoding="utf-8")
    assert f'src="{SITEURL}/atteli/karte.jpg"' in etree.fromstring(feed.encode()).findtext(
        "channel/item/{http://purl.org/rss/1.0/modules/content/}encoded")
