"""Problems in editors' YAML (front matter, captions.yml; read by common/yamlnodes.py): what
only the parsed YAML shows (escaped forbidden characters, repeated keys, comments that cut
values short, text fields read as no text), tabs and invisible spaces where YAML reads the
layout, characters YAML reads as a line break, and what an editor can do about YAML that
cannot be read.

`common.sourcetext` finds characters XML 1.0 forbids when they are typed literally. YAML's
double-quoted escapes (`"\\x0b"`, `"\\u0001"`, YAML 1.1 §5.7) put the same characters into a
value without them ever being in the file's text; and YAML lets a key appear twice in one
mapping, where PyYAML silently keeps the last value (YAML 1.1 §3.2.1.1 says keys are unique).
Both are found here by walking the composed node tree, so every scalar is seen, however
deeply nested (event fields, tag lists, captions of photos).

YAML separates and indents with the plain space only (YAML 1.2 §6.1: no tab in indentation;
§5.5: a no-break space is not white space). A no-break space pasted from Word after `title:`
makes the whole line one text, and the parser stops a line later with "mapping values are not
allowed"; a tab in an indentation stops it there. :func:`syntax_problem` names the line and the
character instead of the parser's words (`layout_fault`). Typographic quotes (“ ” „ ‘ ’ « »,
Word's and macOS's autocorrect) are text to YAML, not quotes: when the line where the parser
stopped holds them, it says so and shows the line with the value in straight quotes.

A `#` after white space begins a comment (YAML 1.1 §4.2.2 and §9.2.1.3: in a plain scalar only
after white space; at the start of a value, or of a flow item after `[` or `,`, always):
`tags: #kopienas` is an empty field, `title: Sanāksme #3` the title "Sanāksme" and
`summary: Cena 5 EUR # ar PVN` the summary "Cena 5 EUR", all without an error.
:func:`comment_problems` names a comment after a value on its line: an error when it reads as
text (`#` directly before a letter or digit, as in a hashtag), a warning when it looks like
the comment it is (`# …`: editors do not mean one after a value, and what it says is not
published); so is a comment line indented under a plain value, below its last line (`summary:
Pirmā daļa` and `  #3 trešā`: the line meant to continue it is lost). A comment after a field
with no value (`tags:   # vēlāk`), a whole-line one not indented under a value and any in
`notes:` (never published) are left alone. Fields inside events are named as the events'
own messages name them (`events[1].location`).
:func:`syntax_problem` names a comment that leaves a `[` unclosed, and a quote or
bracket that is not closed, at the line where it opened; a comment that cuts a plain value
running over several lines short (`summary: Pirmā daļa #3` and an indented `otrā daļa`: the
parser then stops at the next line), text after a closing quote (`title: "Sveiki" un "atā"`)
and a `]` or `}` that closes nothing (`tags: [a, b]]`), each with its own fix rather than the
parser's "did not find expected key".

A text field whose value YAML reads as no text (`title: 1.10`, `price: 5.00`, `location: no`)
is :func:`not_text`'s, for articles' and events' fields alike, quoting the text as written.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from typing import Literal

import yaml

from . import isodates
from .problems import ContentProblem, shortened
from .sourcetext import XML_FORBIDDEN, character_names
from .yamlnodes import (
    INVISIBLE,
    TYPOGRAPHIC_QUOTE_CHARACTERS,
    AliasRefused,
    compose,
    invisible_name,
    line_layout,
    quoted,
    scan_tokens,
    value_start,
    written_form,
    yaml_kind,
)
from .yamlreferences import (
    JSON_PAIR,
    SCANNING_REFERENCE,
    UNDEFINED_ALIAS,
    alias_problem,
    json_comma_problem,
    reference_problem,
)

#: Characters YAML reads as a line break (YAML 1.1 §5.4: NEL, line and paragraph separators)
#: that editors and Python's own line counting (`str.split("\n")`) do not: a title with
#: InDesign's forced line break U+2028 is two YAML lines, and the parser's line is off.
YAML_LINE_BREAKS = re.compile("[\u0085\u2028\u2029]")
_PASTED = ("izdzēs to vai aizstāj ar atstarpi (tāda zīme ienāk, kopējot no InDesign, PDF vai "
           "tīmekļa lapas)")
#: What to do about each, by character.
_LINE_BREAK_FIXES = {
    "\u2028": _PASTED, "\u2029": _PASTED,
    "\u0085": "tā parasti ir daudzpunkte „…”, kas nolasīta nepareizā kodējumā: aizstāj to ar …",
}
#: Quotes that word processors type for " and ', and Latvian typography's „…“: text to YAML.
TYPOGRAPHIC_QUOTES = re.compile(f"[{TYPOGRAPHIC_QUOTE_CHARACTERS}]")
_YAML_FIX = "pārbaudi kolu ':' aiz lauka nosaukuma un pēdiņas ap tekstu ar ':' vai '#'"
_LAYOUT_FIX = ("aizstāj to ar parastu atstarpi (vai izdzēs, ja atstarpe tur nav vajadzīga); tāda "
               "bieži ienāk, kopējot tekstu no Word vai tīmekļa lapas")
#: A problem's severity (ContentProblem.severity).
Severity = Literal["error", "warning"]
#: A comment after a value: white space, then `#` and the rest of the line.
_COMMENT = re.compile(r"[ \t]+(#.*)")
#: A comment that reads as text: `#` then a letter or digit (a hashtag, `#3`).
_TEXT_COMMENT = re.compile(r"#[^\s#]")
#: Styles of a scalar that ends on the line its end mark names: plain (libyaml: "", PyYAML:
#: None), single- and double-quoted; not block scalars (`|`, `>`), which end a line later.
_LINE_STYLES = ("", None, "'", '"')
#: Flow indicators after which a `#` begins a comment even without white space before it.
_FLOW_BEFORE_COMMENT = " \t[{,"
#: The pieces of a flow collection's text (YAML 1.1 §9.1.3, §10.2.2): a quoted scalar, a
#: flow indicator (`[ ] { } ,` and a mapping's `: `), or a plain run up to one of them.
_FLOW_PIECE = re.compile(r"""\s*(?:"(?:[^"\\]|\\.)*"|'(?:[^']|'')*')\s*|[\[\]{},]|:(?=\s)"""
                         r"|(?:[^\[\]{},:]|:(?!\s))+")
