"""A document's personal fields, read as the format its first bytes say (formats.py) by that
format's reader; any error of a reading library is the file's being unreadable."""

from __future__ import annotations

import zipfile
from pathlib import Path

from .fields import Names, UnreadableDocument
from .formats import ENDINGS, FORMATS, WrongFormat, ending_of, other_format, sniff
from .ole import ole_fields
from .packages import office_fields
from .pdf import pdf_names
from .rtf import rtf_fields


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
