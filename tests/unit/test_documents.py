"""PDF and office documents that name their authors are refused, naming the fields found
(Word writes the Windows user's full name as Author and LastModifiedBy; a PDF exported from
it keeps the Author; reviewers' names stay on comments and tracked changes)."""

from __future__ import annotations

import io
from pathlib import Path

import olefile
import pytest
from pelican.settings import read_settings
from pypdf import PdfWriter
from pypdf.errors import DependencyError

from kopienu_zinas.common.frontmatter import discover_documents
from kopienu_zinas.site.documents import check_documents
from kopienu_zinas.site.documents import pdf as pdf_reader
from kopienu_zinas.site.documents.reading import personal_fields
from tests.documents import (
    odf_text,
    ole_document,
    pdf_bytes,
    pdf_document,
    rtf_document,
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
    pytest.param("vestule.rtf", lambda p: rtf_document(
        p, author=AUTHOR, operator=CHANGER, company="Rēzeknes pašvaldība", reviser=REVIEWER,
        annotator="Zoë Ozola"),
        [("Reviewer", "Unknown"), ("Reviewer", REVIEWER), ("Author", AUTHOR),
         ("LastModifiedBy", CHANGER), ("Company", "Rēzeknes pašvaldība"),
         ("Reviewer", "Zoë Ozola")], id="rtf"),
    pytest.param("tirs.rtf", rtf_document, [], id="rtf-without-personal-information"),
    pytest.param("lemums.doc", lambda p: ole_document(
        p, author=AUTHOR, last_author=CHANGER, company="Rēzeknes pašvaldība", manager=REVIEWER,
        template=r"C:\Users\jberzins\AppData\Roaming\Microsoft\Templates\Normal.dotm"),
        [("Author", AUTHOR), ("Template", r"C:\Users\jberzins"), ("LastModifiedBy", CHANGER),
         ("Manager", REVIEWER), ("Company", "Rēzeknes pašvaldība")], id="word-97-2003"),
    pytest.param("tirs.xls", ole_document, [], id="excel-97-2003-without-personal-information"),
    pytest.param("libreoffice.xls", lambda p: ole_document(p, author=AUTHOR, codepage=65001),
                 [("Author", AUTHOR)], id="libreoffice-97-2003-utf-8"),
])
def test_where_a_document_names_people(tmp_path: Path, name: str, write, fields) -> None:
    assert personal_fields(write(tmp_path / name)).latest == fields


def check(tmp_path: Path, files: dict[str, bytes]) -> list[str]:
    """The messages the content check gives for these files under atteli/ (up to " — ")."""
    (tmp_path / "atteli").mkdir()
    for name, data in files.items():
        (tmp_path / "atteli" / name).write_bytes(data)
    documents, _found = discover_documents(tmp_path)
    found = check_documents(None, documents, {**SETTINGS, "PATH": str(tmp_path)})
    return [problem.format().split(" — ")[0] for problem in found]


def named(text: str) -> str:
    return ("dokumentā ir cilvēku vārdi, un tas tiktu publicēts, kāds ir (the document names "
            f"people in its metadata and would be published as it is): {text}")


def written(writer: PdfWriter) -> bytes:
    data = io.BytesIO()
    writer.write(data)
    return data.getvalue()


def restricted_pdf(algorithm: str) -> bytes:
    """A PDF that opens with no password but restricts editing (Word's "Restrict Editing"
    and Acrobat's permissions password encrypt it with AES and an empty user password)."""
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    writer.add_metadata({"/Author": AUTHOR})
    writer.encrypt(user_password="", owner_password="s", algorithm=algorithm)
    return written(writer)


def test_a_pdf_restricting_only_editing_is_checked_like_any_other(tmp_path: Path) -> None:
    """QA: AES needs the cryptography package (pypdf's crypto extra): without it the build
    crashed (AES-128) or asked the editor to tell the developers (AES-256)."""
    assert check(tmp_path, {"aes128.pdf": restricted_pdf("AES-128"),
                            "aes256.pdf": restricted_pdf("AES-256")}) == [
        f"atteli/aes128.pdf: metadata: {named('Author: ' + AUTHOR)}",
        f"atteli/aes256.pdf: metadata: {named('Author: ' + AUTHOR)}"]


