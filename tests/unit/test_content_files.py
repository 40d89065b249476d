"""Every file in content/ is read, published or used by a plugin, or the content check names
it (site/unread.py); what editors' tools and operating systems leave behind is none of these
and never named (common/leftbehind.py), in the check, in Pelican's IGNORE_FILES, in the
galleries, the pictures and the preview's watcher. Tiny content folders, no Pelican build."""

from __future__ import annotations

import fnmatch
import os
from pathlib import Path

import pytest
import watchfiles
from pelican.settings import read_settings

from kopienu_zinas.common import contentfolder
from kopienu_zinas.common.contentfolder import ContentFolder, activated
from kopienu_zinas.common.frontmatter import discover_documents
from kopienu_zinas.common.leftbehind import LEFT_BEHIND, left_behind, left_behind_path
from kopienu_zinas.common.problems import run_content_checks
from kopienu_zinas.galleries.discover import discover
from kopienu_zinas.images.rules import check_documents as picture_problems
from kopienu_zinas.site import register
from kopienu_zinas.site.unread import markdown_name
from kopienu_zinas.tools.watch import SourceFilter
from tests.documents import pdf_bytes
from tests.photos import upright, write_photo
from tests.signals import registered

ROOT = Path(__file__).resolve().parents[2]
SITE = read_settings(str(ROOT / "pelicanconf.py"))
ARTICLE = "---\ntitle: Raksts\ndate: 2024-05-21\nregion: Latgale\nsummary: Īsi.\n{extra}---\n{body}"
PAGE = "---\ntitle: Par mums\n---\nTeksts.\n"
#: What macOS, Windows and editors leave in content/ (the QA report's and a few more).
LEFT = (".DS_Store", "._foto.png", "Thumbs.db", "desktop.ini", "Desktop.ini", "._raksts.md",
        ".#raksts.md", ".raksts.md.swp", "raksts.md~", "#raksts.md#", "~$plans.docx",
        "raksts.md.tmp", "ehthumbs.db", "Icon\r", "__MACOSX", ".git")
#: Names an editor means (content), some of them near the names above.
MEANT = ("raksts.md", "foto.png", "LIELAIS.MD", "x.md ", "Icon", "thumbs.png", "plans.docx",
         "raksts.markdown", "db", "tmp")
#: Files Pelican leaves out without a word (the QA report), and the Markdown file meant.
UNREAD = {"LIELAIS.MD": "LIELAIS.md", "x.Md": "x.md", "y.mD": "y.md", "z.MARKDOWN": "z.md",
          "raksts.md.txt": "raksts.md", "teksts.txt": "teksts.md", "atstarpe.md ": "atstarpe.md",
          "lapa.html": "lapa.md", "vecs.rst": "vecs.md", "a.mkdn": "a.md", "b.mdwn": "b.md",
          "c.mdtxt": "c.md", "d.mdtext": "d.md", "e.markdn": "e.md", "f.mkdown": "f.md",
          "g.ronn": "g.md", "h.livemd": "h.md", "i.text": "i.md", "j.MKDN": "j.md"}


def write(root: Path, name: str, text: str | bytes = "") -> Path:
    file = root / name
    file.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        file.write_bytes(text)
    else:
        file.write_text(text, encoding="utf-8")
    return file


def photo(root: Path, name: str) -> None:
    (root / name).parent.mkdir(parents=True, exist_ok=True)
    write_photo(root / name)


def problems(root: Path) -> list[tuple[str, str, str]]:
    """(path, field, the whole line) of every problem the site plugin's rules find."""
    documents, found = discover_documents(root)
    with registered(register):
        found += run_content_checks(documents, {**SITE, "PATH": str(root)})
    return [(p.path, p.field, p.format()) for p in found]


def left_behind_everywhere(root: Path) -> None:
    """Each name left behind in content/, atteli/ and a gallery, and a folder of them; the
    emacs lock a symbolic link to nowhere, the AppleDouble file UTF-16-like binary."""
    for folder in ("", "atteli/", "galleries/talka/", "pages/"):
        for name in (".DS_Store", "Thumbs.db", "desktop.ini", "raksts.md~", "#raksts.md#",
                     "~$plans.docx", "x.md.tmp"):
            write(root, folder + name, b"\x00\x05\x16\x07Mac OS X")
        write(root, folder + "._raksts.md", b"\x00\x05\x16\x07\x00\x02\x00\x00Mac OS X")
        write(root, folder + "._foto.png", b"\x00\x05\x16\x07\x00\x02\x00\x00Mac OS X")
        (root / (folder + ".#raksts.md")).symlink_to("redaktors@dators.1234:1700000000")
    write(root, "__MACOSX/atteli/._foto.png", b"\x00\x05\x16\x07")
    write(root, "galleries/__MACOSX/talka/._a.jpg", b"\x00\x05\x16\x07")
    write(root, "galleries/.vecā/captions.yml", "photos:\n  ../x.jpg: {}\n")
    write(root, "atteli/.thumbnails/foto.jpg", b"not a picture")


