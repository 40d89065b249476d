"""Paths editors write stay inside content/ (issue 10, point 3), and internal links and pictures
of every form are resolved to the site URLs they need (issue 11, point 7): tiny content folders,
no Pelican build."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from PIL import Image

from kopienu_zinas.common.frontmatter import read_document
from kopienu_zinas.common.problems import ContentProblem, run_content_checks
from kopienu_zinas.site import register
from kopienu_zinas.site.containment import check_symlinks, leaves_folder
from kopienu_zinas.site.linkcheck import (
    PlannedLink,
    SiteAddress,
    SourceUrls,
    is_written,
    markers_left,
    plan_document,
    site_addresses,
    written_urls,
)
from kopienu_zinas.site.references import (
    all_references,
    pelican_keys,
    pelican_link_regex,
    stray_markers,
)
from tests.signals import registered

HEADER = "---\ntitle: Raksts\ndate: 2024-05-21\nregion: Latgale\nsummary: Īsi.\n{extra}---\n"
SETTINGS = {"REGIONS": ["Latgale"], "BUILD_DATE": "2026-11-23", "STATIC_PATHS": ["atteli"]}


def write(root: Path, name: str, body: str = "Teksts.\n", extra: str = "") -> Path:
    file = root / name
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_text(HEADER.format(extra=extra) + body, encoding="utf-8")
    return file


def problems(root: Path, field: str | None = None) -> list[tuple[str, int, str, str]]:
    """(path, line, field, English text) of the content check's problems under root."""
    from kopienu_zinas.common.frontmatter import discover_documents
    documents, found = discover_documents(root)
    with registered(register):  # the site plugin's rules only, whatever ran before
        found += run_content_checks(documents, {**SETTINGS, "PATH": str(root)})
    return [(p.path, p.line, p.field, p.what_en) for p in found
            if field is None or p.field == field]


@pytest.fixture
def content(tmp_path: Path) -> Path:
    """content/ two folders below tmp_path, with a secret file above it and a picture in it."""
    root = tmp_path / "a" / "b" / "content"
    (root / "atteli").mkdir(parents=True)
    Image.new("RGB", (8, 8), "white").save(root / "atteli" / "foto.jpg")
    (tmp_path / "a" / "secret.txt").write_text("private", encoding="utf-8")
    (tmp_path / "a" / "secret.jpg").write_bytes((root / "atteli" / "foto.jpg").read_bytes())
    return root


OUTSIDE = "path leads outside the content/ folder"


@pytest.mark.parametrize(("body", "field"), [
    ("![x]({static}/../../secret.txt)", "image"),
    ("![x]({static}../../secret.jpg)", "image"),
    ("[x]({static}/../../secret.txt)", "link"),
    ("[x]({filename}/../../secret.txt)", "link"),
    ("[x]({attach}../../secret.txt)", "link"),
    ("[x](|static|/../../secret.txt)", "link"),
    ("[x]({static}/atteli/../../../secret.txt)", "link"),
    ("[x]({static}/%2E%2E/%2E%2E/secret.txt)", "link"),
    ('<img src="{static}/../../secret.jpg" alt="x">', "image"),
    ('<a href="{filename}/../../secret.txt">x</a>', "link"),
    ("[x][id]\n\n[id]: {static}/../../secret.txt", "link"),
], ids=["static-image", "static-relative", "static-link", "filename", "attach", "pipe-form",
        "through-a-folder", "percent-encoded", "html-img", "html-a", "reference-definition"])
def test_every_kind_of_body_reference_that_leaves_content_is_named(content: Path, body: str,
                                                                   field: str) -> None:
    write(content, "raksts.md", f"Teksts.\n\n{body}\n")
    line = 9 if "[id]:" not in body else 11
    assert ("raksts.md", line, field, OUTSIDE) in problems(content)
    assert [p for p in problems(content) if p[3] == OUTSIDE] == [
        ("raksts.md", line, field, OUTSIDE)]


def test_a_newsletter_introduction_is_checked_like_an_article(content: Path) -> None:
    (content / "newsletter").mkdir()
    (content / "newsletter" / "2024-05.md").write_text(
        "---\ntitle: Maijs\n---\nIevads ar ![x]({static}/../../secret.jpg).\n", encoding="utf-8")
    assert problems(content, "image") == [("newsletter/2024-05.md", 4, "image", OUTSIDE)]


