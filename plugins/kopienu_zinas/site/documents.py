"""Rule: no PDF or office document is published with the names of the people who wrote,
edited or reviewed it ("nothing private is published"; photos are stripped by the image
pipeline, videos with a location refused by videos.py).

Documents are static files: Pelican publishes them byte for byte. Word writes the Windows
user's full name as the document's Author and LastModifiedBy (`docProps/core.xml`), the
organisation as Company (`docProps/app.xml`), every reviewer's name on comments and tracked
changes (`w:author`); a PDF exported from Word carries the Author in `/Info` and in its XMP
(`dc:creator`), a PDF commented in Acrobat each comment's author (`/T`); LibreOffice's ODF
files keep `meta:initial-creator` and `dc:creator` in `meta.xml`, and each comment's and
change's `dc:creator` in `content.xml`; templates and some exporters leave the user's own
folder (`C:\\Users\\jberzins\\…`). Each such document is an error naming the fields found
("Author: Jānis Bērziņš; Reviewer: Anna Ozola"), with the fix in the editor's application
(docs/redaktoriem.md, "Dokumenti bez vārdiem"). The site's own names (SITENAME, EDITOR) are
not private and pass.

Refused, not cleaned: a copy cleaned of the metadata fields still carries what a cleaner
does not know of (a comment's author in a PDF annotation, a tracked change in a header, the
metadata of a picture inside), and accepting or dropping tracked changes changes what the
document says. The applications' own inspectors (Word's Document Inspector, LibreOffice's
"Remove personal information on saving", Acrobat's "Remove Hidden Information") clean all of
it under the editor's eyes. Editors' files are only read.

PDFs are read with pypdf (the document information dictionary, XMP metadata and annotations
of its latest revision); office files (Office Open XML: ECMA-376 Part 2 packages; ODF 1.3
Part 2 packages) with zipfile and lxml, every XML part walked once.
"""

from __future__ import annotations

import io
import logging
import re
import zipfile
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from lxml import etree
from pypdf import PdfReader
from pypdf.errors import PyPdfError
from pypdf.generic import DictionaryObject

from ..common.problems import ContentProblem
from .runnable import published_as_is

#: Endings (lower case, no dot) of the documents read: PDF, Office Open XML (with macros
#: too), ODF.
PDF_ENDINGS = frozenset({"pdf"})
OFFICE_ENDINGS = frozenset({"docx", "docm", "xlsx", "xlsm", "pptx", "pptm", "odt", "ods", "odp"})
#: Metadata elements (local names, any namespace) that hold a person or an organisation, and
#: the field name the message shows (Word's and Acrobat's names for them).
PERSONAL_ELEMENTS = {"creator": "Author", "initial-creator": "Author",
                     "lastModifiedBy": "LastModifiedBy", "Company": "Company",
                     "Manager": "Manager", "printed-by": "PrintedBy"}
#: Parts whose metadata elements describe the document (elsewhere, an ODF `dc:creator` is a
#: comment's or a tracked change's author: a reviewer).
METADATA_PARTS = frozenset({"docProps/core.xml", "docProps/app.xml", "meta.xml"})
#: Attributes naming a reviewer: Word's comments and tracked changes (`w:author`), its people
#: list (`w15:author`), Excel's shared-workbook revisions (`userName`).
REVIEWER_ATTRIBUTES = frozenset({"author", "userName"})
#: Elements naming a reviewer by an attribute: PowerPoint's comment authors (`p:cmAuthor`,
#: modern `p188:author`) and Excel's threaded-comment people (`person`).
REVIEWER_ELEMENTS = {"cmAuthor": "name", "author": "name", "person": "displayName"}
#: Elements naming a reviewer by their text: Excel's comment authors (`<authors><author>`).
REVIEWER_TEXT_ELEMENTS = frozenset({"author"})
#: `/Info` keys of a PDF that hold a person or an organisation (Office adds its own keys).
PDF_INFO_KEYS = {"/Author": "Author", "/LastModifiedBy": "LastModifiedBy",
                 "/Company": "Company", "/Manager": "Manager"}
