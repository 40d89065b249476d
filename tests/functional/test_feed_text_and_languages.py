"""QA's text and language faults in the feeds and pages, on one small site built once.

The site (written by the test): a Latgale article whose title, summary, author and tag hold
`<`, `>`, `&` and quotes; a Sēlija article "Koncerts & <dzeja>" with an event; an English
article (lang: en) with an event; the October 2026 newsletter introduction with a title like
QA's. Built on 23 Nov 2026: the October issue lists the articles and November's events.

What a person must see: every text field exactly as written, in pages (the article's h1, the
issue's introduction heading) and in feed readers (feedparser reads the feeds as readers do);
every feed its own (its own Atom id and self link, its page as the channel link); English
parts of Latvian pages and feeds marked English (WCAG 3.1.2).
"""

from __future__ import annotations

import html
import json
import subprocess
from pathlib import Path

import feedparser
import lxml.html
import pytest
from lxml import etree
from pelican.settings import read_settings

from kopienu_zinas.common.plaintext import plain_text
from tests.feedrules import ATOM, NS, atom_problems, html_problems, rss_problems
from tests.sitebuild import ROOT, run_build

SITEURL = "http://localhost:8000"
TICKETS = "Biļetes bērniem <12 gadi 2 €, pieaugušajiem >18 gadi 5 €"
POETRY = "Koncerts & <dzeja>"
SUMMARY = 'QA: Koncerts & <dzeja> "pēdiņas"'
AUTHOR = "Anna & <Bērziņa>"
TAG = "R&D <x>"
INTRO_TITLE = 'Novembris & ‹kopienās> "QA"'
ENGLISH = ("Concert for newcomers", "An English concert.")
#: Each article's page (site-relative) by its title (a title is plain text: its slug keeps
#: what lies between `<` and `>`, common/slugs.py).
PAGES = {TICKETS: "zinas/2026/biletes-berniem-12-gadi-2-eur-pieaugusajiem-18-gadi-5-eur/",
         POETRY: "zinas/2026/koncerts-dzeja/", ENGLISH[0]: "en/zinas/2026/concert-for-newcomers/"}
#: Every feed of the site (the site's, the two regions', the newsletter's) and the page each follows.
FEEDS = {"atom.xml": "", "rss.xml": "", "regioni/latgale/atom.xml": "regioni/latgale/",
         "regioni/latgale/rss.xml": "regioni/latgale/", "regioni/selija/atom.xml": "regioni/selija/",
         "regioni/selija/rss.xml": "regioni/selija/", "izdevums/atom.xml": "",
         "izdevums/rss.xml": ""}
SOURCES = {
    "biletes.md": {"title": TICKETS, "date": "2026-10-05 10:00", "region": "Latgale",
                   "tags": [TAG, "kultūra"], "authors": [AUTHOR], "summary": SUMMARY},
    "dzeja.md": {"title": POETRY, "date": "2026-10-06 10:00", "region": "Sēlija",
                 "summary": "Īsi.",
                 "events": [{"start": "2026-11-20 18:00", "location": "Kultūras nams"}]},
    "english.md": {"title": ENGLISH[0], "date": "2026-10-07 10:00", "region": "Latgale",
                   "lang": "en", "summary": ENGLISH[1],
                   "events": [{"start": "2026-11-28 18:00", "location": "Culture house"}]},
    "newsletter/2026-10.md": {"title": INTRO_TITLE, "authors": ["Redakcija & <co>"]},
}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("feedtext")
    for name, metadata in SOURCES.items():
        source = root / "content" / name
        source.parent.mkdir(parents=True, exist_ok=True)
        # JSON is YAML: every value is written exactly, quotes and all
        source.write_text(f"---\n{json.dumps(metadata, ensure_ascii=False)}\n---\nTeksts.\n",
                          encoding="utf-8")
    result = run_build(root / "out", "--strict", content=root / "content")
    assert result.returncode == 0, result.stderr
    return root / "out"


def page(output: Path, url: str) -> lxml.html.HtmlElement:
    return lxml.html.fromstring((output / url / "index.html").read_bytes())