@pytest.mark.parametrize("image", ["../../secret.jpg", "/../../secret.jpg",
                                   "atteli/../../../secret.jpg", "{static}/../../secret.jpg"])
def test_a_header_image_above_content_is_named(content: Path, image: str) -> None:
    write(content, "raksts.md", extra=f"image: \"{image}\"\nimage_alt: Attēls\n")
    assert (("raksts.md", 6, "image", OUTSIDE) in problems(content, "image"))


def test_a_header_image_inside_content_is_no_problem(content: Path) -> None:
    write(content, "raksts.md", extra="image: atteli/foto.jpg\nimage_alt: Attēls\n")
    assert problems(content) == []


@pytest.mark.parametrize("name", ["..", "../..", "../../a", ".", "/etc"])
def test_a_gallery_outside_the_galleries_folder_is_named(content: Path, name: str) -> None:
    write(content, "raksts.md", extra=f"gallery: \"{name}\"\n")
    assert ("raksts.md", 6, "gallery",
            "the gallery lies outside the content/galleries/ folder") in problems(content)


@pytest.mark.parametrize(("field", "value"), [
    ("slug", "../../../../izeja"), ("slug", "a/b"), ("slug", ".."),
    ("save_as", "../output-2/x.html"), ("save_as", "/tmp/x.html"), ("url", "../../x/"),
])
def test_address_fields_that_leave_the_output_folder_are_named(content: Path, field: str,
                                                               value: str) -> None:
    write(content, "raksts.md", extra=f"{field}: \"{value}\"\n")
    assert [(p[0], p[1], p[2]) for p in problems(content) if p[2] == field] == [
        ("raksts.md", 6, field)]


def test_a_captions_photo_name_with_a_path_is_named(content: Path) -> None:
    gallery = content / "galleries" / "macibas"
    gallery.mkdir(parents=True)
    Image.new("RGB", (8, 8)).save(gallery / "01.jpg")
    (gallery / "captions.yml").write_text(
        "title: Mācības\ndate: 2024-05-01\nphotos:\n  01.jpg:\n    caption: a\n    alt: b\n"
        "  ../../../secret.jpg:\n    caption: c\n    alt: d\n", encoding="utf-8")
    assert ("galleries/macibas/captions.yml", 7, "photos",
            "a photo name must be a file in this gallery's folder, without '/', '\\' or '..'"
            ) in problems(content)


def test_a_symbolic_link_out_of_content_is_named(content: Path) -> None:
    (content / "atteli" / "saite.jpg").symlink_to(content.parent / "secret.jpg")
    (content / "atteli" / "ieksa.jpg").symlink_to(content / "atteli" / "foto.jpg")
    assert problems(content) == [("atteli/saite.jpg", 0, "file",
                                  "symbolic link to a file outside the content/ folder")]


def test_a_symbolic_link_that_would_read_files_twice_is_named(content: Path) -> None:
    """Pelican follows links: a folder linked inside content/ had each of its articles
    "skipped" for a missing date, or written twice, with no word of the link."""
    (content / "raksti").mkdir()
    (content / "raksti" / "a.md").write_text(HEADER.format(extra=""), encoding="utf-8")
    (content / "arhivs").symlink_to(content / "raksti")
    (content / "kopija.md").symlink_to(content / "raksti" / "a.md")
    found = [problem for problem in problems(content) if problem[2] == "file"]
    assert found == [
        ("arhivs", 0, "file", "symbolic link to a folder inside content/: its files would be "
                              "read twice, under two names"),
        ("kopija.md", 0, "file", "symbolic link to an article or page: it would be "
                                 "published twice")]


