"""File and folder names under content/ that are not UTF-8: named as an editor sees them, with
the name they were meant to have when it can be told, each one problem of the content check.

Linux keeps a name as the bytes it was given. `unzip` keeps the bytes a ZIP archive made on
Windows stores for a name in a Windows code page (APPNOTE.TXT 4.4.4, bit 11 not set): the
Baltic ANSI code page Windows-1257 (`ņ` is byte F2) or the Baltic OEM (DOS) code page cp775
(`ņ` is EC), as does a copy from an old USB stick or network share. Python gives each byte
UTF-8 cannot read as a lone surrogate (PEP 383); such a name is no content
(common/leftbehind.py NOT_UTF8: Pelican's IGNORE_FILES, left out of every listing) and its
web address could be no UTF-8 URL (RFC 3986 section 2.5). The content check names each file
and folder so named (:func:`check_documents`), also inside a folder so named, with:

- the name as a file manager shows it: the bytes read as UTF-8, each byte it cannot read
  shown as U+FFFD (what GLib's `g_filename_display_name` shows in GNOME Files), `zi�as.md`;
- the name meant, when the bytes read in Windows-1257 or cp775 give Latvian (or Latgalian)
  letters and nothing else outside ASCII (:func:`meant_name`): `ziņas.md`, and which;
- a command that renames it in a terminal, the bytes written as bash's `$'…'` quoting does
  (`mv -- $'zi\\xf2as.md' 'ziņas.md'`), since few programs can type such a name.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from typing import Any

from .contentfolder import FOLDER, misnamed_names
from .problems import ContentProblem

#: The code pages tried for the name meant, in the order a tie is decided: (codec, name).
CODE_PAGES = (("cp1257", "Windows-1257"), ("cp775", "cp775 (DOS)"))

#: Latvian letters (and Latgalian ō) with a rough weight, their share in Latvian text (per
#: thousand letters): two readings that both give Latvian letters (byte EC is `ģ` in
#: Windows-1257 and `ņ` in cp775) are told apart by the likelier letters.
LATVIAN_LETTERS = {
    **dict.fromkeys("āĀ", 40), **dict.fromkeys("ēĒ", 17), **dict.fromkeys("īĪ", 14),
    **dict.fromkeys("šŠ", 13), **dict.fromkeys("žŽ", 6), **dict.fromkeys("ūŪ", 5),
    **dict.fromkeys("ņŅ", 5), **dict.fromkeys("ļĻ", 4), **dict.fromkeys("čČ", 4),
    **dict.fromkeys("ķĶ", 2), **dict.fromkeys("ģĢ", 1), **dict.fromkeys("ōŌ", 1),
}


def name_bytes(name: str) -> bytes:
    """The bytes of a name (or path) as the disk holds them (`os.fsencode`: each surrogate
    U+DC80–U+DCFF back to its byte)."""
    return name.encode("utf-8", "surrogateescape")


def shown_name(name: str) -> str:
    """A name (or relative path) as a file manager shows it: its bytes read as UTF-8, each
    byte that cannot be read shown as U+FFFD (`zi\\udcf2as.md` → `zi�as.md`)."""
    return name_bytes(name).decode("utf-8", "replace")


def meant_name(name: str) -> tuple[str, str] | None:
    """The name meant and the code page it was read in, when its bytes read in one of
    CODE_PAGES give at least one Latvian letter and nothing else outside ASCII (the likelier
    letters win a tie; then the earlier code page); None when neither does."""
    data = name_bytes(name)
    best: tuple[int, str, str] | None = None
    for codec, label in CODE_PAGES:
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if any(not char.isascii() and char not in LATVIAN_LETTERS for char in text) \
                or any(char.isascii() and not char.isprintable() for char in text):
            continue
        weight = sum(LATVIAN_LETTERS.get(char, 0) for char in text)
        if weight and (best is None or weight > best[0]):
            best = (weight, text, label)
    return None if best is None else (best[1], best[2])


def shell_quoted(path: str) -> str:
    """`path` for bash: `'…'` when it is UTF-8 text without control characters or quotes,
    else `$'…'` with each other byte as `\\xHH` (what `ls` shows)."""
    data = name_bytes(path)
    text = data.decode("utf-8", "surrogateescape")
    if text.isprintable() and "'" not in text and "\\" not in text \
            and not any("\udc80" <= char <= "\udcff" for char in text):
        return f"'{text}'"
    quoted = []
    for char in text:
        if "\udc80" <= char <= "\udcff":
            quoted.append(f"\\x{ord(char) - 0xDC00:02x}")
        elif char in "'\\":
            quoted.append(f"\\{char}")
        elif not char.isprintable():
            quoted.extend(f"\\x{byte:02x}" for byte in char.encode("utf-8"))
        else:
            quoted.append(char)
    return f"$'{''.join(quoted)}'"


def name_problem(relative: str, kind: str, folder_name: str = "content",
                 parent_now: str | None = None) -> ContentProblem:
    """The problem of one file or folder (`kind`: contentfolder.FOLDER or another kind) whose
    own name is not UTF-8, at `relative` (its POSIX path under the content folder, as Python
    gives it); `folder_name`: the content folder's name, for the command; `parent_now`: its
    folder's path once the commands named before it have renamed that folder (QA re-test: a
    file's command inside a renamed folder named the folder's old name), else as it is."""
    parent, _, own = relative.rpartition("/")
    parent = parent if parent_now is None else parent_now
    meant = meant_name(own)
    target = joined(parent, new_name(own, kind))
    command = f"mv -- {shell_quoted(joined(parent, own))} {shell_quoted(target)}"
    if kind == FOLDER:
        what = ("mapes nosaukums nav UTF-8: tā faili netiek publicēti",
                "the folder name is not UTF-8: its files are not published")
        rename = "pārsauc mapi", "rename the folder"
    else:
        what = ("faila nosaukums nav UTF-8: fails netiek publicēts",
                "the file name is not UTF-8: the file is not published")
        rename = "pārsauc failu", "rename the file"
    if meant is not None:
        fix = (f"{rename[0]} par '{meant[0]}' ({rename[1]} to '{meant[0]}': the name read "
               f"as {meant[1]})")
    else:
        fix = f"{rename[0]}, nosaukumu uzrakstot no jauna ({rename[1]}, typing the name anew)"
    return ContentProblem(shown_name(relative), 0, "file", *what,
                          f"{fix}; terminālī mapē {folder_name}/ (in a terminal, in "
                          f"{folder_name}/): {command}")


def new_name(own: str, kind: str) -> str:
    """The name a file or folder named `own` (not UTF-8) is to get: the name meant
    (:func:`meant_name`), else `jauns-nosaukums` with the file's ending."""
    meant = meant_name(own)
    if meant is not None:
        return meant[0]
    return "jauns-nosaukums" if kind == FOLDER else f"jauns-nosaukums{_suffix(own)}"