def test_feed_titles_authors_categories_and_summaries_are_the_pages_text(site: Path) -> None:
    """QA: `Markup(title).striptags()` made "Biļetes bērniem 18 gadi 5 €" of TICKETS and
    "Koncerts &" of POETRY in every site and region feed; the page's h1 was right."""
    for name in [name for name in FEEDS if not name.startswith("izdevums/")]:
        parsed = feedparser.parse((site / name).read_bytes())
        assert parsed.entries, name
        for entry in parsed.entries:
            url = entry.link.removeprefix(f"{SITEURL}/")
            assert entry.title == page(site, url).findtext(".//h1"), (name, url)
            assert url == PAGES[entry.title], name
        for tickets in [entry for entry in parsed.entries if entry.title == TICKETS]:
            assert tickets.author == AUTHOR, name
            assert {tag.term for tag in tickets.tags} >= {TAG, "Latgale"}, name
            if name.endswith("atom.xml"):  # RSS carries the content; Atom the summary too
                assert plain_text(tickets.summary) == SUMMARY, name


def test_an_issue_introductions_title_is_text_on_its_page_in_the_e_mail_and_in_feeds(
        site: Path) -> None:
    """QA: the introduction's `title:` was written as HTML: "‹kopienās>" and a quote broke
    the heading (Nu checker errors) and the feed item ("unsafe element")."""
    issue = page(site, "izdevums/2026/10/")
    assert issue.get_element_by_id("ievads").text_content() == INTRO_TITLE
    assert issue.find_class("byline")[0].text_content() == "Redakcija & <co>"
    e_mail = lxml.html.fromstring((site / "izdevums/2026/10/epasts.html").read_bytes())
    assert INTRO_TITLE in [h2.text_content() for h2 in e_mail.iter("h2")]
    rss = (site / "izdevums/rss.xml").read_bytes()
    atom = (site / "izdevums/atom.xml").read_bytes()
    assert rss_problems(rss, f"{SITEURL}/izdevums/rss.xml") == []
    assert atom_problems(atom, f"{SITEURL}/izdevums/atom.xml") == []
    for data in (rss, atom):
        content = feedparser.parse(data).entries[0].content[0].value
        assert html_problems(content) == []
        fragment = lxml.html.fragment_fromstring(content, create_parent="div")
        assert fragment.findtext("h2") == INTRO_TITLE


def test_the_newsletters_rss_description_reads_as_written(site: Path) -> None:
    """QA: the plain summary ("Ziņas: …; Koncerts & <dzeja>; …") was escaped once in the RSS
    <description>, which readers take as HTML: "<dzeja>" disappeared. Atom's summary is text."""
    for name in ("izdevums/rss.xml", "izdevums/atom.xml"):
        [entry] = feedparser.parse((site / name).read_bytes()).entries
        summary = (html.unescape(entry.summary) if entry.summary_detail.type == "text/html"
                   else entry.summary)
        assert f"{POETRY}; {TICKETS}; {ENGLISH[0]}." in summary, name


def test_every_feed_is_its_own_and_links_to_its_page(site: Path) -> None:
    """RFC 4287 §4.2.6: every region's Atom feed had the site feed's id (the site's URL)."""
    ids = []
    for name, followed in FEEDS.items():
        root = etree.fromstring((site / name).read_bytes())
        if root.tag == f"{{{ATOM}}}feed":
            ids.append(root.findtext("a:id", namespaces=NS))
            assert ids[-1] == f"{SITEURL}/{name}", name
            assert root.find("a:link[@rel='self']", NS).get("href") == f"{SITEURL}/{name}"
            assert root.find("a:link[@rel='alternate']", NS).get("href") == f"{SITEURL}/{followed}"
            assert atom_problems(etree.tostring(root), f"{SITEURL}/{name}") == [], name
        else:
            assert root.findtext("channel/link") == f"{SITEURL}/{followed}", name
            assert rss_problems((site / name).read_bytes(), f"{SITEURL}/{name}") == [], name
    assert len(ids) == len(set(ids)) == 4


def nearest_lang(element: lxml.html.HtmlElement, default: str) -> str:
    """The language of an element's text: its own or its nearest ancestor's `lang`."""
    for node in (element, *element.iterancestors()):
        if node.get("lang"):
            return node.get("lang")
    return default


def languages_of(root: lxml.html.HtmlElement, texts: tuple[str, ...], default: str) -> set[str]:
    """The language of every element that shows one of `texts` (outside scripts)."""
    return {nearest_lang(element, default) for element in root.iter()
            if isinstance(element.tag, str) and element.tag not in ("script", "style", "title")
            and any(text in (element.text or "") for text in texts)}


