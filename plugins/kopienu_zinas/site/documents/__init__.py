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

The rule and its messages are here; each document is read as the format its first bytes say
(formats.py: one that is not what its ending says, a `.pdf` that a browser saved from a login
page, is refused as such) by reading.py, with one module per format: pdf.py (every revision's
`/Info`, XMP and annotations), packages.py and xmlparts.py (Office Open XML and ODF packages,
their XML parts), ole.py (Word, Excel and PowerPoint 97–2003 files), rtf.py (RTF); fields.py
holds what they share.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ...common.problems import ContentProblem
from ..runnable import published_as_is
from .fields import UnreadableDocument
from .formats import ENDINGS, FORMATS, WrongFormat, ending_of
from .reading import personal_fields

#: Values that name no one: the placeholders applications and libraries write when they know
#: no user (ReportLab's "anonymous", Word's "Author" after its inspector, Mac Office's
#: "Microsoft Office User", "Unknown" in RTF revision tables, Windows' "Administrator" and
#: "User" accounts) and the libraries' own names they write as the author (openpyxl's
#: default creator, python-docx's and python-pptx's default lastModifiedBy and templates'
#: creator); compared case-insensitively.
PLACEHOLDERS = frozenset({"anonymous", "unknown", "author", "user", "administrator",
                          "microsoft office user", "openpyxl", "python-docx", "python-pptx"})

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
