"""The real content/ built with a fixed build date: what readers, feed readers and search
engines get."""

from __future__ import annotations

import html
import json
import re

import feedparser
from babel.dates import format_date

from tests.sitebuild import BuiltSite
from tests.sources import articles, slug


def text_of(page_html: str) -> str:
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page_html)))


def test_every_article_page_shows_its_latvian_date(built_site: BuiltSite) -> None:
    sources = articles()
    assert sources, "content/ has no articles"
    for article in sources:
        page = built_site.page(article.url_path)
        assert format_date(article.date, "long", locale="lv") in text_of(page), article.file.name
        assert f'datetime="{article.date.isoformat()}' in page
        assert "<h1" in page and html.escape(article.title, quote=False) in page


def test_region_pages_list_exactly_their_articles(built_site: BuiltSite) -> None:
    sources = articles()
    for region in {a.region for a in sources}:
        page = text_of(built_site.page(f"regioni/{slug(region)}/"))
        for article in sources:
            assert (article.title in page) == (article.region == region), (region, article.title)


def test_feeds_parse_and_hold_the_right_articles(built_site: BuiltSite) -> None:
    sources = articles()
    feeds = {"atom.xml": sources, "rss.xml": sources}
    for region in {a.region for a in sources}:
        mine = [a for a in sources if a.region == region]
        feeds[f"regioni/{slug(region)}/atom.xml"] = mine
        feeds[f"regioni/{slug(region)}/rss.xml"] = mine
    for name, expected in feeds.items():
        parsed = feedparser.parse((built_site.output / name).read_bytes())
        assert not parsed.bozo, (name, parsed.get("bozo_exception"))
        assert sorted(e.title for e in parsed.entries) == sorted(a.title for a in expected), name
        for entry in parsed.entries:
            assert entry.link.startswith(built_site.siteurl + "/"), (name, entry.link)


def test_head_has_canonical_open_graph_feeds_and_news_article(built_site: BuiltSite) -> None:
    article = articles()[0]
    page = built_site.page(article.url_path)
    url = f"{built_site.siteurl}/{article.url_path}"
    assert re.search(rf'<link rel="canonical" href="{re.escape(url)}"', page)
    assert re.search(rf'<meta property="og:url" content="{re.escape(url)}"', page)
    assert 'property="og:title"' in page and 'name="description"' in page
    for feed in ("atom.xml", "rss.xml", f"regioni/{slug(article.region)}/atom.xml"):
        assert f'href="{built_site.siteurl}/{feed}"' in page, feed
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    data = [json.loads(block) for block in blocks]
    news = [d for d in data if d.get("@type") == "NewsArticle"]
    assert len(news) == 1
    assert news[0]["headline"] == article.title
    assert news[0]["datePublished"].startswith(article.date.isoformat())


def test_no_page_loads_anything_from_another_host(built_site: BuiltSite) -> None:
    loading = re.compile(
        r'<(?:script|img|source|iframe|audio|video|embed|object)\b[^>]*\s(?:src|srcset|data)="([^"]+)"'
        r'|<link\b(?=[^>]*rel="(?:stylesheet|icon|preload|modulepreload|manifest)")[^>]*href="([^"]+)"')
    css_urls = re.compile(r'url\(\s*["\']?([^"\')]+)|@import\s+["\']([^"\']+)')
    offenders = []
    for file in built_site.output.rglob("*"):
        if file.suffix == ".html":
            found = loading.findall(file.read_text(encoding="utf-8"))
        elif file.suffix == ".css":
            found = css_urls.findall(file.read_text(encoding="utf-8"))
        else:
            continue
        for url in (u for pair in found for u in pair if u):
            if re.match(r"^(https?:)?//", url) and not url.startswith(built_site.siteurl):
                offenders.append((file.name, url))
    assert offenders == []


def test_sitemap_lists_every_indexable_page_with_absolute_urls(built_site: BuiltSite) -> None:
    sitemap = (built_site.output / "sitemap.xml").read_text(encoding="utf-8")
    locations = re.findall(r"<loc>([^<]+)</loc>", sitemap)
    assert all(loc.startswith(built_site.siteurl + "/") for loc in locations)
    for article in articles():
        assert f"{built_site.siteurl}/{article.url_path}" in locations
    for file in built_site.output.rglob("*.html"):
        url = f"{built_site.siteurl}/{file.relative_to(built_site.output).as_posix()}"
        hidden = 'name="robots" content="noindex"' in file.read_text(encoding="utf-8")
        assert (url.removesuffix("index.html") in locations) != hidden, url
    assert f"{built_site.siteurl}/404.html" not in locations
    for loc in locations:
        path = built_site.output / loc.removeprefix(built_site.siteurl + "/")
        assert (path / "index.html").exists() or path.is_file(), loc
    assert f"Sitemap: {built_site.siteurl}/sitemap.xml" in (built_site.output / "robots.txt").read_text()


def test_404_page_exists_with_links_home(built_site: BuiltSite) -> None:
    page = (built_site.output / "404.html").read_text(encoding="utf-8")
    assert f'href="{built_site.siteurl}/"' in page


def test_every_feed_passes_the_feed_rules_with_pelicans_ids(built_site: BuiltSite) -> None:
    """Site, region and newsletter feeds of the real content: no validator error, no relative
    URL, and the site feeds' ids exactly the tag: URIs Pelican has always written."""
    from urllib.parse import urlsplit

    from lxml import etree

    from tests.feedrules import atom_problems, rss_problems

    feeds = sorted(p.relative_to(built_site.output).as_posix()
                   for p in built_site.output.rglob("*.xml") if p.name in ("atom.xml", "rss.xml"))
    assert "atom.xml" in feeds and "izdevums/rss.xml" in feeds and len(feeds) >= 6
    for name in feeds:
        check = rss_problems if name.endswith("rss.xml") else atom_problems
        assert check((built_site.output / name).read_bytes(), f"{built_site.siteurl}/{name}") == []
    host = urlsplit(built_site.siteurl).hostname
    expected = sorted(f"tag:{host},2026-12-01:{a.file.name}" for a in articles())
    rss = etree.fromstring((built_site.output / "rss.xml").read_bytes())
    assert sorted(g.text for g in rss.iter("guid")) == expected
    assert {g.get("isPermaLink") for g in rss.iter("guid")} == {"false"}
