"""Paths editors write stay inside content/ (issue 10, point 3), and internal links and pictures
of every form are resolved to the site URLs they need (issue 11, point 7): tiny content folders,
no Pelican build."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from kopienu_zinas.common.frontmatter import read_document
from kopienu_zinas.common.problems import ContentProblem, run_content_checks
from kopienu_zinas.site import register
from kopienu_zinas.site.containment import check_symlinks, leaves_folder
from kopienu_zinas.site.linkcheck import (
    PlannedLink,
    SourceUrls,
    is_written,
    plan_document,
    site_addresses,
    written_urls,
)
from kopienu_zinas.site.references import all_references
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
         name: str = "raksts.md") -> list:
    """What plan_document makes of a body, with cits.md published and melnraksts.md not."""
    file = content / name
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_text(HEADER.format(extra="") + body, encoding="utf-8")
    document, _ = read_document(content, file)
    urls = SourceUrls({name: page_url, "cits.md": "zinas/2024/cits/", "melnraksts.md": None},
                      {"atteli/foto.jpg": "atteli/foto.jpg"})
    return list(plan_document(document, page_url, urls, content, SITES))


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
        ("url", "kalendars.ics", 9), ("url", "rss.xml", 9),
        ("url", "faili/ar atstarpi.pdf", 11), ("url", "zinas/2024/raksts/foto.jpg", 11),
        ("url", "temas/", 11), ("url", "izdevums/", 12)]


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