@pytest.fixture
def content(tmp_path: Path) -> Path:
    """content/ as editors keep it: an article, a page, a picture, a gallery, an introduction."""
    root = tmp_path / "content"
    write(root, "raksts.md", ARTICLE.format(extra="", body="Teksts.\n"))
    write(root, "pages/par-mums.md", PAGE)
    write(root, "newsletter/2024-05.md", "---\ntitle: Maijs\n---\nLabdien!\n")
    (root / "atteli").mkdir()
    upright((40, 30)).save(root / "atteli/foto.jpg")
    photo(root, "galleries/talka/a.jpg")
    write(root, "galleries/talka/captions.yml",
          "title: Talka\ndate: 2024-04-20\nphotos:\n  - file: a.jpg\n"
          "    caption: Talka\n    alt: Cilvēki ar grābekļiem\n")
    return root


def test_one_definition_matched_as_pelican_matches_ignore_files() -> None:
    assert SITE["IGNORE_FILES"] == list(LEFT_BEHIND), "pelicanconf.py takes the definition"
    for name in (*LEFT, *MEANT):
        pelican = any(fnmatch.fnmatch(name, pattern) for pattern in SITE["IGNORE_FILES"])
        assert left_behind(name) == pelican == (name in LEFT), repr(name)
    assert left_behind_path("__MACOSX/atteli/foto.jpg") and left_behind_path("a/.git/x.md")
    assert not left_behind_path("atteli/../raksts.md") and not left_behind_path("./raksts.md")


def test_the_preview_starts_no_build_for_what_is_left_behind(tmp_path: Path) -> None:
    accept = SourceFilter()
    for name in (*LEFT, *MEANT):
        assert accept(watchfiles.Change.added, str(tmp_path / "content" / name)) != (
            name in LEFT), repr(name)
    assert not accept(watchfiles.Change.modified, str(tmp_path / "__pycache__" / "x.pyc"))


def test_what_is_left_behind_is_never_reported(content: Path) -> None:
    """The QA report: `._raksts.md` gave three errors (UTF-16, NUL characters, no header),
    an emacs lock `.#raksts.md` failed the check while the file was open, a gallery's
    Thumbs.db was an "unsupported image format … save as JPEG"."""
    assert problems(content) == []
    left_behind_everywhere(content)
    assert problems(content) == []
    galleries, found = discover(content, 50_000_000)
    assert found == [] and [gallery.name for gallery in galleries] == ["talka"]
    assert [photo.file for photo in galleries[0].photos] == ["a.jpg"]
    assert picture_problems(None, [], {**SITE, "PATH": str(content)}) == []


def test_the_listing_leaves_out_what_is_left_behind_as_the_disk_walk_does(content: Path) -> None:
    """The content check's keys do not change when Finder rewrites a .DS_Store, and the files
    the rules see are the same from the listing and from the disk."""
    before = ContentFolder.scan(content).digest()
    left_behind_everywhere(content)
    listing = ContentFolder.scan(content)
    assert listing.digest() == before
    assert listing.complete_names() is not None, "the lock's link is not listed either"
    from_disk = contentfolder.files(content)
    with activated(listing):
        assert contentfolder.files(content) == from_disk
        lock = f"{content}/.#raksts.md"  # a path question about one is the disk's answer
        assert not contentfolder.is_file(lock)
        assert contentfolder.realpath(lock) == os.path.realpath(lock)
    assert from_disk == ["atteli/foto.jpg", "galleries/talka/a.jpg",
                         "galleries/talka/captions.yml", "newsletter/2024-05.md",
                         "pages/par-mums.md", "raksts.md"]


@pytest.mark.parametrize("name", sorted(UNREAD))
def test_an_article_saved_under_another_name_is_named_with_the_name_to_give_it(
        content: Path, name: str) -> None:
    write(content, name, ARTICLE.format(extra="", body="Teksts.\n"))
    (path, field, line), = problems(content)
    assert (path, field) == (name, "file")
    assert line.startswith(f"{name}: file: fails netiek lasīts: raksti ir Markdown faili ar "
                           "galotni .md (this file is not read: articles are Markdown files")
    assert f"— pārsauc to par {UNREAD[name]}" in line
    assert ("pārvieto to uz content/atteli/" in line) == name.endswith((".txt", ".text"))
    assert ("'atstarpe.md '" in line) == (name == "atstarpe.md ")


