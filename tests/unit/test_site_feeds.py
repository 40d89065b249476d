"""The site's feed writer against Pelican's own: the same items and ids, valid feeds."""

from __future__ import annotations

import datetime as dt
import html
from pathlib import Path
from zoneinfo import ZoneInfo

import feedparser
import pytest
from lxml import etree
from pelican.contents import Article, Author, Category, Tag
from pelican.settings import DEFAULT_CONFIG
from pelican.writers import Writer

from kopienu_zinas.common.settings import SettingsError
from kopienu_zinas.site.feeds import FeedWriter, item_id
from tests.feedrules import NS, atom_problems, namespace_problems, rss_problems, stylesheet_of

RIGA = ZoneInfo("Europe/Riga")
SITEURL = "https://kopienuzinas.lv"
SETTINGS = {**DEFAULT_CONFIG, "SITEURL": SITEURL, "FEED_DOMAIN": SITEURL, "TIMEZONE": "Europe/Riga",
            "ARTICLE_URL": "zinas/{date:%Y}/{slug}/", "SITENAME": "Kopienu ziņas",
            "SITE_DESCRIPTION": "Kopienu ziņas.", "DEFAULT_LANG": "lv",
            "EDITOR": "Kopienu ziņu redakcija", "RSS_FEED_SUMMARY_ONLY": False,
            "PATH": "content", "FEED_ID_DATE": "2026-12-01"}


def article(title: str, slug: str, date: dt.datetime, content: str, authors: list[str]) -> Article:
    """An article read from <slug>.md in the content folder (PATH)."""
    metadata = {"title": title, "slug": slug, "date": date, "summary": f"{title}.",
                "category": Category("Latgale", SETTINGS), "tags": [Tag("kartes", SETTINGS)],
                **({"authors": [Author(name, SETTINGS) for name in authors]} if authors else {})}
    return Article(content, metadata=metadata, settings=SETTINGS,
                   source_path=f"{slug}.md")


ARTICLES = [
    article("Karte", "karte", dt.datetime(2024, 5, 21, 10, 0, tzinfo=RIGA),
            '<p><img alt="plāns" src="/atteli/karte.jpg"> <a href="/par-mums/">par mums</a> '
            "<img alt='x' src='foto.jpg'></p>", ["Anna Bērziņa"]),
    article("Bez autora", "bez-autora", dt.datetime(2024, 5, 1, tzinfo=RIGA),
            "<p>Teksts.</p>", []),
]


def feeds(writer_class: type[Writer], tmp_path: Path, kind: str):
    writer = writer_class(str(tmp_path), settings=SETTINGS)
    name = f"{kind}.xml"
    feed = writer.write_feed(ARTICLES, dict(SETTINGS), name, name, feed_type=kind)
    return feed, (tmp_path / name).read_bytes()


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_items_are_the_ones_pelican_wrote_with_ids_of_their_source_files(
        tmp_path: Path, kind: str) -> None:
    """Pelican's ids (tag:<host>,<date>:<url>) changed with a corrected title or date, and
    RSS-to-e-mail services sent the article again: ours are tag:<host>,<FEED_ID_DATE>:<file>
    (a decomposed file name as composed, percent-encoded)."""
    ours, _ = feeds(FeedWriter, tmp_path / "ours", kind)
    pelicans, _ = feeds(Writer, tmp_path / "pelican", kind)
    fields = ("title", "link", "pubdate", "updateddate")
    assert ([{f: i[f] for f in fields} for i in ours.items]
            == [{f: i[f] for f in fields} for i in pelicans.items])
    assert [i["unique_id"] for i in ours.items] == [
        "tag:kopienuzinas.lv,2026-12-01:karte.md",
        "tag:kopienuzinas.lv,2026-12-01:bez-autora.md"]
    accented = Article("<p>T.</p>", metadata={"title": "Rēzekne", "date": ARTICLES[0].date},
                       settings=SETTINGS, source_path="zinas/Re\u0304zekne.md")
    assert item_id(accented, SITEURL, SETTINGS) == \
        "tag:kopienuzinas.lv,2026-12-01:zinas/R%C4%93zekne.md"


def test_a_missing_or_malformed_feed_id_date_is_a_settings_error() -> None:
    for value in (None, "2026-13-01", "2026-12", 20261201):
        with pytest.raises(SettingsError, match="FEED_ID_DATE"):
            item_id(ARTICLES[0], SITEURL, {**SETTINGS, "FEED_ID_DATE": value})


def test_rss_marks_tag_ids_as_no_permalink_and_passes_the_rules(tmp_path: Path) -> None:
    _, data = feeds(FeedWriter, tmp_path, "rss")
    assert b'<guid isPermaLink="false">tag:kopienuzinas.lv,2026-12-01:karte.md</guid>' in data
    assert rss_problems(data, f"{SITEURL}/rss.xml") == []
    # What Pelican's own writer gets wrong, the rules catch (so they can fail).
    _, stock = feeds(Writer, tmp_path / "pelican", "rss")
    found = rss_problems(stock, f"{SITEURL}/rss.xml")
    assert any("guid must be a full URL, unless isPermaLink attribute is false" in p for p in found)
    assert any("relative URL src='/atteli/karte.jpg'" in p for p in found)