#: A user's own folder in a path (Windows, macOS, Linux): its name is the user's.
#: Unix ones only as a whole path or a file: URL (a web address may hold "/home/").
HOME_FOLDER = re.compile(r"(?:\b[A-Za-z]:[\\/]+(?:Users|Documents and Settings)"
                         r"|(?:^|file://)/(?:Users|home))[\\/]+[^\\/\s\"'<>]+", re.IGNORECASE)
_PARSER_OPTIONS = {"resolve_entities": False, "no_network": True, "huge_tree": False}

FIX = ("noņem personisko informāciju ar programmu, kurā to veidoji, un saglabā no jauna: "
       "Word — File → Info → Check for Issues → Inspect Document → Remove All (arī "
       "komentāriem un izmaiņām), tad saglabā vai eksportē PDF; LibreOffice — Tools → Options → "
       "Security → Options → „Remove personal information on saving” un File → Properties → "
       "Reset Properties; Acrobat — Tools → Redact → Remove Hidden Information; skat. "
       "docs/redaktoriem.md, „Dokumenti bez vārdiem”")
UNREADABLE_FIX = ("atver to programmā, kurā to veidoji, un saglabā no jauna (PDF bez paroles); "
                  "skat. docs/redaktoriem.md, „Dokumenti bez vārdiem”")


class UnreadableDocument(Exception):
    """The document's metadata cannot be read (damaged, encrypted, not what its ending says)."""


def check_documents(sender: Any, documents: Sequence[Any],
                    settings: dict[str, Any]) -> list[ContentProblem]:
    """content_check: each PDF or office document Pelican would publish that names a person
    (or cannot be read to know)."""
    root = Path(settings["PATH"])
    ours = {str(settings.get(name) or "").strip() for name in ("SITENAME", "EDITOR")}
    found = []
    for name in published_as_is(root, documents, settings, set(PDF_ENDINGS | OFFICE_ENDINGS)):
        try:
            fields = [f"{field}: {value}" for field, value in personal_fields(root / name)
                      if value not in ours]
        except UnreadableDocument as error:
            found.append(ContentProblem(
                name, 0, "file", "dokumentu nevar nolasīt, lai pārbaudītu autoru vārdus",
                "the document cannot be read to check it for authors' names",
                UNREADABLE_FIX, str(error)))
            continue
        if fields:
            found.append(ContentProblem(
                name, 0, "metadata", "dokumentā ir cilvēku vārdi, un tas tiktu publicēts, kāds "
                "ir", "the document names people in its metadata and would be published as "
                "it is", FIX, "; ".join(dict.fromkeys(fields))))
    return found


def personal_fields(path: Path) -> list[tuple[str, str]]:
    """(field, value) for each person, organisation or user's folder the document at `path`
    names, in file order ("Author", "Jānis Bērziņš"); [] for none. Raises
    UnreadableDocument."""
    try:
        if path.suffix.lower().lstrip(".") in PDF_ENDINGS:
            return pdf_fields(path)
        with zipfile.ZipFile(path) as package:
            return office_fields(package)
    except (OSError, zipfile.BadZipFile, etree.XMLSyntaxError, PyPdfError, ValueError,
            KeyError, TypeError, AttributeError, RecursionError) as error:
        raise UnreadableDocument(f"{type(error).__name__}: {error}") from error


@contextmanager
def _quiet(name: str) -> Iterator[None]:
    """Keep a library's log quiet while it reads: its warnings about a slightly damaged file
    are no problem of the site's (the build reports every warning logged)."""
    logger = logging.getLogger(name)
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(level)


