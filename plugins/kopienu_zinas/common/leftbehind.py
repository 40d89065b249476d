"""What editors' tools and operating systems leave behind in content/: one definition.

macOS Finder writes `.DS_Store` into every folder it shows and AppleDouble `._foto.png` files
beside each file it copies to a USB stick or a network share; Windows Explorer writes
`Thumbs.db` (thumbnails of the pictures) and `desktop.ini`; editors keep lock, swap, backup and
temporary files beside the file they edit (`.#raksts.md`, a symbolic link to nowhere, while
emacs has it open; `.raksts.md.swp`, vim; `raksts.md~`; `#raksts.md#`; `~$raksts.docx`, Word).
None of them is content: none is read, published (`.DS_Store` lists file names, `Thumbs.db`
holds thumbnails) or reported. The same names are Pelican's IGNORE_FILES (pelicanconf.py),
left out of the content check's listing (contentfolder.py, and so of every rule that asks
it), of the galleries (galleries/discover.py) and of the pictures (images/rules.py), and do
not start a preview build (tools/watch.py).

A name that is not UTF-8 (:data:`NOT_UTF8`: `unzip` on Linux keeps the bytes a Windows-made
ZIP archive gives a name in the Windows code page, Windows-1257 `zi\\xf2as.md` for `ziņas.md`)
is one of IGNORE_FILES too, so nothing reads or publishes it (a web address of such a name
would be no UTF-8 URL, RFC 3986 section 2.5), but unlike the others it is *reported*: the
content check names each (common/filenames.py), and the preview builds when one appears.

Each pattern is an `fnmatch` pattern matched, as Pelican matches IGNORE_FILES, against the
name of one file or folder (never a path); a folder so named is left out with all it holds.
"""

from __future__ import annotations

import fnmatch
import re

#: fnmatch pattern of a name that is not UTF-8: Python gives each byte of it that UTF-8 cannot
#: read as a lone surrogate U+DC80–U+DCFF (PEP 383, `surrogateescape`), and no UTF-8 text
#: holds a surrogate. Written without one (the settings' digest and any JSON of them stay
#: valid UTF-8): a character outside U+0000–U+D7FF and U+E000–U+10FFFF.
NOT_UTF8 = "*[!\x00-\ud7ff\ue000-\U0010ffff]*"

#: fnmatch patterns of the names left behind (Pelican's IGNORE_FILES, pelicanconf.py), and
#: NOT_UTF8 (not read either, but reported).
LEFT_BEHIND: tuple[str, ...] = (
    ".*",  # hidden: .DS_Store, ._foto.png, .#raksts.md, .raksts.md.swp, .~lock.x#, .git, .Trashes
    "*~",  # backups: raksts.md~
    "#*#",  # emacs auto-save: #raksts.md#
    "~$*",  # Word and Excel lock files: ~$raksts.docx
    "*.tmp",  # temporary copies of a file being saved
    "*.sw[a-p]",  # vim swap files kept in another folder (raksts.md.swp)
    "*___jb_???___",  # JetBrains editors' safe-write copies
    "[Tt]humbs.db", "ehthumbs*.db", "[Dd]esktop.ini",  # Windows Explorer
    "Icon\r",  # a macOS folder's own icon
    "__MACOSX",  # a ZIP archive made on macOS, unpacked elsewhere
    NOT_UTF8,  # last: not read, but reported (common/filenames.py)
)

_MATCH = re.compile("|".join(fnmatch.translate(pattern) for pattern in LEFT_BEHIND)).match
_TOOLS_LEAVE = re.compile("|".join(fnmatch.translate(pattern)
                                   for pattern in LEFT_BEHIND[:-1])).match
_NOT_UTF8 = re.compile(fnmatch.translate(NOT_UTF8)).match


def left_behind(name: str) -> bool:
    """Whether a file or folder of this name (one name, not a path) is left out of the build:
    left behind by a tool, or not UTF-8 (:func:`misnamed`)."""
    return _MATCH(name) is not None


def misnamed(name: str) -> bool:
    """Whether a file or folder of this name is left out because the name is not UTF-8 (and
    not for what a tool leaves behind, `.zi\\xf2as.md.swp`): one the content check reports."""
    return _NOT_UTF8(name) is not None and _TOOLS_LEAVE(name) is None


def left_behind_path(relative: str) -> bool:
    """Whether a relative POSIX path ("atteli/.DS_Store", "__MACOSX/atteli/foto.jpg") names
    something left behind or lies in a folder left behind ("." and ".." are no names)."""
    return any(left_behind(part) for part in relative.split("/") if part not in ("", ".", ".."))
