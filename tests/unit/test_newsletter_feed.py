"""The feeds around feedgen 1.0's traps, checked on the written XML (lxml and feedparser)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import html

import feedparser
import pytest
from lxml import etree

from kopienu_zinas.newsletter.feed import FeedInfo, FeedItem, render_feeds
from kopienu_zinas.newsletter.issues import assemble
from tests.feedrules import NS, atom_problems, namespace_problems, rss_problems, stylesheet_of
from tests.unit.newsletter_fakes import EIGHT, REGIONS, SITEURL, FakeArticle, at, cover

INFO = FeedInfo(title="Kopienu ziņas — izdevums", description="Reizi mēnesī.",
                site_url=f"{SITEURL}/", rss_url=f"{SITEURL}/izdevums/rss.xml",
                atom_url=f"{SITEURL}/izdevums/atom.xml",
                stylesheet_url=f"{SITEURL}/izdevums/feed.css", editor="Redakcija",
                editor_email="redakcija@example.lv", logo_url=f"{SITEURL}/logo.png", ttl=1440)

BUILT = at("2024-06-10")


def items(now: dt.datetime = BUILT) -> list[FeedItem]:
    articles = [FakeArticle("Ar attēlu", at("2024-05-21"), cover=cover(f"{SITEURL}/a.jpg")),
                FakeArticle("Bez attēla", at("2024-04-03"))]
    archive = assemble(articles, [], [], now, siteurl=SITEURL, regions=REGIONS, issue_time=EIGHT)
    return [FeedItem(issue=issue, title=f"Kopienu ziņas — {issue.month.key}",
                     url=f"{SITEURL}/izdevums/{issue.month.year}/{issue.month.month:02d}/",
                     summary="Mēneša ziņas.",
                     content_html=f'<p><a href="{SITEURL}/x/">Raksts</a> &amp; '
                                  f'<img src="{SITEURL}/a.jpg" alt="A" width="1" height="1"></p>')
            for issue in archive.issues]


@pytest.fixture(scope="module")
def feeds() -> tuple[bytes, bytes]:
    return render_feeds(INFO, items(), BUILT)


def test_atom_entries_have_exactly_one_alternate_link_even_with_an_image(feeds) -> None:
    atom = etree.fromstring(feeds[1])
    entries = atom.findall("a:entry", NS)
    assert entries and entries[0].find("media:content", NS) is not None
    for entry in entries:
        links = entry.findall("a:link", NS)
        assert [link.get("rel", "alternate") for link in links] == ["alternate"]
        assert links[0].get("href") == entry.find("a:id", NS).text
    parsed = feedparser.parse(feeds[1])
    assert [e.link for e in parsed.entries] == [i.url for i in items()]


def test_atom_content_is_type_html_never_cdata(feeds) -> None:
    contents = etree.fromstring(feeds[1]).findall("a:entry/a:content", NS)
    assert contents and {c.get("type") for c in contents} == {"html"}
    assert b"CDATA" not in feeds[0] + feeds[1]


def test_rss_channel_link_is_the_site_not_the_feed(feeds) -> None:
    channel = etree.fromstring(feeds[0]).find("channel")
    assert channel.find("link").text == INFO.site_url
    assert feedparser.parse(feeds[0]).feed.link == INFO.site_url


def test_a_single_media_content_is_not_wrapped_in_a_media_group(feeds) -> None:
    for data, item_path in ((feeds[0], "channel/item"), (feeds[1], "a:entry")):
        root = etree.fromstring(data)
        assert root.findall(".//media:group", NS) == []
        covered = root.findall(f"{item_path}/media:content", NS)
        assert len(covered) == 1
        assert covered[0].get("url") == f"{SITEURL}/a.jpg" and covered[0].get("medium") == "image"
        assert (covered[0].get("width"), covered[0].get("type")) == ("1200", "image/jpeg")


def test_naive_datetimes_are_refused() -> None:
    item = items()[0]
    naive = dataclasses.replace(item.issue, updated=item.issue.updated.replace(tzinfo=None))
    with pytest.raises(ValueError, match="timezone"):
        render_feeds(INFO, [dataclasses.replace(item, issue=naive)], BUILT)


def test_w3c_rules_hold_and_feedparser_is_happy(feeds) -> None:
    assert rss_problems(feeds[0], INFO.rss_url) == []
    assert atom_problems(feeds[1], INFO.atom_url) == []
    for data in feeds:
        parsed = feedparser.parse(data)
        assert not parsed.bozo, parsed.get("bozo_exception")
        assert parsed.feed.get("language") == "lv"
        assert [e.id for e in parsed.entries] == [i.url for i in items()]


def test_the_rule_checker_catches_each_trap() -> None:
    """Naive feedgen use (image as a link, CDATA content, site link first, default media
    group, an id that is no URI marked as a permalink) is what the checks above must reject."""
    from feedgen.feed import FeedGenerator

    feed = FeedGenerator()
    feed.load_extension("media")
    feed.id(INFO.atom_url), feed.title("T"), feed.description("D"), feed.author(name="R")
    feed.link(href=INFO.site_url), feed.link(href=INFO.rss_url, rel="self")
    entry = feed.add_entry()
    entry.id("u"), entry.title("E"), entry.link(href=f"{SITEURL}/i/")
    entry.link(href=f"{SITEURL}/a.jpg", rel="enclosure", type="image/jpeg", length="1")
    entry.content("<p>x</p>", type="CDATA"), entry.updated(at("2024-06-01"))
    entry.guid("u", permalink=True), entry.pubDate(at("2024-06-01"))
    entry.media.content(url=f"{SITEURL}/a.jpg")
    atom = atom_problems(feed.atom_str(), INFO.atom_url)
    assert any("2 alternate links" in p for p in atom)
    assert any("content type 'CDATA'" in p for p in atom)
    assert any("media:group" in p for p in atom)
    assert any("id is not a URI: 'u'" in p for p in atom)
    rss = rss_problems(feed.rss_str(), INFO.rss_url)
    assert any("guid must be a full URL, unless isPermaLink attribute is false: u" in p
               for p in rss)
    assert etree.fromstring(feed.rss_str()).find("channel/link").text != INFO.site_url


def test_feeds_carry_a_css_stylesheet_and_no_clock(feeds) -> None:
    for data in feeds:
        assert stylesheet_of(data) == ("text/css", INFO.stylesheet_url)
        assert b"xsl" not in data.lower()
    again = render_feeds(INFO, items(now=at("2024-06-28 23:00")), at("2024-06-28 23:00"))
    assert again == feeds
    newest = max(i.issue.updated for i in items())
    assert etree.fromstring(feeds[1]).find("a:updated", NS).text == newest.isoformat()


def test_only_namespaces_the_validator_knows_and_atom_entries_name_their_address(feeds) -> None:
    """QA: the W3C validator warned on both feeds ("Use of unknown namespace" for <kz:date>,
    "Misplaced XHTML content" and "Avoid Namespace Prefix: h" for the view's <h:a> links).
    For the feed view an Atom entry's address is the text of its dc:identifier (its link's
    is an attribute, which a person cannot select); RSS has its <link> text and no dc."""
    rss, atom = (etree.fromstring(data) for data in feeds)
    assert namespace_problems(feeds[0]) == [] and namespace_problems(feeds[1]) == []
    assert rss.findall(".//dc:identifier", NS) == []
    assert [e.findtext("dc:identifier", namespaces=NS) for e in atom.findall("a:entry", NS)] \
        == [i.url for i in items()]


def test_channel_metadata(feeds) -> None:
    channel = etree.fromstring(feeds[0]).find("channel")
    assert channel.find("language").text == "lv"
    assert channel.find("managingEditor").text == "redakcija@example.lv (Redakcija)"
    assert channel.find("ttl").text == "1440" and channel.find("generator").text
    assert channel.find("image/url").text == INFO.logo_url


def test_a_feed_without_issues_is_dated_at_the_build_not_the_wall_clock() -> None:
    rss, atom = render_feeds(INFO, [], at("2024-06-10 12:00"))
    updated = etree.fromstring(atom).findtext("a:updated", namespaces=NS)
    assert updated == "2024-06-10T12:00:00+03:00"
    last_build = etree.fromstring(rss).findtext("channel/lastBuildDate")
    assert last_build == "Mon, 10 Jun 2024 12:00:00 +0300"
    assert atom_problems(atom, INFO.atom_url) == [] and rss_problems(rss, INFO.rss_url) == []


def test_plain_text_reads_as_written_in_rss_descriptions_and_atom() -> None:
    """QA: readers take an RSS <description> as HTML, so plain text escaped once lost
    "<dzeja>"; the channel's description and each item's summary are HTML there, plain text in
    Atom (feedparser, as a reader: HTML is unescaped for display, text is shown as is)."""
    text = 'Koncerts & <dzeja> "pēdiņas"'
    info = dataclasses.replace(INFO, description=f"Par {text}")
    rss, atom = render_feeds(info, [dataclasses.replace(i, summary=text) for i in items()],
                             BUILT)
    for data in (rss, atom):
        parsed = feedparser.parse(data)
        shown = [(d.value if d.type == "text/plain" else html.unescape(d.value))
                 for d in (parsed.feed.subtitle_detail, *(e.summary_detail for e in parsed.entries))]
        assert shown == [f"Par {text}", text, text]