def test_atom_has_absolute_urls_and_no_empty_author(tmp_path: Path) -> None:
    _, data = feeds(FeedWriter, tmp_path, "atom")
    text = data.decode()
    assert f'src="{SITEURL}/atteli/karte.jpg"' in text and f'href="{SITEURL}/par-mums/"' in text
    assert f'src="{SITEURL}/zinas/2024/karte/foto.jpg"' in text
    assert "<name></name>" not in text and "<name/>" not in text
    assert text.count("<author>") == 2  # the feed's editor and Anna Bērziņa
    assert atom_problems(data, f"{SITEURL}/atom.xml") == []
    _, stock = feeds(Writer, tmp_path / "pelican", "atom")
    assert any("name should not be blank" in p
               for p in atom_problems(stock, f"{SITEURL}/atom.xml"))


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_feeds_name_the_one_stylesheet_and_only_namespaces_the_validator_knows(
        tmp_path: Path, kind: str) -> None:
    """Opened in a browser a feed is styled by theme/css/feed.css. QA: the W3C validator
    warned on every feed ("Use of unknown namespace" for <kz:date>, "Misplaced XHTML content"
    and "Avoid Namespace Prefix: h" for the view's <h:a> links): a feed now carries only
    namespaces it knows, with their usual prefixes; an Atom entry's address is the text of its
    dc:identifier, for the view (its link's address is an attribute)."""
    _, data = feeds(FeedWriter, tmp_path, kind)
    assert stylesheet_of(data) == ("text/css", f"{SITEURL}/theme/css/feed.css")
    assert namespace_problems(data) == []
    root = etree.fromstring(data)
    assert set(root.nsmap.values()) <= {None, "http://www.w3.org/2005/Atom",
                                        "http://search.yahoo.com/mrss/",
                                        "http://purl.org/dc/elements/1.1/"}
    if kind == "atom":
        assert [(e.findtext("dc:identifier", namespaces=NS),
                 e.find("a:link[@rel='alternate']", NS).get("href"))
                for e in root.findall("a:entry", NS)] == [
            (f"{SITEURL}/zinas/2024/karte/",) * 2, (f"{SITEURL}/zinas/2024/bez-autora/",) * 2]
    _, stock = feeds(Writer, tmp_path / "pelican", kind)
    assert stylesheet_of(stock) is None  # Pelican's own writer has none: the test can tell


