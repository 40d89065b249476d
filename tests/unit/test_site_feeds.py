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

from kopienu_zinas.common.feedview import VIEW_NAMESPACE
from kopienu_zinas.common.settings import SettingsError
from kopienu_zinas.site.feeds import FeedWriter, item_id
from tests.feedrules import atom_problems, rss_problems, stylesheet_of

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
def test_feeds_name_the_one_stylesheet_and_date_each_item_in_words(tmp_path: Path,
                                                                   kind: str) -> None:
    """Opened in a browser a feed is styled by theme/css/feed.css; people read the date in
    Latvian (<kz:date>), programs the RFC 822 / RFC 3339 one the standards require."""
    _, data = feeds(FeedWriter, tmp_path, kind)
    assert stylesheet_of(data) == ("text/css", f"{SITEURL}/theme/css/feed.css")
    words = etree.fromstring(data).findall(f".//{{{VIEW_NAMESPACE}}}date")
    assert [w.text for w in words] == ["2024. gada 21. maijs", "2024. gada 1. maijs"]
    # Pelican's own writer has neither: the test can tell
    _, stock = feeds(Writer, tmp_path / "pelican", kind)
    assert stylesheet_of(stock) is None and b"kz:date" not in stock


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_each_feed_carries_its_own_languages_articles(tmp_path: Path, kind: str) -> None:
    """One feed per language: the site feed the Latvian articles, the English feed
    (TRANSLATION_FEED_*) the English one, its date in words English too, the feed's language
    and title English; no lv/ copy of the site feed."""
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
    words = etree.fromstring((tmp_path / f"en/{kind}.xml").read_bytes()).findall(
        f".//{{{VIEW_NAMESPACE}}}date")
    assert [w.text for w in words] == ["May 16, 2024"]


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


@pytest.mark.parametrize(("url", "linked"), [
    ("https://kopienuzinas.lv/zinas/2024/talka/", True),
    ("https://kopienuzinas.lv/", True), ("https://kopienuzinas.lv", True),
    ("https://kopienuzinas.lv/zinas/x/?ref=feed", True),
    ("http://kopienuzinas.lv/zinas/", False),        # another scheme than the site's
    ("https://cits.example/zinas/", False),           # another site
    ("https://kopienuzinas.lv.cits.example/", False),
    ("javascript:alert(1)", False), ("data:text/html,x", False),
    ("https://kopienuzinas.lv/a b", False),
])
def test_the_feed_view_links_only_to_the_site(url: str, linked: bool) -> None:
    from kopienu_zinas.common.feedview import view_link

    assert view_link(url, "https://kopienuzinas.lv") == (url if linked else None)
    assert view_link(url.replace("kopienuzinas.lv", "x.lv/vietne", 1),
                     "https://x.lv/vietne/") == (url.replace("kopienuzinas.lv", "x.lv/vietne", 1)
                                                 if linked else None)


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
