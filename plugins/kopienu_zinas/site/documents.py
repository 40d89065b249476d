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
of every revision: an incremental save, ISO 32000-1 §7.5.6, leaves the earlier `/Info` in the
file); office files (Office Open XML: ECMA-376 Part 2 packages; ODF 1.3 Part 2 packages) with
zipfile and lxml, every XML part walked once; Word, Excel and PowerPoint 97–2003 files with
olefile (their property sets, [MS-OLEPS]); RTF by its own grammar (RTF 1.9.1, "Information
Group", "Annotations", "Revision Marks"). A file is read as what its first bytes say it is:
one that is not what its ending says (a `.pdf` that a browser saved from a login page) is
refused as such.
"""

from __future__ import annotations

import codecs
import io
import logging
import re
import zipfile
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import olefile
from lxml import etree
from pypdf import PdfReader
from pypdf.generic import DictionaryObject

from ..common.problems import ContentProblem
from .runnable import published_as_is

#: Each format read, by how its files start (ISO 32000-1 §7.5.2, tolerated in the first 1024
#: bytes as readers do; APPNOTE.TXT §4.3.7; [MS-CFB] §2.2; RTF 1.9.1 "RTF Version"), and what
#: the editor knows it as (Latvian, English).
FORMATS = {"pdf": ("PDF", "a PDF"),
           "zip": ("Office Open XML vai ODF dokuments (zip)",
                   "an Office Open XML or ODF document (zip)"),
           "ole": ("Word/Excel/PowerPoint 97–2003 dokuments", "a Word/Excel/PowerPoint 97–2003 file"),
           "rtf": ("RTF dokuments", "an RTF document")}
#: What else a file named as a document turns out to be (by its start, after white space),
#: so that the message can say it.
OTHER_FORMATS = ((b"<!doctype html", "tīmekļa lapa (HTML)", "a web page (HTML)"),
                 (b"<html", "tīmekļa lapa (HTML)", "a web page (HTML)"),
                 (b"<?xml", "XML fails", "an XML file"),
                 (b"\xff\xd8\xff", "JPEG attēls", "a JPEG picture"),
                 (b"\x89png", "PNG attēls", "a PNG picture"))
#: Endings (lower case, no dot) of the documents read, and the formats each may hold: Office
#: Open XML (with macros, templates), ODF (with templates, drawings), and the binary 97–2003
#: files (Word opens an RTF or a .docx named .doc as well).
ENDINGS = {"pdf": frozenset({"pdf"}), "rtf": frozenset({"rtf"}),
           **dict.fromkeys(("docx", "docm", "dotx", "dotm", "xlsx", "xlsm", "xltx", "xltm",
                            "pptx", "pptm", "potx", "potm", "ppsx", "odt", "ods", "odp",
                            "odg", "ott", "ots", "otp"), frozenset({"zip"})),
           **dict.fromkeys(("doc", "dot"), frozenset({"ole", "rtf", "zip"})),
           **dict.fromkeys(("xls", "xlt", "ppt", "pot", "pps"), frozenset({"ole", "zip"}))}
#: Values that name no one: the placeholders applications and libraries write when they know
#: no user (ReportLab's "anonymous", Word's "Author" after its inspector, Mac Office's
#: "Microsoft Office User", "Unknown" in RTF revision tables, Windows' "Administrator" and
#: "User" accounts); compared case-insensitively.
PLACEHOLDERS = frozenset({"anonymous", "unknown", "author", "user", "administrator",
                          "microsoft office user"})
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
#: The end of one revision of a PDF: its cross-reference offset and end-of-file marker
#: (ISO 32000-1 §7.5.5, §7.5.6).
PDF_REVISION_END = re.compile(rb"startxref\s+(\d+)\s+%%EOF[\r\n]*")
#: olefile's names of the 97–2003 property-set fields that hold a person or an organisation
#: (SummaryInformation PIDSI_AUTHOR, PIDSI_LASTAUTHOR; DocumentSummaryInformation
#: PIDDSI_MANAGER, PIDDSI_COMPANY) and Word's names for them.
OLE_FIELDS = {"author": "Author", "last_saved_by": "LastModifiedBy", "company": "Company",
              "manager": "Manager"}
#: RTF destinations that hold a person or an organisation: the information group's
#: `\author`, `\operator` (last saved by), `\company`, `\manager`; an annotation's
#: `\atnauthor`; the revision table's authors (`\revtbl`, one group each).
RTF_FIELDS = {"author": "Author", "operator": "LastModifiedBy", "company": "Company",
              "manager": "Manager", "atnauthor": "Reviewer", "revtbl": "Reviewer"}
_RTF_TOKEN = re.compile(rb"\\([a-zA-Z]{1,32})(-?\d{1,10})? ?|\\'([0-9a-fA-F]{2})|\\(.)|([{}])"
                        rb"|([^\\{}\r\n]+)|[\r\n]+", re.DOTALL)
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
REVISIONS_FIX = ("saglabā PDF kā jaunu failu vienā versijā: Acrobat — File → Save As (nevis "
                 "Save), vai eksportē PDF no jauna no Word vai LibreOffice; skat. "
                 "docs/redaktoriem.md, „Dokumenti bez vārdiem”")
WRONG_FORMAT_FIX = ("atver failu un pārbaudi, vai tas ir īstais dokuments (pārlūks mēdz saglabāt "
                    "pieteikšanās vai kļūdas lapu dokumenta vietā); tad lejupielādē vai eksportē "
                    "dokumentu no jauna vai dod failam galotni, kas atbilst tā saturam; skat. "
                    "docs/redaktoriem.md, „Dokumenti bez vārdiem”")


class UnreadableDocument(Exception):
    """The document's metadata cannot be read (damaged, encrypted)."""


class WrongFormat(Exception):
    """The file is not what its ending says: args are what it is (Latvian, English)."""


def check_documents(sender: Any, documents: Sequence[Any],
                    settings: dict[str, Any]) -> list[ContentProblem]:
    """content_check: each document Pelican would publish (:data:`ENDINGS`) that names a
    person in its latest version or in an earlier revision kept in the file, that is not
    what its ending says, or that cannot be read to know."""
    root = Path(settings["PATH"])
    ours = {str(settings.get(name) or "").strip().casefold()
            for name in ("SITENAME", "EDITOR")} | PLACEHOLDERS
    found = []
    for name in published_as_is(root, documents, settings, set(ENDINGS)):
        try:
            names = personal_fields(root / name)
        except WrongFormat as error:
            expected_lv, expected_en = FORMATS[sorted(ENDINGS[ending_of(name)])[0]]
            found.append(ContentProblem(
                name, 0, "file", f"fails nav {expected_lv}, bet {error.args[0]}",
                f"the file is not {expected_en} but {error.args[1]}", WRONG_FORMAT_FIX))
            continue
        except UnreadableDocument as error:
            found.append(ContentProblem(
                name, 0, "file", "dokumentu nevar nolasīt, lai pārbaudītu autoru vārdus",
                "the document cannot be read to check it for authors' names",
                UNREADABLE_FIX, str(error)))
            continue
        latest = _shown(names.latest, ours)
        if latest:
            found.append(ContentProblem(
                name, 0, "metadata", "dokumentā ir cilvēku vārdi, un tas tiktu publicēts, kāds "
                "ir", "the document names people in its metadata and would be published as "
                "it is", FIX, "; ".join(latest)))
        earlier = [shown for shown in _shown(names.earlier, ours) if shown not in latest]
        if earlier:
            found.append(ContentProblem(
                name, 0, "revisions", "PDF iepriekšējā versijā, kas palikusi failā, ir cilvēku "
                "vārdi", "an earlier revision of the PDF, kept in the file by an incremental "
                "save, names people", REVISIONS_FIX, "; ".join(earlier)))
    return found


def _shown(fields: list[tuple[str, str]], ours: set[str]) -> list[str]:
    """"Field: value" for each field whose value is not the site's own name or a placeholder
    (compared case-insensitively), once each, in file order."""
    return list(dict.fromkeys(f"{name}: {value}" for name, value in fields
                              if value.casefold() not in ours))


def ending_of(name: str) -> str:
    """A file name's ending, lower case, without the dot ("" for none)."""
    return Path(name).suffix.lower().lstrip(".")


@dataclass(frozen=True)
class Names:
    """The personal fields a document holds, as (field, value) pairs in file order
    (("Author", "Jānis Bērziņš")): `latest` in what readers see, `earlier` in the earlier
    revisions a PDF keeps (each revision's own, repeats included)."""

    latest: list[tuple[str, str]]
    earlier: list[tuple[str, str]] = field(default_factory=list)


def personal_fields(path: Path) -> Names:
    """Each person, organisation or user's folder the document at `path` names, read as the
    format its first bytes say (:data:`FORMATS`). Raises WrongFormat when that format is not
    one its ending may hold, UnreadableDocument when it cannot be read.

    Any exception a library raises while reading is taken for an unreadable file: they read
    files from anyone, and raise more than their documented types (pypdf's DependencyError,
    IndexError on damaged cross-reference tables, olefile's own errors)."""
    with path.open("rb") as stream:
        head = stream.read(1024)
    kind = sniff(head)
    if kind not in ENDINGS.get(ending_of(path.name), frozenset()):
        raise WrongFormat(*(FORMATS[kind] if kind in FORMATS else other_format(head)))
    try:
        if kind == "pdf":
            return pdf_names(path)
        if kind == "ole":
            return Names(ole_fields(path))
        if kind == "rtf":
            return Names(rtf_fields(path.read_bytes()))
        with zipfile.ZipFile(path) as package:
            return Names(office_fields(package))
    except UnreadableDocument:
        raise
    except Exception as error:  # see the docstring: no library's error may stop the build
        raise UnreadableDocument(f"{type(error).__name__}: {error}") from error


def sniff(head: bytes) -> str:
    """The format (a key of :data:`FORMATS`) a file's first 1024 bytes say, or ""."""
    if b"%PDF-" in head:
        return "pdf"
    signatures = {b"PK\x03\x04": "zip", olefile.MAGIC: "ole", b"{\\rtf": "rtf"}
    return next((kind for magic, kind in signatures.items() if head.startswith(magic)), "")


def other_format(head: bytes) -> tuple[str, str]:
    """What a file that is none of :data:`FORMATS` is (Latvian, English), by its start."""
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if not head:
        return "tukšs fails", "an empty file"
    return next(((lv, en) for magic, lv, en in OTHER_FORMATS if start.startswith(magic)),
                ("nezināma formāta fails", "a file of an unknown format"))


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


def pdf_names(path: Path) -> Names:
    """The personal fields of the PDF's latest version (:func:`pdf_fields`) and of each
    earlier revision an incremental save kept: the file up to each earlier `startxref …
    %%EOF` whose offset lies within it, read as a PDF of its own. (A linearized file's
    first-page trailer points past its end, or to 0: it is no revision.)"""
    data = path.read_bytes()
    earlier: list[tuple[str, str]] = []
    for end in PDF_REVISION_END.finditer(data):
        if end.end() < len(data.rstrip()) and 0 < int(end.group(1)) < end.start():
            earlier += pdf_fields(io.BytesIO(data[:end.end()]))
    return Names(pdf_fields(io.BytesIO(data)), earlier)


def pdf_fields(source: IO[bytes]) -> list[tuple[str, str]]:
    """One PDF revision's personal fields: `/Info` (Author, and Company, Manager,
    LastModifiedBy as Office writes them), the XMP metadata (dc:creator and the other
    elements of :data:`PERSONAL_ELEMENTS`), each annotation's author (`/T`: "Reviewer"), and
    any text value of `/Info` or XMP that holds a user's own folder ("Title:
    C:\\Users\\jberzins"). Raises UnreadableDocument for an encrypted PDF that opens with no
    empty password (one that restricts only editing opens with it)."""
    found: list[tuple[str, str]] = []
    with _quiet("pypdf"):
        reader = PdfReader(source)
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


def ole_fields(path: Path) -> list[tuple[str, str]]:
    """A Word, Excel or PowerPoint 97–2003 file's personal fields: its property sets'
    :data:`OLE_FIELDS`, and a user's folder in any of their texts (the template's path),
    decoded in the property set's code page ([MS-OLEPS] §2.18, PIDSI_CODEPAGE). A defect
    olefile would only log (a property it cannot parse) makes the file unreadable. Comments'
    and tracked changes' authors, kept in each application's own binary streams, are not
    read (docs/galleries.md)."""
    with _quiet("olefile"), olefile.OleFileIO(str(path), raise_defects=olefile.DEFECT_INCORRECT) as ole:
        metadata = ole.get_metadata()
    found: list[tuple[str, str]] = []
    for attribute in metadata.SUMMARY_ATTRIBS + metadata.DOCSUM_ATTRIBS:
        value = getattr(metadata, attribute)
        if not isinstance(value, bytes):
            continue
        codepage = getattr(metadata, "codepage" if attribute in metadata.SUMMARY_ATTRIBS
                           else "codepage_doc")
        text = value.decode(_codec(codepage), errors="replace").strip()
        if attribute in OLE_FIELDS and text:
            found.append((OLE_FIELDS[attribute], text))
        found += [(attribute.title().replace("_", ""), folder)
                  for folder in HOME_FOLDER.findall(text)]
    return found


def _codec(codepage: object) -> str:
    """Python's codec for a Windows code page number (1257: Baltic); cp1252 when unknown."""
    name = "utf-8" if codepage == 65001 else f"cp{codepage}"
    try:
        return codecs.lookup(name).name
    except LookupError:
        return "cp1252"


def rtf_fields(data: bytes) -> list[tuple[str, str]]:
    """An RTF document's personal fields (:data:`RTF_FIELDS`), in file order: each
    destination's text with `\\'hh` decoded in the document's `\\ansicpg` code page and
    `\\uN` as Unicode (skipping its `\\ucN` fallback characters), and a user's folder in its
    `\\template`. `\\binN` data is skipped."""
    found: list[tuple[str, str]] = []
    groups: list[tuple[str, bool, list[str]]] = [("", False, [])]  # destination, own, text
    codec, fallback, skip, position = "cp1252", 1, 0, 0
    while position < len(data):
        token = _RTF_TOKEN.match(data, position)
        if token is None:  # a lone backslash at the end
            break
        position = token.end()
        word, number, hexa, symbol, brace, text = token.groups()
        destination, own, held = groups[-1]
        if skip and (hexa or text):
            if text and len(text) > skip:  # the rest of the run is text again
                text, skip = text[skip:], 0
            else:
                skip -= len(text) if text else 1
                continue
        if brace == b"{":
            groups.append((destination, False, []))
        elif brace == b"}" and len(groups) > 1:
            groups.pop()
            value = "".join(held).strip().rstrip(";").strip()
            parent, parent_own, parent_held = groups[-1]
            if own and destination == "template":
                found += [("Path", folder) for folder in HOME_FOLDER.findall(value)]
            elif own and destination in RTF_FIELDS and destination != "revtbl" and value:
                found.append((RTF_FIELDS[destination], value))
            elif parent == "revtbl" and parent_own and value:
                found.append((RTF_FIELDS[parent], value))
            elif destination:
                parent_held.extend(held)
        elif word:
            name = word.decode()
            if name in RTF_FIELDS or name == "template":
                groups[-1] = (name, True, held)
            elif name == "ansicpg" and number:
                codec = _codec(int(number))
            elif name == "uc" and number:
                fallback = int(number)
            elif name == "u" and number and destination:
                held.append(chr(int(number) % 0x10000))
                skip = fallback
            elif name == "u":
                skip = fallback
            elif name == "bin" and number:
                position += max(int(number), 0)
        elif destination and hexa:
            held.append(bytes.fromhex(hexa.decode()).decode(codec, errors="replace"))
        elif destination and symbol in (b"\\", b"{", b"}"):
            held.append(symbol.decode())
        elif destination and symbol == b"~":
            held.append(" ")
        elif destination and text:
            held.append(text.decode(codec, errors="replace"))
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