def test_no_error_of_the_pdf_library_stops_the_build(tmp_path: Path, monkeypatch) -> None:
    """pypdf raises more than PyPdfError (DependencyError, IndexError): any of them is the
    "cannot be read" message, never a crash or a message for the developers."""
    def fail(_source: object) -> None:
        raise DependencyError("cryptography>=3.1 is required for AES algorithm")
    monkeypatch.setattr(pdf_reader, "PdfReader", fail)
    assert check(tmp_path, {"plans.pdf": pdf_bytes()}) == [
        "atteli/plans.pdf: file: dokumentu nevar nolasīt, lai pārbaudītu autoru vārdus (the "
        "document cannot be read to check it for authors' names): DependencyError: "
        "cryptography>=3.1 is required for AES algorithm"]


def incremental(source: bytes, metadata: dict[str, str]) -> bytes:
    """`source` saved again incrementally (as Acrobat's plain "Save" does) with `metadata`."""
    writer = PdfWriter(io.BytesIO(source), incremental=True)
    writer.add_metadata(metadata)
    return written(writer)


def test_a_name_left_in_an_earlier_revision_of_a_pdf_is_found(tmp_path: Path) -> None:
    """QA: removing the author and saving incrementally kept `/Author (Jānis Bērziņš)` in the
    file's first revision, and it was published. Names already shown for the latest revision
    are not repeated."""
    original = pdf_bytes(author=AUTHOR)
    assert original.count(b"%%EOF") == 1
    removed = incremental(original, {"/Author": ""})
    assert removed.startswith(original) and removed.count(b"%%EOF") == 2  # kept as it was
    problems = check(tmp_path, {
        "noņemts.pdf": removed,
        "mainīts.pdf": incremental(original, {"/Author": REVIEWER}),
        "vēlreiz.pdf": incremental(incremental(original, {"/Title": "Tirgus"}), {}),
        "tirs.pdf": incremental(pdf_bytes(), {"/Title": "Tirgus"})})
    revision = ("revisions: PDF iepriekšējā versijā, kas palikusi failā, ir cilvēku vārdi (an "
                "earlier revision of the PDF, kept in the file by an incremental save, names "
                f"people): Author: {AUTHOR}")
    assert problems == [f"atteli/mainīts.pdf: metadata: {named('Author: ' + REVIEWER)}",
                        f"atteli/mainīts.pdf: {revision}",
                        f"atteli/noņemts.pdf: {revision}",
                        f"atteli/vēlreiz.pdf: metadata: {named('Author: ' + AUTHOR)}"]


def test_the_revisions_message_says_to_save_a_single_revision(tmp_path: Path) -> None:
    (tmp_path / "atteli").mkdir()
    (tmp_path / "atteli/plans.pdf").write_bytes(incremental(pdf_bytes(author=AUTHOR),
                                                            {"/Author": ""}))
    documents, _found = discover_documents(tmp_path)
    [problem] = check_documents(None, documents, {**SETTINGS, "PATH": str(tmp_path)})
    assert "Save As" in problem.fix and "eksportē" in problem.fix


def test_placeholders_that_name_no_one_pass(tmp_path: Path) -> None:
    """QA: ReportLab writes "anonymous" as every PDF's author, and the fix steps (Word,
    LibreOffice, Acrobat) do not help a script's user; Mac Office's "Microsoft Office User",
    Word's "Author" (after its inspector), RTF's "Unknown" name no one either."""
    reportlab = PdfWriter()
    reportlab.add_blank_page(595, 842)
    reportlab.add_metadata({"/Author": "anonymous", "/Creator": "(unspecified)"})
    word = word_document(tmp_path / "mac.docx", author="Microsoft Office User",
                         editor="Microsoft Office User", reviewer="Author")
    assert check(tmp_path, {"atskaite.pdf": written(reportlab), "mac.docx": word.read_bytes(),
                            "vestule.rtf": rtf_document(tmp_path / "v.rtf", author="Unknown",
                                                        operator="USER").read_bytes()}) == []


