"""What a body or cover may not publish (site/rawhtml.py): embedded `data:` pictures, scripts,
embedded players, event handlers, `javascript:` addresses and anything a reader's browser
would fetch from another site; and HTML comments, which Markdown drops
(common/nocomments.py). Each fault is an editor's message at its source line."""

from __future__ import annotations

from pathlib import Path

import pytest
from markdown import Markdown
from pelican.settings import read_settings

from kopienu_zinas.common.problems import ContentProblem, shortened
from kopienu_zinas.common.sourcereader import markdown_arguments
from kopienu_zinas.site import register
from kopienu_zinas.site.linkcheck import SiteAddress, site_addresses
from kopienu_zinas.site.rawhtml import find_faults
from tests.signals import registered
from tests.sitebuild import ROOT, problems_in_file

SETTINGS = read_settings(str(ROOT / "pelicanconf.py"))
HEADER = ("---\ntitle: Raksts\ndate: 2024-05-21\nregion: Latgale\nsummary: Īsi.\n{extra}---\n"
          "Pirmā rindkopa.\n\n")  # then line 9 (10 with one `extra` line)
#: An exported picture as Typora, Google Docs and Obsidian write it (the start of a JPEG).
DATA = ("data:image/jpeg;base64,/9j/4AAQSkZJRgABAQEASABIAAD/4QBiRXhpZgAATU0AKgAAAAgABQAAAAAAAAAAAAAA"
        "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==")


def problems(tmp_path: Path, body: str, extra: str = "") -> list[ContentProblem]:
    with registered(register):
        return problems_in_file(tmp_path, "raksts.md", HEADER.format(extra=extra) + body,
                                SETTINGS)


def where(found: list[ContentProblem]) -> list[tuple[int, str]]:
    return [(problem.line, problem.field) for problem in found]


def faults(html: str) -> list[tuple[str, str]]:
    return [(fault.field, fault.value) for fault in find_faults(html, site_addresses(SETTINGS))]


@pytest.mark.parametrize(("html", "expected"), [
    (f'<img src="{DATA}" alt="Foto">', [("image", shortened(DATA))]),
    ('<picture><source srcset="data:image/webp;base64,AAAA 1x"><img src="/a.jpg" alt="a">'
     "</picture>", [("image", "data:image/webp;base64,AAAA")]),
    ('<img src="https://tracker.example/pixel.gif" alt="">',
     [("image", "https://tracker.example/pixel.gif")]),
    ('<img srcset="/a.jpg 1x, //cdn.example/a.jpg 2x" alt="a">', [("image", "//cdn.example/a.jpg")]),
    ('<picture><source srcset="https://x.example/a.webp"><img src="/a.jpg" alt="a"></picture>',
     [("image", "https://x.example/a.webp")]),
    ('<video src="https://cdn.example/v.mp4" poster="https://cdn.example/p.jpg"></video>',
     [("html", "https://cdn.example/v.mp4"), ("html", "https://cdn.example/p.jpg")]),
    ('<audio><source src="https://cdn.example/a.mp3"><track src="https://x.example/t.vtt">'
     "</audio>", [("html", "https://cdn.example/a.mp3"), ("html", "https://x.example/t.vtt")]),
    ('<input type="image" src="https://x.example/b.png" alt="b">',
     [("image", "https://x.example/b.png")]),
    ('<link rel="stylesheet" href="https://fonts.example/css">',
     [("html", "https://fonts.example/css")]),
    ("<p style=\"background: URL('https://t.example/x.png')\">a</p>",
     [("html", "https://t.example/x.png")]),
    ('<style>@import "https://x.example/a.css"; p { color: red }</style>',
     [("html", "https://x.example/a.css")]),
    ("<script>alert(1)</script>", [("html", "<script>")]),
    ('<iframe src="https://www.youtube.com/embed/x"></iframe>', [("html", "<iframe>")]),
    ('<object data="https://x.example/f.swf"></object><embed src="/f.swf">',
     [("html", "<object>"), ("html", "<embed>")]),
    ('<p onclick="x()">a</p><img src="/a.jpg" alt="a" ONERROR="y()">',
     [("html", "<p onclick="), ("html", "<img onerror=")]),
    ('<a href=" JavaScript:alert(1)">a</a>', [("link", " JavaScript:alert(1)")]),
    ("<p>&lt;!-- nav aizvērts</p>", [("comment", "<!--")]),
    # Fine: links to other sites, the site's own addresses, code showing HTML, local files.
    ('<a href="https://lr.lv/">LR</a> <a href="mailto:redakcija@example.org">e-pasts</a>', []),
    ('<img src="https://kopienuzinas.lv/atteli/a.jpg" alt="a"><img src="/atteli/b.jpg" alt="b">'
     '<video src="/faili/v.mp4" poster="../p.jpg"></video><p style="color: red">c</p>', []),
    ("<p><code>&lt;!-- kods --&gt;</code></p><pre><code>&lt;script&gt; &lt;!--</code></pre>", []),
])
def test_each_fault_in_the_html_is_found_and_the_rest_passes(
        html: str, expected: list[tuple[str, str]]) -> None:
    assert faults(html) == expected