def test_what_pelican_reads_publishes_or_a_plugin_reads_is_not_named(content: Path) -> None:
    for name in ("x.markdown", "x.mkd", "x.mdown", "pages/lapa.markdown"):  # good sources
        text = PAGE if name.startswith("pages/") else ARTICLE.format(extra="", body="Teksts.\n")
        write(content, name, text.replace("title: ", f"title: {name} ", 1))
    write(content, "atteli/plans.pdf", pdf_bytes())
    for name in ("atteli/dati.csv", "atteli/2024/teksts.txt"):
        write(content, name, "faila saturs")
    assert problems(content) == []
    write(content, "atteli/lapa.html", "<p>Lapa</p>")  # published, but a browser runs it
    assert [(path, field) for path, field, _line in problems(content)] == [
        ("atteli/lapa.html", "file")]


def test_a_file_named_by_an_article_is_published_and_not_named(content: Path) -> None:
    write(content, "dokumenti/plans.pdf", pdf_bytes())
    write(content, "dokumenti/Pļava.pdf", pdf_bytes())
    upright((40, 30)).save(content / "vaks.jpg")
    assert [path for path, _field, _line in problems(content)] == [
        "dokumenti/Pļava.pdf", "dokumenti/plans.pdf", "vaks.jpg"]
    write(content, "raksts.md", ARTICLE.format(
        extra="image: vaks.jpg\nimage_alt: Vāks\n",
        body="[Plāns]({static}/dokumenti/plans.pdf), [pļava]({attach}dokumenti/P%C4%BCava.pdf)\n"))
    assert problems(content) == []


def test_a_file_nothing_publishes_is_named_with_where_to_move_it(content: Path) -> None:
    write(content, "dokumenti/plans.pdf", "pdf")
    write(content, "pages/foto.jpg", "jpg")
    found = {path: line for path, _field, line in problems(content)}
    assert found["dokumenti/plans.pdf"] == (
        "dokumenti/plans.pdf: file: fails netiek publicēts: tas nav mapē atteli/, un neviens "
        "raksts to nenosauc (this file is not published: it is not under atteli/ and no article "
        "links to it) — pārvieto to uz content/atteli/ un saisti ar {static}/atteli/plans.pdf; "
        "ja tas nav vajadzīgs, izdzēs to")
    assert list(found) == ["dokumenti/plans.pdf", "pages/foto.jpg"]


def test_files_the_galleries_and_the_newsletter_do_not_read_are_named(content: Path) -> None:
    photo(content, "galleries/bez-mapes.jpg")
    photo(content, "galleries/talka/izlase/b.jpg")
    write(content, "newsletter/2024-06.txt", "---\ntitle: Jūnijs\n---\n")
    write(content, "newsletter/2024-07.markdown", "---\ntitle: Jūlijs\n---\n")
    found = {path: line for path, _field, line in problems(content)}
    assert list(found) == ["galleries/bez-mapes.jpg", "galleries/talka/izlase/b.jpg",
                           "newsletter/2024-06.txt", "newsletter/2024-07.markdown"]
    assert "(a file in galleries/ but in no gallery's folder: it is not read)" in found[
        "galleries/bez-mapes.jpg"]
    assert "— pārvieto to uz galleries/talka/ vai izveido" in found["galleries/talka/izlase/b.jpg"]
    assert found["newsletter/2024-07.markdown"].endswith("— pārsauc to par newsletter/2024-07.md")


def test_a_link_to_a_file_left_behind_is_named_pelican_would_publish_it(content: Path) -> None:
    write(content, "atteli/._foto.jpg", b"\x00\x05\x16\x07")
    write(content, "raksts.md", ARTICLE.format(
        extra="", body="Teksts.\n\n[Ēna]({static}/atteli/._foto.jpg)\n"))
    (line,) = [line for path, field, line in problems(content) if field == "link"]
    assert line.startswith("raksts.md:9: link: datora vai redaktora programmas atstāts fails, "
                           "tas netiek publicēts (a file operating systems or editors leave "
                           "behind (.DS_Store, ._…, Thumbs.db, …~): it is never published): "
                           "{static}/atteli/._foto.jpg — saisti uz pašu attēlu")


def test_the_markdown_name_meant() -> None:
    assert markdown_name("raksts.md.txt") == "raksts.md"
    assert markdown_name("raksts.MARKDOWN. ") == "raksts.md"
    assert markdown_name("v1.2 plāns.txt") == "v1.2 plāns.md"
