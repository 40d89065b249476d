"""Rule: no link, picture or cover names a file on the editor's own computer.

A path such as `C:\\Users\\Ilze\\foto.jpg` works in the editor's program and nowhere else.
Typora writes one for every picture pasted into a text
(`C:\\Users\\…\\AppData\\Roaming\\Typora\\typora-user-images\\image-….png`), and a path copied
from Explorer's address bar is one. On the site it is a broken picture or link for every
reader, and the editor's Windows user name is published in the page and in every feed:

- a browser reads `C:\\…`, `C:/…` and `C:foto.jpg` as an address whose scheme is `c`
  (WHATWG URL Standard, "scheme state": a letter, then letters, digits, `+`, `-`, `.`, then
  `:`), which names nothing;
- a `file:` URI names a file on the reader's own machine (RFC 8089, section 1: "a file
  accessible on a particular host computer"; `file:///C:/…`, `file:///home/…`,
  `file://server/share/…`);
- a UNC path `\\\\server\\share\\…` (a file in a Windows network folder) is read by a
  browser as the address of a host named `server` (`\\\\x.example\\a.gif`, a host and one
  name, no share, is no UNC path: it stays another site's picture, site/rawhtml.py).

The link check takes an address with a scheme for another site's and leaves it alone, the
picture checks take it for a web address (no file), so each passed in silence. This rule names
each of them, in every place an address is written: Markdown links, pictures, reference
definitions and autolinks, raw HTML `src`, `href`, `srcset`, `poster` and the other URL
attributes (site/references.py reads them all), and the front matter's `image:`. The fix names
the file to copy into content/ and the Markdown (or `image:` line) to write, with the path of
the file when one of that name is under content/ already. Real URL schemes are never one letter
(IANA's registry has none), so a letter and a colon is always a drive.

In Markdown a UNC path is written `\\\\server\\share\\foto.jpg` and read `\\server\\share\\…`
(`\\\\` is an escaped backslash), which a browser reads as `/server/share/…`: it is named when
the source line holds the doubled form.

The other rules leave these addresses to this one (one problem per mistake): site/images.py
(no "not found"), site/rawhtml.py (no "from another site" for `\\\\server\\…` or
`file://server/…`, no second cover message for `image: file:…`), and the link check.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote, urlsplit

from ..common.frontmatter import SourceDocument, markdown_ending
from ..common.problems import ContentProblem
from .meant import markdown_picture, same_name, working_link
from .references import Reference, all_references

#: A Windows drive letter and its colon, at the start of an address.
_DRIVE = re.compile(r"[A-Za-z]:")
#: A UNC path: two backslashes, a server, a share and what is in it (`\\server\share\foto.jpg`);
#: `\\x.example\a.gif`, a host and a file, is read as another site's address (rawhtml.py).
_UNC = re.compile(r"\\\\[^\\/]+[\\/][^\\/]+[\\/][^\\/]")
#: A `file:` URI's scheme (any case).
_FILE = re.compile(r"file:", re.I)
#: What WHATWG trims from an address's ends (C0 controls and space), and the tabs and line
#: ends it drops within, before reading its scheme.
_URL_ENDS = re.compile(r"^[\x00-\x20]+|[\x00-\x20]+$")
_URL_TABS = re.compile(r"[\t\n\r]")

OWN_COMPUTER = ("ceļš uz failu tavā datorā: vietnē tā nav, lasītāji to neredz",
                "a path to a file on your own computer: it is not on the site, readers "
                "cannot open it")
#: How many lines from a reference's own a Markdown address is looked for (a picture's line is
#: its `![`, the address may follow on the next lines).
_LINES = 4
#: The folder under content/ that is published whole (the first of STATIC_PATHS), where the
#: fix puts files, when the settings name none.
FOLDER = "atteli"


def own_computer(address: str) -> bool:
    """Whether an address (as the page or front matter holds it) names a file on the
    editor's own computer: a Windows drive (`C:\\…`, `C:/…`, `C:name`), a UNC path
    (`\\\\server\\share\\…`: a server, a share, a file) or a `file:` URI (RFC 8089)."""
    text = _URL_TABS.sub("", _URL_ENDS.sub("", address))
    return bool(_DRIVE.match(text) or _UNC.match(text) or _FILE.match(text))


def written_address(reference: Reference, document: SourceDocument) -> str | None:
    """The address as written when `reference` names a file on the editor's own computer
    (:func:`own_computer`), else None. A Markdown address `\\server\\share\\…` is the UNC path
    `\\\\server\\share\\…` when the source holds that at its line (Markdown reads `\\\\` as
    `\\`)."""
    if own_computer(reference.target):
        return reference.target
    if reference.raw_html or not reference.target.startswith("\\"):
        return None
    doubled = "\\" + reference.target
    if not own_computer(doubled):
        return None
    # a picture's line is its `![`; the address may be on one of the next lines
    index = max(reference.line - document.body_line, 0)
    written = "\n".join(document.body.split("\n")[index:index + _LINES])
    return doubled if doubled in written else None


def file_name(address: str) -> str:
    """The last part of a path on the editor's computer ("foto.jpg"), percent-decoded in a
    `file:` URI; "" when it names no file (`file:///`, `C:\\`)."""
    text = _URL_TABS.sub("", _URL_ENDS.sub("", address))
    if _FILE.match(text):
        path = unquote(urlsplit(text).path)
    elif _DRIVE.match(text):
        path = text[2:]
    else:
        path = text
    name = re.split(r"[\\/]", path.rstrip("\\/"))[-1]
    return "" if _DRIVE.fullmatch(name) else name


def check_document(document: SourceDocument, content_root: Path,
                   folder: str = FOLDER) -> Iterator[ContentProblem]:
    """Each link, picture or `image:` of this document that names a file on the editor's own
    computer, with the file to copy (beside the document, or into content/`folder`/) and what
    to write."""
    for reference in all_references(document):
        written = written_address(reference, document)
        if written is not None:
            yield ContentProblem(document.path, reference.line, reference.field,
                                 *OWN_COMPUTER, _body_fix(reference, written, document,
                                                          content_root, folder), written)
    image = document.metadata.get("image") if document.header_found else None
    if isinstance(image, str) and own_computer(image):
        yield document.problem("image", *OWN_COMPUTER, _image_fix(image, document,
                                                                  content_root, folder), image)


def _beside(document: SourceDocument, name: str) -> str:
    """The path under content/ of a file `name` copied next to the document."""
    return posixpath.join(posixpath.dirname(document.path), name)


def _body_fix(reference: Reference, written: str, document: SourceDocument,
              content_root: Path, folder: str) -> str:
    """What to copy and what to write instead of a link or picture on the editor's computer:
    the Markdown picture (with its alt text) or the link's address."""
    name = file_name(written)
    found = same_name(name, content_root)
    picture = reference.alt is not None

    def write(relative: str) -> str:
        if picture:
            return markdown_picture(reference.alt or "", f"{{static}}/{relative}")
        return working_link("filename" if markdown_ending(relative) else "static", relative)

    if found is not None:
        return f"fails ar šo nosaukumu ir content/{found}: raksti {write(found)}"
    name = name or ("foto.jpg" if picture else "faila-nosaukums.pdf")
    what = "attēlu" if picture else "failu"
    return (f"iekopē {what} {name} blakus rakstam un raksti {write(_beside(document, name))} "
            f"vai mapē content/{folder}/ un raksti {write(f'{folder}/{name}')}")


def _image_fix(image: str, document: SourceDocument, content_root: Path, folder: str) -> str:
    """What to copy and what to write instead of an `image:` on the editor's computer."""
    name = file_name(image)
    found = same_name(name, content_root)
    if found is not None:
        return f"fails ar šo nosaukumu ir content/{found}: raksti image: {found}"
    name = name or "foto.jpg"
    return (f"iekopē attēlu {name} blakus rakstam un raksti image: {_beside(document, name)} "
            f"vai mapē content/{folder}/ un raksti image: {folder}/{name}")
