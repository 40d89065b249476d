"""One file, one writer: every file a build writes is claimed first, by whoever writes it.

Pelican lets a document with its own `save_as:` overwrite any other file, and the plugins write
their own files (the calendars' .ics, the icons, sitemap.xml, robots.txt, the newsletter's
feeds, the processed pictures, the editor's script) beside Pelican's writer. So each writer
claims a file before writing it, in one register per build (common/build.py ``claimed``): the
site's writer (site/safety.py `SafeWriter`) for each page and feed, the plugins through
:func:`site_file`. A second claim of one file, whoever makes it, is refused: the file keeps
what was written first and the problem is reported against the document that has the
`save_as:` (at that line), in the words of the content check (site/reserved.py), which finds
the same before anything is written.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from .build import build_of
from .frontmatter import markdown_ending, read_document
from .problems import ContentProblem, log_problem

logger = logging.getLogger(__name__)

#: Who claimed a file: a document's source (relative to content/), or "" for the site's own
#: pages, feeds and files.
Owner = str

#: The fix of a document whose own `save_as:` takes a file another writer writes.
TAKEN_FIX = ("izvēlies citu 'save_as:'/'url:' vai izdzēs abas rindas "
             "(choose another save_as:/url: or delete both lines)")


class OutputTaken(Exception):
    """A second claim of one output file: `relative` (to the output folder, `/`-separated),
    kept by `first` (an :data:`Owner`) for `second`, the writer that came later."""

    def __init__(self, relative: str, first: Owner, second: Owner) -> None:
        super().__init__(relative)
        self.relative = relative
        self.first = first
        self.second = second


def taken_words(keeper: Owner) -> tuple[str, str]:
    """(Latvian, English) of "the file is already `keeper`'s" ("" : the site's own file)."""
    if keeper:
        return f"šī adrese jau ir {keeper}", f"the address is already {keeper}'s"
    return ("šī adrese jau ir vietnes pašas failam",
            "the address is already a file the site writes itself")


def claim(claimed: dict[str, Owner], relative: str, owner: Owner) -> None:
    """Record that `owner` writes `relative` (to the output folder, `/`-separated) in the
    register `claimed`. Raises OutputTaken when someone claimed it before."""
    first = claimed.get(relative)
    if first is not None:
        raise OutputTaken(relative, first, owner)
    claimed[relative] = owner


def taken_problem(content_root: str, taken: OutputTaken) -> ContentProblem:
    """The problem of a refused claim: against the document that wants another's file (the
    later one; the first when only it is a document), at its `save_as:` line."""
    source, keeper = (taken.second, taken.first) if taken.second else (taken.first, "")
    source = source or taken.relative
    file = Path(content_root) / source
    line = 0
    if markdown_ending(file.name) and file.is_file():
        line = read_document(Path(content_root), file)[0].line_of("save_as")
    what_lv, what_en = taken_words(keeper)
    return ContentProblem(source, line, "save_as", what_lv, what_en, TAKEN_FIX,
                          f"/{taken.relative}")


def site_file(settings: dict[str, Any], output_path: str | Path, relative: str) -> Path | None:
    """Where a plugin writes its own file `relative` (to the output folder `output_path`),
    its folders made, once the site has claimed it in this build's register; None when the
    file was claimed before (the problem is reported: :func:`taken_problem`), and then the
    caller writes nothing. Outside a build (unit tests, tools) nothing is claimed."""
    build = build_of(settings)
    if build is not None:
        try:
            claim(build.claimed, relative, "")
        except OutputTaken as taken:
            log_problem(taken_problem(settings["PATH"], taken))
            return None
    target = Path(output_path) / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    return target
