"""Read what can be read of a front matter that YAML cannot read whole.

YAML stops at its first error, so a check that reported only that error named one problem per
run: the editor fixed an unclosed quote, ran the check again, met an unclosed bracket two lines
down, then the wrong date and the missing picture, in rounds. Here each top-level field whose
lines YAML cannot read is named (common/yamlproblems.syntax_problem, at its cause) and its lines
blanked, one field after another, until the rest reads; the rules then check the fields that
were read and the body, and say nothing of the fields that were not (they are already an
error each: SourceDocument.unread_fields).

In a field that is a block list (`events:`, whose items are mappings) the unit is the list
*item* whose lines hold the cause, from its `- ` line to the next item's (QA s11: blanking the
whole `events:` hid the next item's error, so a list with three broken items took three
checks): its `- ` line is left alone (`-`: an empty item, so that the items after it keep
their numbers) and its other lines are blanked; its name in :attr:`Recovered.unread_fields` is
`events[2]` (counted from 1), and the problem is named so where syntax_problem knows no
narrower field. The rules of such a list say nothing of its unread items
(:func:`unread_items`), and check the others. An error on lines already blanked, or before the
first item, leaves out the whole field, as before.
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

#: A list item's first line: its indentation, a dash, then a space or the line's end.
_ITEM_START = re.compile(r"(?P<indent> *)-(?:[ \t]|$)")
#: An unread item's name in Recovered.unread_fields: the field's name, its number from 1.
_ITEM_NAME = re.compile(r"(?P<field>.+)\[(?P<number>[0-9]+)\]")

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
    #: case, without invisible characters: frontmatter.field_name), and of the list items
    #: blanked in a field that was read (`events[2]`, counted from 1: :func:`unread_items`)
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
        field = _field_at(lines, index)
        if field is not None and field[2] in names:
            field = None  # left out whole already
        item = None if field is None or index in blanked else _item_at(lines, field, index)
        if field is not None and item is None and index in blanked \
                and not unread_items(names, field[2]):
            field = None  # the cause on blanked lines of no item: nothing more is read
        if field is not None:
            named = field[2] if item is None else f"{field[2]}[{item[2]}]"
            if problem.field in (WHOLE_TEXT, field[2]):
                problem = replace(problem, field=named)  # named by the field (item) it is in
        if all(problem.line != known.line for known in problems):
            problems.append(problem)  # (once a line: an item's, then its field's)
        if field is None:
            return Recovered(tuple(problems), frozenset(names), "\n".join(lines), None)
        if item is None:
            start, end, name = field
            lines[start:end] = [""] * (end - start)
            blanked.update(range(start, end))
            names.difference_update([f"{name}[{number + 1}]"
                                     for number in unread_items(names, name)])
            names.add(name)
        else:
            start, end, number, indent = item
            lines[start] = " " * indent + "-"  # at the list's indentation, however written
            lines[start + 1:end] = [""] * (end - start - 1)
            blanked.update(range(start, end))
            names.add(f"{field[2]}[{number}]")
        try:
            loaded = load("\n".join(lines))
        except yaml.YAMLError as next_error:
            error = next_error
            continue
        return Recovered(tuple(problems), frozenset(names), "\n".join(lines), loaded)


def unread_items(unread_fields: Collection[str], field: str) -> frozenset[int]:
    """The indexes (from 0) of the items of the list `field` (`events`) that
    :func:`read_in_part` left out (Recovered.unread_fields: `events[2]` is index 1); empty when
    none was, or the whole field was left out."""
    return frozenset(int(match["number"]) - 1 for name in unread_fields
                     if (match := _ITEM_NAME.fullmatch(name)) and match["field"] == field)


def _item_at(lines: list[str], field: tuple[int, int, str], index: int
             ) -> tuple[int, int, int, int] | None:
    """(first line, line after the last, number from 1, the list's indentation) of the item
    of the block list that is the value of `field` (_field_at's) whose lines hold line
    `index`; None when the field's value is no block list of mappings (no item `- key: …`; a
    list of names, as `tags:`, is left out whole) or the line is before its first item. An
    item starts at a `- ` line indented as the list's first or less (a dash written a space
    short is an item of its own still), and ends where the next starts."""
    start, end, _name = field
    dashes = [(number, len(found["indent"])) for number in range(start + 1, end)
              if (found := _ITEM_START.match(lines[number]))]
    if not dashes or index < dashes[0][0] \
            or not any(_FIELD_START.match(lines[number].lstrip()[1:].lstrip())
                       for number, _indent in dashes) \
            or any(line.strip() and not line.lstrip().startswith("#")
                   for line in lines[start + 1:dashes[0][0]]):
        return None
    indent = dashes[0][1]
    starts = [number for number, depth in dashes if depth <= indent]
    first = max(number for number in starts if number <= index)
    last = next((number for number in starts if number > first), end)
    return first, last, starts.index(first) + 1, indent


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
