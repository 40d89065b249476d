"""Read an editor's text file as the build can use it, or say exactly why it cannot.

Every text file an editor writes (articles, pages, newsletter introductions, captions.yml) is
read here, once, so that what a later stage cannot take is reported where the file enters:

- files in another encoding than UTF-8: UTF-16 (Windows Notepad's "Unicode") and the older
  Windows code pages (Windows-1257 "Baltic" for Latvian) are named, with how to save as UTF-8;
- characters that XML 1.0 forbids (§2.2 Char: U+0000–0008, U+000B, U+000C, U+000E–001F,
  U+FFFE, U+FFFF): feeds, sitemaps and lxml refuse them ("Control characters are not
  supported in XML 1.0"), and they arrive invisibly with text pasted from Word;
- files that are no plain text at all, named by their first bytes (:data:`FORMATS`): macOS
  TextEdit saves RTF (`{\\rtf1`) unless told to make plain text, Word a .docx (a zip, `PK`)
  or a web page; their text would give a string of unrelated problems.

A UTF-8 byte-order mark and Windows line ends (CRLF, or a lone CR) are normal and read as if
they were not there. The returned text is always usable (forbidden characters removed, other
encodings decoded by their best guess), so that the preview can still show the page with the
problem above it; builds that publish stop on the problems instead.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from pathlib import Path

from . import signatures
from .problems import ContentProblem

#: XML 1.0 §2.2: every code point that is not a Char (surrogates cannot come out of a decoder).
XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_KEY = re.compile(r"^\s*(?:-\s+)?(?P<key>[\w-]+)\s*:")
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_SAVE_AS_UTF8 = ("saglabā failu kā UTF-8 (Notepad: Fails → Saglabāt kā → Kodējums: UTF-8; "
                 "VS Code: apakšā uz kodējuma → Save with Encoding → UTF-8)")
#: Names editors recognise for the invisible characters they meet most.
_NAMES = {0x0B: "vertikālā tabulācija (vertical tab)", 0x0C: "lapas pārtraukums (form feed)",
          0x00: "nulles rakstzīme (NUL)", 0x08: "atpakaļatkāpe (backspace)"}


#: A document format that is not plain text, by how its files start (after a UTF-8 BOM and,
#: for markup, white space): (signature, common/signatures.py; what it is in Latvian and
#: English, how to save the text as plain text).
_PLAIN_TEXT_HOW = ("Fails → Saglabāt kā → Vienkāršs teksts (.txt), kodējums UTF-8, tad pārsauc "
                   "failu uz .md")
FORMATS: tuple[tuple[bytes, str, str, str], ...] = (
    (signatures.RTF, "RTF (macOS TextEdit)", "RTF (macOS TextEdit's default)",
     "TextEdit: Formāts → Pārveidot par vienkāršu tekstu (Format → Make Plain Text), tad "
     "saglabā (Cmd+S, kodējums UTF-8); vai eksportē kā vienkāršu tekstu"),
    (signatures.ZIP, "saspiests dokuments (Word .docx, LibreOffice .odt vai Pages)",
     "a zipped document (Word .docx, LibreOffice .odt or Pages)",
     f"atver to tajā programmā un {_PLAIN_TEXT_HOW}; vai pārveido ar pandoc (skat. „Teksts no "
     "Obsidian, Typora vai Word (pandoc)”)"),
    (signatures.COMPOUND_FILE, "Word 97–2003 dokuments (.doc)",
     "a Word 97–2003 document (.doc)", f"atver to Word un {_PLAIN_TEXT_HOW}"),
    (signatures.PDF, "PDF", "PDF", "nokopē tekstu no PDF un ielīmē to vienkārša teksta failā .md"),
    (signatures.HTML, "tīmekļa lapa (HTML, piemēram, Word „Saglabāt kā tīmekļa lapu”)",
     "a web page (HTML, e.g. Word's 'Save as Web Page')", f"Word: {_PLAIN_TEXT_HOW}"),
    (signatures.HTML_DOCTYPE, "tīmekļa lapa (HTML)", "a web page (HTML)",
     f"Word vai pārlūkā: {_PLAIN_TEXT_HOW}"),
)


@dataclass(frozen=True)
class SourceText:
    """A file's text (LF line ends, no BOM, no forbidden characters) and what was wrong;
    `plain` False when the file is a document format (:data:`FORMATS`), not text: its one
    problem says which, and nothing in its text is worth checking."""

    text: str
    problems: tuple[ContentProblem, ...]
    plain: bool = True


def _encoding_problem(path: str, line: int, what_lv: str, what_en: str) -> ContentProblem:
    return ContentProblem(path, line, "encoding", what_lv, what_en, _SAVE_AS_UTF8)


def _utf32_codec(data: bytes) -> str | None:
    """"utf-32…" when the bytes are UTF-32 (by BOM, or by the two zero bytes every character
    of the Basic Multilingual Plane has), else None. Checked before UTF-16, whose
    little-endian BOM is the start of UTF-32's."""
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return "utf-32"
    if not data or len(data) % 4:
        return None
    if not any(data[2::4]) and not any(data[3::4]):
        return "utf-32-le"
    if not any(data[0::4]) and not any(data[1::4]):
        return "utf-32-be"
    return None


