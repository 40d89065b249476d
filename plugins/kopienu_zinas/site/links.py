"""Rule: links to other content (`{filename}…`, `{static}…`, `{attach}…`) must name a file
Pelican finds, the way Pelican looks it up, and no marker may stand outside a link.

Pelican replaces a marker in the page's HTML only when its content path (references.py
`pelican_keys`: as written, percent-decoded, or with character references decoded) is the
exact name of a source it read (`{filename}`) or of a static file (`{static}`, `{attach}`; our
images plugin adds the NFC form of each name, images/generator.py). Otherwise it only warns
("Unable to find …") and publishes the link as written, `{filename}/…` in the page and its
feeds. So each of these is reported here, at its line, with a fix that works:

- no such file at all;
- a file that is there, but not under the name written: macOS stores "Ē" as "E" and a combining
  macron (NFD), so a `{filename}` link typed normally (or percent-encoded from the composed
  letters) names no article; `//`, `/./` or `/x/../` after a marker (Pelican does not
  normalise a path from content/);
- `{filename}` to a file that is no article or page (a picture, a PDF): `{static}` is meant;
- a marker in raw HTML that Pelican's replacement does not reach (a value without quotes, an
  attribute it does not replace such as `srcset`, the earlier of two in one tag);
- a marker outside any link (`[x] ({filename}/a.md)`, a definition Markdown does not take
  such as `[id]: <a b.md>`): the page shows it as text.

Paths that leave content/ are reported by containment.py instead (one problem per mistake),
Markdown pictures by images.py; linkcheck.py checks the page Pelican makes, for anything else.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Iterator
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import urlparse

from ..common import contentfolder
from ..common.frontmatter import SourceDocument, markdown_ending
from ..common.problems import ContentProblem
from ..common.slugs import slugify
from ..images.paths import find, nfc
from .meant import BACKSLASHES, alike, alike_fix, with_slashes, working_link
from .references import (
    Reference,
    intrasite,
    intrasite_links,
    is_inside,
    pelican_keys,
    resolve,
    stray_markers,
)

_NOT_REPLACED = (
    "Pelican šeit saiti neaizstāj: lapā tā paliktu, kā rakstīta",
    "Pelican does not replace the link here: the page would keep it as written",
    'liec adresi pēdiņās (href="…", src="…"); Pelican aizstāj tikai href, src, poster, data, '
    "cite, action, formaction un content, vienā HTML elementā tikai vienu; vai raksti Markdown "
    "saiti [teksts](…) vai attēlu ![apraksts](…)")
_STRAY = ("šī zīme nav saitē: lapā tā būtu redzama kā teksts",
          "a marker outside a link: the page would show it as text")
_STRAY_FIX = ("raksti saiti kā [teksts]({filename}/raksts.md) (starp ] un ( nav atstarpes); "
              "faila nosaukumam ar atstarpēm: [teksts](<{filename}/faila nosaukums.md>); "
              "sintaksi rādot, liec to `…` zīmēs")
_DEFINITION_FIX = ("atsauces definīcijā ([id]: …) adresē nedrīkst būt atstarpes: raksti %20 "
                   "atstarpes vietā vai saiti tekstā [teksts](<{filename}/faila nosaukums.md>)")


def check_document(sender: Any, document: SourceDocument,
                   settings: dict[str, Any]) -> list[ContentProblem]:
    """document_check: this document's `{filename}`/`{static}`/`{attach}` links that Pelican
    would not replace, and markers outside links."""
    if not document.header_found:
        return []
    return list(check_links(document, Path(settings["PATH"])))


def _existing(target: Path, content_root: Path) -> str | None:
    """The path under content/ of the file meant, its name compared in NFC (macOS stores
    "Ēkas" decomposed), or None when there is none."""
    relative = posixpath.normpath(target.relative_to(content_root).as_posix())
    if contentfolder.is_file(target):
        return relative
    found = find(content_root, relative)
    return found.relative_to(content_root).as_posix() if found is not None else None


def _pelican_finds(what: str, key: str, content_root: Path) -> bool:
    """Whether Pelican's look-up by this content path finds a file: a source it reads (a
    Markdown file) for `{filename}`, a static file (by its exact name, or by its NFC name that
    our images plugin adds) for `{static}`/`{attach}`."""
    if not key or key != posixpath.normpath(key) or key == "." or key.startswith("../"):
        return False  # Pelican's content paths are normalised, inside content/
    if contentfolder.is_file(content_root / key):
        return what != "filename" or markdown_ending(key)
    return what != "filename" and key == nfc(key) and find(content_root, key) is not None


def _renamed(relative: str) -> str:
    """The file's name as our pictures' names are made (ASCII, no spaces): ēkas-ārpusē.md →
    ekas-arpuse.md."""
    path = PurePosixPath(relative)
    return f"{slugify(nfc(path.stem)) or 'fails'}{path.suffix.lower()}"


def check_links(document: SourceDocument, content_root: Path) -> Iterator[ContentProblem]:
    """Each `{filename}`/`{static}`/`{attach}` link (not a Markdown picture) Pelican would
    leave unreplaced, and each line with a marker outside any link."""
    for link in intrasite_links(document):
        problem = _link_problem(link, document, content_root)
        if problem is not None:
            yield problem
    for stray in stray_markers(document):
        yield ContentProblem(document.path, stray.line, "link", *_STRAY,
                             _DEFINITION_FIX if stray.target.startswith("[") and "]:" in
                             stray.target else _STRAY_FIX, stray.target)


def _link_problem(link: Reference, document: SourceDocument,
                  content_root: Path) -> ContentProblem | None:
    """Why Pelican would leave this `{filename}`/`{static}`/`{attach}` link in the page as
    written, or None when it replaces it (or the path leaves content/: containment.py)."""
    marker = intrasite(link.target)
    target = resolve(link.target, document, content_root)
    if marker is None or target is None or not is_inside(target, content_root):
        return None
    what, path = marker

    def problem(what_lv: str, what_en: str, fix: str) -> ContentProblem:
        return ContentProblem(document.path, link.line, "link", what_lv, what_en, fix,
                              link.target)

    if link.in_page is None:
        return problem(*_NOT_REPLACED)
    host = urlparse(path).netloc  # `{filename}//a.md`: "a.md" is a host name to urlparse
    if not host and any(_pelican_finds(what, key, content_root)
                        for key in pelican_keys(link.in_page, document.path)):
        return None
    relative = _existing(target, content_root)
    if relative is None:
        return _missing_problem(link, what, document, content_root, problem)
    if host:
        return problem("pēc zīmes ceļš sākas ar //: lapā tā būtu adrese citā vietnē",
                       "the path after the marker starts with //: the page would link to "
                       "another site", f"raksti {working_link(what, relative)}")
    if what == "filename" and not markdown_ending(relative):
        return problem("{filename} ir saitei uz rakstu vai lapu, ne uz failu",
                       "{filename} links to an article or a page, not to a file",
                       f"raksti {working_link('static', relative)}")
    fix = f"raksti {working_link(what, relative)}"
    name = PurePosixPath(relative).name
    if not name.isascii() or " " in name:
        fix += f" vai pārdēvē failu par {_renamed(name)}"
    if nfc(relative) != relative:
        fix += " (faila nosaukumā garumzīmes glabājas atsevišķi no burtiem, kā tās saglabā macOS)"
    return problem("Pelican failu pēc šāda ceļa neatrod: lapā saite paliktu neaizstāta",
                   "Pelican does not find the file by this path: the page would keep the link "
                   "as written", fix)


def _missing_problem(link: Reference, what: str, document: SourceDocument, content_root: Path,
                     problem: Callable[[str, str, str], ContentProblem]) -> ContentProblem:
    """The problem of a link to a file that is not there, naming the file meant when there is
    one: the path written with `\\` between folders (Windows), or one differing only by case
    (as pictures get: site/images.py)."""
    slashed = with_slashes(link.target)
    target = resolve(slashed, document, content_root) if slashed is not None else None
    relative = (_existing(target, content_root) if target is not None
                and is_inside(target, content_root) else None)
    if relative is not None:
        return problem(*BACKSLASHES, f"raksti {working_link(what, relative)}")
    written = resolve(link.target, document, content_root)
    meant = alike(posixpath.normpath(written.relative_to(content_root).as_posix()),
                  content_root) if written is not None else None
    if meant is not None and what == "filename" and not markdown_ending(meant):
        what = "static"  # a picture or a PDF: {filename} would be the next problem
    return problem("saite uz failu, kura nav", "link to a file that does not exist",
                   alike_fix(meant, working_link(what, meant)) if meant is not None else
                   "pārbaudi faila nosaukumu un mapi; ceļš ar '/' sākumā skaitās no "
                   "content/ mapes")
