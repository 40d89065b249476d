"""Search in the built site: which pages are searchable, the header form, the search pages,
the index inside the safe build, precompressed, in one index for both languages."""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import re
import shutil
import tempfile
from pathlib import Path

import brotli
import pytest
from lxml import html as lxml_html

from tests.sitebuild import ROOT, BuiltSite, run_build
from tests.sources import CONTENT, articles

ENGLISH = ROOT / "tests/fixtures/english"
MARKER = "data-pagefind-body"


def relative_html(output: Path) -> list[str]:
    return sorted(p.relative_to(output).as_posix() for p in output.rglob("*.html"))


def expected_searchable(output: Path) -> set[str]:
    """Derived from the sources: every article, page and gallery, and every published issue."""
    expected = {f"{article.url_path}index.html" for article in articles()}
    expected |= {f"{page.stem}/index.html" for page in (CONTENT / "pages").glob("*.md")}
    expected |= {f"galerijas/{folder.name}/index.html"
                 for folder in (CONTENT / "galleries").iterdir() if folder.is_dir()}
    expected |= {name for name in relative_html(output)
                 if re.fullmatch(r"izdevums/\d{4}/\d{2}/index\.html", name)}
    return expected


def test_exactly_articles_pages_galleries_and_issues_are_searchable(built_site: BuiltSite) -> None:
    marked = {name for name in relative_html(built_site.output)
              if MARKER in (built_site.output / name).read_text(encoding="utf-8")}
    expected = expected_searchable(built_site.output)
    assert any(name.startswith("izdevums/") for name in expected)
    assert marked == expected
    for never in ("index.html", "404.html", "arhivs/index.html", "temas/index.html",
                  "regioni/index.html", "izdevums/prieksskatijums/index.html", "meklet/index.html"):
        assert never not in marked
    assert not [name for name in marked if name.endswith("epasts.html")]


def test_the_index_holds_every_searchable_page(built_site: BuiltSite) -> None:
    entry = json.loads((built_site.output / "pagefind/pagefind-entry.json").read_text("utf-8"))
    assert sum(lang["page_count"] for lang in entry["languages"].values()) == \
        len(expected_searchable(built_site.output))


def test_the_index_is_the_same_bytes_on_another_file_system(built_site: BuiltSite,
                                                            tmp_path: Path) -> None:
    """QA, session 11: Pagefind numbers pages in the order the file system lists a folder, so a
    build on tmpfs got other index, filter and metadata files than one on ext4. The same site is
    built again under /dev/shm (tmpfs on Linux) where there is one, else in another folder; the
    gate for every order is tests/unit/test_search_index.py's renumbering test."""
    shm = Path("/dev/shm")
    parent = Path(tempfile.mkdtemp(dir=shm)) if shm.is_dir() and os.access(shm, os.W_OK) \
        else tmp_path
    try:
        output = parent / "output"
        result = run_build(output, "--strict", "--siteurl", built_site.siteurl)
        assert result.returncode == 0, result.stderr

        def bundle(site: Path) -> dict[str, str]:
            return {p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
                    for p in sorted((site / "pagefind").rglob("*")) if p.is_file()}

        assert bundle(output) == bundle(built_site.output)
    finally:
        if parent != tmp_path:
            shutil.rmtree(parent, ignore_errors=True)


def test_an_article_with_events_is_both_news_and_event(built_site: BuiltSite) -> None:
    symposium = next(a for a in articles() if "simpozijs" in a.url_path)
    page = built_site.page(symposium.url_path)
    assert 'data-pagefind-filter="kind:ziņa"' in page
    assert 'data-pagefind-filter="kind:pasākums"' in page
    assert f'data-pagefind-filter="region:{symposium.region}"' in page
    assert f'data-pagefind-meta="date:{symposium.date.isoformat()}"' in page


def test_every_page_has_a_labelled_search_box_that_works_without_javascript(
        built_site: BuiltSite) -> None:
    pages = [name for name in relative_html(built_site.output)
             if 'class="site-header"' in (built_site.output / name).read_text(encoding="utf-8")]
    assert len(pages) > 20
    for name in pages:
        tree = lxml_html.fromstring((built_site.output / name).read_bytes())
        [form] = tree.xpath('//header//form[@role="search"]')
        assert form.get("method") == "get"
        search_page = {"lv": "meklet/", "en": "en/search/"}[tree.get("lang")]
        assert form.get("action") == f"{built_site.siteurl}/{search_page}", name
        [box] = form.xpath('.//input[@type="search"]')
        assert box.get("name") == "q"
        [label] = form.xpath(f'.//label[@for="{box.get("id")}"]')
        assert label.text_content().strip()


def test_only_the_search_pages_load_search_code(built_site: BuiltSite) -> None:
    for name in relative_html(built_site.output):
        text = (built_site.output / name).read_text(encoding="utf-8")
        loads = "search/search.js" in text or "pagefind.js" in text or "/pagefind/" in text
        assert loads == (name in {"meklet/index.html", "en/search/index.html"}), name


