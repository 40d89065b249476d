"""The personal fields of a PDF, read with pypdf: the document information dictionary (`/Info`,
ISO 32000-1 §14.3.3), the XMP metadata stream (§14.3.2, read by xmlparts.py) and each
annotation's author (`/T`, §12.5.2), in the latest version and in every earlier revision an
incremental save kept in the file (§7.5.6)."""

from __future__ import annotations

import io
import re
from collections.abc import Mapping
from pathlib import Path
from typing import IO, Any

from pypdf import PdfReader
from pypdf.generic import DictionaryObject

from .fields import HOME_FOLDER, Names, UnreadableDocument, quiet_log
from .xmlparts import xml_fields

#: `/Info` keys of a PDF that hold a person or an organisation (Office adds its own keys).
PDF_INFO_KEYS = {"/Author": "Author", "/LastModifiedBy": "LastModifiedBy",
                 "/Company": "Company", "/Manager": "Manager"}
#: The end of one revision of a PDF: its cross-reference offset and end-of-file marker
#: (ISO 32000-1 §7.5.5, §7.5.6).
PDF_REVISION_END = re.compile(rb"startxref\s+(\d+)\s+%%EOF[\r\n]*")


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
    elements of :data:`.xmlparts.PERSONAL_ELEMENTS`), each annotation's author (`/T`:
    "Reviewer"), and
    any text value of `/Info` or XMP that holds a user's own folder ("Title:
    C:\\Users\\jberzins"). Raises UnreadableDocument for an encrypted PDF that opens with no
    empty password (one that restricts only editing opens with it)."""
    found: list[tuple[str, str]] = []
    with quiet_log("pypdf"):
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
            found += xml_fields(metadata.get_object().get_data(), metadata=True)
        for page in reader.pages:
            for annotation in page.get("/Annots") or ():
                author = annotation.get_object().get("/T")
                if author is not None and str(author).strip():
                    found.append(("Reviewer", str(author).strip()))
    return found