def test_english_parts_of_latvian_pages_say_they_are_english(site: Path) -> None:
    """QA (WCAG 3.1.2): the calendar and the issue's event list showed the English event
    without lang="en"; every Latvian page that shows it (and the English article's summary)
    now marks it, whichever template lists it."""
    checked = []
    for file in sorted(site.rglob("*.html")):
        root = lxml.html.fromstring(file.read_bytes())
        if root.get("lang") == "lv" and languages_of(root, ENGLISH, "lv"):
            checked.append(file.relative_to(site).as_posix())
            assert languages_of(root, ENGLISH, "lv") == {"en"}, checked[-1]
    assert {"index.html", "kalendars/index.html", "kalendars/2026/11/index.html",
            "izdevums/2026/10/index.html", "izdevums/2026/10/epasts.html",
            "regioni/latgale/index.html"} <= set(checked)


def test_english_items_are_in_the_english_feed_only(site: Path) -> None:
    """One feed per language (QA s9 F7): the English article is an item of the English feed
    (its language en), in no Latvian feed. The newsletter's item is Latvian; its English
    entries and events say so in its HTML."""
    for name in ("atom.xml", "rss.xml", "regioni/latgale/atom.xml", "regioni/latgale/rss.xml"):
        parsed = feedparser.parse((site / name).read_bytes())
        assert parsed.feed.language == "lv", name
        assert ENGLISH[0] not in {entry.title for entry in parsed.entries}, name
    for name in ("en/atom.xml", "en/rss.xml"):
        parsed = feedparser.parse((site / name).read_bytes())
        assert parsed.feed.language == "en", name
        assert [entry.title for entry in parsed.entries] == [ENGLISH[0]], name
    for name in ("izdevums/rss.xml", "izdevums/atom.xml"):
        content = feedparser.parse((site / name).read_bytes()).entries[0].content[0].value
        fragment = lxml.html.fragment_fromstring(content, create_parent="div")
        assert languages_of(fragment, ENGLISH, "lv") == {"en"}, name


def test_english_feeds_and_pages_describe_the_site_in_english(site: Path) -> None:
    """The English feeds' channel description (RSS description, Atom subtitle) and the English
    pages' footer were SITE_DESCRIPTION, in Latvian: they are SITE_DESCRIPTION_BY_LANG["en"]
    (pelicanconf.py), in feeds that pass the W3C rules; the Latvian ones keep the Latvian."""
    settings = read_settings(str(ROOT / "pelicanconf.py"))
    described = {"lv": settings["SITE_DESCRIPTION"], "en": settings["SITE_DESCRIPTION_BY_LANG"]["en"]}
    for name, lang in (("rss.xml", "lv"), ("atom.xml", "lv"), ("en/rss.xml", "en"),
                       ("en/atom.xml", "en")):
        data = (site / name).read_bytes()
        rules = rss_problems if name.endswith("rss.xml") else atom_problems
        assert rules(data, f"{SITEURL}/{name}") == [], name
        feed = feedparser.parse(data).feed
        text = feed.subtitle_detail
        assert (feed.language, text.value if text.type == "text/plain"
                else html.unescape(text.value)) == (lang, described[lang]), name
    for url, lang in (("meklet/", "lv"), ("en/search/", "en"), (PAGES[ENGLISH[0]], "en")):
        [about] = page(site, url).find_class("footer-about")
        assert (nearest_lang(about, lang), about.text_content().split(": ", 1)[1]) == (
            lang, described[lang]), url


def test_the_pages_pass_the_nu_html_checker(site: Path, vnu_jar: str) -> None:
    pages = [str(site / url) for url in ("izdevums/2026/10/index.html",
                                         "izdevums/2026/10/epasts.html", "kalendars/index.html",
                                         "kalendars/2026/11/index.html", f"{PAGES[TICKETS]}index.html")]
    result = subprocess.run(["java", "-Xss4m", "-jar", vnu_jar, "--errors-only", "--format", "json",
                             *pages], capture_output=True, text=True, timeout=300)
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    assert [f"{m.get('url', '').rsplit('/out/', 1)[-1]}:{m.get('lastLine')}: {m['message']}"
            for m in messages if m.get("type") != "info"] == []