#: A `#` that begins a comment in a plain flow item: at its start or after white space.
_ITEM_HASH = re.compile(r"(?:^|\s+)#+\s*")


def not_text(node: yaml.Node, name: str) -> tuple[str, str, str, str] | None:
    """(what_lv, what_en, fix, value as written) when `node`, the value of the text field
    `name` (an article's `title:`, an event's `price:` …), is no text: a scalar YAML reads as a
    number, true/false (YAML 1.1 §10.2: `yes`, `no`, `on`, `off`) or a date (yamlnodes.yaml_kind),
    the fix the editor's own text in quotes (`price: 5.00` → `price: "5.00"`, not 5.0); a list
    or mapping. None for text, and for an empty value (each field's rule says what an empty
    one means)."""
    if not isinstance(node, yaml.ScalarNode):
        return ("jābūt tekstam", "must be text", f"raksti '{name}: ' un tekstu pēdiņās",
                written_form(node))
    kind = yaml_kind(node)
    if kind is None or node.tag == "tag:yaml.org,2002:null":
        return None
    return (f"jābūt tekstam, bet YAML to nolasa kā {kind[0]}",
            f"must be text, but YAML reads it as {kind[1]}",
            f"liec to pēdiņās: {shortened(f'{name}: {quoted(node.value)}')}", node.value)


def node_problems(node: yaml.Node | None, path: str, first_line: int = 1) -> list[ContentProblem]:
    """Problems in a composed YAML document. `first_line` is the file line of the YAML's first
    line (2 for front matter after its `---`, 1 for captions.yml)."""
    return list(_walk(node, path, first_line, "text"))


def _walk(node: yaml.Node | None, path: str, first_line: int,
          field: str) -> Iterator[ContentProblem]:
    if isinstance(node, yaml.ScalarNode):
        found = [(m.start() + 1, ord(m.group())) for m in XML_FORBIDDEN.finditer(node.value)]
        if found:
            yield ContentProblem(
                path, node.start_mark.line + first_line, field,
                "neredzama aizliegta rakstzīme", "forbidden character (XML 1.0)",
                "izdzēs YAML atsoli (piemēram \\x0b vai \\u0001) no vērtības",
                character_names(found, "zīme"))
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from _walk(item, path, first_line, field)
    elif isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key, value in node.value:
            name = key.value if isinstance(key, yaml.ScalarNode) else field
            if isinstance(key, yaml.ScalarNode):
                if name in seen:
                    yield ContentProblem(
                        path, key.start_mark.line + first_line, name,
                        "lauks ir uzrakstīts divreiz", "duplicate key",
                        "atstāj vienu rindu ar šo lauku (tagad derētu tikai pēdējā)", name)
                seen.add(name)
            yield from _walk(key, path, first_line, name)
            yield from _walk(value, path, first_line, name)


def comment_problems(path: str, text: str, node: yaml.Node | None, first_line: int = 1,
                     lists: Collection[str] = ()) -> list[ContentProblem]:
    """A problem at each value (a mapping's or a list item's, at any depth; plain or quoted) of
    the composed YAML `text` that a comment follows on the line where the value ends:

    - an error when the comment reads as text (:data:`_TEXT_COMMENT`) and the value is plain:
      empty (`image_credit: #foto Jānis`, `- #kopienas`: the value is lost) or cut short
      (`title: Sanāksme #3`);
    - a warning when the value is not empty (`summary: Cena 5 EUR # ar PVN`,
      `title: "Koncerts" # 2. daļa`): what the comment says is not published.

    And at a comment line indented under a plain value's field, below its last line
    (`summary: Pirmā daļa` + `  #3 trešā`): YAML reads it as a comment, and the line meant to
    continue the value is lost (:func:`_comment_line_words`).

    A comment after a field with no value (`tags:   # vēlāk`, `title: "" # vēlāk`), a
    whole-line one not indented under a value, and any in `notes:` (never published) are none.
    Fields are named as events' messages name them (`events[1].location`). `first_line`: the
    file line of the text's first line; `lists`: fields whose value is a list (the fix shows
    `tags: ["#kopienas"]`)."""
    if "#" not in text:
        return []  # nearly every header: no walk
    lines = text.split("\n")
    return [ContentProblem(path, line + first_line, field, *words, severity=severity)
            for line, field, words, severity in _commented(node, lines, _Place("front matter"),
                                                           lists)]