def test_each_fault_is_reported_at_its_source_line_with_the_fix(tmp_path: Path) -> None:
    found = problems(tmp_path, "\n".join([
        f"![Foto no telefona]({DATA})",  # line 9
        "",
        f'Teksts <img src="{DATA}" alt="Foto">.',  # 11: the same picture, its own problem
        "",
        "![Pikselis](https://tracker.example/pixel.gif)",  # 13
        "",
        '<iframe src="https://www.youtube.com/embed/abc"></iframe>',  # 15
        "",
        '[Spied](javascript:alert(1)) un <a href="https://lr.lv/" onclick="x()">LR</a>',  # 17
        "",
        "Te ir `<script>` kā kods un ![Foto](https://tracker.example/pixel.gif).",  # 19
        ""]))
    assert where(found) == [(9, "image"), (11, "image"), (13, "image"), (15, "html"),
                            (17, "html"), (17, "link"), (19, "image")]
    assert found[0].format() == (
        f"raksts.md:9: image: attēls iegults tekstā kā data: adrese: tas tiktu publicēts "
        "neapstrādāts, ar GPS atrašanās vietu un kameras datiem (picture embedded as a data: "
        f"address, published unprocessed with its GPS and camera data): {shortened(DATA)} — "
        "saglabā attēlu kā failu mapē content/atteli/ un saisti: "
        "![Kas redzams attēlā]({static}/atteli/foto.jpg)")
    assert "picture from another site" in found[2].format()
    assert "lejupielādē attēlu" in found[2].fix
    assert "<iframe> is not allowed" in found[3].format() and "saiti" in found[3].fix
    assert all(DATA not in problem.format() for problem in found)  # never the whole file


def test_what_is_commented_out_or_shown_as_code_is_no_fault(tmp_path: Path) -> None:
    assert problems(tmp_path, "\n".join([
        '<!-- <img src="https://tracker.example/pixel.gif"> -->',
        "Teksts <!-- <script>alert(1)</script> --> beigas.",
        "", "```html", '<iframe src="https://x.example/"></iframe>', "```",
        "", "    <script>alert(1)</script>", ""])) == []


def test_an_unclosed_comment_is_named_as_it_would_be_published(tmp_path: Path) -> None:
    found = problems(tmp_path, "Teksts <!-- slepens\n\nvēl teksts -->\n")
    assert where(found) == [(9, "comment")]
    assert "the text after <!-- is published" in found[0].format()


@pytest.mark.parametrize(("image", "words"), [
    (DATA, "picture embedded as a data: address"),
    ("https://tracker.example/foto.jpg", "image: must be a picture under content/"),
    ("//tracker.example/foto.jpg", "image: must be a picture under content/"),
])
def test_a_cover_from_a_data_address_or_another_site_is_refused(
        tmp_path: Path, image: str, words: str) -> None:
    found = [problem for problem in problems(tmp_path, "Teksts.\n", f"image: {image}\n"
                                             "image_alt: Foto\n") if problem.field == "image"]
    assert [(problem.line, problem.field) for problem in found] == [(6, "image")]
    assert words in found[0].format() and "content/atteli/" in found[0].fix
    assert DATA not in found[0].format()


def test_markdown_publishes_no_comment_and_keeps_code_that_shows_one() -> None:
    body = "\n".join([
        "Sākums.", "",
        "<!-- SLEPENA-PIEZIME: avota tālrunis 29999999 -->", "",
        "teksts <!-- X --> beigas un `<!-- kods -->`.", "",
        "<!--", "vairākas", "rindas", "-->", "",
        '<div>a <!-- iekš --> b</div>', "",
        '<div markdown="1">', "*m* <!-- md -->", "</div>", "",
        "```", "<!-- bloks -->", "```", ""])
    html = Markdown(**markdown_arguments(SETTINGS).of("")).convert(body)
    assert "<!--" not in html and "SLEPENA" not in html and "X" not in html
    assert "vairākas" not in html and "iekš" not in html and "md" not in html.replace(
        "markdown", "")
    assert "<code>&lt;!-- kods --&gt;</code>" in html
    assert "&lt;!-- bloks --&gt;" in html
    assert "<p></p>" not in html and "<p>\n</p>" not in html
    assert "<p>teksts  beigas un" in html


