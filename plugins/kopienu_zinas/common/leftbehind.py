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

Each pattern is an `fnmatch` pattern matched, as Pelican matches IGNORE_FILES, against the
name of one file or folder (never a path); a folder so named is left out with all it holds.
"""

from __future__ import annotations

import fnmatch
import re

#: fnmatch patterns of the names left behind (Pelican's IGNORE_FILES, pelicanconf.py).
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
)

_MATCH = re.compile("|".join(fnmatch.translate(pattern) for pattern in LEFT_BEHIND)).match


def left_behind(name: str) -> bool:
    """Whether a file or folder of this name (one name, not a path) is left behind."""
    return _MATCH(name) is not None


def left_behind_path(relative: str) -> bool:
    """Whether a relative POSIX path ("atteli/.DS_Store", "__MACOSX/atteli/foto.jpg") names
    something left behind or lies in a folder left behind ("." and ".." are no names)."""
    return any(left_behind(part) for part in relative.split("/") if part not in ("", ".", ".."))
