"""Rule: no file that Pelican publishes as it is (a static file: under STATIC_PATHS, or named by
`{static}`/`image:`) is one a browser runs, and every SVG drawing is one svg.py lets through.

HTML, XHTML, JavaScript and XML files are served from the site's own address, the one where
/admin/ keeps the signed-in editor in the browser's storage: a script in `atteli/x.html` could
read it, and send readers' visits anywhere (QA report of session 9, fault 1). Such a file is
refused whatever it holds, with the fix for what it most likely is (an article's text, a
document to download). An SVG is checked element by element (svg.py) and published cleaned
by the images generator (images/generator.py).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..common.contentfolder import files
from ..common.frontmatter import SourceDocument
from ..common.problems import ContentProblem
from ..images import svg
from ..images.paths import nfc
from .linkcheck import site_addresses
from .unread import Fates, ending, named_files


@dataclass(frozen=True)
class Runnable:
    """What a file with a refused ending is (Latvian, English) and how to fix it."""

    kind_lv: str
    kind_en: str
    fix: str


_PAGE = Runnable("HTML lapa", "an HTML page",
                 "ieliec tās tekstu rakstā (content/nosaukums.md, skat. „Raksts”); dokumentu "
                 "lejupielādei saglabā kā PDF")
_SCRIPT = Runnable("JavaScript", "JavaScript", "izdzēs to: vietnē nav JavaScript")
_XML = Runnable("XML", "XML",
                "ieliec tā saturu rakstā vai saglabā to kā PDF; datus lejupielādei saspied ZIP "
                "failā")
_SVGZ = Runnable("saspiests SVG", "compressed SVG",
                 "saglabā zīmējumu kā parastu SVG (.svg), lai to var pārbaudīt, vai kā PNG")
#: Endings (lower case, no dot) of files a browser runs as a page or a script when the site
#: serves them: refused under any name Pelican would publish them as.
RUNNABLE = {**dict.fromkeys(("html", "htm", "xhtml", "xht", "shtml", "shtm", "mht", "mhtml"),
                            _PAGE),
            **dict.fromkeys(("js", "mjs", "cjs"), _SCRIPT),
            **dict.fromkeys(("xml", "xsl", "xslt"), _XML), "svgz": _SVGZ}


def check_documents(sender: Any, documents: Sequence[SourceDocument],
                    settings: dict[str, Any]) -> list[ContentProblem]:
    """content_check: each static file a browser would run, and each SVG's faults (svg.py)."""
    root = Path(settings["PATH"])
    found: list[ContentProblem] = []
    sites = site_addresses(settings)
    for name in published_as_is(root, documents, settings, {*RUNNABLE, svg.ENDING}):
        kind = RUNNABLE.get(ending(name))
        if kind is not None:
            found.append(ContentProblem(
                name, 0, "file", f"fails netiek publicēts ({kind.kind_lv}): pārlūks to "
                "izpildītu vietnes adresē", f"this file is not published ({kind.kind_en}): "
                "browsers would run it from the site's own address", kind.fix))
        else:
            found += svg.problems(name, (root / name).read_bytes(), sites)
    return found


def published_as_is(root: Path, documents: Sequence[SourceDocument],
                    settings: Mapping[str, Any], endings: set[str]) -> Iterator[str]:
    """Paths under content/ (sorted) of the files with one of these `endings` that Pelican
    publishes as they are: under STATIC_PATHS (not excluded), or named by an article or a
    page. The documents' links are read only when such a file lies elsewhere."""
    fates = Fates.of(settings)
    candidates = [name for name in files(root)
                  if ending(name) in endings and not fates.is_source(name)]
    static = {name for name in candidates
              if fates.static.hold(name) and not fates.static_excludes.prune(name)}
    named = named_files(documents, root) if set(candidates) - static else set()
    yield from (name for name in candidates if name in static or nfc(name) in named)
