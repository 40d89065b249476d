"""A PDF exported from Word with its author's name stops the build before anything is
published (QA: documents were published with their metadata); the same PDF without it is
published byte for byte, and the editor's file is never changed."""

from __future__ import annotations

import io
from pathlib import Path

from pypdf import PdfWriter

from tests.documents import pdf_document
from tests.sitebuild import run_build

ARTICLE = ("---\ntitle: Tirgus programma\ndate: 2026-03-05\nregion: Latgale\n"
           "summary: Tirgus programma lejupielādei.\n---\n"
           "[Programma (PDF)]({static}/atteli/programma.pdf)\n")


def test_a_pdf_naming_its_author_is_not_published_until_it_is_removed(tmp_path: Path) -> None:
    content = tmp_path / "content"
    (content / "atteli").mkdir(parents=True)
    (content / "tirgus.md").write_text(ARTICLE, encoding="utf-8")
    pdf = pdf_document(content / "atteli/programma.pdf", author="Jānis Bērziņš",
                       xmp_creator="Jānis Bērziņš")
    written = pdf.read_bytes()
    refused = run_build(tmp_path / "out", content=content)
    assert refused.returncode != 0
    assert refused.stderr.count("error: ") == 1, refused.stderr
    assert ("atteli/programma.pdf: metadata: dokumentā ir cilvēku vārdi, un tas tiktu "
            "publicēts, kāds ir (the document names people in its metadata and would be "
            "published as it is): Author: Jānis Bērziņš — ") in refused.stderr
    assert not (tmp_path / "out").exists() and pdf.read_bytes() == written
    pdf_document(pdf)  # saved again without personal information
    published = run_build(tmp_path / "out", "--strict", content=content)
    assert published.returncode == 0, published.stderr
    assert (tmp_path / "out/atteli/programma.pdf").read_bytes() == pdf.read_bytes()


def test_a_restricted_pdf_and_a_name_in_an_earlier_revision_are_reported_not_crashed(
        tmp_path: Path) -> None:
    """QA: an AES "restrict editing" PDF crashed the build with a traceback; a PDF whose
    author was removed with an incremental save was published with the name inside."""
    content = tmp_path / "content"
    (content / "atteli").mkdir(parents=True)
    (content / "tirgus.md").write_text(ARTICLE, encoding="utf-8")
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    writer.add_metadata({"/Author": "Anna Ozola"})
    writer.encrypt(user_password="", owner_password="s", algorithm="AES-128")
    writer.write(content / "atteli/ierobezots.pdf")
    original = pdf_document(content / "atteli/programma.pdf", author="Jānis Bērziņš")
    incremental = PdfWriter(io.BytesIO(original.read_bytes()), incremental=True)
    incremental.add_metadata({"/Author": ""})
    incremental.write(original)
    refused = run_build(tmp_path / "out", content=content)
    assert refused.returncode != 0 and "Traceback" not in refused.stderr, refused.stderr
    assert refused.stderr.count("error: ") == 2, refused.stderr
    assert ("atteli/ierobezots.pdf: metadata: dokumentā ir cilvēku vārdi, un tas tiktu "
            "publicēts, kāds ir (the document names people in its metadata and would be "
            "published as it is): Author: Anna Ozola — ") in refused.stderr
    assert ("atteli/programma.pdf: revisions: PDF iepriekšējā versijā, kas palikusi failā, ir "
            "cilvēku vārdi (an earlier revision of the PDF, kept in the file by an incremental "
            "save, names people): Author: Jānis Bērziņš — ") in refused.stderr
