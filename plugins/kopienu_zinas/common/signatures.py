"""How files of the formats editors save by mistake start (their signatures), in one place for
the rules that name a file's real format: a Markdown source that is none
(common/sourcetext.py) and a document that is not what its ending says
(site/documents/formats.py). Sources: RTF 1.9.1 "RTF Version"; PKWARE APPNOTE.TXT §4.3.7
(zip local file header: .docx, .odt, .pages); [MS-CFB] §2.2 (compound file header: Word,
Excel, PowerPoint 97–2003); ISO 32000-1 §7.5.2 (PDF header); HTML's doctype and root element,
compared in lower case after white space."""

from __future__ import annotations

RTF = b"{\\rtf"
ZIP = b"PK\x03\x04"
COMPOUND_FILE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
PDF = b"%PDF-"
HTML_DOCTYPE = b"<!doctype html"
HTML = b"<html"
