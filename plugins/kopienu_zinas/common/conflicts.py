"""Git's merge-conflict markers left in an editor's file: one problem at each conflict.

A `git merge` or `git pull` that meets two edits of the same lines writes both into the file
between marker lines (`<<<<<<< HEAD`, `=======` or diff3's `||||||| base`, `>>>>>>> branch`)
and leaves the choice to the editor. Left in the body, both versions are published, and
`>>>>>>> 3f2a1b` is Markdown for seven nested quotations; left in the front matter, YAML
stops a line later with words about colons. Either way the fix is the same: choose one
version and delete the marker lines. A conflict is named at its `<<<<<<<` line (the lines of
its other markers in the value); a `>>>>>>>` line with no opening one before it (half of a
conflict already deleted) is named too. A lone `=======` is Markdown's underline of a heading,
and is left alone. Fenced code blocks (```` ``` ````, `~~~`) are text shown as written.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .problems import ContentProblem

#: A marker line: seven `<`, `|`, `=` or `>` at its start, then nothing or a space and a name.
_MARKER = re.compile(r"^(?P<kind><{7}|\|{7}|={7}|>{7})(?:[ \t].*)?$")
_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
_WHAT = ("git konflikta atzīmes: failā ir abas versijas",
         "git merge-conflict markers: the file holds both versions")
_FIX = ("izvēlies vienu versiju un izdzēs otru un atzīmju rindas (<<<<<<<, =======, >>>>>>>)")


def marker_lines(text: str, first_line: int = 1) -> Iterator[tuple[int, str]]:
    """(file line, its seven characters) of every marker line in `text` (whose first line is
    file line `first_line`), outside fenced code blocks."""
    if "<<<<<<<" not in text and ">>>>>>>" not in text:
        return  # nearly every file: two substring searches
    fenced = False
    for number, line in enumerate(text.split("\n"), first_line):
        if _FENCE.match(line):
            fenced = not fenced
        elif not fenced and (marker := _MARKER.match(line)):
            yield number, marker.group("kind")


def conflict_problems(path: str, text: str, first_line: int = 1,
                      field: str = "text") -> list[ContentProblem]:
    """An error at each conflict left in `text` (file line `first_line` first; `field`: the
    part of the file, "front matter" or "text"), naming its markers' lines."""
    problems: list[ContentProblem] = []
    opening: int | None = None
    lines: list[int] = []
    for number, kind in marker_lines(text, first_line):
        if kind == "<<<<<<<":
            opening, lines = number, [number]
        elif opening is not None:
            lines.append(number)
            if kind == ">>>>>>>":
                problems.append(_problem(path, opening, field, lines))
                opening = None
        elif kind == ">>>>>>>":
            problems.append(_problem(path, number, field, [number]))
    if opening is not None:  # opened, never closed
        problems.append(_problem(path, opening, field, lines))
    return problems


def _problem(path: str, line: int, field: str, lines: list[int]) -> ContentProblem:
    return ContentProblem(path, line, field, *_WHAT, _FIX,
                          "rindas " + ", ".join(map(str, lines)))
