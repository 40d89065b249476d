"""No document's own `save_as:` takes a file another writer writes: the content check
(site/reserved.py `check_save_as`) refuses it before building, the writer (site/safety.py
`SafeWriter`) at write time."""

from __future__ import annotations

import logging
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from pelican.settings import read_settings

from kopienu_zinas.common.build import open_build
from kopienu_zinas.common.claims import site_file
from kopienu_zinas.common.frontmatter import read_document
from kopienu_zinas.site.reserved import check_save_as
from kopienu_zinas.site.safety import SafeWriter
from tests.sitebuild import ROOT

FIX = "izvēlies citu 'save_as:'/'url:' vai izdzēs abas rindas"
ARTICLE = "---\ntitle: Talka\ndate: 2024-04-02\nregion: Latgale\nsummary: S.\n---\nT\n"


@pytest.fixture(scope="module")
def settings() -> dict[str, Any]:
    return read_settings(str(ROOT / "pelicanconf.py"))


def _problems(root: Path, files: dict[str, str], settings: dict[str, Any]) -> list[tuple]:
    documents = []
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
        documents.append(read_document(root, root / name)[0])
    return [(p.path, p.line, p.field, p.what_lv, p.value)
            for p in check_save_as(documents, {**settings, "PATH": str(root)})]


@pytest.mark.parametrize("save_as", [
    "index.html",                   # Pelican's home page
    "kalendars.ics",                # the events plugin's calendar
    "kalendars/index.html",         # the calendar page
    "kalendars/2024/05/index.html",  # a month of the calendar
    "regioni/latgale/kalendars.ics",  # a region's calendar
    "sitemap.xml", "robots.txt", "favicon.ico", "404.html", "atom.xml",
    "meklet/index.html", "galerijas/x/index.html", "izdevums/2024-05/index.html",
    "atteli/bilde.jpg", "theme/css/site.css", "zinas/2024/x/index.html",
    "bildes/atteli/foto-480.jpg",   # the processed pictures (IMAGES url)
    "admin/index.html", "admin/config.js",  # the editor (CMS url)
    "pagefind/pagefind.js",         # the search index, written by Pagefind at the end
])
def test_a_pages_save_as_on_a_file_the_site_writes_is_refused(
        tmp_path: Path, settings: dict[str, Any], save_as: str) -> None:
    found = _problems(tmp_path, {"pages/h.md": f"---\ntitle: H\nsave_as: {save_as}\n---\nT\n"},
                      settings)
    assert found == [("pages/h.md", 3, "save_as", "šī adrese jau ir vietnes pašas failam",
                      f"/{save_as}")]


def test_a_save_as_on_another_documents_file_names_the_one_that_keeps_it(
        tmp_path: Path, settings: dict[str, Any]) -> None:
    found = _problems(tmp_path, {
        "talka.md": ARTICLE,
        "cits.md": ARTICLE.replace("Talka", "Cits").replace(
            "summary: S.", "summary: S.\nsave_as: zinas/2024/talka/index.html"),
        "pages/a.md": "---\ntitle: A\nsave_as: dup/index.html\n---\nT\n",
        "pages/b.md": "---\ntitle: B\nsave_as: dup/index.html\n---\nT\n",
    }, settings)
    assert found == [
        ("cits.md", 6, "save_as", "šī adrese jau ir talka.md",
         "/zinas/2024/talka/index.html"),
        ("pages/b.md", 3, "save_as", "šī adrese jau ir pages/a.md", "/dup/index.html")]


EVENT_ARTICLE = ARTICLE.replace("summary: S.", """summary: S.
events:
  - title: Dzejas vakars
    start: 2024-05-01 18:00
    location: Zāle
  - title: Maija tirgus
    start: 2024-05
    location: Laukums""")


@pytest.mark.parametrize("other", ["cits.md", "pages/cits.md"])
def test_a_save_as_on_an_events_own_ics_is_refused_at_its_line(
        tmp_path: Path, settings: dict[str, Any], other: str) -> None:
    """The events plugin writes each dated event's .ics beside its article, at a name no
    setting gives: a document's own `save_as:` there would have lost the calendar file."""
    ics = "zinas/2024/talka/notikums-dzejas-vakars.ics"
    head = "---\ntitle: Cits\ndate: 2024-04-03\nregion: Latgale\nsummary: S.\n" \
        if other == "cits.md" else "---\ntitle: Cits\n"
    found = _problems(tmp_path, {"talka.md": EVENT_ARTICLE,
                                 other: f"{head}save_as: {ics}\n---\nT\n"}, settings)
    line = 6 if other == "cits.md" else 3
    assert found == [(other, line, "save_as", "šī adrese jau ir vietnes pašas failam", f"/{ics}")]


def test_an_events_own_ics_follows_its_articles_own_save_as(
        tmp_path: Path, settings: dict[str, Any]) -> None:
    """The .ics lies beside the file the article is written to; a month-only event has none,
    nor has a draft's event."""
    moved = EVENT_ARTICLE.replace("summary: S.", "summary: S.\nsave_as: arhivs-x/talka.html")
    assert _problems(tmp_path, {
        "talka.md": moved,
        "melnraksts.md": EVENT_ARTICLE.replace("Talka", "M").replace(
            "summary: S.", "summary: S.\nstatus: draft"),
        "pages/a.md": "---\ntitle: A\nsave_as: arhivs-x/notikums-dzejas-vakars.ics\n---\nT\n",
        "pages/b.md": "---\ntitle: B\nsave_as: arhivs-x/notikums-maija-tirgus.ics\n---\nT\n",
        "c.md": ARTICLE.replace("Talka", "C").replace(
            "summary: S.", "summary: S.\nsave_as: zinas/2024/m/notikums-dzejas-vakars.ics"),
    }, settings) == [("pages/a.md", 3, "save_as", "šī adrese jau ir vietnes pašas failam",
                      "/arhivs-x/notikums-dzejas-vakars.ics")]


