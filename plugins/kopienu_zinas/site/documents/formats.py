"""What a document file is: the formats read, by how their files start (sniffed, as a reader
does, not taken from the file's ending), the endings Pelican would publish and the formats each
may hold, and what else a file named as a document turns out to be (an HTML login page, a
picture) for the message. The signatures and their sources: common/signatures.py (a PDF's
header is tolerated in the first 1024 bytes, as readers do: ISO 32000-1 §7.5.2)."""

from __future__ import annotations

from pathlib import Path

from ...common import signatures

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
OTHER_FORMATS = ((signatures.HTML_DOCTYPE, "tīmekļa lapa (HTML)", "a web page (HTML)"),
                 (signatures.HTML, "tīmekļa lapa (HTML)", "a web page (HTML)"),
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


class WrongFormat(Exception):
    """The file is not what its ending says: args are what it is (Latvian, English)."""


def ending_of(name: str) -> str:
    """A file name's ending, lower case, without the dot ("" for none)."""
    return Path(name).suffix.lower().lstrip(".")


def sniff(head: bytes) -> str:
    """The format (a key of :data:`FORMATS`) a file's first 1024 bytes say, or ""."""
    if signatures.PDF in head:
        return "pdf"
    kinds = {signatures.ZIP: "zip", signatures.COMPOUND_FILE: "ole", signatures.RTF: "rtf"}
    return next((kind for magic, kind in kinds.items() if head.startswith(magic)), "")


def other_format(head: bytes) -> tuple[str, str]:
    """What a file that is none of :data:`FORMATS` is (Latvian, English), by its start."""
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if not head:
        return "tukšs fails", "an empty file"
    return next(((lv, en) for magic, lv, en in OTHER_FORMATS if start.startswith(magic)),
                ("nezināma formāta fails", "a file of an unknown format"))
