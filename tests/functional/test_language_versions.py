"""A story in two languages, as search engines, feed readers and sitemaps see it (QA s9 F6, F7).

The fixture `tests/fixtures/translations/`: a Rēzekne article in Latvian and its English
translation (same `slug:`), a Latvian-only and an English-only article, and the page
"Par mums" with its English translation. Built once, on the tests' build date.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

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
