"""The listing of content/ that the content check answers path questions from
(common/contentfolder.py): every answer is the disk's (`os.path.realpath`, `os.path.isfile`,
`is_inside`), also through symbolic links inside and out, `..` that leaves and comes back,
names that do not exist and names under a file; and its digest follows every name and link."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from kopienu_zinas.common import contentfolder
from kopienu_zinas.common.contentfolder import ContentFolder, activated
from kopienu_zinas.site.references import is_inside

#: Paths (relative to content/, as editors' links make them) asked of both.
ASKED = (
    "", "raksts.md", "atteli/foto.jpg", "atteli/nav.jpg", "atteli/../raksts.md",
    "atteli/./foto.jpg", "nav-mapes/x/../../raksts.md", "raksts.md/zem-faila",
    "saite-ara/slepens.txt", "saite-ara", "saite-iekša/foto.jpg", "saite-uz-failu",
    "atteli/saite-atpakal/../raksts.md", "../content/raksts.md", "../ara/slepens.txt",
    "../../", "pazudusi-saite", "Ēkas/foto.jpg", "atteli//foto.jpg", "atteli/",
    "raksts.md/../atteli/foto.jpg", "nav-mapes/../atteli/foto.jpg", "raksts.md/",
)


@pytest.fixture
def content(tmp_path: Path) -> Path:
    """content/ with files, folders and symbolic links in it, out of it and nowhere."""
    outside = tmp_path / "ara"
    outside.mkdir()
    (outside / "slepens.txt").write_text("x", encoding="utf-8")
    root = tmp_path / "content"
    (root / "atteli").mkdir(parents=True)
    (root / "Ēkas").mkdir()
    (root / "raksts.md").write_text("---\n", encoding="utf-8")
    (root / "atteli" / "foto.jpg").write_bytes(b"jpg")
    (root / "Ēkas" / "foto.jpg").write_bytes(b"jpg")
    (root / "saite-ara").symlink_to(outside)
    (root / "saite-iekša").symlink_to(root / "atteli")
    (root / "saite-uz-failu").symlink_to("raksts.md")
    (root / "atteli" / "saite-atpakal").symlink_to("..")
    (root / "pazudusi-saite").symlink_to("nekur")
    return root


def test_answers_are_the_disks(content: Path) -> None:
    listing = ContentFolder.scan(content)
    with activated(listing):
        for relative in ASKED:
            path = f"{content}/{relative}" if relative else str(content)
            assert contentfolder.realpath(path) == os.path.realpath(path), relative
            assert contentfolder.is_file(path) == os.path.isfile(path), relative
            assert is_inside(Path(path), content) == Path(path).resolve().is_relative_to(
                content.resolve()), relative
    assert not contentfolder._ACTIVE  # the block's end leaves nothing active


def test_no_disk_is_asked_for_plain_names_inside(content: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    listing = ContentFolder.scan(content)
    asked: list[str] = []
    monkeypatch.setattr(contentfolder.os.path, "realpath",
                        lambda path, **_: asked.append(path) or path)
    with activated(listing):
        assert is_inside(content / "atteli" / "../atteli/foto.jpg", content)
        assert contentfolder.is_file(content / "atteli" / "foto.jpg")
    assert asked == []
    with activated(listing):
        is_inside(content / "saite-ara" / "slepens.txt", content)
    assert asked == [str(content / "saite-ara" / "slepens.txt")]


def test_the_digest_follows_names_and_links_not_bytes(content: Path) -> None:
    before = ContentFolder.scan(content).digest()
    (content / "raksts.md").write_text("---\ncits teksts\n", encoding="utf-8")
    assert ContentFolder.scan(content).digest() == before
    (content / "atteli" / "jauns.jpg").write_bytes(b"jpg")
    added = ContentFolder.scan(content).digest()
    assert added != before
    (content / "saite-uz-failu").unlink()
    (content / "saite-uz-failu").symlink_to("atteli/foto.jpg")
    assert ContentFolder.scan(content).digest() not in (before, added)


def test_symbolic_links_are_listed_as_the_disk_lists_them(content: Path) -> None:
    from_disk = contentfolder.symlinks(content)
    assert [name for name, _target in from_disk] == sorted(
        ["saite-ara", "saite-iekša", "saite-uz-failu", "atteli/saite-atpakal", "pazudusi-saite"])
    with activated(ContentFolder.scan(content)):
        assert contentfolder.symlinks(content) == from_disk


def plain_content(root: Path) -> Path:
    """content/ without symbolic links: Markdown under hidden and nested folders, other
    extensions, a folder named like a Markdown file, names that sort differently as paths."""
    for name in ("raksts.md", "a-b.md", "a/b.md", "a/.slepens.md", ".git/x.md", "z/y/x.markdown",
                 "z/y/x.mdown", "teksts.txt", "Ēkas/ēka.md", ".md", "a.b/c.md", "divi..md",
                 "beigas.md."):
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text("---\n", encoding="utf-8")
    (root / "mape.md").mkdir()
    return root


def test_markdown_files_from_a_complete_listing_are_the_disks(tmp_path: Path) -> None:
    """The content check and the reading plugin find the Markdown files in the listing (no
    second walk of content/): the same files, paths and order as the walks they replace."""
    from kopienu_zinas.common.checkcache import markdown_files
    from kopienu_zinas.reading.prereading import markdown_sources

    root = plain_content(tmp_path / "content")
    listing = ContentFolder.scan(root)
    assert listing.complete_names() is not None
    walked = sorted(file for file in root.rglob("*") if file.is_file()  # every Markdown source
                    and file.suffix in (".md", ".markdown", ".mkd", ".mdown")
                    and not file.relative_to(root).as_posix().startswith((".", "a/.")))
    assert markdown_files(root, listing) == [
        (file, file.relative_to(root).as_posix()) for file in walked]
    unlisted = ContentFolder(str(root), str(root), unlisted=frozenset({""}))  # asks the disk
    assert markdown_files(root, listing) == markdown_files(root, unlisted)
    extensions = ("md", "markdown", "mdown")
    assert markdown_sources(root, extensions, listing) == markdown_sources(root, extensions)
    assert [path for _file, path in markdown_sources(root, extensions)] == [
        "a/b.md", "a-b.md", "a.b/c.md", "divi..md", "raksts.md", "z/y/x.markdown", "z/y/x.mdown",
        "Ēkas/ēka.md"]  # path order: "a/b.md" before "a-b.md"


def test_a_listing_with_a_symbolic_link_sends_the_walks_to_the_disk(content: Path) -> None:
    from kopienu_zinas.common.checkcache import markdown_files

    listing = ContentFolder.scan(content)
    assert listing.complete_names() is None
    assert [file for file, _path in markdown_files(content, listing)] == sorted(
        content.rglob("*.md"))


def test_a_folder_named_md_or_a_link_to_no_file_is_no_markdown_file(tmp_path: Path) -> None:
    """Read as documents, a link to nothing and a loop of links crashed the content check
    (FileNotFoundError, ELOOP) before the rule that names them could run."""
    from kopienu_zinas.common.checkcache import markdown_files
    from kopienu_zinas.common.frontmatter import discover_documents

    root = tmp_path / "content"
    (root / "mape.md").mkdir(parents=True)
    (root / "raksts.md").write_text("---\ntitle: A\n---\nTeksts.\n", encoding="utf-8")
    listing = ContentFolder.scan(root)
    assert listing.complete_names() is not None
    assert markdown_files(root, listing) == [(root / "raksts.md", "raksts.md")]
    (root / "nav.md").symlink_to("nav-tada.md")
    (root / "cilpa-a.md").symlink_to("cilpa-b.md")
    (root / "cilpa-b.md").symlink_to("cilpa-a.md")
    (root / "saite.md").symlink_to("raksts.md")
    listing = ContentFolder.scan(root)
    assert listing.complete_names() is None  # links: the disk is asked
    assert [path for _file, path in markdown_files(root, listing)] == ["raksts.md", "saite.md"]
    documents, _problems = discover_documents(root)
    assert [document.path for document in documents] == ["raksts.md", "saite.md"]


def test_names_that_are_not_utf8_are_listed_apart_each_once(tmp_path: Path) -> None:
    """What `unzip` leaves for names from a Windows-made archive (Windows-1257 bytes): the
    listing's digest stopped the build with UnicodeEncodeError (QA). Such names are no content
    (Pelican does not read them), so the rules see none of them; each file and folder so
    named, also inside a folder so named, is listed apart for the content check to name."""
    root = os.fsencode(tmp_path / "content")
    for folder in (b"galerija", b"R\xe7zekne/apak\xf0mape"):
        os.makedirs(root + b"/" + folder)
    for name in (b"raksts.md", b"zi\xf2as.md", b"galerija/b\xe2rni.jpg", b"galerija/foto.jpg",
                 b"R\xe7zekne/raksts.md", b"R\xe7zekne/apak\xf0mape/zi\xf2a.md",
                 b".zi\xf2as.md.swp", b"galerija/._b\xe2rni.jpg"):
        with open(root + b"/" + name, "wb") as file:
            file.write(b"---\n")
    listing = ContentFolder.scan(os.fsdecode(root))
    assert sorted(listing.kinds) == ["galerija", "galerija/foto.jpg", "raksts.md"]
    assert listing.complete_names() is not None
    assert [(os.fsencode(name), kind) for name, kind in listing.misnamed] == [
        (b"R\xe7zekne", "folder"), (b"R\xe7zekne/apak\xf0mape", "folder"),
        (b"R\xe7zekne/apak\xf0mape/zi\xf2a.md", "file"), (b"galerija/b\xe2rni.jpg", "file"),
        (b"zi\xf2as.md", "file")]
    assert len(listing.digest()) == 64
    with activated(listing):
        assert contentfolder.misnamed_names(os.fsdecode(root)) == listing.misnamed
        assert contentfolder.files(os.fsdecode(root)) == ["galerija/foto.jpg", "raksts.md"]
    assert contentfolder.misnamed_names(os.fsdecode(root)) == listing.misnamed  # from the disk
    assert contentfolder.files(os.fsdecode(root)) == ["galerija/foto.jpg", "raksts.md"]
