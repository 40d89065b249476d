"""An article with `lang: en` gets the English interface and English dates; others Latvian."""

from __future__ import annotations

import re
from pathlib import Path

from babel.messages.pofile import read_po

from tests.sitebuild import ROOT, run_build

FIXTURE = ROOT / "tests/fixtures/english"


def english_ui_strings() -> dict[str, str]:
    with (ROOT / "theme/translations/en/LC_MESSAGES/messages.po").open("rb") as source:
        return {m.id: m.string for m in read_po(source, locale="en") if isinstance(m.id, str) and m.id}


def test_english_article_has_english_ui_and_dates(tmp_path: Path) -> None:
    result = run_build(tmp_path / "out", "--strict", content=FIXTURE)
    assert result.returncode == 0, result.stderr
    english = (tmp_path / "out/en/zinas/2024/welcome-to-community-news/index.html").read_text("utf-8")
    latvian = (tmp_path / "out/zinas/2024/sveicinati-kopienu-zinas/index.html").read_text("utf-8")
    assert re.search(r'<html[^>]* lang="en"', english)
    assert re.search(r'<html[^>]* lang="lv"', latvian)
    assert "May 16, 2024" in english and "Thursday" in english
    assert "2024. gada 16. maijs" in latvian and "ceturtdiena" in latvian
    ui = english_ui_strings()
    skip_link = re.search(r'<a[^>]+href="#saturs"[^>]*>([^<]+)</a>', latvian).group(1).strip()
    assert skip_link in ui, "the skip link text must come from the catalog"
    assert ui[skip_link] in english and ui[skip_link] != skip_link


FOOTNOTED = "\n\nPiezīme.[^1]\n\n[^1]: Avots.\n"
LATVIAN_BACKLINK = 'title="Atpakaļ uz 1. zemsvītras piezīmes vietu tekstā"'
ENGLISH_BACKLINK = 'title="Jump back to footnote 1 in the text"'


def footnoted_site(content: Path, copies: int) -> dict[str, str]:
    """The English fixture, each article `copies` times with a footnote; the page of each
    (its path under the output folder) with its language."""
    content.mkdir()
    pages = {}
    for number in range(copies):
        for source in ("sveiki.md", "welcome.md"):
            text = (FIXTURE / source).read_text("utf-8").replace("title: ", f"title: {number} ", 1)
            (content / f"{number}-{source}").write_text(text + FOOTNOTED, encoding="utf-8")
        pages[f"zinas/2024/{number}-sveicinati-kopienu-zinas/index.html"] = "lv"
        pages[f"en/zinas/2024/{number}-welcome-to-community-news/index.html"] = "en"
    return pages


def test_footnote_back_links_speak_their_articles_language_in_pages_and_feeds(
        tmp_path: Path) -> None:
    """QA: Python-Markdown's footnotes wrote their English back-link title ("Jump back to
    footnote 1 in the text") into Latvian pages and feeds. Enough sources that the reading
    workers convert them (their own cache folder: none is cached yet); then again from the
    cache, and with the English words changed (MARKDOWN_BY_LANG is in the cache's key)."""
    pages = footnoted_site(tmp_path / "content", 5)
    cache = ["-e", f'CACHE_PATH="{tmp_path / "cache" / "pelican"}"']
    for run in ("cold", "cached"):
        result = run_build(tmp_path / run, "--strict", *cache, content=tmp_path / "content")
        assert result.returncode == 0, result.stderr
        for page, lang in pages.items():
            html = (tmp_path / run / page).read_text("utf-8")
            expected, other = ((LATVIAN_BACKLINK, ENGLISH_BACKLINK) if lang == "lv"
                               else (ENGLISH_BACKLINK, LATVIAN_BACKLINK))
            assert expected in html and other not in html, (run, page)
        latvian_feed = (tmp_path / run / "atom.xml").read_text("utf-8")
        english_feed = (tmp_path / run / "en/atom.xml").read_text("utf-8")
        assert latvian_feed.count(LATVIAN_BACKLINK) == english_feed.count(ENGLISH_BACKLINK) == 5
        assert ENGLISH_BACKLINK not in latvian_feed and LATVIAN_BACKLINK not in english_feed

    words = '{"en": {"extension_configs": {"markdown.extensions.extra": {"footnotes": ' \
            '{"BACKLINK_TITLE": "Back to note {}"}}}}}'
    result = run_build(tmp_path / "changed", "--strict", *cache, "-e", f"MARKDOWN_BY_LANG={words}",
                       content=tmp_path / "content")
    assert result.returncode == 0, result.stderr
    english = (tmp_path / "changed/en/zinas/2024/0-welcome-to-community-news/index.html")
    assert 'title="Back to note 1"' in english.read_text("utf-8")
    latvian = tmp_path / "changed/zinas/2024/0-sveicinati-kopienu-zinas/index.html"
    assert LATVIAN_BACKLINK in latvian.read_text("utf-8")