@dataclass(frozen=True)
class _Place:
    """Where a value stands: its field as messages name it (`events[1].location`), the key
    written on its line (`location`; the list's for an item), whether it is a list item, and
    the column of its key or list dash (None inside brackets)."""

    field: str
    key: str = ""
    item: bool = False
    column: int | None = None


def _commented(node: yaml.Node | None, lines: list[str], place: _Place,
               lists: Collection[str]
               ) -> Iterator[tuple[int, str, tuple[str, str, str, str], Severity]]:
    """(line counted from 0, field, (what_lv, what_en, fix, value), severity) of each commented
    value under `node`, which stands at `place`."""
    if isinstance(node, yaml.ScalarNode):
        end = node.end_mark
        found = (_COMMENT.match(lines[end.line], end.column)
                 if node.style in _LINE_STYLES and end.line < len(lines) else None)
        comment = found.group(1) if found is not None else ""
        as_text = not node.style and _TEXT_COMMENT.match(comment) is not None
        if as_text:
            yield end.line, place.field, _comment_words(
                node.value, comment, place.key, place.item, place.key in lists), "error"
        elif comment and node.value:
            yield end.line, place.field, _after_value_words(
                node, comment, place.key, place.item), "warning"
        elif not comment and not node.style and node.value and place.column is not None:
            below = _continuation(lines, end.line, place.column)
            if below:
                at, text = below[0]
                yield at, place.field, _comment_line_words(
                    text, " ".join([node.value, *(line for _, line in below)]), place.key,
                    place.item), "error" if _TEXT_COMMENT.match(text) else "warning"
    elif isinstance(node, yaml.SequenceNode):
        column = None if node.flow_style else node.start_mark.column
        for number, value in enumerate(node.value, 1):
            if isinstance(value, yaml.MappingNode):
                yield from _commented(value, lines, _Place(f"{place.field}[{number}]"), lists)
            else:
                yield from _commented(value, lines, _Place(place.field, place.key, True, column),
                                      lists)
    elif isinstance(node, yaml.MappingNode):
        prefix = "" if place.field == "front matter" else f"{place.field}."
        for key, value in node.value:
            if not isinstance(key, yaml.ScalarNode):
                yield from _commented(value, lines, place, lists)
            elif not (prefix == "" and key.value == "notes"):  # notes are never published
                column = None if node.flow_style else key.start_mark.column
                yield from _commented(value, lines, _Place(prefix + key.value, key.value,
                                                           column=column), lists)


def _continuation(lines: list[str], last: int, column: int) -> list[tuple[int, str]]:
    """(line counted from 0, its text stripped) of each non-blank line below `lines[last]`
    that continues a value whose key or list dash stands at `column`: up to the first line
    indented no deeper than that."""
    found = []
    for number in range(last + 1, len(lines)):
        text = lines[number].strip()
        if text and len(lines[number]) - len(lines[number].lstrip(" ")) <= column:
            break
        if text:
            found.append((number, text))
    return found


def _comment_line_words(comment: str, whole: str, key: str,
                        item: bool) -> tuple[str, str, str, str]:
    """(what_lv, what_en, fix, value) of a `comment` line inside or below a plain value that
    runs over several lines (`whole`: all of its lines, the comment's too, joined): the
    value ends before it. The fix keeps its text: the whole value in quotes; for a line that
    looks like a comment (`# jāpārbauda`), its deletion first."""
    shown = shortened(f"- {quoted(whole)}" if item else f"{key}: {quoted(whole)}")
    quotes = f"liec visu vērtību pēdiņās: {shown}"
    fix = (quotes if _TEXT_COMMENT.match(comment) else
           f"izdzēs šo rindu (piezīmes redakcijai raksti laukā notes:) vai, lai to publicētu, "
           f"{quotes}")
    return ("komentāra rinda vērtības vidū: vērtība beidzas pirms tās, un nākamās rindas to "
            "neturpina", "a comment line inside a value: the value ends before it, and the lines "
            "below it do not continue it", fix, comment)