def test_the_sites_own_name_passes_in_a_libreoffice_97_2003_file(tmp_path: Path) -> None:
    """QA: LibreOffice writes a .doc's or .xls's names in UTF-8 (code page 65001, which the
    VT_I2 property holds and olefile returns as -535); read as cp1252 the site's own name
    became "Kopienu ziÅ†u redakcija" and was refused as a person's."""
    ours = ole_document(tmp_path / "a.xls", author=SETTINGS["EDITOR"], codepage=65001)
    theirs = ole_document(tmp_path / "b.doc", last_author=AUTHOR, codepage=65001)
    assert check(tmp_path, {"tabula.xls": ours.read_bytes(),
                            "lemums.doc": theirs.read_bytes()}) == [
        f"atteli/lemums.doc: metadata: {named('LastModifiedBy: ' + AUTHOR)}"]


def test_a_librarys_own_name_as_author_passes(tmp_path: Path) -> None:
    """QA: openpyxl writes "openpyxl" as every workbook's author, python-docx and python-pptx
    their own names as lastModifiedBy: programs, not people, and refused as people."""
    files = {"tabula.xlsx": word_document(tmp_path / "t.xlsx", author="openpyxl"),
             "vestule.docx": word_document(tmp_path / "v.docx", author="python-docx",
                                           editor="python-docx"),
             "slaidi.pptx": word_document(tmp_path / "s.pptx", editor="python-pptx"),
             "cits.docx": word_document(tmp_path / "c.docx", author="python-docx",
                                        editor=AUTHOR)}
    assert check(tmp_path, {name: path.read_bytes() for name, path in files.items()}) == [
        f"atteli/cits.docx: metadata: {named('LastModifiedBy: ' + AUTHOR)}"]


@pytest.mark.parametrize(("name", "data", "what"), [
    ("programma.pdf", b"<!DOCTYPE html>\n<html><body>Lapa nav atrasta</body></html>",
     "fails nav PDF, bet tīmekļa lapa (HTML) (the file is not a PDF but a web page (HTML))"),
    ("programma.pdf", b"PK\x03\x04" + bytes(40),
     "fails nav PDF, bet Office Open XML vai ODF dokuments (zip) (the file is not a PDF but "
     "an Office Open XML or ODF document (zip))"),
    ("plans.docx", olefile.MAGIC + bytes(504),
     "fails nav Office Open XML vai ODF dokuments (zip), bet Word/Excel/PowerPoint 97–2003 "
     "dokuments (the file is not an Office Open XML or ODF document (zip) but a "
     "Word/Excel/PowerPoint 97–2003 file)"),
    ("nav-docx.docx", b"Just text saved with the wrong ending.",
     "fails nav Office Open XML vai ODF dokuments (zip), bet nezināma formāta fails (the file "
     "is not an Office Open XML or ODF document (zip) but a file of an unknown format)"),
    ("tukss.rtf", b"", "fails nav RTF dokuments, bet tukšs fails (the file is not an RTF "
     "document but an empty file)"),
])
def test_a_file_that_is_not_what_its_ending_says_is_named(
        tmp_path: Path, name: str, data: bytes, what: str) -> None:
    """QA: a `.pdf` a browser saved from a login page gave "PdfStreamError: Stream has ended
    unexpectedly"."""
    assert check(tmp_path, {name: data}) == [f"atteli/{name}: file: {what}"]


def test_word_opens_rtf_and_docx_named_doc_so_they_are_read_as_such(tmp_path: Path) -> None:
    assert check(tmp_path, {
        "a.doc": rtf_document(tmp_path / "a.rtf", author=AUTHOR).read_bytes(),
        "b.doc": word_document(tmp_path / "b.docx", author=REVIEWER).read_bytes()}) == [
        f"atteli/a.doc: metadata: {named('Author: ' + AUTHOR)}",
        f"atteli/b.doc: metadata: {named('Author: ' + REVIEWER)}"]


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
    ("bojats.doc", olefile.MAGIC + bytes(504)),
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