MARKDOWN_ONLY = "\n".join([
    f"![Foto no telefona]({DATA} \"virsraksts\")",  # line 9
    "", "[Spied](javascript:alert(1)) un [LR](https://lr.lv/).",  # 11
    "", "![Pikselis][p] un ![Vietnes](https://kopienuzinas.lv/atteli/a.jpg)",  # 13
    "", "[p]: //tracker.example/pixel.gif", ""])  # 15


@pytest.mark.parametrize("html_after", ["", "\nBeigas.<br>\n"])
def test_a_body_without_html_is_judged_from_its_links_as_with_html(
        tmp_path: Path, html_after: str) -> None:
    """Without raw HTML the body is not converted (its links are read as Markdown writes
    them); with a `<br>` it is: the same problems at the same lines."""
    found = problems(tmp_path, MARKDOWN_ONLY + html_after)
    assert [(p.line, p.field, p.value) for p in found] == [
        (9, "image", shortened(DATA)), (11, "link", "javascript:alert(1)"),
        (15, "image", "//tracker.example/pixel.gif")]


def test_an_unclosed_comment_is_found_after_a_closed_one(tmp_path: Path) -> None:
    found = problems(tmp_path, "<!-- aizvērts -->\n\nTeksts.\n\nVēl <!-- slepens\n\nbeigas\n")
    assert where(found) == [(13, "comment")]


def test_attribute_lists_are_checked_as_raw_html(tmp_path: Path) -> None:
    """`extra`'s attribute lists (`{: … }`) write attributes the editor chose: the body is
    judged from its HTML, with no raw HTML in it."""
    found = problems(tmp_path, "\n".join([
        "Rindkopa.",  # line 9
        '{: style="background:url(https://tracker.example/p.png)" }',  # 10
        "",
        '## Virsraksts {: onclick="alert(1)" }',  # 12
        "",
        '[s](https://lr.lv){: href="javascript:alert(2)" }',  # 14
        "",
        '![f]({static}/atteli/x.jpg){: src="https://tracker.example/r.gif" }',  # 16
        "",
        'Cits.',  # 18
        '{: ping="https://tracker.example/ping" }',  # 19
        "",
        "Vēl.",  # 21
        f'{{: data-x="1" poster="{DATA}" }}',  # 22
        ""]))
    assert [(p.line, p.field) for p in found if "not found" not in p.what_en] == [
        (10, "html"), (12, "html"), (14, "link"), (16, "image"), (19, "html"), (22, "html")]
    assert "tracker.example/p.png" in found[0].value and found[1].value == "<h2 onclick="


@pytest.mark.parametrize(("html", "expected"), [
    # Addresses as browsers read them (WHATWG URL): all on tracker.example.
    ('<img src="http:tracker.example/x.gif" alt="">', [("image", "http:tracker.example/x.gif")]),
    ('<img src="\\\\tracker.example\\x.gif" alt="">', [("image", "\\\\tracker.example\\x.gif")]),
    ('<img src="/\\tracker.example/x.gif" alt="">', [("image", "/\\tracker.example/x.gif")]),
    ('<img src="https:///tracker.example/x.gif" alt="">',
     [("image", "https:///tracker.example/x.gif")]),
    ('<img src="//tracker.\nexample/x.gif" alt="">', [("image", "//tracker.\nexample/x.gif")]),
    # CSS: escapes decoded; any string is an address (image-set, @import, url("…")).
    ('<p style="background:url(htt\\70s://tracker.example/bg.png)">a</p>',
     [("html", "https://tracker.example/bg.png")]),
    ("<p style=\"background-image: image-set('https://tracker.example/i.png' 1x)\">a</p>",
     [("html", "https://tracker.example/i.png")]),
    ("<p style=\"background: \\75rl('//tracker.example/u.png')\">a</p>",
     [("html", "//tracker.example/u.png")]),
    # What sends the reader, or what they type, elsewhere; an SVG setting an address.
    ('<meta http-equiv=refresh content="0;url=https://evil.example/">', [("html", "<meta>")]),
    ('<base href="https://evil.example/">', [("html", "<base>")]),
    ('<form action="https://evil.example/"><input name="x"></form>', [("html", "<form>")]),
    ('<button formaction="https://evil.example/">Sūtīt</button>',
     [("html", "<button formaction=")]),
    ('<svg><a><animate attributeName="href" to="javascript:alert(1)"/><text>x</text></a></svg>',
     [("html", "<animate attributeName=href>")]),
    ('<svg><set attributeName="xlink:href" to="javascript:alert(1)"/></svg>',
     [("html", "<set attributeName=xlink:href>")]),
    # Fine: the site's own, relative addresses, strings that are no address.
    ('<img src="/atteli/a.jpg" alt="a"><img src="atteli\\b.jpg" alt="b">'
     '<p style="font-family: \'Arial\'; background: url(/a.png)">c</p>'
     '<svg><animate attributeName="opacity" to="1"/></svg>', []),
])
def test_what_browsers_act_on_is_read_as_they_read_it(
        html: str, expected: list[tuple[str, str]]) -> None:
    assert faults(html) == expected