def _comment_words(value: str, comment: str, field: str, item: bool,
                   is_list: bool) -> tuple[str, str, str, str]:
    """(what_lv, what_en, fix, value) of a plain `value` followed by `comment`, which reads as
    text."""
    if value:
        whole = f"{value} {comment}"
        shown = f"- {quoted(whole)}" if item else f"{field}: {quoted(whole)}"
        return ("teksts no # līdz rindas beigām ir YAML komentārs un netiek nolasīts",
                "the text from '#' to the end of the line is a YAML comment and is not read",
                f"liec visu vērtību pēdiņās: {shortened(shown)}", whole)
    bare = comment.lstrip("#")
    if item:
        forms = f"- {quoted(comment)}", f"- {bare}"
    elif is_list:
        forms = f"{field}: [{quoted(comment)}]", f"{field}: [{bare}]"
    else:
        forms = f"{field}: {quoted(comment)}", f"{field}: {bare}"
    return ("vērtība sākas ar #, ko YAML lasa kā komentāru: lauks ir tukšs",
            "the value starts with '#', which YAML reads as a comment: the field is empty",
            f"liec vērtību pēdiņās ({shortened(forms[0])}) vai izdzēs # "
            f"({shortened(forms[1])})", comment)


def _after_value_words(node: yaml.ScalarNode, comment: str, field: str,
                       item: bool) -> tuple[str, str, str, str]:
    """(what_lv, what_en, fix, value) of a comment after the value of `node` on its line: to
    keep its text, the whole line in quotes (not offered for a value YAML reads as no text, nor
    for a date or time the site reads, common/isodates.py: `start: 2026-12-03 18:00 # durvis`,
    which the comment in quotes would make unreadable); or delete it."""
    whole = f"{node.value} {comment}"
    delete = "izdzēs komentāru (piezīmes redakcijai raksti laukā notes:)"
    if yaml_kind(node) is None and not _is_date(node.value):
        shown = f"- {quoted(whole)}" if item else f"{field}: {quoted(whole)}"
        fix = f"lai to publicētu, liec visu vērtību pēdiņās: {shortened(shown)}; vai {delete}"
    else:
        fix = delete
    return ("teksts aiz # netiek publicēts: YAML to lasa kā komentāru",
            "the text after '#' is not published: YAML reads it as a comment", fix, whole)


def _is_date(text: str) -> bool:
    """Whether `text` is a date, time or month as the site reads them (common/isodates.py)."""
    try:
        isodates.parse(text, months=True)
    except ValueError:
        return isodates.is_time_of_day(text)
    return True


def layout_fault(line: str) -> tuple[int, str, str] | None:
    """(column counted from 1, character, field name or "") of the first tab or invisible space
    (:data:`INVISIBLE`) in `line`'s indentation or after a list item's '-', or of the first
    invisible space in its field name or right after the name's ':'; None when its layout has
    neither. A value's text is not looked at (a no-break space in a sentence is fine)."""
    indent, key = line_layout(line)
    field = INVISIBLE.sub("", key.group("name")) if key else ""
    if line[indent.end():].strip():
        for column, character in enumerate(indent.group(), 1):
            if character == "\t" or INVISIBLE.fullmatch(character):
                return column, character, field
    found = INVISIBLE.search(key.group()) if key else None
    return (indent.end() + found.start() + 1, found.group(), field) if found else None


def layout_problem(path: str, line: int, column: int, character: str,
                   field: str = "front matter", fix: str = _LAYOUT_FIX) -> ContentProblem:
    """The problem of a tab or an invisible space where YAML reads the layout, at `line`
    (`fix`: what to do, for a place where a space would not do either)."""
    if character == "\t":
        return ContentProblem(
            path, line, field, "atkāpē ir tabulācija",
            "a tab in the indentation: YAML indents with spaces only",
            "aizstāj tabulāciju ar atstarpēm (tik, cik līdzīgajās rindās virs tās)",
            f"kolonna {column}")
    code = ord(character)
    name_lv, name_en = invisible_name(character)
    return ContentProblem(
        path, line, field, f"rindā ir {name_lv} U+{code:04X}, ko YAML neuzskata par atstarpi",
        f"a {name_en}, U+{code:04X}, that YAML does not read as a space", fix,
        f"kolonna {column}")


def first_layout_problem(path: str, text: str, first_line: int = 1,
                         last_index: int | None = None,
                         field: str = "front matter") -> ContentProblem | None:
    """The problem of the first line of YAML `text` (counted from 0, up to `last_index`; all
    when None) whose layout holds a tab or an invisible space (:func:`layout_fault`), at its
    field (`field` when the line names none); `first_line` is the file line of the text's
    first line."""
    lines = text.split("\n")
    for index, line in enumerate(lines if last_index is None else lines[:last_index + 1]):
        fault = layout_fault(line)
        if fault is not None:
            column, character, name = fault
            return layout_problem(path, index + first_line, column, character, name or field)
    return None


