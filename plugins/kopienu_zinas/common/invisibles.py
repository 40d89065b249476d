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
"""

from __future__ import annotations

import re
import unicodedata

from .problems import ContentProblem
from .yamlnodes import invisible_name, value_start

#: The characters named (a joiner only where it joins nothing, :func:`stray_columns`).
STRAY_CHARACTERS = "\u200b\u200d\u200e\u200f\u2060\ufeff\u0085\u2028\u2029"
STRAY = re.compile(f"[{STRAY_CHARACTERS}]")
#: Unicode categories after which a zero width joiner is part of what is written: emoji (So),
#: their skin-tone modifiers (Sk), variation selectors and combining marks (Mn, Me).
_JOINED = frozenset({"So", "Sk", "Mn", "Me"})


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
        path, line, field, f"neredzama zīme: {name_lv} U+{code:04X}",
        f"an invisible {name_en}, U+{code:04X}, would be published with the text",
        "izdzēs to (tā ienāk, kopējot tekstu no Word, PDF vai tīmekļa lapas): novieto kursoru "
        "tieši aiz tās un nospied Backspace, vai uzraksti vārdu no jauna",
        "kolonna " + ", ".join(map(str, columns)), severity="warning")