def test_the_namespace_rules_catch_what_the_validator_warns_about() -> None:
    """The W3C validator's warnings on our earlier feeds, and what it accepts: XHTML in Atom
    content of type xhtml, the default Atom namespace, dc with its own prefix."""
    rss = (b'<rss version="2.0" xmlns:kz="tag:kopienuzinas.lv,2026:feed-view" '
           b'xmlns:h="http://www.w3.org/1999/xhtml"><channel><title>T</title>'
           b'<h:a href="https://x.lv/">https://x.lv/</h:a><item><kz:date>1. maijs</kz:date>'
           b'</item></channel></rss>')
    assert namespace_problems(rss) == [
        "Use of unknown namespace: tag:kopienuzinas.lv,2026:feed-view (prefix kz)",
        "Non-standard prefix h for http://www.w3.org/1999/xhtml (the validator's: xhtml)",
        "Misplaced XHTML content: <a> in channel",
        "Use of unknown namespace: tag:kopienuzinas.lv,2026:feed-view (<date>)"]
    atom = (b'<feed xmlns="http://www.w3.org/2005/Atom" xmlns:atom="http://www.w3.org/2005/Atom"'
            b' xmlns:dc="http://purl.org/dc/elements/1.1/"><entry><dc:identifier>u'
            b'</dc:identifier><content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">'
            b'<a href="https://x.lv/">x</a></div></content><summary type="html"><p '
            b'xmlns="http://www.w3.org/1999/xhtml"/></summary></entry></feed>')
    assert namespace_problems(atom) == [
        "Avoid Namespace Prefix: atom",
        "Misplaced XHTML content: <p> in {http://www.w3.org/2005/Atom}summary"]


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_each_feed_carries_its_own_languages_articles(tmp_path: Path, kind: str) -> None:
    """One feed per language: the site feed the Latvian articles, the English feed
    (TRANSLATION_FEED_*) the English one, the feed's language and title English; no lv/ copy
    of the site feed."""
    english = Article("<p>Text.</p>", metadata={
        "title": "Welcome", "slug": "welcome", "lang": "en", "summary": "Welcome.",
        "date": dt.datetime(2024, 5, 16, tzinfo=RIGA), "category": Category("Latgale", SETTINGS)},
        settings=SETTINGS, source_path="welcome.md")
    settings = {**SETTINGS, "TRANSLATION_FEED_ATOM": "{lang}/atom.xml",
                "TRANSLATION_FEED_RSS": "{lang}/rss.xml"}
    writer = FeedWriter(str(tmp_path), settings=settings)
    for path in (f"{kind}.xml", f"en/{kind}.xml", f"lv/{kind}.xml"):
        writer.write_feed([english, *ARTICLES], dict(settings), path, path, feed_type=kind)
    assert not (tmp_path / "lv").exists()
    site, own = (feedparser.parse((tmp_path / path).read_bytes())
                 for path in (f"{kind}.xml", f"en/{kind}.xml"))
    assert (site.feed.language, [e.title for e in site.entries]) == ("lv", ["Karte", "Bez autora"])
    assert (own.feed.language, own.feed.title, [e.title for e in own.entries]) == (
        "en", "Kopienu ziņas - English", ["Welcome"])


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_plain_text_fields_read_as_written(tmp_path: Path, kind: str) -> None:
    """Titles, the feed's title and description are plain text (their pages show them so);
    Pelican's `Markup(title).striptags()` dropped "<12 gadi 2 €, pieaugušajiem >"."""
    title = "Biļetes bērniem <12 gadi 2 €, pieaugušajiem >18 gadi 5 € & \"pēdiņas\""
    settings = {**SETTINGS, "SITENAME": "Ziņas <&>", "SITE_DESCRIPTION": "Par <dzeja> & citu"}
    writer = FeedWriter(str(tmp_path), settings=settings)
    writer.write_feed([article(title, "biletes", dt.datetime(2024, 5, 2, tzinfo=RIGA),
                               "<p>T.</p>", [])], dict(settings), "f.xml", "f.xml",
                      feed_type=kind)
    parsed = feedparser.parse((tmp_path / "f.xml").read_bytes())
    description = parsed.feed.subtitle_detail
    assert parsed.feed.title == "Ziņas <&>" and parsed.entries[0].title == title
    assert (description.value if description.type == "text/plain"
            else html.unescape(description.value)) == "Par <dzeja> & citu"
    if kind == "rss":  # QA s11: the W3C validator's RSS profile warned at each such title
        assert [problem for problem in rss_problems((tmp_path / "f.xml").read_bytes(), "")
                if "&#x26;" in problem] == []


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_each_author_is_one_author_in_the_feed(tmp_path: Path, kind: str) -> None:
    """QA: `authors: [Anna Ķēniņa, "Jānis O'Brien"]` was one Atom <author> and one RSS
    <dc:creator> "Anna Ķēniņa, Jānis O'Brien", which feed readers showed as one author of
    that name (a name with a comma, an organisation's, read as two). Each author is one
    atom:author (RFC 4287 §4.1.2 allows several; §3.2: each is one person or organisation)
    and one dc:creator in RSS, as feedparser reads them."""
    names = ["Anna Ķēniņa", "Jānis O'Brien", "Biedrība „Sēlija, Latgale”"]
    writer = FeedWriter(str(tmp_path), settings=SETTINGS)
    writer.write_feed([article("Talka", "talka", dt.datetime(2024, 5, 3, tzinfo=RIGA),
                               "<p>T.</p>", names), ARTICLES[1]],
                      dict(SETTINGS), "f.xml", "f.xml", feed_type=kind)
    data = (tmp_path / "f.xml").read_bytes()
    parsed = feedparser.parse(data)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert [[a.get("name") for a in e.get("authors", [])] for e in parsed.entries] == [
        names, []]  # the article without authors has none of its own
    rules = rss_problems if kind == "rss" else atom_problems
    assert rules(data, f"{SITEURL}/f.xml") == []


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_the_english_feed_describes_the_site_in_english(tmp_path: Path, kind: str) -> None:
    """The English feed's channel said SITE_DESCRIPTION, the Latvian text, under
    <language>en</language>: its RSS description and Atom subtitle are the English one
    (SITE_DESCRIPTION_BY_LANG), its language English; the site feed keeps the Latvian."""
    english = Article("<p>Text.</p>", metadata={
        "title": "Welcome", "slug": "welcome", "lang": "en", "summary": "Welcome.",
        "date": dt.datetime(2024, 5, 16, tzinfo=RIGA), "category": Category("Latgale", SETTINGS)},
        settings=SETTINGS, source_path="welcome.md")
    settings = {**SETTINGS, "TRANSLATION_FEED_ATOM": "{lang}/atom.xml",
                "TRANSLATION_FEED_RSS": "{lang}/rss.xml",
                "SITE_DESCRIPTION_BY_LANG": {"en": "Community news & <people>."}}
    writer = FeedWriter(str(tmp_path), settings=settings)
    for path in (f"{kind}.xml", f"en/{kind}.xml"):
        writer.write_feed([english, *ARTICLES], dict(settings), path, path, feed_type=kind)
    described = {}
    for path in (f"{kind}.xml", f"en/{kind}.xml"):
        data = (tmp_path / path).read_bytes()
        rules = rss_problems if kind == "rss" else atom_problems
        assert rules(data, f"{SITEURL}/{path}") == [], path
        feed = feedparser.parse(data).feed
        text = feed.subtitle_detail
        described[path] = (feed.language, text.value if text.type == "text/plain"
                           else html.unescape(text.value))
    assert described == {f"{kind}.xml": ("lv", "Kopienu ziņas."),
                         f"en/{kind}.xml": ("en", "Community news & <people>.")}