def joined(folder: str, name: str) -> str:
    """`folder/name`, or `name` in the content folder itself ("")."""
    return f"{folder}/{name}" if folder else name


def _suffix(name: str) -> str:
    """The ending of a name (".md"), when it is UTF-8 text."""
    suffix = os.path.splitext(name)[1]
    return suffix if not any("\udc80" <= char <= "\udcff" for char in suffix) else ""


def name_problems(root: str) -> list[ContentProblem]:
    """One problem for each file and folder under `root` whose own name is not UTF-8 (also
    inside a folder so named; not what a tool leaves behind), in path order."""
    folder_name = os.path.basename(os.path.normpath(root)) or "content"
    renamed: dict[str, str] = {}  # a folder's path → its path once renamed by its command
    problems = []
    for relative, kind in misnamed_names(root):  # in path order: a folder before its files
        parent, _, own = relative.rpartition("/")
        now = next((renamed[folder] + parent[len(folder):] for folder in
                    sorted(renamed, key=len, reverse=True)
                    if parent == folder or parent.startswith(folder + "/")), parent)
        problems.append(name_problem(relative, kind, folder_name, now))
        if kind == FOLDER:
            renamed[relative] = joined(now, new_name(own, kind))
    return problems


def check_documents(sender: Any, documents: Iterable[Any], settings: Mapping[str, Any],
                    **_: Any) -> list[ContentProblem]:
    """content_check receiver: :func:`name_problems` of the content folder (from the
    check's listing, common/contentfolder.py)."""
    return name_problems(os.fspath(settings["PATH"]))