def line_break_problems(path: str, text: str, first_line: int = 1,
                        field: str = "front matter") -> list[ContentProblem]:
    """An error at each line of YAML `text` (file line `first_line` first) holding a character
    YAML reads as a line break (:data:`YAML_LINE_BREAKS`), naming it and its columns: YAML's
    own error would name another line, and its fix would not help."""
    if not YAML_LINE_BREAKS.search(text):
        return []
    problems = []
    for number, line in enumerate(text.split("\n"), first_line):
        columns: dict[str, list[int]] = {}
        for found in YAML_LINE_BREAKS.finditer(line):
            columns.setdefault(found.group(), []).append(found.start() + 1)
        for character, at in columns.items():
            name_lv, name_en = invisible_name(character)
            code = ord(character)
            problems.append(ContentProblem(
                path, number, value_start(line)[1] or field,
                f"rindā ir {name_lv} U+{code:04X}, ko YAML uzskata par rindas beigām",
                f"a {name_en}, U+{code:04X}, which YAML reads as a line break",
                _LINE_BREAK_FIXES[character],
                "kolonna " + ", ".join(map(str, at))))
    return problems


def syntax_problem(path: str, text: str, error: yaml.YAMLError, first_line: int = 1,
                   field: str = "front matter", lists: Collection[str] = ()) -> ContentProblem:
    """The problem of YAML `text` that cannot be read (`error`): at the line with a tab or an
    invisible space in its layout, at or before the line where the parser stopped, naming it;
    else at the line where it stopped (or where what it stopped in began) when that holds
    typographic quotes, saying so; else at the line where it stopped, with the parser's words.
    `first_line` is the file line of the text's first line; `field` names the whole text (an
    article's "front matter", "captions.yml"); `lists`: fields whose value is a list of names
    (an unclosed `[` there is offered its `]`)."""
    mark = getattr(error, "problem_mark", None)
    if isinstance(error, AliasRefused) and mark is not None:
        line = next((token.start_mark.line for token in scan_tokens(text)
                     if isinstance(token, yaml.AliasToken)
                     and token.start_mark.line >= mark.line), mark.line)  # the alias's own
        lines = text.split("\n")
        return alias_problem(path, lines[line], line + first_line,
                             value_start(lines[mark.line])[1] or field)
    if mark is not None and (getattr(error, "problem", None) == UNDEFINED_ALIAS
                             or getattr(error, "context", None) in SCANNING_REFERENCE):
        return reference_problem(path, text.split("\n")[mark.line], mark.line + first_line,
                                 field)
    layout = first_layout_problem(path, text, first_line, mark.line if mark else None, field)
    if layout is not None:
        return layout
    lines = text.split("\n")
    tokens = scan_tokens(text)
    found = _unclosed(lines, tokens, error, lists) or _stray(lines, tokens, error)
    if found is not None:
        line, name, what_lv, what_en, fix, value = found
        start, key = value_start(lines[line])
        return ContentProblem(path, line + first_line, name or _path_at(tokens, line, start)[0]
                              or key or field, what_lv, what_en, fix, value)
    for at in (mark, getattr(error, "context_mark", None)):
        if at is not None and at.line < len(lines) \
                and TYPOGRAPHIC_QUOTES.search(lines[at.line]):
            return quotes_problem(path, lines[at.line], at.line + first_line, field)
    if mark is not None and mark.line < len(lines) and JSON_PAIR.match(lines[mark.line]):
        return json_comma_problem(path, lines[mark.line], mark.line + first_line)
    reason = getattr(error, "problem", None) or str(error)
    what_lv = "YAML galvene nav nolasāma" if field == "front matter" else "YAML nav nolasāms"
    return ContentProblem(path, mark.line + first_line if mark is not None else 1,
                          field, what_lv, f"YAML could not be read: {reason}", _YAML_FIX)


#: What :func:`syntax_problem` says of a cause it found: (line counted from 0, field or "" for
#: the line's, what_lv, what_en, fix, value).
Found = tuple[int, str, str, str, str, str]


def _unclosed(lines: list[str], tokens: list[yaml.Token], error: yaml.YAMLError,
              lists: Collection[str]) -> Found | None:
    """What to say when YAML cannot be read (`error`) because of something opened on an
    earlier line than where the parser stopped: a quote never closed, or one that the next
    quote on a later line closes (`title: "Sanāksme` … `image_credit: "Foto: …"`); a `[` or
    `{` that a comment (:data:`_FLOW_BEFORE_COMMENT`) leaves open (`tags: [#kopienas,
    #pasākumi]`), or that is not closed (:func:`_bracket_words`; `lists`: fields whose value
    is a list of names). None for anything else. Found in `tokens`
    (:func:`.yamlnodes.scan_tokens`)."""
    mark = getattr(error, "problem_mark", None)
    if mark is None:
        return None
    context = getattr(error, "context_mark", None)
    if getattr(error, "context", None) == "while scanning a quoted scalar" and context:
        return _quote_words(lines, context.line, context.column)
    flows: list[yaml.Token] = []
    for token in tokens:
        if isinstance(token, yaml.ScalarToken) and token.style in ('"', "'") \
                and token.start_mark.line < token.end_mark.line == mark.line:
            return _quote_words(lines, token.start_mark.line, token.start_mark.column)
        if isinstance(token, (yaml.FlowSequenceStartToken, yaml.FlowMappingStartToken)):
            flows.append(token)
        elif isinstance(token, (yaml.FlowSequenceEndToken, yaml.FlowMappingEndToken)) \
                and flows:
            flows.pop()
    if not flows:
        return None
    start = flows[-1].start_mark
    line = lines[start.line]
    comment = _flow_comment(line, start.column)
    field = value_start(line)[1]
    if comment is not None:
        fixed, bare = _flow_fixes(line[start.column:].strip())
        prefix = f"{field}: " if field else ""
        return (start.line, "", "# sāk YAML komentāru: pārējā rinda netiek nolasīta",
                "'#' begins a YAML comment, so the rest of the line is not read",
                f"liec vērtības ar # pēdiņās ({shortened(prefix + fixed)}) vai izdzēs # "
                f"({shortened(prefix + bare)})", "")
    if start.line == mark.line:  # the cause is a bracket left open on an earlier line
        earlier = [flow for flow in flows if flow.start_mark.line < mark.line]
        if not earlier:  # (`tags: [a, b` above `authors: [Jānis`), if any
            return None
        start = earlier[-1].start_mark
        field = value_start(lines[start.line])[1]
    return _bracket_words(lines, start, field, field in lists)


