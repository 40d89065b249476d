"""One absolutiser for every feed and the e-mail edition: every URL attribute, however quoted,
resolved against the item's own URL; the rest of the markup unchanged."""

from __future__ import annotations

import pytest

from kopienu_zinas.common.absolute_urls import absolute_srcset, absolutise_html, on_site

ITEM = "https://kopienuzinas.lv/zinas/2024/raksts/"


@pytest.mark.parametrize(("markup", "expected"), [
    ('<img src="/atteli/karte.jpg" alt="plāns">',
     '<img src="https://kopienuzinas.lv/atteli/karte.jpg" alt="plāns">'),
    ('<a href="/par-mums/">par mums</a>',
     '<a href="https://kopienuzinas.lv/par-mums/">par mums</a>'),
    ("<img src='foto.jpg'>", '<img src="https://kopienuzinas.lv/zinas/2024/raksts/foto.jpg">'),
    ("<a href=../cits/>x</a>", '<a href="https://kopienuzinas.lv/zinas/2024/cits/">x</a>'),
    ('<a href=" /par-mums/ ">x</a>', '<a href="https://kopienuzinas.lv/par-mums/">x</a>'),
    ('<a href="#karte">x</a>', '<a href="https://kopienuzinas.lv/zinas/2024/raksts/#karte">x</a>'),
    ('<a href="?lapa=2&amp;x=1">x</a>',
     '<a href="https://kopienuzinas.lv/zinas/2024/raksts/?lapa=2&amp;x=1">x</a>'),
    ('<video poster="/atteli/p.jpg" controls></video>',
     '<video poster="https://kopienuzinas.lv/atteli/p.jpg" controls></video>'),
    ('<blockquote cite="/avots/">c</blockquote>',
     '<blockquote cite="https://kopienuzinas.lv/avots/">c</blockquote>'),
    ('<source srcset="/a.webp 1x, b.webp 2x"/>',
     '<source srcset="https://kopienuzinas.lv/a.webp 1x, '
     'https://kopienuzinas.lv/zinas/2024/raksts/b.webp 2x"/>'),
    ('<img src="/a.jpg" alt="a &gt; b &amp; &quot;c&quot;">',
     '<img src="https://kopienuzinas.lv/a.jpg" alt="a &gt; b &amp; &quot;c&quot;">'),
])
def test_every_url_attribute_is_resolved_against_the_item(markup: str, expected: str) -> None:
    assert absolutise_html(markup, ITEM) == expected


@pytest.mark.parametrize("markup", [
    '<p>Teksts <a href="https://example.org/x">ārējā</a> un <a href="mailto:a@b.lv">pasts</a>'
    ' <a href="tel:+37120000000">tālrunis</a>.</p>',
    '<figure><picture><source srcset="https://x.lv/a.avif 480w" type="image/avif">'
    '<img src="https://x.lv/a.jpg" width="4" height="3" alt=""></picture></figure>',
    "<p>Nav saišu, tikai &amp; teksts ar <br> un <!-- komentārs --> ā č ž.</p>\n<hr/>",
    '<pre><code>&lt;img src="/nav-atels.jpg"&gt;</code></pre>',
])
def test_markup_without_relative_urls_is_unchanged_byte_for_byte(markup: str) -> None:
    assert absolutise_html(markup, ITEM) == markup


def test_only_the_rewritten_tags_change_on_later_lines() -> None:
    markup = "<p>a</p>\n<p>b <img alt=x src=/x.jpg></p>\n<p>c</p>\n<a href=y.html>y</a>\n"
    assert absolutise_html(markup, ITEM) == (
        "<p>a</p>\n<p>b <img alt=\"x\" src=\"https://kopienuzinas.lv/x.jpg\"></p>\n<p>c</p>\n"
        "<a href=\"https://kopienuzinas.lv/zinas/2024/raksts/y.html\">y</a>\n")


def test_srcset_candidates_with_and_without_descriptors() -> None:
    assert absolute_srcset("a.jpg, b.jpg 2x ,  /c.jpg 640w", ITEM) == (
        f"{ITEM}a.jpg, {ITEM}b.jpg 2x, https://kopienuzinas.lv/c.jpg 640w")
    assert (absolute_srcset("a.jpg,, /b.jpg 2x", ITEM)
            == f"{ITEM}a.jpg, https://kopienuzinas.lv/b.jpg 2x")
    # HTML: a URL runs to the next whitespace, so a comma inside it belongs to the URL.
    assert absolute_srcset("/a,b.jpg 2x", ITEM) == "https://kopienuzinas.lv/a,b.jpg 2x"


def test_a_relative_base_is_refused() -> None:
    with pytest.raises(ValueError, match="base URL must be absolute"):
        absolutise_html('<img src="/a.jpg">', "/zinas/2024/raksts/")


@pytest.mark.parametrize("siteurl, path, expected", [
    ("https://kopienuzinas.lv", "zinas/2024/raksts/", "https://kopienuzinas.lv/zinas/2024/raksts/"),
    ("https://kopienuzinas.lv/", "/par-mums/", "https://kopienuzinas.lv/par-mums/"),
    ("", "kalendars/", "/kalendars/"),  # RELATIVE_URLS-style builds without SITEURL
    ("https://kopienuzinas.lv", "https://example.lv/x", "https://example.lv/x"),
    ("https://kopienuzinas.lv", "mailto:redakcija@example.lv", "mailto:redakcija@example.lv"),
])
def test_a_site_relative_path_is_made_absolute_one_way(siteurl: str, path: str,
                                                       expected: str) -> None:
    assert on_site(siteurl, path) == expected
