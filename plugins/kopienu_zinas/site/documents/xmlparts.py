"""The personal fields of one XML part: an Office Open XML part (ECMA-376 Part 1: core and
extended properties, WordprocessingML comments and tracked changes, SpreadsheetML and
PresentationML comment authors), an ODF part (ODF 1.3 Part 3: `meta.xml`, `office:annotation`
and change authors) or a PDF's XMP packet (ISO 16684-1, Dublin Core `dc:creator`). Parsed with
lxml as a stream, no entities resolved and no network."""

from __future__ import annotations

import io
from typing import IO

from lxml import etree

from .fields import HOME_FOLDER

#: Metadata elements (local names, any namespace) that hold a person or an organisation, and
#: the field name the message shows (Word's and Acrobat's names for them).
PERSONAL_ELEMENTS = {"creator": "Author", "initial-creator": "Author",
                     "lastModifiedBy": "LastModifiedBy", "Company": "Company",
                     "Manager": "Manager", "printed-by": "PrintedBy"}
#: Attributes naming a reviewer: Word's comments and tracked changes (`w:author`), its people
#: list (`w15:author`), Excel's shared-workbook revisions (`userName`).
REVIEWER_ATTRIBUTES = frozenset({"author", "userName"})
#: Elements naming a reviewer by an attribute: PowerPoint's comment authors (`p:cmAuthor`,
#: modern `p188:author`) and Excel's threaded-comment people (`person`).
REVIEWER_ELEMENTS = {"cmAuthor": "name", "author": "name", "person": "displayName"}
#: Elements naming a reviewer by their text: Excel's comment authors (`<authors><author>`).
REVIEWER_TEXT_ELEMENTS = frozenset({"author"})
_PARSER_OPTIONS = {"resolve_entities": False, "no_network": True, "huge_tree": False}


def xml_fields(source: bytes | IO[bytes], metadata: bool) -> list[tuple[str, str]]:
    """The personal fields of one XML part: metadata elements (named as the document's when
    `metadata`: a part of :data:`.packages.METADATA_PARTS` or a PDF's XMP packet, else
    reviewers), reviewers' names (attributes and elements), and users' folders in any
    attribute (a template's or a link's path) and in the metadata's text."""
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
