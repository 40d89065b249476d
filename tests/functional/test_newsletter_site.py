"""The real content/ built with the fixed build date: the newsletter as readers, feed readers
and e-mail clients get it. (The Nu HTML Checker run of test_html_validity.py covers every .html
file, the issue pages and the e-mail editions included.)"""

from __future__ import annotations

import datetime as dt
import html
import re
from html.parser import HTMLParser

import feedparser
from babel.dates import format_date

from tests.feedrules import atom_problems, rss_problems, stylesheet_of
from tests.sitebuild import BUILD_DATE, BuiltSite
from tests.sources import articles

BUILD_MONTH = BUILD_DATE[:7]


def issue_months() -> list[str]:
    """Months with articles that have ended by the build date, newest first (from the sources).
    content/newsletter/ introductions are for months that have articles too."""
    return sorted({a.date.isoformat()[:7] for a in articles() if a.date.isoformat()[:7] < BUILD_MONTH},
                  reverse=True)


def month_title(month: str) -> str:
    year, number = month.split("-")
    return format_date(dt.date(int(year), int(number), 1), "y. 'gada' LLLL", locale="lv")


def test_archive_and_issue_pages_for_every_closed_month(built_site: BuiltSite) -> None:
    archive = built_site.page("izdevums/")
    months = issue_months()
    assert months
    positions = [archive.index(f'/izdevums/{m.replace("-", "/")}/"') for m in months]
    assert positions == sorted(positions)
    for month in months:
        page = built_site.page(f"izdevums/{month.replace('-', '/')}/")
        assert month_title(month) in page
        for article in articles():
            assert (article.title in page) == (article.date.isoformat()[:7] == month), article.title


def test_the_may_2024_issue_has_the_editors_introduction(built_site: BuiltSite) -> None:
    page = built_site.page("izdevums/2024/05/")
    assert 'id="ievads"' in page and "Kopienu ziņu redakcija" in page


def test_feeds_hold_the_latest_twelve_issues_with_stable_ids(built_site: BuiltSite) -> None:
    expected = [f"{built_site.siteurl}/izdevums/{m.replace('-', '/')}/" for m in issue_months()[:12]]
    for name, problems in (("rss.xml", rss_problems), ("atom.xml", atom_problems)):
        data = (built_site.output / "izdevums" / name).read_bytes()
        assert problems(data, f"{built_site.siteurl}/izdevums/{name}") == []
        parsed = feedparser.parse(data)
        assert not parsed.bozo, parsed.get("bozo_exception")
        assert [e.id for e in parsed.entries] == [e.link for e in parsed.entries] == expected
        assert [e.title for e in parsed.entries] == [
            f"Kopienu ziņas — {month_title(m)}" for m in issue_months()[:12]]
        css = stylesheet_of(data)
        assert css is not None and css[0] == "text/css"
        assert (built_site.output / css[1].removeprefix(built_site.siteurl + "/")).is_file()


def test_every_page_links_the_newsletter_feeds(built_site: BuiltSite) -> None:
    wanted = [f'<link rel="alternate" type="application/{kind}\\+xml" title="[^"]*" '
              f'href="{re.escape(built_site.siteurl)}/izdevums/{re.escape(name)}">'
              for kind, name in (("rss", "rss.xml"), ("atom", "atom.xml"))]
    # Not e-mail editions, nor the browser editor (/admin/, no site page: docs/cms.md).
    pages = [p for p in built_site.output.rglob("*.html")
             if p.name != "epasts.html" and p.parent != built_site.output / "admin"]
    assert pages
    for page in pages:
        text = page.read_text("utf-8")
        assert all(re.search(pattern, text) for pattern in wanted), page


def test_home_and_subscribe_pages_link_the_newsletter(built_site: BuiltSite) -> None:
    latest = f'{built_site.siteurl}/izdevums/{issue_months()[0].replace("-", "/")}/'
    assert f'href="{latest}"' in built_site.page("")
    subscribe = built_site.page("abonet/")
    for path in ("izdevums/", "izdevums/rss.xml", "izdevums/atom.xml"):
        assert re.search(rf'href="(?:{re.escape(built_site.siteurl)})?/{re.escape(path)}"', subscribe), path


class _EmailScan(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def test_email_editions_are_ready_to_send(built_site: BuiltSite) -> None:
    for month in issue_months():
        folder = built_site.output / "izdevums" / month.replace("-", "/")
        html = (folder / "epasts.html").read_text("utf-8")
        scan = _EmailScan()
        scan.feed(html)
        names = [tag for tag, _ in scan.tags]
        assert "script" not in names and "link" not in names and "style" not in names
        assert "table" in names and "max-width:600px" in html
        for tag, attrs in scan.tags:
            for name in ("href", "src"):
                if name in attrs:
                    assert attrs[name].startswith(built_site.siteurl + "/") or \
                        attrs[name].startswith("https://"), (month, tag, attrs[name])
            if tag == "img":
                assert attrs.get("alt") is not None and attrs.get("width") and attrs.get("height")
                assert int(attrs["width"]) <= 600
        hrefs = [attrs.get("href") for tag, attrs in scan.tags if tag == "a"]
        web = f"{built_site.siteurl}/izdevums/{month.replace('-', '/')}/"
        assert web in hrefs and f"{built_site.siteurl}/abonet/" in hrefs
        text = (folder / "epasts.txt").read_text("utf-8")
        assert web in text and f"{built_site.siteurl}/abonet/" in text
        assert "<" not in text
        for article in articles():
            if article.date.isoformat()[:7] == month:
                assert article.title in text and article.title in html


def _in_order(items: list[str], text: str) -> bool:
    """Every item occurs in text, each after the one before."""
    position = 0
    for item in items:
        position = text.find(item, position)
        if position < 0:
            return False
        position += len(item)
    return True


def test_every_edition_of_an_issue_shows_the_same_items_in_the_same_order(
        built_site: BuiltSite) -> None:
    """One body (macros/newsletter.html) for the page, both e-mails and the feed item: the
    plain-text edition's "* " items (news, events, galleries) appear in that order in the
    others."""
    feed = feedparser.parse((built_site.output / "izdevums" / "atom.xml").read_bytes())
    feed_content = {e.link: e.content[0].value for e in feed.entries}
    checked = 0
    for month in issue_months():
        folder = f"izdevums/{month.replace('-', '/')}/"
        text = (built_site.output / folder / "epasts.txt").read_text(encoding="utf-8")
        items = [line.removeprefix("* ").split(" (")[0] for line in text.splitlines()
                 if line.startswith("* ")]
        assert any(a.title in items for a in articles()), month
        editions = [built_site.page(folder), built_site.page(f"{folder}epasts.html")]
        editions += [feed_content[url] for url in (f"{built_site.siteurl}/{folder}",)
                     if url in feed_content]
        for edition in editions:
            assert _in_order(items, html.unescape(edition)), (month, items)
        checked += 1
    assert checked == len(issue_months())
