"""PDF and office documents that name their authors are refused, naming the fields found
(Word writes the Windows user's full name as Author and LastModifiedBy; a PDF exported from
it keeps the Author; reviewers' names stay on comments and tracked changes)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pelican.settings import read_settings
from pypdf import PdfWriter

from kopienu_zinas.common.frontmatter import discover_documents
from kopienu_zinas.site.documents import check_documents, personal_fields
from tests.documents import (
    odf_text,
    pdf_document,
    slides_with_comment,
    spreadsheet_with_comment,
    word_document,
)

SETTINGS = read_settings(str(Path(__file__).resolve().parents[2] / "pelicanconf.py"))
AUTHOR, REVIEWER, CHANGER = "Jānis Bērziņš", "Anna Ozola", "Pēteris Kalniņš"
TEMPLATE = r"file:///C:\Users\jberzins\AppData\Roaming\Microsoft\Templates\Vestule.dotm"


@pytest.mark.parametrize(("name", "write", "fields"), [
    pytest.param("plans.docx", lambda p: word_document(
        p, author=AUTHOR, editor=AUTHOR, company="SIA Tirgus", reviewer=REVIEWER,
        changed_by=CHANGER, template=TEMPLATE),
        [("Author", AUTHOR), ("LastModifiedBy", AUTHOR), ("Company", "SIA Tirgus"),
         ("Reviewer", CHANGER), ("Reviewer", REVIEWER), ("Path", r"C:\Users\jberzins")],
        id="word"),
    pytest.param("plans.pdf", lambda p: pdf_document(
        p, author=AUTHOR, xmp_creator=AUTHOR, reviewer=REVIEWER,
        title=r"C:\Users\jberzins\Desktop\plans.docx"),
        [("Author", AUTHOR), ("Title", r"C:\Users\jberzins"), ("Author", AUTHOR),
         ("Reviewer", REVIEWER)], id="pdf-from-word-commented-in-acrobat"),
    pytest.param("plans.odt", lambda p: odf_text(p, initial_creator=AUTHOR, creator=CHANGER,
                                                annotator=REVIEWER),
                 [("Author", AUTHOR), ("Author", CHANGER), ("Reviewer", REVIEWER)],
                 id="libreoffice"),
    pytest.param("tabula.xlsx", lambda p: spreadsheet_with_comment(p, AUTHOR),
                 [("Reviewer", AUTHOR)], id="excel-comment"),
    pytest.param("slaidi.pptx", lambda p: slides_with_comment(p, AUTHOR),
                 [("Reviewer", AUTHOR)], id="powerpoint-comment"),
    pytest.param("tirs.docx", word_document, [], id="word-after-document-inspector"),
    pytest.param("tirs.pdf", pdf_document, [], id="pdf-without-author"),
    pytest.param("tirs.odt", odf_text, [], id="libreoffice-without-personal-information"),
    pytest.param("saite.docx", lambda p: word_document(
        p, template="https://example.lv/home/veidne.dotm"), [], id="a-web-address-is-no-folder"),
])
def test_where_a_document_names_people(tmp_path: Path, name: str, write, fields) -> None:
    assert personal_fields(write(tmp_path / name)) == fields


def test_a_document_naming_people_is_refused_with_the_fields_and_the_fix(
        tmp_path: Path) -> None:
    """Published documents (under atteli/, or linked with {static}) are checked; the site's
    own names (SITENAME, EDITOR) are no one's private name; the editor's file is only read."""
    (tmp_path / "atteli").mkdir()
    word = word_document(tmp_path / "atteli/plans.docx", author=AUTHOR, editor=AUTHOR,
                         company="SIA Tirgus", reviewer=REVIEWER)
    pdf_document(tmp_path / "atteli/plans.pdf", author=SETTINGS["EDITOR"])
    pdf_document(tmp_path / "programma.pdf", author=AUTHOR)  # linked from the article
    (tmp_path / "raksts.md").write_text(
        "---\ntitle: Tirgus\ndate: 2026-03-05\nregion: Latgale\n---\n"
        "[Programma]({static}/programma.pdf)\n", encoding="utf-8")
    before = word.read_bytes()
    documents, _found = discover_documents(tmp_path)
    found = check_documents(None, documents, {**SETTINGS, "PATH": str(tmp_path)})
    assert [problem.format().split(" — ")[0] for problem in found] == [
        "atteli/plans.docx: metadata: dokumentā ir cilvēku vārdi, un tas tiktu publicēts, kāds "
        "ir (the document names people in its metadata and would be published as it is): "
        f"Author: {AUTHOR}; LastModifiedBy: {AUTHOR}; Company: SIA Tirgus; Reviewer: {REVIEWER}",
        "programma.pdf: metadata: dokumentā ir cilvēku vārdi, un tas tiktu publicēts, kāds ir "
        f"(the document names people in its metadata and would be published as it is): "
        f"Author: {AUTHOR}"]
    assert all("Inspect Document" in p.fix and "Remove personal information on saving" in p.fix
               and "Remove Hidden Information" in p.fix for p in found)
    assert all(problem.severity == "error" for problem in found)
    assert word.read_bytes() == before


def encrypted_pdf() -> bytes:
    """A PDF that opens only with a password (Acrobat's "Require a password to open")."""
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    writer.add_metadata({"/Author": AUTHOR})
    writer.encrypt("parole", algorithm="RC4-128")
    data = io.BytesIO()
    writer.write(data)
    return data.getvalue()


@pytest.mark.parametrize(("name", "data"), [
    ("bojats.pdf", b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog"),
    ("ar-paroli.pdf", encrypted_pdf()),
    ("bojats.docx", b"PK\x03\x04 not a whole zip"),
    ("nav-docx.docx", b"Just text saved with the wrong ending."),
])
def test_a_document_that_cannot_be_read_is_refused_not_passed(
        tmp_path: Path, name: str, data: bytes) -> None:
    (tmp_path / "atteli").mkdir()
    (tmp_path / "atteli" / name).write_bytes(data)
    documents, _found = discover_documents(tmp_path)
    [problem] = check_documents(None, documents, {**SETTINGS, "PATH": str(tmp_path)})
    assert (problem.path, problem.field) == (f"atteli/{name}", "file")
    assert problem.what_en == "the document cannot be read to check it for authors' names"
    assert problem.value  # the library's own words, after the class name