def _bracket_words(lines: list[str], start: yaml.Mark, field: str, is_list: bool) -> Found:
    """The words of a `[` or `{` opened at `start` and never closed, its items on its line and
    on the lines indented under its field (`tags: [a,` + `  b`). Closing it is offered only
    where that gives what the field takes, a list of names (`is_list`): `tags: [a, b]`, not
    `tags: [a, [b]]`; a list field is else offered its items in quotes (`tags: [a, "[b"]`),
    any other field the value in quotes (`image_credit: "{a: b"`: a text, not a mapping) or,
    where what is left is text, without the bracket (`region: Latgale`)."""
    line = lines[start.line]
    column = line_layout(line)[0].end()
    below = [text for _, text in _continuation(lines, start.line, column)
             if not text.startswith("#")]
    begin = value_start(line)[0]  # the outermost bracket: `[a, [b` is all the value
    value = " ".join([line[begin if line[begin:begin + 1] in ("[", "{") else start.column:]
                      .strip(), *below])
    bracket = value[0]
    closing = "]" if bracket == "[" else "}"
    prefix = f"{field}: " if field else ""
    try:
        closed = compose(value + closing)
    except yaml.YAMLError:
        closed = None
    if is_list and isinstance(closed, yaml.SequenceNode) \
            and all(isinstance(item, yaml.ScalarNode) for item in closed.value):
        where = "pēdējās vienumu rindas beigās" if below else "šīs rindas beigās"
        fix = (f"aizver to ar {closing} {where}: {shortened(prefix + value + closing)}"
               + (f" (rinda „{shortened(below[-1] + closing)}”)" if below else ""))
    elif is_list and bracket == "[":
        items = ", ".join(quoted(item.strip()) if re.search(r"[\[\]{}]", item) else item.strip()
                          for item in value[1:].split(","))
        fix = f"liec vienumus ar iekavām pēdiņās: {shortened(f'{prefix}[{items}]')}"
    else:
        fix = f"liec vērtību pēdiņās: {shortened(prefix + quoted(value))}"
        if _is_text(value[1:].strip()):
            fix += f"; vai izdzēs iekavu: {shortened(prefix + value[1:].strip())}"
    return (start.line, "", f"iekava {bracket} nav aizvērta", f"the '{bracket}' is not closed",
            fix, "")


def _is_text(value: str) -> bool:
    """Whether YAML reads `value`, written after a field's `: `, as a plain text."""
    try:
        node = compose(value)
    except yaml.YAMLError:
        return False
    return isinstance(node, yaml.ScalarNode) and not node.style and yaml_kind(node) is None \
        and bool(node.value)


def _quote_words(lines: list[str], line: int, column: int) -> Found:
    """The words of a quote opened at (`line`, `column`) that is not closed on its line: the
    fix closes it at the line's end or, inside `[…]` or `{…}`, at the end of its item (QA:
    `tags: [kopienas, "bibliotēkas]` was offered `…bibliotēkas]"`, a tag `bibliotēkas]`)."""
    text = lines[line]
    quote = text[column]
    if _inside_flow(text[:column]):
        rest = text[column + 1:]
        end = _ITEM_END.search(rest)
        if end is not None:
            fixed = text[:column + 1] + rest[:end.start()].rstrip() + quote + rest[end.start():]
            return (line, "", f"pēdiņas {quote} nav aizvērtas", f"the quote {quote} is not closed",
                    f"aizver tās vērtības beigās: {shortened(fixed.strip())}", "")
    return (line, "", f"pēdiņas {quote} nav aizvērtas", f"the quote {quote} is not closed",
            f"aizver tās šīs rindas beigās: {shortened(text.strip() + quote)}", "")


#: Where an item of a flow collection ends, after its opening quote: before `, key: ` (the
#: next field of a `{…}`) or the closing brackets at the line's end.
_ITEM_END = re.compile(r",\s*[^\s,:\[\]{}\"']+:\s|[\]}]+\s*$")


