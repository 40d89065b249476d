"""The file an editor meant by a path that names none, and how to write it.

Three near misses the rules name with the file that is there (site/images.py for pictures and
`image:`, site/links.py for `{filename}`/`{static}` links, site/localpaths.py for paths on the
editor's own computer):

- the same path but for upper and lower case, or the Unicode form (`Foto 1.JPG` for the file
  `foto 1.jpg`): :func:`alike`;
- the same path written with Windows' `\\` between folders (`{static}\\atteli\\foto.jpg`,
  `image: atteli\\foto.jpg`): on the site, and in Pelican's look-up, only `/` separates
  folders, so the path names one file called `\\atteli\\foto.jpg`: :func:`with_slashes`;
- a file of the same name somewhere under content/ (the picture an editor copied there, named
  by its path on their own computer): :func:`same_name`.

Every look-up is in the listing of content/ (common/contentfolder.files), as the content
check's other rules ask it, so its results may be cached by that listing.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path, PurePosixPath
from urllib.parse import quote

from ..common.contentfolder import files

#: Characters that end a Markdown link target written bare (`](…)`): whitespace starts a
#: title, an unbalanced `)` ends the link; inside `<…>` they are part of the address.
_BARE_TARGET_ENDS = re.compile(r"[\s()]")

def nfc(text: str) -> str:
    """`text` in Unicode NFC, as editors type it (images/paths.nfc; not imported from there:
    the images plugin's package imports the site's link check, which imports this)."""
    return unicodedata.normalize("NFC", text)


#: The words that follow every "did you mean" fix of a path.
CASE_MATTERS = "(lielie/mazie burti ir svarīgi)"

BACKSLASHES = ("ceļā mapes atdalītas ar '\\' (kā Windows), vietnē tās atdala '/'",
               "the path separates folders with '\\' (as Windows does); on the site only '/' "
               "does")


def markdown_picture(alt: str, target: str) -> str:
    """A Markdown picture that shows `target` as written: `![alt](<target>)` when the target
    holds a space or a parenthesis (Python-Markdown reads `<…>` as the whole address, as
    CommonMark does), else `![alt](target)`; an empty alt becomes a placeholder to replace."""
    written = f"<{target}>" if _BARE_TARGET_ENDS.search(target) else target
    return f"![{alt.strip() or 'Kas redzams attēlā'}]({written})"


def working_link(what: str, relative: str) -> str:
    """A way to write a link to the file at `relative` (under content/) that Pelican finds in
    every form of link (`what`: "filename", "static" or "attach"): percent-encoded when the
    name has a space, a character that would end a URL's path (`#`, `?`, `;`) or `%`, or
    letters stored decomposed (NFD)."""
    encode = nfc(relative) != relative or any(character in relative for character in " #?;%")
    return f"{{{what}}}/{quote(relative) if encode else relative}"


def alike(relative: str, content_root: Path | str) -> str | None:
    """The one file under content/ whose path (POSIX, under content/) differs from `relative`
    only by case or Unicode form (`Foto 1.JPG` for `foto 1.jpg`), or None (none, or several)."""
    key = nfc(relative).casefold()
    found = [name for name in files(content_root) if nfc(name).casefold() == key]
    return found[0] if len(found) == 1 else None


def alike_fix(found: str, written: str) -> str:
    """The fix naming the file meant (`found`) and what to write (`written`)."""
    return f"vai domāts {found}? Raksti {written} {CASE_MATTERS}"


def with_slashes(path: str) -> str | None:
    """`path` with each `\\` read as `/` (a Windows path typed or pasted into a link or
    `image:`), or None when it has no `\\`."""
    return path.replace("\\", "/") if "\\" in path else None


def same_name(name: str, content_root: Path | str) -> str | None:
    """The one file under content/ named `name` (its last part; compared in NFC, then also
    regardless of case), as its POSIX path under content/; None when there is none or more
    than one."""
    if not name:
        return None
    wanted = nfc(name)
    listing = files(content_root)
    exact = [path for path in listing if nfc(PurePosixPath(path).name) == wanted]
    if exact:
        return exact[0] if len(exact) == 1 else None
    folded = [path for path in listing
              if nfc(PurePosixPath(path).name).casefold() == wanted.casefold()]
    return folded[0] if len(folded) == 1 else None