def test_a_save_as_of_its_own_is_allowed(tmp_path: Path, settings: dict[str, Any]) -> None:
    assert _problems(tmp_path, {
        "pages/p.md": "---\ntitle: P\nsave_as: par-mums/vesture.html\n---\nT\n",
        "talka.md": ARTICLE.replace("summary: S.",
                                    "summary: S.\nsave_as: zinas/2024/cita-talka/index.html"),
    }, settings) == []


class _Page:
    """A content object as Pelican's writer gets it: its own `save_as` when `own`."""

    def __init__(self, source: Path, own: bool) -> None:
        self.source_path = str(source)
        if own:
            self.override_save_as = "x"


class _Template:
    def __init__(self, text: str) -> None:
        self.text = text

    def render(self, _context: dict[str, Any]) -> str:
        return self.text


def _writer(tmp_path: Path, settings: dict[str, Any]) -> SafeWriter:
    (tmp_path / "content" / "pages").mkdir(parents=True)
    for name in ("h.md", "i.md", "a.md"):
        (tmp_path / "content" / "pages" / name).write_text(
            "---\ntitle: T\nsave_as: x\n---\nT\n", encoding="utf-8")
    return SafeWriter(str(tmp_path / "output"),
                      settings={**settings, "PATH": str(tmp_path / "content")})


def test_a_second_write_of_one_file_is_an_error_and_the_first_is_kept(
        tmp_path: Path, settings: dict[str, Any], caplog: pytest.LogCaptureFixture) -> None:
    """Pelican's writer let a page with its own `save_as:` overwrite the home page."""
    writer = _writer(tmp_path, settings)
    content = tmp_path / "content" / "pages"
    writer.write_file("index.html", _Template("mājas lapa"), {})
    writer.write_file("dup/index.html", _Template("A"), {},
                      page=_Page(content / "a.md", own=True))
    with caplog.at_level(logging.ERROR):
        writer.write_file("index.html", _Template("lapa h"), {}, override_output=True,
                          page=_Page(content / "h.md", own=True))
        writer.write_file("dup/index.html", _Template("B"), {}, override_output=True,
                          page=_Page(content / "h.md", own=True))
        writer.write_file("kalendars.ics", _Template("lapa i"), {}, override_output=True,
                          page=_Page(content / "i.md", own=True))
    problems = [record.content_problem for record in caplog.records]
    assert [(p.path, p.line, p.what_lv, p.what_en, p.value) for p in problems] == [
        ("pages/h.md", 3, "šī adrese jau ir vietnes pašas failam",
         "the address is already a file the site writes itself", "/index.html"),
        ("pages/h.md", 3, "šī adrese jau ir pages/a.md", "the address is already pages/a.md's",
         "/dup/index.html"),
        ("pages/i.md", 3, "šī adrese jau ir vietnes pašas failam",
         "the address is already a file the site writes itself", "/kalendars.ics")]
    assert all(FIX in p.fix for p in problems)
    assert str(tmp_path) not in caplog.text
    assert (tmp_path / "output" / "index.html").read_text(encoding="utf-8") == "mājas lapa"
    assert (tmp_path / "output" / "dup" / "index.html").read_text(encoding="utf-8") == "A"
    assert not (tmp_path / "output" / "kalendars.ics").exists()


def test_the_plugins_own_files_share_the_writers_register(
        tmp_path: Path, settings: dict[str, Any], caplog: pytest.LogCaptureFixture) -> None:
    """A plugin's own file (an event's .ics, a static file: common/claims.py `site_file`) and the
    writer's pages are claimed in one register per build: whoever writes second is refused,
    the file keeps what was written first, and the document with the `save_as:` is named."""
    writer = _writer(tmp_path, settings)
    pelican = SimpleNamespace(settings=writer.settings)
    open_build(pelican)
    writer = SafeWriter(writer.output_path, settings=pelican.settings)
    content, output = tmp_path / "content" / "pages", tmp_path / "output"
    ics = "zinas/2024/talka/notikums.ics"
    with caplog.at_level(logging.ERROR):
        writer.write_file(ics, _Template("lapa h"), {}, override_output=True,
                          article=_Page(content / "h.md", own=True))
        taken = site_file(pelican.settings, writer.output_path, ics)
        static = site_file(pelican.settings, writer.output_path, "faili/plakats.pdf")
        assert static is not None
        static.write_bytes(b"%PDF")
        writer.write_file("faili/plakats.pdf", _Template("lapa i"), {}, override_output=True,
                          article=_Page(content / "i.md", own=True))
        again = site_file(pelican.settings, writer.output_path, "faili/plakats.pdf")
    assert taken is None and again is None
    problems = [record.content_problem for record in caplog.records]
    assert [(p.path, p.line, p.what_lv, p.value) for p in problems] == [
        ("pages/h.md", 3, "šī adrese jau ir vietnes pašas failam", f"/{ics}"),
        ("pages/i.md", 3, "šī adrese jau ir vietnes pašas failam", "/faili/plakats.pdf"),
        ("faili/plakats.pdf", 0, "šī adrese jau ir vietnes pašas failam", "/faili/plakats.pdf")]
    assert (output / ics).read_text(encoding="utf-8") == "lapa h"
    assert (output / "faili" / "plakats.pdf").read_bytes() == b"%PDF"