def _inside_flow(before: str) -> bool:
    """Whether text ending at a quote leaves a `[` or `{` open (quoted parts not counted)."""
    depth = 0
    for token in re.findall(r"\"[^\"]*\"|'[^']*'|[\[\]{}]", before):
        if token in "[{":
            depth += 1
        elif token in "]}":
            depth = max(depth - 1, 0)
    return depth > 0


def _stray(lines: list[str], tokens: list[yaml.Token], error: yaml.YAMLError) -> Found | None:
    """What to say when the parser stopped (`error`) at a token that cannot follow the one
    before it: text after a value's closing quote (`title: "Sveiki" un "atā"`: the quotes
    end the value), a `]` or `}` that closes nothing (`tags: [a, b]]`), or the next line of a
    plain value that a comment cut short (:func:`_cut_value`). None for anything else (the
    parser's words then). `tokens`: :func:`.yamlnodes.scan_tokens`."""
    mark = getattr(error, "problem_mark", None)
    if mark is None:
        return None
    at = next((index for index, token in enumerate(tokens)
               if token.start_mark.index == mark.index), None)
    if not at:  # none, or the first token: nothing before it
        return None
    token, before = tokens[at], tokens[at - 1]
    if isinstance(token, (yaml.FlowSequenceEndToken, yaml.FlowMappingEndToken)):
        line = lines[mark.line]
        bracket = line[mark.column]
        return (mark.line, "", f"lieka iekava {bracket}: tā neko neaizver",
                f"an extra '{bracket}': it closes nothing",
                f"izdzēs to: {shortened((line[:mark.column] + line[mark.column + 1:]).strip())}",
                "")
    if not (isinstance(token, yaml.ScalarToken) and isinstance(before, yaml.ScalarToken)):
        return None
    if before.style in ('"', "'") and before.end_mark.line == mark.line:
        return _after_quote(lines[mark.line], mark.line, before.style)
    if not before.style and before.end_mark.line < mark.line:
        return _cut_value(lines, tokens, at - 1)
    return None


def _after_quote(line: str, number: int, quote: str) -> Found:
    """The words of text after a value's closing `quote` on `line` (counted from 0): YAML
    quotes enclose a whole value. The fix: the whole value in the other quotes (or, for
    text in double quotes, Latvian typographic quotes „…” inside it, which are text to YAML)."""
    start, name = value_start(line)
    value = line[start:].strip()
    prefix = f"{name}: " if name else ""
    fix = f"liec visu vērtību pēdiņās: {shortened(prefix + quoted(value))}"
    if quote == '"' and value.count('"') % 2 == 0:
        parts = value.split('"')
        typographic = "".join(part + ("„" if index % 2 == 0 else "”")
                              for index, part in enumerate(parts[:-1])) + parts[-1]
        fix += f"; vai iekšā lieto pēdiņas „…”: {shortened(prefix + typographic)}"
    return (number, "", "aiz noslēdzošās pēdiņas vēl ir teksts: pēdiņām jāaptver visa vērtība",
            "text after the closing quote: YAML quotes must enclose the whole value", fix, value)


def _cut_value(lines: list[str], tokens: list[yaml.Token], index: int) -> Found | None:
    """What to say when a comment cut the plain value `tokens[index]` (a mapping's or a list
    item's) short and the parser stopped at the next line meant to continue it (indented
    under it): a `#` after the value on its line (`summary: Pirmā daļa #3` + `  otrā daļa`)
    or a whole-line comment between its lines. As for a comment after a value on its last
    line (:func:`comment_problems`), a `#` that reads as text (:data:`_TEXT_COMMENT`) is
    offered the quotes, one that looks like a comment its deletion first; both are errors, as
    the header cannot be read. None when there is no such comment, or the next line is not
    indented under the value's field (the parser's words then)."""
    scalar, after = tokens[index], tokens[index + 1]
    item = isinstance(tokens[index - 1], yaml.BlockEntryToken)
    if not isinstance(scalar, yaml.ScalarToken) \
            or not (item or isinstance(tokens[index - 1], yaml.ValueToken)):
        return None
    column = tokens[index - 1 if item else index - 2].start_mark.column
    field, key = _path_at(tokens, scalar.start_mark.line, scalar.start_mark.column)
    if after.start_mark.column <= column:
        return None
    end = scalar.end_mark
    found = _COMMENT.match(lines[end.line], end.column)
    below = _continuation(lines, end.line, column)
    if found is None:
        comment = next(((number, text) for number, text in below
                        if number < after.start_mark.line and text.startswith("#")), None)
        if comment is None:
            return None
        whole = " ".join([scalar.value, *(text for _, text in below)])
        return (comment[0], field, *_comment_line_words(comment[1], whole, key, item))
    whole = " ".join((scalar.value, found.group(1), *(text for _, text in below)))
    shown = shortened(f"- {quoted(whole)}" if item else f"{key}: {quoted(whole)}")
    quotes = f"liec visu vērtību pēdiņās: {shown}"
    fix = (quotes if _TEXT_COMMENT.match(found.group(1)) else
           f"izdzēs komentāru (piezīmes redakcijai raksti laukā notes:) vai, lai to publicētu, "
           f"{quotes}")
    return (end.line, field, "# sāk YAML komentāru: vērtība beidzas pirms tā, un nākamās rindas "
            "to neturpina", "'#' begins a YAML comment: the value ends before it, and the lines "
            "below it do not continue it", fix, whole)