def test_a_symbolic_link_to_nothing_or_in_a_loop_is_named(content: Path) -> None:
    """A link whose file is gone, or a loop of links, was no problem of the check: a picture
    was silently left out of the site (only Pelican's "Cannot get modification stamp"
    warning), and an article's link to nothing was called one that publishes it twice."""
    (content / "atteli" / "nav.jpg").symlink_to("izdzests.jpg")
    (content / "atteli" / "a.jpg").symlink_to("b.jpg")
    (content / "atteli" / "b.jpg").symlink_to("a.jpg")
    nothing = "symbolic link to a file that does not exist"
    loop = "symbolic link that leads back to itself (a loop of links)"
    found = [problem for problem in problems(content) if problem[2] == "file"]
    assert found == [("atteli/a.jpg", 0, "file", loop), ("atteli/b.jpg", 0, "file", loop),
                     ("atteli/nav.jpg", 0, "file", nothing)]
    (content / "vecs.md").symlink_to("raksti/vecs.md")  # the documents' reading fails on it
    assert ("vecs.md", nothing) in [(problem.path, problem.what_en)
                                    for problem in check_symlinks(content)]


@pytest.mark.parametrize(("path", "leaves"), [
    ("zinas/2024/a/index.html", False), ("zinas/2024/../../x.html", False),
    ("zinas/../../x.html", True), ("../output-2/x.html", True), ("/tmp/x", True),
    ("..", True), ("C:\\x", True), ("..\\x", True), ("", False)])
def test_leaves_folder(path: str, leaves: bool) -> None:
    assert leaves_folder(path) is leaves


# --- links and pictures, resolved to site URLs ------------------------------------------

SITES = site_addresses({"SITEURL": "http://localhost:8000", "FEED_DOMAIN": "http://localhost:8000",
                        "SITE_ADDRESSES": ["https://kopienuzinas.lv"]})


def plan(content: Path, body: str, *, page_url: str | None = "zinas/2024/raksts/",
         name: str = "raksts.md", sites: tuple[SiteAddress, ...] = SITES) -> list:
    """What plan_document makes of a body, with cits.md published and melnraksts.md not."""
    file = content / name
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_text(HEADER.format(extra="") + body, encoding="utf-8")
    document, _ = read_document(content, file)
    urls = SourceUrls({name: page_url, "cits.md": "zinas/2024/cits/", "melnraksts.md": None},
                      {"atteli/foto.jpg": "atteli/foto.jpg"})
    return list(plan_document(document, page_url, urls, content, sites))


def summary(item: PlannedLink | ContentProblem) -> tuple:
    if isinstance(item, PlannedLink):
        return ("url", item.url, item.problem.line, item.problem.field, item.problem.fix)
    return ("problem", item.line, item.field, item.what_en)


def test_each_form_of_internal_link_is_resolved_to_a_site_url(content: Path) -> None:
    write(content, "cits.md")
    body = "\n".join([
        "[a](/zinas/2024/neesoss-raksts/) [b](../cits/) [c]({filename}/cits.md#x)",
        "![d]({static}/atteli/foto.jpg) [e](http://localhost:8000/par-mums/?a=1)",
        "[f](webcal://kopienuzinas.lv/kalendars.ics) [g](//kopienuzinas.lv/rss.xml)",
        "[h](https://example.org/) [i](mailto:a@b.lv) [j](#virsraksts) `[k](/koda/piemers/)`",
        '<a href="/temas/">l</a> [m](</faili/ar atstarpi.pdf>) [n](foto.jpg "virsraksts")',
        "<https://kopienuzinas.lv/izdevums/> <https://example.org/>", ""])
    assert [(s[0], s[1], s[2]) for s in map(summary, plan(content, body))] == [
        ("url", "zinas/2024/neesoss-raksts/", 7), ("url", "zinas/2024/cits/", 7),
        ("url", "zinas/2024/cits/", 7), ("url", "atteli/foto.jpg", 8), ("url", "par-mums/", 8),
        ("url", "kalendars.ics", 9), ("url", "rss.xml", 9), ("url", "zinas/2024/raksts/", 10),
        ("url", "temas/", 11), ("url", "faili/ar atstarpi.pdf", 11),
        ("url", "zinas/2024/raksts/foto.jpg", 11), ("url", "izdevums/", 12)]
    # a place on a page: its id, checked on the written page (test_heading_links.py)
    assert [link.fragment for link in plan(content, body) if link.fragment] == ["x", "virsraksts"]