def test_search_page_without_javascript_explains_and_links_elsewhere(built_site: BuiltSite) -> None:
    tree = lxml_html.fromstring(built_site.page("meklet/").encode())
    [noscript] = tree.xpath("//main//noscript")
    inner = lxml_html.fromstring(noscript.text_content() if len(noscript) == 0
                                 else lxml_html.tostring(noscript))
    links = {a.get("href") for a in inner.iter("a")}
    assert {f"{built_site.siteurl}/arhivs/", f"{built_site.siteurl}/regioni/",
            f"{built_site.siteurl}/kalendars/"} <= links
    assert "JavaScript" in inner.text_content()
    assert tree.xpath('//form[@id="meklesana"]')[0].get("hidden") is not None


@pytest.fixture(scope="module")
def english_published(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The two-language fixture built for publishing (pre-compressed)."""
    output = tmp_path_factory.mktemp("search-en") / "output"
    result = run_build(output, "--strict", content=ENGLISH, settings="publishconf.py")
    assert result.returncode == 0, result.stderr
    return output


def test_one_index_holds_both_languages(english_published: Path) -> None:
    entry = json.loads((english_published / "pagefind/pagefind-entry.json").read_text("utf-8"))
    assert list(entry["languages"]) == ["lv"]
    english = english_published / "en/zinas/2024/welcome-to-community-news/index.html"
    assert 'data-pagefind-meta="lang:en"' in english.read_text(encoding="utf-8")
    fragments = list((english_published / "pagefind/fragment").glob("*.pf_fragment"))
    texts = [gzip.decompress(f.read_bytes()).decode("utf-8", "replace") for f in fragments]
    assert any('"lang":"en"' in t for t in texts) and any('"lang":"lv"' in t for t in texts)


def test_english_pages_search_in_english(english_published: Path) -> None:
    english = (english_published / "en/zinas/2024/welcome-to-community-news/index.html"
               ).read_text(encoding="utf-8")
    assert re.search(r'<form class="site-search" role="search" action="[^"]*/en/search/"', english)
    search = (english_published / "en/search/index.html").read_text(encoding="utf-8")
    assert re.search(r'<html[^>]* lang="en"', search)
    assert "Search needs JavaScript" in search


def test_published_index_files_have_gzip_and_brotli_copies(english_published: Path) -> None:
    bundle = english_published / "pagefind"
    for name in ("pagefind.js", "pagefind-worker.js", "pagefind-entry.json"):
        original = (bundle / name).read_bytes()
        assert gzip.decompress((bundle / f"{name}.gz").read_bytes()) == original
        assert brotli.decompress((bundle / f"{name}.br").read_bytes()) == original
    script = ROOT / "theme/static/search/search.js"
    served = english_published / "theme/search/search.js"
    assert served.read_bytes() == script.read_bytes()
    assert Path(f"{served}.br").exists()


def test_drafts_and_hidden_articles_are_built_but_never_searchable(tmp_path: Path) -> None:
    content = tmp_path / "content"
    content.mkdir()
    for name in ("sveiki.md", "welcome.md"):
        (content / name).write_text((ENGLISH / name).read_text(encoding="utf-8"), encoding="utf-8")
    for status in ("draft", "hidden"):
        (content / f"{status}.md").write_text(
            f"---\ntitle: Slepens raksts {status}\ndate: 2024-05-17\nregion: Latgale\n"
            f"tags: [kopienas]\nsummary: Nav meklējams.\nstatus: {status}\n---\nTeksts.\n",
            encoding="utf-8")
    output = tmp_path / "out"
    result = run_build(output, "--strict", content=content)
    assert result.returncode == 0, result.stderr
    built = {status: [p for p in output.rglob("*.html")
                      if f"Slepens raksts {status}</h1>" in p.read_text(encoding="utf-8")]
             for status in ("draft", "hidden")}
    assert all(len(pages) == 1 for pages in built.values()), built
    for [page] in built.values():
        assert MARKER not in page.read_text(encoding="utf-8")
    fragments = [gzip.decompress(f.read_bytes()).decode("utf-8")
                 for f in (output / "pagefind/fragment").glob("*.pf_fragment")]
    assert fragments and not [f for f in fragments if "Slepens raksts" in f]


def test_the_preview_skips_the_index_and_its_search_pages_say_so(tmp_path: Path) -> None:
    """`make serve` builds with --preview: no Pagefind run (SEARCH "preview_index" False), and
    a search page without a form that cannot work, saying where search works, in its language."""
    result = run_build(tmp_path / "out", "--preview", content=ENGLISH)
    assert result.returncode == 0, result.stderr
    assert not (tmp_path / "out/pagefind").exists()
    for page, note in (("meklet/index.html", "Priekšskatījumā meklēšana nedarbojas"),
                       ("en/search/index.html", "Search does not work in the preview")):
        text = (tmp_path / "out" / page).read_text(encoding="utf-8")
        assert note in text and "make html" in text, page
        assert 'id="meklesana"' not in text and "search/search.js" not in text, page


def test_a_wrong_search_setting_fails_the_build_and_keeps_the_output(tmp_path: Path) -> None:
    output = tmp_path / "out"
    output.mkdir()
    (output / "index.html").write_text("previous site", encoding="utf-8")
    result = run_build(output, "--strict", "-e", 'SEARCH={"indx": false}', content=ENGLISH)
    assert result.returncode == 1
    assert "unknown SEARCH setting" in result.stderr and "indx" in result.stderr
    assert [p.name for p in output.iterdir()] == ["index.html"]
    assert (output / "index.html").read_text(encoding="utf-8") == "previous site"