def test_a_comment_published_as_text_is_named_at_its_line(tmp_path: Path) -> None:
    """Comments are dropped from the body text only: in a picture's description, a link's
    title or a front-matter text Pelican publishes them as written (alt, title, meta
    description, JSON-LD, feeds, the search index)."""
    found = problems(tmp_path, "\n".join([
        "Teksts <!-- paslēpts --> beigas.",  # line 11: hidden, fine
        "",
        "![Apraksts <!-- SECRET -->]({static}/atteli/a.jpg)",  # 13
        "",
        '[s](https://lr.lv "virsraksts <!-- SECRET -->")',  # 15
        ""]), extra='image_alt: "Foto <!-- SECRET -->"\nnotes: "<!-- kolēģiem -->"\n')
    comments = [p for p in found if "comment here" in p.what_en]
    assert [(p.line, p.field) for p in comments] == [(6, "image_alt"), (13, "comment"),
                                                     (15, "comment")]
    assert comments[0].format().endswith(
        "a comment here is published as text (comments are hidden only in the body text)): "
        "<!-- — izdzēs to")


def test_a_comment_in_the_summary_or_a_nested_value_is_named(tmp_path: Path) -> None:
    with registered(register):
        found = problems_in_file(tmp_path, "raksts.md", "\n".join([
            "---", "title: Raksts", "date: 2024-05-21", "region: Latgale",
            'summary: "x <!-- SECRET --> y"', "links:", "  - title: a", "  - title: b <!-- c -->",
            "---", "Teksts.", ""]), SETTINGS)
    assert [(p.line, p.field) for p in found if "comment here" in p.what_en] == [
        (5, "summary"), (8, "links[2].title")]


def test_every_fault_is_reported_once_at_its_own_line(tmp_path: Path) -> None:
    """Values repeated in several forms (a character reference, upper case, Markdown and
    HTML, a style element and attribute): each fault at its own line, none twice."""
    picture = "data:image/png;base64,AAAA"
    pixel = "https://tracker.example/a.png"
    found = problems(tmp_path, "\n".join([
        f'<!-- <img src="{picture}"> -->',  # line 9: commented out
        "",
        f'<img src="&#100;{picture[1:]}" alt=h>',  # 11
        "",
        f"![x]({picture})",  # 13
        "",
        f'<IMG SRC="{picture.upper()}" alt=h>',  # 15
        "",
        f'<img src="{picture}" alt=h>',  # 17
        "",
        f"<style>p {{ background: url({pixel}) }}</style>",  # 19
        "",
        f"![y]({pixel})",  # 21
        "",
        f'<p style="background: url({pixel})">z</p>',  # 23
        ""]))
    assert where(found) == [(11, "image"), (13, "image"), (15, "image"), (17, "image"),
                            (19, "html"), (21, "image"), (23, "html")]


@pytest.mark.parametrize(("siteurl", "other_site", "own_site"), [
    ("https://kopienuzinas.lv", "http:", "https:"),
    ("http://localhost:8000", "https:", "http:"),
])
def test_a_scheme_without_slashes_is_another_site_only_under_another_scheme(
        siteurl: str, other_site: str, own_site: str) -> None:
    """QA: `http:tracker.example/x.gif` was always another site's. A browser reads a special
    scheme with no slashes as another host only when the page's scheme differs (WHATWG URL,
    "special relative or authority state"; checked in node's URL); on a page of that scheme
    it is a path of the page's own site (a broken picture the link check names, no tracker).
    With the site under both schemes (pelicanconf: the preview and SITE_ADDRESSES), both
    are another site under one of them."""
    def found(scheme: str, sites: tuple[SiteAddress, ...]) -> list[tuple[str, str]]:
        html = f'<img src="{scheme}tracker.example/x.gif" alt="">'
        return [(fault.field, fault.value) for fault in find_faults(html, sites)]

    site = site_addresses({"SITEURL": siteurl})
    assert found(other_site, site) == [("image", f"{other_site}tracker.example/x.gif")]
    assert found(own_site, site) == []
    assert found(own_site.upper(), site) == []  # schemes are read in any case
    both = site_addresses(SETTINGS)
    assert found(own_site, both) == [("image", f"{own_site}tracker.example/x.gif")]