def test_a_link_to_a_markdown_file_names_the_filename_fix(content: Path) -> None:
    write(content, "cits.md")
    [link] = plan(content, "[x](cits.md)\n")
    assert summary(link) == ("url", "zinas/2024/raksts/cits.md", 7, "link",
                             "raksti {filename}/cits.md")
    assert link.problem.what_en == "link to a Markdown file, not its page"


def test_a_picture_without_static_names_the_static_fix(content: Path) -> None:
    [link] = plan(content, "![Foto](atteli/foto.jpg)\n")
    assert summary(link) == ("url", "zinas/2024/raksts/atteli/foto.jpg", 7, "image",
                             "raksti {static}/atteli/foto.jpg")


def test_a_page_that_does_not_exist_is_named_as_such(content: Path) -> None:
    [link] = plan(content, "[x](/zinas/2024/neesoss-raksts/)\n")
    assert link.problem.what_en == "no such page on the site"
    [picture] = plan(content, "![x](/atteli/nav.jpg)\n")
    assert picture.problem.what_en == "no such picture on the site"


def test_a_link_to_an_unpublished_page_is_named_at_once(content: Path) -> None:
    write(content, "melnraksts.md")
    assert [summary(i) for i in plan(content, "[x]({filename}/melnraksts.md)\n")] == [
        ("problem", 7, "link",
         "link to a page this build does not publish (a draft or scheduled)")]


def test_a_newsletter_introduction_needs_addresses_from_the_site_root(content: Path) -> None:
    write(content, "cits.md")
    body = "[a](/par-mums/) [b](../par-mums/) [c]({filename}/cits.md)\n"
    assert [summary(i)[:3] for i in plan(content, body, page_url=None,
                                         name="newsletter/2024-05.md")] == [
        ("url", "par-mums/", 7), ("problem", 7, "link"), ("problem", 7, "link")]


