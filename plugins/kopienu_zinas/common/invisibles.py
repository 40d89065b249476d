"""Invisible characters an editor did not mean to publish: a warning at their line and column.

Text pasted from Word, PDFs and web pages brings characters that show as nothing, yet are
published: a meta description that starts with a zero width space, a title whose search and
sorting fail on a word joiner. Each of these is named (:func:`stray_problems`), with "delete
it"; the page is built as written (a warning: only `make check` stops on it):

- U+200B zero width space, U+2060 word joiner, U+FEFF a byte-order mark inside the text (the
  one at the very start of a file is the encoding's, common/sourcetext.py);
- U+200E/U+200F left-to-right and right-to-left marks (our text is Latvian and English);
- U+200D zero width joiner, except right after an emoji, an emoji modifier or a combining
  mark: there it joins an emoji sequence (👩‍🌾) or shapes a script, as meant;
- in the body, U+2028/U+2029 line and paragraph separators (InDesign's forced line break) and
  NEL U+0085 (a "…" decoded from Windows-1252 as Latin-1): Markdown does not break a line
  there (in the front matter YAML does: an error, yamlproblems.line_break_problems).

Left alone: the soft hyphen U+00AD (a hyphenation hint, shown only where a line breaks) and the
zero width non-joiner U+200C (it keeps letters from ligating), both typed on purpose; no-break
spaces in a value's text (common/yamlproblems.py names those where YAML reads the layout). In the
front matter only values are looked at: an invisible character in a field name or indentation
is an error of its own (yamlproblems.layout_problem).

A value that a rule *refuses* (a date, a region, a status, an event's start …) and that holds
an invisible character (:data:`IN_VALUE`: no-break and other spaces YAML does not read as one,
zero width characters, direction marks, the soft hyphen) or typographic quotes (“ ” „ ‘ ’ « »,
Word's and macOS's autocorrect) is refused because of them more often than not, and the message
shows a value that looks exactly like a right one (`2026-11-20 10:00`). :func:`named_in_value`
names each such character with its column and shows the value without them
(:func:`cleaned`), as the only fault when the rule takes that value. Values that are accepted
are never looked at: a no-break space in a title is Latvian typography.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import replace

import yaml

from .problems import ContentProblem, shortened
from .yamlnodes import (
    INVISIBLE_CLASS,
    TYPOGRAPHIC_QUOTE_CHARACTERS,
    compose,
    invisible_name,
    quoted,
    value_start,
    yaml_kind,
)

#: The characters named (a joiner only where it joins nothing, :func:`stray_columns`).
STRAY_CHARACTERS = "\u200b\u200d\u200e\u200f\u2060\ufeff\u0085\u2028\u2029"
STRAY = re.compile(f"[{STRAY_CHARACTERS}]")
#: Unicode categories after which a zero width joiner is part of what is written: emoji (So),
#: their skin-tone modifiers (Sk), variation selectors and combining marks (Mn, Me).
_JOINED = frozenset({"So", "Sk", "Mn", "Me"})


#: How the reading's warning about an invisible character begins (:func:`without_echoes`).
_STRAY_START = "neredzama zīme: "

def stray_columns(line: str, start: int = 0) -> list[tuple[int, str]]:
    """(column counted from 1, character) of every stray invisible character in `line` from
    index `start` on (:data:`STRAY`; a joiner after an emoji or a mark is none)."""
    found = []
    for match in STRAY.finditer(line, start):
        at = match.start()
        if match.group() == "\u200d" and at and unicodedata.category(line[at - 1]) in _JOINED:
            continue
        found.append((at + 1, match.group()))
    return found


def stray_problems(path: str, text: str, first_line: int, *, header: bool) -> list[ContentProblem]:
    """A warning per line of `text` (its first line is file line `first_line`) and kind of
    stray character on it, naming the character and its columns. `header`: the text is YAML
    front matter, of which only the values are looked at (at the field of their line, or of
    the last line naming one)."""
    if not any(character in text for character in STRAY_CHARACTERS):
        return []  # nearly every file: six substring searches, ten times faster than STRAY's
    problems: list[ContentProblem] = []
    field = "text" if not header else "front matter"
    for number, line in enumerate(text.split("\n"), first_line):
        start = 0
        if header:
            start, name = value_start(line)
            field = name or field
            if line[start:].startswith("#"):
                continue  # a YAML comment, never published
        columns: dict[str, list[int]] = {}
        for column, character in stray_columns(line, start):
            columns.setdefault(character, []).append(column)
        problems.extend(_warning(path, number, field, character, found)
                        for character, found in columns.items())
    return problems


def _warning(path: str, line: int, field: str, character: str,
             columns: list[int]) -> ContentProblem:
    name_lv, name_en = invisible_name(character)
    code = ord(character)
    return ContentProblem(
        path, line, field, f"{_STRAY_START}{name_lv} U+{code:04X}",
        f"an invisible {name_en}, U+{code:04X}, would be published with the text",
        "izdzēs to (tā ienāk, kopējot tekstu no Word, PDF vai tīmekļa lapas): novieto kursoru "
        "tieši aiz tās un nospied Backspace, vai uzraksti vārdu no jauna",
        "kolonna " + ", ".join(map(str, columns)), severity="warning")


#: What :func:`named_in_value` names in a refused value: the invisible characters
#: (yamlnodes.INVISIBLE, and the soft hyphen U+00AD) and the typographic quotes.
IN_VALUE = re.compile(f"[{INVISIBLE_CLASS}\u00ad{TYPOGRAPHIC_QUOTE_CHARACTERS}]")
#: Fields whose values are prose, where a no-break space or „quotes” are typography: never
#: looked at, even in a problem about them (a title that gives no address).
PROSE_FIELDS = frozenset({"title", "summary", "image_alt", "image_credit", "notes",
                          "location", "address", "organizer", "price", "description"})
#: Of the characters named, those :func:`cleaned` writes as a plain space (Unicode's space
#: separators, Zs: the no-break spaces, U+2000–U+200A, U+3000); the others it deletes.
_SPACE_CATEGORY = "Zs"
_SPACES = re.compile(" {2,}")


def cleaned(text: str) -> str:
    """`text` without the characters of :data:`IN_VALUE`: each space-like one (Zs) a plain
    space, any other deleted; then runs of spaces one space, and stripped
    (`“2026-11-20”` → `2026-11-20`, `2026-11-20<NBSP>10:00` → `2026-11-20 10:00`)."""
    plain = IN_VALUE.sub(lambda found: " " if unicodedata.category(found.group())
                         == _SPACE_CATEGORY else "", text)
    return _SPACES.sub(" ", plain).strip()


def _columns(node: yaml.ScalarNode) -> int | None:
    """The file column (from 1) of the first character of a scalar's value, when its text is
    written on one line character for character (plain, or quoted without escapes); else
    None."""
    start, end = node.start_mark, node.end_mark
    quote = 1 if node.style in ("'", '"') else 0
    if start.line != end.line or end.column - start.column != len(node.value) + 2 * quote:
        return None
    return start.column + quote + 1


def _found_words(text: str, first: int | None) -> tuple[str, str]:
    """(Latvian, English) naming each kind of character of :data:`IN_VALUE` in `text` with
    its columns (`first`: the file column of the text's first character; None: unknown)."""
    kinds: dict[str, list[int]] = {}
    for found in IN_VALUE.finditer(text):
        character = found.group()
        key = "quotes" if character in TYPOGRAPHIC_QUOTE_CHARACTERS else character
        kinds.setdefault(key, []).append(found.start())
    parts_lv, parts_en = [], []
    for key, indexes in kinds.items():
        where_lv = where_en = ""
        if first is not None:
            numbers = ", ".join(str(first + index) for index in indexes)
            where_lv, where_en = f" (kolonna {numbers})", f" (column {numbers})"
        if key == "quotes":
            quotes = " ".join(dict.fromkeys(text[index] for index in indexes))
            parts_lv.append(f"tipogrāfiskās pēdiņas {quotes}{where_lv}")
            parts_en.append(f"typographic quotes {quotes}{where_en}")
        else:
            name_lv, name_en = invisible_name(key)
            code = f"U+{ord(key):04X}"
            parts_lv.append(f"{name_lv} {code}{where_lv}")
            parts_en.append(f"a {name_en}, {code}{where_en}")
    return " un ".join(parts_lv), " and ".join(parts_en)


def _shown(key: str, text: str) -> str:
    """`key: text` as it is to be written: in quotes when YAML would read the bare text as
    no text (a number, true/false, null; a date is what a date field wants)."""
    try:
        node = compose(text) if text else None
    except yaml.YAMLError:
        node = None
    kind = yaml_kind(node) if isinstance(node, yaml.ScalarNode) and not node.style else None
    value = quoted(text) if not text or (kind and kind[1] != "a date") else text
    return shortened(f"{key}: {value}" if key else value)


def named_in_value(problem: ContentProblem, node: yaml.Node | None, key: str,
                   accepts: Callable[[str], bool] | None = None) -> ContentProblem:
    """`problem`, a rule's refusal of the value written in `node` (its `value` that scalar's
    text; of a list, one of its items) under the field `key`, naming the invisible characters
    and typographic quotes in it (:data:`IN_VALUE`) with their columns, the fix showing the
    value without them (:func:`cleaned`, `region: Latgale`). When the rule takes the cleaned
    value (`accepts`), they are the problem's only words; else (or not known, None) they are
    added to the rule's. `problem` unchanged for a value without them, a node that is not the
    refused value, a prose field (:data:`PROSE_FIELDS`) and a problem that names them
    already."""
    prose = key in PROSE_FIELDS
    if isinstance(node, yaml.SequenceNode):  # one of its items, shown alone
        node, key = next((item for item in node.value if isinstance(item, yaml.ScalarNode)
                          and _same(item.value, problem.value)), None), ""
    if not isinstance(node, yaml.ScalarNode) or prose \
            or not IN_VALUE.search(node.value) or not _same(node.value, problem.value):
        return problem
    found_lv, found_en = _found_words(node.value, _columns(node))
    hidden = any(c not in TYPOGRAPHIC_QUOTE_CHARACTERS for c in IN_VALUE.findall(node.value))
    if found_lv in problem.what_lv or (not hidden and "typographic quotes" in problem.what_en):
        return problem  # (site/taxonomy.py's quotes around a tag name, say)
    text = cleaned(node.value)
    quotes = [c for c in dict.fromkeys(node.value) if c in TYPOGRAPHIC_QUOTE_CHARACTERS]
    how = ("izdzēs pēdiņas " + " ".join(quotes) if quotes else "") + (
        (" un " if quotes else "") + "uzraksti vērtību no jauna bez neredzamās zīmes (tāda "
        "ienāk, kopējot no Word, PDF vai tīmekļa lapas)" if hidden else "")
    shown = _shown(key, text)
    if accepts is not None and accepts(text):
        them_lv, them_en = ("tām", "them") if len(IN_VALUE.findall(node.value)) > 1 \
            else ("tās", "it")
        return replace(problem, what_lv=f"vērtībā ir {found_lv}: bez {them_lv} vērtība der",
                       what_en=f"the value holds {found_en}, and is right without {them_en}",
                       fix=f"{how}: {shown}")
    return replace(problem, what_lv=f"{problem.what_lv}; vērtībā ir {found_lv}",
                   what_en=f"{problem.what_en}; the value holds {found_en}",
                   fix=f"{how} ({shown}); {problem.fix}")


def _same(written: str, value: str) -> bool:
    """Whether a problem's `value` is the text `written` (as read: in Unicode NFC, stripped)."""
    return unicodedata.normalize("NFC", written).strip() == unicodedata.normalize(
        "NFC", value).strip() != ""


#: The code point an invisible character's message names (`U+200B`).
_CODE = re.compile(r"U\+[0-9A-F]{4,6}")


def without_echoes(problems: Iterable[ContentProblem]) -> list[ContentProblem]:
    """`problems` without the reading's warning about an invisible character
    (:func:`stray_problems`) where a rule's error at the same file, line and field names the
    same character (:func:`named_in_value`: the value is refused because of it). QA re-test:
    `status: draft<U+200B>` was one warning and one error for one character."""
    problems = list(problems)
    named = {(p.path, p.line, p.field, code) for p in problems if p.severity == "error"
             for code in _CODE.findall(p.what_lv)}
    return [p for p in problems if not (
        p.severity == "warning" and p.what_lv.startswith(_STRAY_START)
        and any((p.path, p.line, p.field, code) in named for code in _CODE.findall(p.what_lv)))]