def _decode(data: bytes, path: str) -> tuple[str, list[ContentProblem]]:
    utf32 = _utf32_codec(data)
    if utf32:
        return data.decode(utf32, errors="replace").lstrip("\ufeff"), [_encoding_problem(
            path, 1, "fails saglabāts UTF-32 kodējumā, nevis UTF-8",
            "the file is saved as UTF-32, not UTF-8")]
    if data.startswith(_UTF16_BOMS) or (len(data) > 1 and data.count(0) * 4 >= len(data)):
        codec = ("utf-16" if data.startswith(_UTF16_BOMS)  # else: where are the zero bytes?
                 else "utf-16-be" if data[0::2].count(0) > data[1::2].count(0) else "utf-16-le")
        text = data.decode(codec, errors="replace")
        return text.lstrip("\ufeff"), [_encoding_problem(
            path, 1, "fails saglabāts UTF-16 kodējumā, nevis UTF-8",
            "the file is saved as UTF-16 (Notepad's 'Unicode'), not UTF-8")]
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        return data.decode("cp1257", errors="replace"), [_encoding_problem(
            path, line, "fails nav UTF-8 kodējumā (izskatās pēc Windows-1257)",
            "the file is not UTF-8 (it looks like Windows-1257 'Baltic', as older Windows "
            "editors save)")]


def character_names(found: list[tuple[int, int]], where: str = "kolonna") -> str:
    """'U+000B vertikālā tabulācija (vertical tab) (kolonna 7)' for each (column, code point)."""
    return ", ".join(f"U+{code:04X} {_NAMES.get(code, '')}".strip() + f" ({where} {column})"
                     for column, code in found)


def forbidden_characters(text: str, path: str) -> list[ContentProblem]:
    """One problem per line that holds characters XML 1.0 forbids, naming each and its column."""
    if not XML_FORBIDDEN.search(text):
        return []  # nearly every file: one scan instead of one per line
    problems = []
    for number, line in enumerate(text.split("\n"), 1):
        found = [(m.start() + 1, ord(m.group())) for m in XML_FORBIDDEN.finditer(line)]
        if not found:
            continue
        key = _KEY.match(line)
        names = character_names(found)
        problems.append(ContentProblem(
            path, number, key.group("key") if key else "text",
            "neredzama aizliegta rakstzīme", "a character XML 1.0 forbids", fix=(
                "izdzēs to un uzraksti tekstu vēlreiz (tā bieži ienāk, kopējot no Word vai PDF)"),
            value=names))
    return problems


def format_problem(data: bytes, path: str) -> ContentProblem | None:
    """The problem of a file whose bytes start as a document format of :data:`FORMATS` does
    (markup after white space, in any case), at line 1; None for anything else."""
    start = data.removeprefix(codecs.BOM_UTF8)[:64]
    markup = start.lstrip().lower()
    for signature, what_lv, what_en, fix in FORMATS:
        if (markup if signature.startswith(b"<") else start).startswith(signature):
            return ContentProblem(
                path, 1, "format", f"fails ir {what_lv}, nevis vienkāršs teksts",
                f"the file is {what_en}, not plain text", fix)
    return None


def read_source(file: Path, path: str, data: bytes | None = None) -> SourceText:
    """Read `file` (shown to editors as `path`), or take its bytes as `data` when the caller has
    read them already; never raises for what is inside the file. A document format that is
    not text (:func:`format_problem`) is that one problem, its text decoded as best it can
    be."""
    data = file.read_bytes() if data is None else data
    foreign = format_problem(data, path)
    text, problems = (_decode(data, path) if foreign is None
                      else (data.decode("utf-8", errors="replace"), [foreign]))
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if foreign is None:
        problems += forbidden_characters(text, path)
    return SourceText(XML_FORBIDDEN.sub("", text), tuple(problems), plain=foreign is None)
