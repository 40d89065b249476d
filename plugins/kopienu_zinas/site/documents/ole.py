"""The personal fields of a Word, Excel or PowerPoint 97–2003 file (a compound file, [MS-CFB]),
read with olefile from its property sets (SummaryInformation and DocumentSummaryInformation,
[MS-OLEPS])."""

from __future__ import annotations

from pathlib import Path

import olefile

from .fields import HOME_FOLDER, quiet_log, windows_codec

#: olefile's names of the 97–2003 property-set fields that hold a person or an organisation
#: (SummaryInformation PIDSI_AUTHOR, PIDSI_LASTAUTHOR; DocumentSummaryInformation
#: PIDDSI_MANAGER, PIDDSI_COMPANY) and Word's names for them.
OLE_FIELDS = {"author": "Author", "last_saved_by": "LastModifiedBy", "company": "Company",
              "manager": "Manager"}


def ole_fields(path: Path) -> list[tuple[str, str]]:
    """A Word, Excel or PowerPoint 97–2003 file's personal fields: its property sets'
    :data:`OLE_FIELDS`, and a user's folder in any of their texts (the template's path),
    decoded in the property set's code page ([MS-OLEPS] §2.18, PIDSI_CODEPAGE). A defect
    olefile would only log (a property it cannot parse) makes the file unreadable. Comments'
    and tracked changes' authors, kept in each application's own binary streams, are not
    read (docs/galleries.md)."""
    with quiet_log("olefile"), olefile.OleFileIO(str(path), raise_defects=olefile.DEFECT_INCORRECT) as ole:
        metadata = ole.get_metadata()
    found: list[tuple[str, str]] = []
    for attribute in metadata.SUMMARY_ATTRIBS + metadata.DOCSUM_ATTRIBS:
        value = getattr(metadata, attribute)
        if not isinstance(value, bytes):
            continue
        codepage = getattr(metadata, "codepage" if attribute in metadata.SUMMARY_ATTRIBS
                           else "codepage_doc")
        text = value.decode(windows_codec(codepage), errors="replace").strip()
        if attribute in OLE_FIELDS and text:
            found.append((OLE_FIELDS[attribute], text))
        found += [(attribute.title().replace("_", ""), folder)
                  for folder in HOME_FOLDER.findall(text)]
    return found
