"""The personal fields of a zip package: Office Open XML (ECMA-376 Part 2, Open Packaging
Conventions) and ODF (ODF 1.3 Part 2, packages), each `.xml` and `.rels` part read once by
xmlparts.py, the metadata parts as the document's own."""

from __future__ import annotations

import zipfile

from .xmlparts import xml_fields

#: Parts whose metadata elements describe the document (elsewhere, an ODF `dc:creator` is a
#: comment's or a tracked change's author: a reviewer).
METADATA_PARTS = frozenset({"docProps/core.xml", "docProps/app.xml", "meta.xml"})


def office_fields(package: zipfile.ZipFile) -> list[tuple[str, str]]:
    """The personal fields of every XML part of an Office Open XML or ODF package (its
    `.xml` and `.rels` parts, in the package's order)."""
    found: list[tuple[str, str]] = []
    for part in package.infolist():
        if part.filename.lower().endswith((".xml", ".rels")):
            with package.open(part) as stream:
                found += xml_fields(stream, part.filename in METADATA_PARTS)
    return found