def pdf_fields(path: Path) -> list[tuple[str, str]]:
    """The PDF's personal fields: `/Info` (Author, and Company, Manager, LastModifiedBy as
    Office writes them), the XMP metadata (dc:creator and the other elements of
    :data:`PERSONAL_ELEMENTS`), each annotation's author (`/T`: "Reviewer"), and any text
    value of `/Info` or XMP that holds a user's own folder ("Title: C:\\Users\\jberzins").
    Raises UnreadableDocument for an encrypted PDF that opens with no empty password."""
    found: list[tuple[str, str]] = []
    with _quiet("pypdf"):
        reader = PdfReader(path)
        if reader.is_encrypted and not reader.decrypt(""):
            raise UnreadableDocument("šifrēts PDF (encrypted PDF)")
        info: Mapping[str, Any] = reader.metadata or {}
        for key, value in info.items():
            text = str(value).strip()
            if key in PDF_INFO_KEYS and text:
                found.append((PDF_INFO_KEYS[key], text))
            found += [(str(key).lstrip("/"), folder) for folder in HOME_FOLDER.findall(text)]
        catalog = reader.trailer["/Root"]
        metadata = catalog.get("/Metadata") if isinstance(catalog, DictionaryObject) else None
        if metadata is not None:
            found += _xml_fields(metadata.get_object().get_data(), metadata=True)
        for page in reader.pages:
            for annotation in page.get("/Annots") or ():
                author = annotation.get_object().get("/T")
                if author is not None and str(author).strip():
                    found.append(("Reviewer", str(author).strip()))
    return found


def office_fields(package: zipfile.ZipFile) -> list[tuple[str, str]]:
    """The personal fields of every XML part of an Office Open XML or ODF package (its
    `.xml` and `.rels` parts, in the package's order)."""
    found: list[tuple[str, str]] = []
    for part in package.infolist():
        if part.filename.lower().endswith((".xml", ".rels")):
            with package.open(part) as stream:
                found += _xml_fields(stream, part.filename in METADATA_PARTS)
    return found


def _xml_fields(source: bytes | IO[bytes], metadata: bool) -> list[tuple[str, str]]:
    """The personal fields of one XML part: metadata elements (named as the document's when
    `metadata`: a part of :data:`METADATA_PARTS` or a PDF's XMP packet, else reviewers),
    reviewers' names (attributes and elements), and users' folders in any attribute (a
    template's or a link's path) and in the metadata's text."""
    found: list[tuple[str, str]] = []
    stream = etree.iterparse(io.BytesIO(source) if isinstance(source, bytes) else source,
                             events=("start", "end"), **_PARSER_OPTIONS)
    holding = 0  # open elements whose text is still wanted
    for event, element in stream:
        if not isinstance(element.tag, str):
            continue  # a comment or processing instruction
        local = etree.QName(element).localname
        wanted = local in PERSONAL_ELEMENTS or local in REVIEWER_TEXT_ELEMENTS or metadata
        if event == "start":
            holding += wanted
            continue
        holding -= wanted
        text = "".join(element.itertext()).strip() if wanted else ""
        if text and local in PERSONAL_ELEMENTS:
            found.append((PERSONAL_ELEMENTS[local] if metadata else "Reviewer", text))
        elif text and local in REVIEWER_TEXT_ELEMENTS and not len(element):
            found.append(("Reviewer", text))
        if metadata and element.text:
            found += [(local, folder) for folder in HOME_FOLDER.findall(element.text)]
        attribute = REVIEWER_ELEMENTS.get(local)
        if attribute and element.get(attribute, "").strip():
            found.append(("Reviewer", element.get(attribute, "").strip()))
        for name, value in element.attrib.items():
            if etree.QName(name).localname in REVIEWER_ATTRIBUTES and value.strip():
                found.append(("Reviewer", value.strip()))
            found += [("Path", folder) for folder in HOME_FOLDER.findall(value)]
        if not holding:
            element.clear(keep_tail=True)  # each part is walked once: memory stays flat
    return found
