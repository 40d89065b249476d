"""What the readers of every document format share: the personal fields found
(:class:`Names`), a user's own folder in a path (:data:`HOME_FOLDER`), the error for a file
that cannot be read, Windows code pages (the 97–2003 property sets' PIDSI_CODEPAGE,
[MS-OLEPS] §2.18; RTF's `\\ansicpg`, RTF 1.9.1 "Character Set") and a library's log kept
quiet while it reads."""

from __future__ import annotations

import codecs
import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

#: A user's own folder in a path (Windows, macOS, Linux): its name is the user's.
#: Unix ones only as a whole path or a file: URL (a web address may hold "/home/").
HOME_FOLDER = re.compile(r"(?:\b[A-Za-z]:[\\/]+(?:Users|Documents and Settings)"
                         r"|(?:^|file://)/(?:Users|home))[\\/]+[^\\/\s\"'<>]+", re.IGNORECASE)


class UnreadableDocument(Exception):
    """The document's metadata cannot be read (damaged, encrypted)."""


@dataclass(frozen=True)
class Names:
    """The personal fields a document holds, as (field, value) pairs in file order
    (("Author", "Jānis Bērziņš")): `latest` in what readers see, `earlier` in the earlier
    revisions a PDF keeps (each revision's own, repeats included)."""

    latest: list[tuple[str, str]]
    earlier: list[tuple[str, str]] = field(default_factory=list)


@contextmanager
def quiet_log(name: str) -> Iterator[None]:
    """Keep a library's log quiet while it reads: its warnings about a slightly damaged file
    are no problem of the site's (the build reports every warning logged)."""
    logger = logging.getLogger(name)
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(level)


def windows_codec(codepage: object) -> str:
    """Python's codec for a Windows code page number (1257: Baltic; 65001: UTF-8, as
    LibreOffice writes its 97–2003 files); cp1252 when unknown. The property sets' CodePage
    is a VT_I2 ([MS-OLEPS] §2.18.2), which olefile returns signed: 65001 as -535, so the
    number is taken as 16 bits unsigned."""
    if isinstance(codepage, int):
        codepage &= 0xFFFF
    name = "utf-8" if codepage == 65001 else f"cp{codepage}"
    try:
        return codecs.lookup(name).name
    except LookupError:
        return "cp1252"
