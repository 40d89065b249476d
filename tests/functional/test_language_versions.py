"""A story in two languages, as search engines, feed readers and sitemaps see it (QA s9 F6, F7).

The fixture `tests/fixtures/translations/`: a Rēzekne article in Latvian and its English
translation (same `slug:`), a Latvian-only and an English-only article, and the page
"Par mums" with its English translation. Built once, on the tests' build date.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import lxml.etree
import lxml.html
import pytest

from tests.sitebuild import ROOT, run_build

FIXTURE = ROOT / "tests/fixtures/translations"
SITEURL = "http://localhost:8000"
#: Site-relative URLs of the versions of each translated story or page.
VERSIONS = {"article": ("zinas/2024/ngo-darbnica/", "en/zinas/2024/ngo-darbnica/"),
            "page": ("par-mums/", "en/par-mums/")}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    output = tmp_path_factory.mktemp("language-versions") / "output"
    result = run_build(output, "--strict", content=FIXTURE)
    assert result.returncode == 0, result.stderr
    return output


def html_pages(output: Path) -> Iterator[tuple[str, lxml.html.HtmlElement]]:
    """Every HTML page of the output: (its absolute URL, its parsed tree)."""
    for path in sorted(output.rglob("index.html")):
        folder = path.parent.relative_to(output).as_posix()
        url = f"{SITEURL}/" if folder == "." else f"{SITEURL}/{folder}/"
        yield url, lxml.html.fromstring(path.read_bytes())


def alternates(tree: lxml.html.HtmlElement) -> set[tuple[str, str]]:
    """The page's `<link rel="alternate" hreflang>` as (hreflang, href)."""
    return {(link.get("hreflang"), link.get("href"))
            for link in tree.xpath('//head/link[@rel="alternate"][@hreflang]')}


@pytest.mark.parametrize("kind", list(VERSIONS))
def test_every_version_lists_itself_all_others_and_x_default(kind: str, site: Path) -> None:
    """Google Search Central, "Localized versions of your pages": each language version lists
    itself as well as all other versions (the same set on every version), x-default too."""
    sets = {}
    for url in VERSIONS[kind]:
        tree = lxml.html.fromstring((site / url / "index.html").read_bytes())
        sets[url] = alternates(tree)
        assert (tree.get("lang"), f"{SITEURL}/{url}") in sets[url], url
    first, second = VERSIONS[kind]
    assert sets[first] == sets[second] == {
        ("lv", f"{SITEURL}/{first}"), ("en", f"{SITEURL}/{second}"),
        ("x-default", f"{SITEURL}/{first}")}


def test_alternates_are_reciprocal_on_every_page(site: Path) -> None:
    """Every page an alternate names is a page of the site that names the same set back;
    pages of one language only have none."""
    pages = dict(html_pages(site))
    with_alternates = {url: alternates(tree) for url, tree in pages.items() if alternates(tree)}
    assert set(with_alternates) == {f"{SITEURL}/{url}" for urls in VERSIONS.values()
                                    for url in urls}
    for url, found in with_alternates.items():
        for _lang, href in found:
            assert alternates(pages[href]) == found, (url, href)


#: The fixture's articles by language, as site-relative URLs.
LATVIAN = {"zinas/2024/ngo-darbnica/", "zinas/2024/sveicinati-kopienu-zinas/"}
ENGLISH = {"en/zinas/2024/ngo-darbnica/", "en/zinas/2024/welcome-to-community-news/"}
#: Each feed the site writes → the language of its items and which articles it carries.
FEEDS = {"atom.xml": ("lv", LATVIAN), "rss.xml": ("lv", LATVIAN),
         "regioni/rezekne/atom.xml": ("lv", {"zinas/2024/ngo-darbnica/"}),
         "regioni/rezekne/rss.xml": ("lv", {"zinas/2024/ngo-darbnica/"}),
         "regioni/latgale/rss.xml": ("lv", {"zinas/2024/sveicinati-kopienu-zinas/"}),
         "en/atom.xml": ("en", ENGLISH), "en/rss.xml": ("en", ENGLISH)}


@pytest.mark.parametrize("name", list(FEEDS))
def test_one_feed_per_language_with_each_story_once(name: str, site: Path) -> None:
    """QA s9 F7: the site feed carried both versions of a translated story (two items for one
    story), the region feeds only the Latvian one. Each feed is in one language now, as feed
    readers read it (feedparser): the Latvian feeds the Latvian articles, the English feed the
    English ones, each once; the validator's rules hold."""
    import feedparser

    from tests.feedrules import atom_problems, rss_problems

    data = (site / name).read_bytes()
    check = rss_problems if name.endswith("rss.xml") else atom_problems
    assert check(data, f"{SITEURL}/{name}") == []
    parsed = feedparser.parse(data)
    lang, articles = FEEDS[name]
    assert parsed.feed.language == lang
    links = [entry.link for entry in parsed.entries]
    assert sorted(links) == sorted(f"{SITEURL}/{url}" for url in articles)
    assert all(entry.get("language", lang) == lang for entry in parsed.entries)


def test_no_feed_repeats_the_site_feed_in_the_default_language(site: Path) -> None:
    assert not (site / "lv").exists()


@pytest.mark.parametrize("url, feeds", [
    ("zinas/2024/ngo-darbnica/", {"atom.xml", "rss.xml", "regioni/rezekne/atom.xml",
                                  "regioni/rezekne/rss.xml"}),
    ("en/zinas/2024/ngo-darbnica/", {"en/atom.xml", "en/rss.xml"}),
    ("en/search/", {"en/atom.xml", "en/rss.xml"})])
def test_pages_link_the_feeds_of_their_language(url: str, feeds: set[str], site: Path) -> None:
    """The English pages (English UI) link the English feed in their head and footer, the
    Latvian pages the Latvian ones (the newsletter's feeds aside)."""
    tree = lxml.html.fromstring((site / url / "index.html").read_bytes())
    heads = {link.get("href").removeprefix(f"{SITEURL}/") for link in tree.xpath(
        '//head/link[@rel="alternate"][@type="application/atom+xml" or '
        '@type="application/rss+xml"]')}
    footer = {a.get("href").removeprefix(f"{SITEURL}/")
              for a in tree.xpath('//footer//a[@type]')}
    assert heads - {"izdevums/atom.xml", "izdevums/rss.xml"} == feeds
    assert footer == {name for name in feeds if "/" not in name.removeprefix("en/")}


def test_every_article_page_and_translation_in_the_sitemap_has_its_date(site: Path) -> None:
    """QA s9 F7: the English translation had no <lastmod>; every URL with a date has one (an
    article's or translation's `modified`, else `date`)."""
    tree = lxml.etree.parse(str(site / "sitemap.xml"))
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    lastmod = {url.findtext("s:loc", namespaces=ns).removeprefix(f"{SITEURL}/"):
               url.findtext("s:lastmod", namespaces=ns) for url in tree.iterfind("s:url", ns)}
    assert lastmod["zinas/2024/ngo-darbnica/"] == "2024-05-22T00:00:00+03:00"
    assert lastmod["en/zinas/2024/ngo-darbnica/"] == "2024-05-21T00:00:00+03:00"
    assert all(lastmod[url] for url in LATVIAN | ENGLISH)