def test_written_urls_answer_directory_and_file_urls(tmp_path: Path) -> None:
    for name in ("index.html", "zinas/2024/a/index.html", "atteli/foto.jpg", "kalendars.ics"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x", encoding="utf-8")
    urls = written_urls(tmp_path)
    for url in ("", "zinas/2024/a/", "zinas/2024/a", "zinas/2024/a/index.html",
                "atteli/foto.jpg", "kalendars.ics"):
        assert is_written(url, urls), url
    for url in ("zinas/2024/b/", "atteli/", "zinas/2024/a/foto.jpg", "kalendars"):
        assert not is_written(url, urls), url


def test_references_skip_code(content: Path) -> None:
    file = write(content, "raksts.md", "```\n[x](/nav/)\n```\n    `[y](/nav/)` [z](/ir/)\n")
    document, _ = read_document(content, file)
    assert [(r.line, r.target) for r in all_references(document)] == [(10, "/ir/")]


def test_references_cover_every_url_attribute_and_skip_comments(content: Path) -> None:
    body = ('<img srcset="/atteli/a.jpg 1x, /atteli/b.jpg 2x" alt="x">\n'
            '<video poster="/atteli/p.jpg"\n  controls></video>\n'
            '<picture><source srcset="/atteli/c.webp" type="image/webp"></picture>\n'
            '<a href="&#x2F;par-mums&#x2F;">Par mums</a>\n'
            '<!-- <a href="/vecs/">x</a> [y](/nav/)\n'
            'vēl komentārs --> [z](/ir/)\n')
    document, _ = read_document(content, write(content, "raksts.md", body))
    assert [(r.line, r.target, r.field) for r in all_references(document)] == [
        (7, "/atteli/a.jpg", "image"), (7, "/atteli/b.jpg", "image"),
        (8, "/atteli/p.jpg", "image"), (10, "/atteli/c.webp", "image"),
        (11, "/par-mums/", "link"), (13, "/ir/", "link")]


def test_text_the_html_tokenizer_cannot_take_is_text(content: Path) -> None:
    body = "Skat. <![= šo un [z](/ir/)\n<a href=\"/ari/\">x</a>\n"
    document, _ = read_document(content, write(content, "raksts.md", body))
    assert [(r.line, r.target) for r in all_references(document)] == [(7, "/ir/"), (8, "/ari/")]


def test_a_footnote_is_no_link_and_a_reference_definition_is(content: Path) -> None:
    """`[^1]: Piezīme.` defines a footnote (Markdown "extra"), not a link to "Piezīme.";
    the link check named it as a missing page."""
    body = "Teksts[^1] un [saite][id].\n\n[^1]: Piezīme par avotu.\n[id]: /ir/\n"
    document, _ = read_document(content, write(content, "raksts.md", body))
    assert [(r.line, r.target) for r in all_references(document)] == [(10, "/ir/")]


# --- every way Markdown writes a link, read as Markdown reads it -------------------------

#: (body, the links and pictures Markdown makes of it: (line, address, alt) in the order written)
FORMS = {
    "inline, spaces": ("[a]({filename}/Ēkas Ārpusē.md)", [(7, "{filename}/Ēkas Ārpusē.md", None)]),
    "angle brackets": ("[b](<{filename}/Ēkas Ārpusē.md>)",
                       [(7, "{filename}/Ēkas Ārpusē.md", None)]),
    "angle brackets, title": ('[b](<{filename}/Ēkas Ārpusē.md> "Virsraksts")',
                              [(7, "{filename}/Ēkas Ārpusē.md", None)]),
    "percent-encoded": ("[c]({filename}/%C4%92kas%20%C4%80rpus%C4%93.md)",
                        [(7, "{filename}/%C4%92kas%20%C4%80rpus%C4%93.md", None)]),
    "titles": ("[d]({filename}/a.md \"t\") [e]({filename}/b.md 't') [f]({filename}/c.md (t))",
               [(7, "{filename}/a.md", None), (7, "{filename}/b.md", None),
                (7, "{filename}/c.md (t)", None)]),  # no title in parentheses inline
    "parentheses in the path": ("[g]({filename}/a (1).md)", [(7, "{filename}/a (1).md", None)]),
    "backslash escape": ("[h]({filename}/a\\_b.md)", [(7, "{filename}/a_b.md", None)]),
    "ampersand": ("[i]({filename}/a&b.md)", [(7, "{filename}/a&b.md", None)]),
    "over three lines": ("[garš\nteksts](\n{filename}/a.md\n)", [(9, "{filename}/a.md", None)]),
    "image, angle brackets": ('![Foto](<{static}/atteli/Ēkas foto.jpg> "t")',
                              [(7, "{static}/atteli/Ēkas foto.jpg", "Foto")]),
    "picture in a link": ("[![Foto](/atteli/a.jpg)](/zinas/)",
                          [(7, "/zinas/", None), (7, "/atteli/a.jpg", "Foto")]),
    "reference": ('[j][id]\n\n[id]: <{filename}/a_b.md> "Virsraksts"',
                  [(9, "{filename}/a_b.md", None)]),
    "collapsed, short and picture references": (
        "[k][] [l] ![m][n]\n\n[k]: {filename}/k.md\n[L]: {filename}/l.md 'v'\n"
        "[n]:\n   {static}/atteli/n.jpg\n   (v)",
        [(9, "{filename}/k.md", None), (10, "{filename}/l.md", None),
         (12, "{static}/atteli/n.jpg", "m")]),
    "reference in a quote": ("> [o][p]\n>\n> [p]: {filename}/p.md", [(9, "{filename}/p.md", None)]),
    "autolink": ("<https://example.org/a b>", [(7, "https://example.org/a b", None)]),
    # raw HTML keeps a backslash escape as written (a UNC path: localpaths.py)
    "raw HTML with backslashes": ('x <img src="\\\\server\\a\\_b.jpg" alt="u">',
                                  [(7, "\\\\server\\a\\_b.jpg", "u")]),
    "not links": ("[q] ({filename}/a.md) \\[r]({filename}/a.md) `[s]({filename}/a.md)` [t][nav]",
                  []),
    "definition Markdown does not take": ('[u][v]\n\n[v]: <{filename}/a b.md> "t"', []),
    "unused definition": ("[w]: {filename}/w.md", []),
}


def markdown_makes(body: str) -> list[tuple[str, str]]:
    """("a" | "img", href or src) of each link and picture Python-Markdown, with the site's
    settings, makes of a body, in document order."""
    from html.parser import HTMLParser

    from markdown import Markdown
    from pelican.settings import read_settings

    from kopienu_zinas.common.sourcereader import markdown_arguments

    settings = read_settings(str(Path(__file__).resolve().parents[2] / "pelicanconf.py"))
    found: list[tuple[str, str]] = []

    class Links(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            values = dict(attrs)
            if tag in ("a", "img"):
                found.append((tag, values.get("href" if tag == "a" else "src") or ""))

    Links().feed(Markdown(**markdown_arguments(settings).of("")).convert(body))
    return found


@pytest.mark.parametrize(("body", "expected"), FORMS.values(), ids=FORMS.keys())
def test_each_form_of_link_is_read_as_markdown_reads_it(content: Path, body: str,
                                                        expected: list) -> None:
    document, _ = read_document(content, write(content, "raksts.md", body + "\n"))
    found = [(r.line, r.target, r.alt) for r in all_references(document)]
    assert found == expected
    written = sorted(("a" if alt is None else "img", target) for _line, target, alt in found)
    assert written == sorted(markdown_makes(body))


def test_an_address_is_what_pelican_reads_in_the_page(content: Path) -> None:
    """Markdown escapes `&` in the page; raw HTML is read as written, and where Pelican's
    replacement does not reach (no quotes, `srcset`, the earlier of two in a tag) nothing."""
    body = ("[a]({filename}/a&b.md)\n\n<a href='{filename}/a&amp;b.md'>b</a> <a href={filename}/c.md>"
            "c</a>\n<video src=\"{static}/v.mp4\" poster=\"{static}/p.jpg\"></video>"
            '<img srcset="{static}/s.jpg 2x" src="{static}/s.jpg" alt="S">\n')
    document, _ = read_document(content, write(content, "raksts.md", body))
    assert [(r.target, r.in_page) for r in all_references(document)] == [
        ("{filename}/a&b.md", "{filename}/a&amp;b.md"),
        ("{filename}/a&b.md", "{filename}/a&amp;b.md"), ("{filename}/c.md", None),
        ("{static}/v.mp4", None), ("{static}/p.jpg", "{static}/p.jpg"),
        ("{static}/s.jpg", None), ("{static}/s.jpg", "{static}/s.jpg")]


def test_markers_outside_links_are_found_by_line(content: Path) -> None:
    body = ("[a]({filename}/a.md) un [b] ({filename}/b.md)\n\n[c][d]\n\n"
            '[d]: <{filename}/Ēkas Ārpusē.md> "t"\n\n`{filename}/koda-piemers.md`\n\n'
            "    {filename}/atkapes-kods.md\n")
    document, _ = read_document(content, write(content, "raksts.md", body))
    assert [(r.line, r.target) for r in stray_markers(document)] == [
        (7, "[a]({filename}/a.md) un [b] ({filename}/b.md)"),
        (11, '[d]: <{filename}/Ēkas Ārpusē.md> "t"')]


PELICAN_SOURCES = ("Ēkas Ārpusē.md", unicodedata.normalize("NFD", "Māja Ēnā.md"), "zinas/a.md",
                   "a&b.md", "a;b.md", "zinas/raksts.md", "raksts.md")


@pytest.mark.parametrize("document", ["zinas/raksts.md", "raksts.md"])
@pytest.mark.parametrize("value", [
    "/Ēkas Ārpusē.md", "/%C4%92kas%20%C4%80rpus%C4%93.md", "/Māja Ēnā.md",
    "/Ma%CC%84ja%20E%CC%84na%CC%84.md", "a.md", "../zinas/a.md", "/zinas/./a.md",
    "/zinas/../zinas/a.md", "//zinas/a.md", "/a&amp;b.md", "/a;b.md", "/a%3Bb.md", "#x",
    "a.md#x", "a.md?q=1", "/a&amp;amp;b.md"])
def test_the_content_paths_are_those_pelican_looks_up(document: str, value: str) -> None:
    """pelican_keys finds a source exactly when Pelican's own replacement does."""
    import copy
    from types import SimpleNamespace

    from pelican.contents import Article
    from pelican.settings import DEFAULT_CONFIG

    settings = {**copy.deepcopy(DEFAULT_CONFIG), "PATH": "/content"}
    context = {"generated_content": {path: SimpleNamespace(url="x/") for path in PELICAN_SOURCES},
               "static_content": {}, "localsiteurl": ""}
    article = Article("", metadata={"title": "T"}, settings=settings,
                      source_path=f"/content/{document}", context=context)
    page = f'<a href="{{filename}}{value}">x</a>'
    replaced = "{filename}" not in article._update_content(page, "")
    keys = pelican_keys("{filename}" + value, document)
    assert any(key in context["generated_content"] for key in keys) is replaced


def test_what_pelican_leaves_in_a_page_is_named() -> None:
    urls = SourceUrls({"a.md": "zinas/a/", "Ēkas Ārpusē.md": "zinas/e/"},
                      {"atteli/p.jpg": "atteli/p.jpg"})
    page = ('<p><a href="{filename}/a.md">a</a> <a href="{filename}/%C4%92kas%20%C4%80rpus%C4%93.md">'
            'b</a> <a href="{tag}kultura">c</a>\n<video src="{static}/atteli/v.mp4" '
            'poster="{static}/atteli/p.jpg"></video> <a href={filename}/a.md>d</a>\n'
            "[e] ({filename}/b.md) <code>{filename}/piemers.md</code> "
            "&lt;{filename}/Ēkas&amp;Ārpusē.md&gt;</p>")
    assert markers_left(page, "raksts.md", urls, pelican_link_regex()) == [
        "{static}/atteli/v.mp4", "{filename}/a.md", "{filename}/b.md)",
        "{filename}/Ēkas&Ārpusē.md>"]


# --- the content check: links Pelican would leave as written ------------------------------

def link_problems(root: Path) -> list[tuple[int, str, str, str]]:
    return [(p.line, p.what_en, p.value, p.fix) for p in _problems_of(root) if p.field == "link"]


def _problems_of(root: Path) -> list[ContentProblem]:
    from kopienu_zinas.common.frontmatter import discover_documents
    documents, found = discover_documents(root)
    with registered(register):
        found += run_content_checks(documents, {**SETTINGS, "PATH": str(root)})
    return found


NOT_FOUND = ("Pelican does not find the file by this path: the page would keep the link as "
             "written")


def test_links_pelican_finds_pass_in_every_form(content: Path) -> None:
    write(content, "Ēkas Ārpusē.md")
    write(content, "zinas/cits.md")
    body = "\n\n".join([
        "[a]({filename}/Ēkas Ārpusē.md) [b](<{filename}/Ēkas Ārpusē.md>)",
        "[c]({filename}/%C4%92kas%20%C4%80rpus%C4%93.md) [d](../Ēkas Ārpusē.md)",
        "[e][id] [f](cits.md#x) [g]({filename}cits.md)",
        "[id]: {filename}/%C4%92kas%20%C4%80rpus%C4%93.md \"Virsraksts\"",
        '<a href="{filename}/Ēkas Ārpusē.md">h</a> <img src="{static}/atteli/foto.jpg" alt="F">',
        "[i](<{static}/atteli/foto.jpg>) `[j] ({filename}/koda-piemers.md)`"])
    write(content, "zinas/raksts.md", body.replace("(../Ēkas", "({filename}../Ēkas") + "\n")
    assert link_problems(content) == []


def test_links_pelican_would_leave_as_written_are_named_with_a_fix_that_works(
        content: Path) -> None:
    decomposed = unicodedata.normalize("NFD", "Māja Ēnā.md")
    write(content, decomposed)
    write(content, "a.md")
    (content / "atteli" / "plans.pdf").write_bytes(b"%PDF")
    body = "\n".join([
        "[a]({filename}/Māja Ēnā.md)", "[b]({filename}/M%C4%81ja%20%C4%92n%C4%81.md)",
        "[c]({filename}/zinas/../a.md)", "[d]({filename}//a.md)",
        "[e]({filename}/atteli/plans.pdf)", "<a href={filename}/a.md>f</a>",
        '<video src="{static}/atteli/foto.jpg" poster="{static}/atteli/foto.jpg"></video>',
        "[g]({filename}/nav.md)", "[h] ({filename}/a.md)", "", "[i][j]", "",
        '[j]: <{filename}/Māja Ēnā.md> "t"'])
    write(content, "raksts.md", body + "\n")
    encoded = "{filename}/Ma%CC%84ja%20E%CC%84na%CC%84.md"
    found = link_problems(content)
    assert [(line, what, value) for line, what, value, _fix in found] == [
        (7, NOT_FOUND, "{filename}/Māja Ēnā.md"),
        (8, NOT_FOUND, "{filename}/M%C4%81ja%20%C4%92n%C4%81.md"),
        (9, NOT_FOUND, "{filename}/zinas/../a.md"),
        (10, "the path after the marker starts with //: the page would link to another site",
         "{filename}//a.md"),
        (11, "{filename} links to an article or a page, not to a file",
         "{filename}/atteli/plans.pdf"),
        (12, "Pelican does not replace the link here: the page would keep it as written",
         "{filename}/a.md"),
        (13, "Pelican does not replace the link here: the page would keep it as written",
         "{static}/atteli/foto.jpg"),
        (14, "link to a file that does not exist", "{filename}/nav.md"),
        (15, "a marker outside a link: the page would show it as text", "[h] ({filename}/a.md)"),
        (19, "a marker outside a link: the page would show it as text",
         '[j]: <{filename}/Māja Ēnā.md> "t"')]
    fixes = [fix for _line, _what, _value, fix in found]
    assert fixes[0].startswith(f"raksti {encoded} vai pārdēvē failu par maja-ena.md")
    assert fixes[2:5] == ["raksti {filename}/a.md", "raksti {filename}/a.md",
                          "raksti {static}/atteli/plans.pdf"]
    assert "%20" in fixes[9] and "<{filename}/faila nosaukums.md>" in fixes[9]
    # each fix, written in, is a link Pelican finds
    write(content, "raksts.md", f"[a]({encoded})\n\n[b][j]\n\n[j]: {encoded}\n\n"
                                "[c]({filename}/a.md) [e]({static}/atteli/plans.pdf)\n")
    assert link_problems(content) == []


def test_an_address_a_browser_reads_as_another_sites_is_planned_as_none(content: Path) -> None:
    """`/\\x.example/a.gif` and, on an `https:` page, `http:x.example/a.gif` are another
    site's (WHATWG URL), as the raw HTML rule says: no "not found" on the site for them."""
    body = ('<img src="/\\tracker.example/x.gif" alt="a"> '
            '<img src="http:tracker.example/z.gif" alt="c"> '
            '<img src="/\\kopienuzinas.lv\\atteli\\foto.jpg" alt="d">\n')
    published = site_addresses({"SITEURL": "https://kopienuzinas.lv"})
    assert [summary(item)[:2] for item in plan(content, body, sites=published)] == [
        ("url", "atteli/foto.jpg")]


def test_a_scheme_without_slashes_is_a_path_on_a_page_of_that_scheme(content: Path) -> None:
    """QA: `https:example.lv/a.jpg` on an `https:` page is no other site: browsers read it as
    the page's own `example.lv/a.jpg` (WHATWG URL, "special relative or authority state"), a
    picture the link check must find (here it is missing, so it is planned and reported);
    `http:` on that page, and `https:` on an `http:` one, name the host."""
    body = ('<img src="https:example.lv/a.jpg" alt="a"> '
            '<img src="https:/atteli/foto.jpg" alt="b">\n')
    published = site_addresses({"SITEURL": "https://kopienuzinas.lv"})
    preview = site_addresses({"SITEURL": "http://localhost:8000"})
    on_own_site = [("url", "zinas/2024/raksts/example.lv/a.jpg"), ("url", "atteli/foto.jpg")]
    assert [summary(item)[:2] for item in plan(content, body, sites=published)] == on_own_site
    assert plan(content, body, sites=preview) == []
    assert [summary(item)[:2] for item in plan(content, body.replace("https:", "http:"),
                                               sites=preview)] == on_own_site
    assert plan(content, body.replace("https:", "http:"), sites=published) == []