def _path_at(tokens: list[yaml.Token], line: int, column: int) -> tuple[str, str]:
    """(the field as messages name it, `events[1].price`; the key written on its line,
    `price`) of the value at `line` and `column` (counted from 0), from the block structure
    of the `tokens` before it (YAML 1.1 §9.2: block mappings and sequences, indentless ones
    too); a scalar list item is named by its list (`tags`). ("", "") before any key."""
    stack: list[list[object]] = []  # [kind, key or item count]: "map", "seq", "flow"
    previous: yaml.Token | None = None
    for token in tokens:
        if (token.start_mark.line, token.start_mark.column) >= (line, column):
            break
        if stack and stack[-1][0] == "entries" and isinstance(
                token, (yaml.KeyToken, yaml.BlockEndToken)):
            stack.pop()  # an indentless sequence ends at its mapping's next key
        if isinstance(token, yaml.BlockMappingStartToken):
            stack.append(["map", ""])
        elif isinstance(token, yaml.BlockSequenceStartToken):
            stack.append(["seq", 0])
        elif isinstance(token, (yaml.FlowSequenceStartToken, yaml.FlowMappingStartToken)):
            stack.append(["flow", ""])
        elif isinstance(token, (yaml.BlockEndToken, yaml.FlowSequenceEndToken,
                                yaml.FlowMappingEndToken)) and stack:
            stack.pop()
        elif isinstance(token, yaml.BlockEntryToken):
            if stack and stack[-1][0] in ("seq", "entries"):
                stack[-1][1] = int(str(stack[-1][1])) + 1
            else:
                stack.append(["entries", 1])
        elif isinstance(token, yaml.ScalarToken) and isinstance(previous, yaml.KeyToken) \
                and stack and stack[-1][0] == "map":
            stack[-1][1] = token.value
        previous = token
    path, key = "", ""
    for depth, (kind, value) in enumerate(stack, 1):
        if kind == "flow":
            break
        if kind == "map" and value:
            path, key = f"{path}.{value}" if path else str(value), str(value)
        elif kind in ("seq", "entries") and path and depth < len(stack):
            path += f"[{value}]"
    return path, key


def _flow_fixes(text: str) -> tuple[str, str]:
    """A flow collection's `text` (`[Jānis # redaktors, #kopienas]`) fixed two ways: each
    plain item holding a `#` that begins a comment (:data:`_ITEM_HASH`) in quotes
    (`["Jānis # redaktors", "#kopienas"]`), and those `#` deleted (`[Jānis redaktors,
    kopienas]`); quoted items and the rest as written."""
    quoted_form, bare_form = [], []
    for piece in _FLOW_PIECE.findall(text):
        item = piece.strip()
        if item[:1] in "\"'[]{},:" or not _ITEM_HASH.search(item):
            quoted_form.append(piece)
            bare_form.append(piece)
            continue
        space, after = piece[:len(piece) - len(piece.lstrip())], piece[len(piece.rstrip()):]
        quoted_form.append(space + quoted(item) + after)
        bare_form.append(space + _ITEM_HASH.sub(" ", item).strip() + after)
    return "".join(quoted_form), "".join(bare_form)


def _flow_comment(line: str, start: int) -> int | None:
    """The index of the `#` that begins a comment in `line` after the flow collection opened
    at index `start` (after white space, `[`, `{` or `,`, outside quotes), or None."""
    before, index = " ", start
    while index < len(line):
        character = line[index]
        if character in "\"'" and before in _FLOW_BEFORE_COMMENT:
            closing = line.find(character, index + 1)
            if closing < 0:
                return None
            before, index = character, closing + 1
            continue
        if character == "#" and before in _FLOW_BEFORE_COMMENT:
            return index
        before, index = character, index + 1
    return None


def quotes_problem(path: str, line_text: str, line: int, field: str) -> ContentProblem:
    """The problem of a YAML line (`line_text`, file line `line`) that cannot be read and holds
    typographic quotes: they are text to YAML, so a ':' or '#' inside them breaks the line. The
    fix shows the line with its whole value in straight quotes (the typographic ones kept:
    they are shown as written)."""
    start, name = value_start(line_text)
    value = line_text[start:].strip()
    shown = shortened(f"{name}: {quoted(value)}" if name else quoted(value))
    quotes = " ".join(dict.fromkeys(TYPOGRAPHIC_QUOTES.findall(line_text)))
    return ContentProblem(
        path, line, name or field, f"tipogrāfiskās pēdiņas {quotes} YAML neuzskata par pēdiņām",
        f"typographic quotes {quotes} are not quotes to YAML, so a ':' or '#' inside them "
        "breaks the line",
        f"liec visu vērtību taisnās pēdiņās: {shown} (pēdiņas {quotes} paliek redzamas; ja tās "
        "nav vajadzīgas, izdzēs tās)")
