"""Read what can be read of a front matter that YAML cannot read whole.

YAML stops at its first error, so a check that reported only that error named one problem per
run: the editor fixed an unclosed quote, ran the check again, met an unclosed bracket two lines
down, then the wrong date and the missing picture, in rounds. Here each top-level field whose
lines YAML cannot read is named (common/yamlproblems.syntax_problem, at its cause) and its lines
blanked, one field after another, until the rest reads; the rules then check the fields that
were read and the body, and say nothing of the fields that were not (they are already an
error each: SourceDocument.unread_fields).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from dataclasses import dataclass, replace
from typing import Generic, TypeVar

import yaml

from .problems import ContentProblem
from .yamlnodes import INVISIBLE
from .yamlproblems import syntax_problem

Loaded = TypeVar("Loaded")
#: The field syntax_problem names when it knows no narrower one.
WHOLE_TEXT = "front matter"

#: A top-level field's first line: a key at the line's very start, then `:` and a space (a
#: pasted no-break one too) or the line's end (`title: …`, `"lang": en`). An indented line, a
#: list item, a comment, a blank line and a quoted value's next line written from the line's
#: start belong to the field above.
_FIELD_START = re.compile(r"""(?P<key>[^\s#\-'"][^:]*|"[^"]*"|'[^']*'):(?:\s|$)""")


@dataclass(frozen=True)
class Recovered(Generic[Loaded]):
    """What was read of a front matter YAML could not read whole."""

    #: one syntax problem per field that could not be read, in the order they were found
    problems: tuple[ContentProblem, ...]
    #: the names of the fields whose lines were blanked, as the content check reads them (lower
    #: case, without invisible characters: frontmatter.field_name)
    unread_fields: frozenset[str]
    #: the text with those lines blank (each other line at its number)
    text: str
    #: what `load` gave for that text; None when nothing of it could be read
    loaded: Loaded | None


def read_in_part(path: str, text: str, error: yaml.YAMLError, load: Callable[[str], Loaded],
                 first_line: int, lists: Collection[str] = ()) -> Recovered[Loaded]:
    """The problem of the field at `error`'s cause (named by that field where syntax_problem
    names the whole front matter), then of each next field `load` fails on
    with that field's lines blanked, until `load` reads the rest (`loaded`) or the cause is on
    no field's lines, or on lines already blanked (`loaded` None: nothing more is said).

    `text` is the YAML (its first line the file's line `first_line`), `error` what `load`
    raised for it; `load` raises yaml.YAMLError for text it cannot read; `lists` as
    syntax_problem's."""
    lines = text.split("\n")
    problems: list[ContentProblem] = []
    names: set[str] = set()
    blanked: set[int] = set()
    while True:
        problem = syntax_problem(path, "\n".join(lines), error, first_line, lists=lists)
        index = problem.line - first_line
        field = None if index in blanked else _field_at(lines, index)
        if field is not None and problem.field == WHOLE_TEXT:
            problem = replace(problem, field=field[2])  # named by the field it is in
        if problem not in problems:
            problems.append(problem)
        if field is None:
            return Recovered(tuple(problems), frozenset(names), "\n".join(lines), None)
        start, end, name = field
        lines[start:end] = [""] * (end - start)
        blanked.update(range(start, end))
        names.add(name)
        try:
            loaded = load("\n".join(lines))
        except yaml.YAMLError as next_error:
            error = next_error
            continue
        return Recovered(tuple(problems), frozenset(names), "\n".join(lines), loaded)


def _field_at(lines: list[str], index: int) -> tuple[int, int, str] | None:
    """(first line, line after the last, name in lower case) of the top-level field whose lines
    hold line `index` (counted from 0); None when the line is before every field."""
    if not 0 <= index < len(lines):
        return None
    start = next((number for number in range(index, -1, -1)
                  if _FIELD_START.match(lines[number])), None)
    if start is None:
        return None
    end = next((number for number in range(start + 1, len(lines))
                if _FIELD_START.match(lines[number])), len(lines))
    key = _FIELD_START.match(lines[start])
    assert key is not None
    return start, end, INVISIBLE.sub("", key.group("key").strip().strip("'\"")).lower()
