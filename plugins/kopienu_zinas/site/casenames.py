"""Files and folders in content/ whose names differ only in capital letters.

Git keeps `Raksts.md` and `raksts.md` as two files, but Windows and macOS (case-insensitive
file systems by default) can hold only one of them: on an editor's checkout one overwrites the
other, and what they edit and commit is no longer what the site builds (QA: both were published
without a word). Pictures have their own, wider rule (images/rules.py: the same published
name), and are left to it; this one covers every other name, folders included, compared as
those systems compare them (Unicode case folding, after NFC: macOS also stores names
decomposed).
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from ..common import contentfolder
from ..common.frontmatter import SourceDocument
from ..common.problems import ContentProblem
from ..images.kinds import PICTURE_SUFFIXES


def check_documents(sender: Any, documents: Sequence[SourceDocument],
                    settings: dict[str, Any]) -> list[ContentProblem]:
    """content_check: one problem for each name that another under the same folder matches
    but for capital letters (the first, in path order, is kept unnamed)."""
    return list(case_clashes(contentfolder.files(Path(settings["PATH"]))))


def case_clashes(files: Iterable[str]) -> Iterable[ContentProblem]:
    """For POSIX paths relative to content/ (files; their folders are taken from them): a
    problem at each name whose folded form an earlier name already has."""
    names: set[str] = set()
    for file in files:
        parts = file.split("/")
        names.update("/".join(parts[:end]) for end in range(1, len(parts) + 1))
    by_folded: dict[str, list[str]] = defaultdict(list)
    for name in sorted(names):
        by_folded[unicodedata.normalize("NFC", name).casefold()].append(name)
    named: set[str] = set()
    for spellings in by_folded.values():
        first, *others = spellings
        for other in others:
            if (_picture_ending(first) and _picture_ending(other)) \
                    or any(other.startswith(folder + "/") for folder in named):
                continue  # the pictures' own rule names them; a clashing folder is named once
            named.add(other)
            yield ContentProblem(
                other, 1, "file",
                f"nosaukums atšķiras no {first} tikai ar lielajiem/mazajiem burtiem: Windows un "
                "macOS datorā viens pārrakstītu otru",
                f"the name differs from {first} only in capital letters: on Windows and macOS "
                "one would overwrite the other",
                f"pārsauc to projekta mapē: git mv \"content/{other}\" \"content/{_renamed(other)}\""
                f" (vai, ja tas ir tas pats, kas {first}, izdzēs lieko: git rm -r "
                f"\"content/{other}\")", other.rsplit("/", 1)[-1])


def _renamed(path: str) -> str:
    """`path` with `-2` before its ending, in the same folder (`pages/Par-Mums.md` →
    `pages/Par-Mums-2.md`): a name no longer alike."""
    folder, _, name = path.rpartition("/")
    stem, dot, ending = name.rpartition(".")
    renamed = f"{stem}-2.{ending}" if dot and stem else f"{name}-2"
    return f"{folder}/{renamed}" if folder else renamed


def _picture_ending(name: str) -> bool:
    """Whether a name ends as a picture does (images/pipeline.PICTURE_SUFFIXES, the one list):
    such pairs are the pictures' rule's."""
    return Path(name).suffix.lower() in PICTURE_SUFFIXES
