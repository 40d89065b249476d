"""Read a Markdown file's YAML front matter with the line of every key, for editors' messages.

Pelican's own reader (pelican-yaml-metadata) builds the site; this reader exists so that the
content check can say *where* a problem is. Both accept the same `---` … `---` header.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any, cast

import yaml
from pelican.plugins.yaml_metadata.yaml_metadata import YAMLMetadataReader

from .conflicts import conflict_problems
from .invisibles import IN_VALUE, named_in_value, stray_problems
from .isodates import (
    clock_change_problem,
    date_suggestion,
    offset_problem,
    parse,
    parse_iso_date,
)
from .leftbehind import left_behind_path
from .nocomments import blank_comments
from .packednodes import (
    MAPPING,
    PACKED,
    SEQUENCE,
    Packed,
    PackedMappingNode,
    pack,
    top_scalar,
)
from .problems import ContentProblem, shortened
from .sourcetext import read_source
from .yamlnodes import (
    INVISIBLE,
    INVISIBLE_CLASS,
    clean_values,
    invisible_name,
    quoted,
    refuse_aliases,
    written_form,
    yaml_kind,
)
from .yamlproblems import (
    comment_problems,
    first_layout_problem,
    layout_problem,
    line_break_problems,
    node_problems,
    not_text,
    syntax_problem,
)
from .yamlrecovery import read_in_part
from .yamlreferences import anchor_problems

_HEADER = re.compile(r"\A\s*^---[ \t]*$\n(?P<meta>.*?)^(?:---|\.\.\.)[ \t]*$\n?", re.M | re.S)

class _TextDatesLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """Safe loader (libyaml's when present) that leaves dates as text, so that `2024-13-01` is
    reported, not a crash."""


_TextDatesLoader.yaml_implicit_resolvers = {
    first: [(tag, regex) for tag, regex in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}

#: The endings (without the dot) of the files the build reads as Markdown sources: those of its
#: reader, the YAML front-matter plugin's (site/yaml_reader.py), which are Pelican's Markdown
#: reader's (`md`, `markdown`, `mkd`, `mdown`). Compared as written, as Pelican compares them.
MARKDOWN_ENDINGS: tuple[str, ...] = tuple(YAMLMetadataReader.file_extensions)
#: Pelican's fields whose value is a list of names.
LIST_FIELDS = ("tags", "authors")
#: The file line of the header's first YAML line (after its `---`).
FIRST_LINE = 2
#: Top folders of content/ that are not articles, and what they hold.
KIND_BY_FOLDER = {"pages": "page", "newsletter": "newsletter", "galleries": "gallery"}


@dataclass
class SourceDocument:
    """One Markdown source file as an editor wrote it."""

    path: str  # relative to the content folder, with forward slashes
    kind: str  # "article", "page" or "newsletter"
    metadata: dict[str, Any] = field(default_factory=dict)
    node: yaml.MappingNode | None = None
    #: the body as the content rules read it: its comments blanked, each line at its number
    #: (:meth:`take_body`); as written: :attr:`written_body`
    body: str = ""
    body_line: int = 1
    header_found: bool = False
    #: the file line of the header's closing `---` (0: none was found)
    header_end: int = 0
    with_comments: str | None = None  # the body as written, when it holds a comment
    #: the fields a YAML comment cut short or emptied, each already one error of its own
    #: (yamlproblems.comment_problems): no second problem of what is left of them
    cut_by_comment: frozenset[str] = frozenset()
    #: the fields whose lines YAML could not read, each already one error of its own and left
    #: out of what was read (common/yamlrecovery.py): the rules say nothing of them
    #: (:meth:`concerns_unread_field`)
    unread_fields: frozenset[str] = frozenset()

    def take_body(self, written: str) -> None:
        """Keep the body `written` as the rules read it (common/nocomments.blank_comments:
        nothing commented out is published, so nothing of it is checked) and, when that
        differs, as written."""
        self.body = blank_comments(written)
        self.with_comments = written if self.body != written else None

    @property
    def written_body(self) -> str:
        """The body as written, its comments included (for the rules about comments)."""
        return self.body if self.with_comments is None else self.with_comments

    def __getstate__(self) -> dict[str, Any]:
        """Pickled with its node tree packed (common/packednodes.py)."""
        state = dict(self.__dict__)
        if self.node is not None:
            state["node"] = pack(self.node)
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        """Read back with its node tree unpacked only when first used."""
        tree = state.get("node")
        self.__dict__.update(state, node=None if tree is None else PackedMappingNode(tree))

    def concerns_unread_field(self, problem: ContentProblem) -> bool:
        """Whether a rule's `problem` is about one of :attr:`unread_fields` (its field, or a
        path in it such as `events[2].start`): what the rule saw there is a gap, not the
        editor's value."""
        keys = field_keys(problem.field) if self.unread_fields else ()
        return bool(keys) and field_name(keys[0]) in self.unread_fields

    def line_of(self, *keys: str | int) -> int:
        """The line of a key (or of a nested key path such as ("events", 0, "start")); a
        top-level field in any case, as Pelican reads it (`Title:` is `title`)."""
        node: yaml.Node | None = self.node
        line = 1
        for depth, key in enumerate(keys):
            if isinstance(node, yaml.MappingNode):
                match = [(k, v) for k, v in node.value
                         if (field_name(k.value) if depth == 0 else _bare(k.value)) == key]
                if not match:
                    return line
                key_node, node = match[-1]  # of a key written twice, YAML keeps the last
                line = key_node.start_mark.line + FIRST_LINE
            elif isinstance(node, yaml.SequenceNode) and isinstance(key, int):
                if key >= len(node.value):
                    return line
                node = node.value[key]
                line = node.start_mark.line + FIRST_LINE
            else:
                return line
        return line

    def fields(self) -> list[tuple[str, int, int]]:
        """Every top-level field name as written (a YAML key that is a scalar), with its file
        line and the column (from 1) where it starts, in file order."""
        if not isinstance(self.node, yaml.MappingNode):
            return []
        return [(key.value, key.start_mark.line + FIRST_LINE, key.start_mark.column + 1)
                for key, _value in self.node.value if isinstance(key, yaml.ScalarNode)]

    def place(self, problem: ContentProblem) -> ContentProblem:
        """A problem found in this document's front matter (its field a path such as
        `events[2].start`) at this file and the line of that field; the invisible characters
        and typographic quotes of the value it refuses named (:meth:`named_in`)."""
        line = self.line_of(*field_keys(problem.field)) if self.node is not None else 1
        return self.named_in(problem.placed(self.path, line))

    def named_in(self, problem: ContentProblem, at: tuple[str | int, ...] = (),
                 accepts: Callable[[str], bool] | None = None) -> ContentProblem:
        """`problem`, a refusal of the value at the key path `at` (as :meth:`line_of` takes
        it; the path of the problem's field, such as `events[2].start`, when empty), with the
        invisible characters and typographic quotes of the value as written named
        (invisibles.named_in_value; `accepts`: whether the rule takes the value without them,
        None when not known)."""
        if self.node is None or not IN_VALUE.search(problem.value):
            return problem  # nearly every problem: no node looked up
        keys = at or field_keys(problem.field)
        names = [key for key in keys if isinstance(key, str)]
        return named_in_value(problem, self.node_at(*keys), names[-1] if names else "",
                              accepts)

    def node_at(self, *keys: str | int) -> yaml.Node | None:
        """The value node at a key path (as :meth:`line_of` takes it), or None."""
        node: yaml.Node | None = self.node
        for depth, key in enumerate(keys):
            if isinstance(node, yaml.MappingNode):
                node = next((v for k, v in reversed(node.value)
                             if (field_name(k.value) if depth == 0 else _bare(k.value)) == key),
                            None)
            elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) \
                    and key < len(node.value):
                node = node.value[key]
            else:
                return None
        return node

    def written(self, key: str) -> str:
        """A top-level value as the editor wrote it (`no`, not False; a list `[a, b]`, a
        mapping `{a: b}`: yamlnodes.written_form), for messages; of a key written twice the
        last, the one YAML keeps (a packed tree is not unpacked for a scalar)."""
        text = (top_scalar(self.node, key, field_name) if isinstance(self.node, yaml.MappingNode)
                else None)
        if text is not None:
            return text
        tree = vars(self.node).get(PACKED) if isinstance(self.node, PackedMappingNode) else None
        if tree is not None:  # answered from the packed tree, not unpacked for it
            packed = next((value for name, value in reversed(tree[1][2])
                           if field_name(name[2]) == key), None)
            return _packed_form(packed) if packed else str(self.metadata.get(key, ""))
        node = self.value_node(key)
        return written_form(node) if node is not None else str(self.metadata.get(key, ""))

    def date_problems(self, field_name: str) -> list[ContentProblem]:
        """The problem of a front matter date `field_name` (`date`, `modified`) that
        isodates.parse_iso_date cannot read (written with a time zone:
        isodates.offset_problem), or whose Riga wall-clock time a clock change skips or passes
        twice (isodates.clock_change_problem), at its line; [] for a readable date and for a
        missing field (a kind that requires it says so itself). The fix of a date written
        otherwise shows it rewritten where that is unambiguous (isodates.date_suggestion:
        `12.05.2026` → `2026-05-12`); one holding an invisible character or typographic
        quotes names them (:meth:`named_in`)."""
        if field_name not in self.metadata:
            return []
        try:
            when = parse_iso_date(self.metadata[field_name])
        except ValueError:
            written = self.written(field_name)
            with_zone = offset_problem(written, field_name)
            if with_zone:
                return [self.place(with_zone)]
            value = self.metadata[field_name]
            item = value[0] if isinstance(value, list) and len(value) == 1 else None
            suggestion = (str(item).strip() if item is not None and _readable_date(str(item))
                          else date_suggestion(written if item is None else item))
            fix = (f"raksti {field_name}: {suggestion}" if suggestion
                   else "raksti GGGG-MM-DD vai GGGG-MM-DD SS:MM")
            return [self.problem(field_name, "datums nav saprotams", "date could not be read",
                                 fix, written, accepts=_readable_date)]
        clock_change = isinstance(when, dt.datetime) and clock_change_problem(
            when.replace(tzinfo=None), field_name, self.written(field_name))
        return [self.place(clock_change)] if clock_change else []

    def value_node(self, key: str) -> yaml.Node | None:
        """The node of a top-level field's value (of a key written twice the last), or None."""
        if not isinstance(self.node, yaml.MappingNode):
            return None
        return next((value for key_node, value in reversed(self.node.value)
                     if field_name(key_node.value) == key), None)

    def text_problem(self, name: str) -> ContentProblem | None:
        """The problem of a text field `name` (title, slug …) whose value YAML reads as no
        text (yamlproblems.not_text: a number, true/false or a date, as Pelican's reader reads
        `2024-05-01`; a list or mapping), the fix the editor's own text in quotes
        (`slug: 0777` → `slug: "0777"`, not 511); None for text or none."""
        node = self.value_node(name)
        words = None if node is None else not_text(node, name)
        return None if words is None else self.problem(name, *words)

    def list_problem(self, name: str) -> ContentProblem | None:
        """The problem of a list field `name` (:data:`LIST_FIELDS`) that is no list of names:
        its items YAML reads as no text named as written (`[no, yes]` is false and true; the
        fix quotes them, `tags: ["no", "yes"]`), else the list as written; None for a list of
        names or none."""
        node, value = self.value_node(name), self.metadata.get(name)
        if node is None or value is None or name in self.cut_by_comment:
            return None
        items = node.value if isinstance(node, yaml.SequenceNode) else []
        words = [item.value for item in items
                 if isinstance(item, yaml.ScalarNode) and item.value and yaml_kind(item)]
        if words:
            written = ", ".join(
                quoted(item.value) if isinstance(item, yaml.ScalarNode) and item.value in words
                else written_form(item) for item in items)
            return self.problem(
                name, "YAML šos vārdus nolasa kā jā/nē, tukšu vai skaitli, nevis tekstu",
                "YAML reads these words as true/false, null or a number, not as names",
                f"liec tos pēdiņās: {shortened(f'{name}: [{written}]')}", ", ".join(words))
        if isinstance(value, list) and all(isinstance(v, str) and v.strip() for v in value):
            return None
        return self.problem(name, "jābūt sarakstam", "must be a list of names",
                            f"raksti '{name}: [pirmais, otrais]'", written_form(node))

    def problem(self, field_name: str, what_lv: str, what_en: str, fix: str,
                value: object = "", *, at: tuple[str | int, ...] = (),
                accepts: Callable[[str], bool] | None = None) -> ContentProblem:
        """A problem located at a field of this document (or at a nested path); the invisible
        characters and typographic quotes of the value it refuses named (:meth:`named_in`;
        `accepts`: whether the rule would take the value without them)."""
        line = self.line_of(*(at or (field_name,))) if self.node is not None else 1
        return self.named_in(ContentProblem(self.path, line, field_name, what_lv, what_en, fix,
                                            "" if value in ("", None) else str(value)),
                             at, accepts)


def field_name(key: object) -> object:
    """A top-level field's name as Pelican's YAML reader takes it: a text key in lower case
    (`Title:` is the title), any other key as it is. Invisible characters in it
    (yamlnodes.INVISIBLE: `title<NBSP>:`, `da<U+200B>te:`) are left out: such a key is the
    field it clearly is, its own one error (site/rules.check_fields) and not also a missing
    field."""
    return _bare_text(key).lower() if isinstance(key, str) else key


def _bare(key: object) -> object:
    """A text key without invisible characters (yamlnodes.INVISIBLE); any other as it is."""
    return _bare_text(key) if isinstance(key, str) else key


def _bare_text(key: str) -> str:
    """A text key without invisible characters (yamlnodes.INVISIBLE)."""
    return key if key.isascii() else INVISIBLE.sub("", key)  # nearly every key is ASCII


def _packed_form(packed: Packed) -> str:
    """yamlnodes.written_form of a node packed (common/packednodes.py)."""
    kind, _tag, value = packed[:3]
    if kind == SEQUENCE:
        return "[" + ", ".join(map(_packed_form, value)) + "]"
    if kind == MAPPING:
        return "{" + ", ".join(f"{_packed_form(key)}: {_packed_form(item)}"
                               for key, item in value) + "}"
    return str(value)


def _readable_date(text: str) -> bool:
    """Whether a front matter date field takes `text` (isodates.parse)."""
    try:
        parse(text)
    except ValueError:
        return False
    return True


_FIELD_KEY = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


def field_keys(field: str) -> tuple[str | int, ...]:
    """("events", 1, "start") for "events[2].start": list items counted from 1, as editors
    count (and as problems name them)."""
    return tuple(int(number) - 1 if number else name for name, number in _FIELD_KEY.findall(field))


def kind_of(relative: PurePosixPath) -> str:
    """"article", "page", "newsletter" or "gallery", from the top folder under content/."""
    top = relative.parts[0] if len(relative.parts) > 1 else ""
    return KIND_BY_FOLDER.get(top, "article")


def read_document(content_root: Path, file: Path, data: bytes | None = None
                  ) -> tuple[SourceDocument, list[ContentProblem]]:
    """Parse one file (or its bytes `data`, already read); YAML syntax errors come back as
    problems, never as exceptions. A file that is no plain text (RTF, .docx:
    sourcetext.format_problem) is that one problem and an empty document."""
    relative = PurePosixPath(file.relative_to(content_root).as_posix())
    kind = kind_of(relative)
    document = SourceDocument(path=str(relative), kind=kind)
    source = read_source(file, document.path, data)
    if not source.plain:
        return document, list(source.problems)
    document, problems = _parse(document, source.text)
    return document, [*source.problems, *problems]


def _parse(document: SourceDocument, text: str) -> tuple[SourceDocument, list[ContentProblem]]:
    match = _HEADER.match(text)
    if not match:
        document.take_body(text)
        return document, (conflict_problems(document.path, text)
                          or [no_header_problem(document.path, text)])
    document.header_found = True
    document.take_body(text[match.end():])
    document.body_line = text[: match.end()].count("\n") + 1
    document.header_end = text[: match.end()].rstrip("\n").count("\n") + 1
    unreadable = (conflict_problems(document.path, match.group("meta"), FIRST_LINE,
                                    "front matter")
                  or line_break_problems(document.path, match.group("meta"), FIRST_LINE))
    if unreadable:  # YAML's own error would name the wrong line and fix
        return document, [*unreadable, *_body_problems(document)]
    meta = match.group("meta")
    unread: tuple[ContentProblem, ...] = ()
    try:
        node, data = _load(meta)
    except yaml.YAMLError as error:
        unclosed = _closed_below_text(document, text, match, error)
        if unclosed is not None:
            return document, [unclosed]
        recovered = read_in_part(document.path, meta, error, _load, FIRST_LINE, LIST_FIELDS)
        if recovered.loaded is not None and recovered.loaded[0] is None:
            return document, list(recovered.problems)  # every field was unreadable
        if recovered.loaded is None or not isinstance(recovered.loaded[0], yaml.MappingNode):
            return document, [syntax_problem(document.path, meta, error, FIRST_LINE,
                                             lists=LIST_FIELDS)]  # as YAML first stopped
        unread, meta = recovered.problems, recovered.text
        document.unread_fields = recovered.unread_fields
        node, data = recovered.loaded
    if not isinstance(data, dict) or not isinstance(node, yaml.MappingNode):
        return document, [
            first_layout_problem(document.path, meta, FIRST_LINE)
            or ContentProblem(document.path, FIRST_LINE, "front matter", "galvenē jābūt laukiem",
                              "the header must be a list of 'field: value' lines",
                              "raksti katru lauku savā rindā: 'title: Virsraksts'")]
    # the fields as Pelican reads them: names in lower case (of `Title:` and `title:` the
    # last); a name written otherwise is check_fields' one problem (site/rules.py)
    document.metadata = cast(dict[str, Any], {  # a dict stays a dict
        field_name(key): value for key, value in cast(dict[Any, Any], clean_values(data)).items()})
    document.node = node
    commented = comment_problems(document.path, meta, node, FIRST_LINE, LIST_FIELDS)
    document.cut_by_comment = frozenset(problem.field for problem in commented
                                        if problem.severity == "error")
    return document, [*unread,
                      *anchor_problems(document.path, meta, FIRST_LINE),
                      *node_problems(node, document.path, first_line=FIRST_LINE),
                      *commented,
                      *stray_problems(document.path, meta, FIRST_LINE, header=True),
                      *_body_problems(document)]


def _closed_below_text(document: SourceDocument, text: str, match: re.Match[str],
                       error: yaml.YAMLError) -> ContentProblem | None:
    """The problem of a header whose closing `---` is missing after its fields, so that a
    later `---` (a rule in the text) closes it and YAML stops (`error`) in the text between
    (:func:`not_closed_problem`): YAML's words would name a line of the text. None when YAML
    stopped before a blank line and a paragraph, or a line of dashes that is not `---`
    (:func:`header_extent`)."""
    mark = getattr(error, "problem_mark", None)
    meta = match.group("meta").split("\n")
    _last, after = header_extent(meta)
    if mark is None or after is None or mark.line < after or after == 0 \
            or (meta[after - 1].strip() and not _DASH_LINE.fullmatch(meta[after])):
        return None
    opening = text[:match.start("meta")].count("\n")
    lines = text[:match.start("meta")].split("\n")[:-1] + meta
    return not_closed_problem(document.path, lines, opening, document.header_end)


def _load(meta: str) -> tuple[yaml.Node | None, Any]:
    """The node tree (for line numbers) and the values of YAML text `meta`, from one parse;
    dates left as text (:class:`_TextDatesLoader`). Raises yaml.YAMLError (an alias:
    yamlnodes.AliasRefused)."""
    loader = _TextDatesLoader(meta)
    try:
        node = refuse_aliases(loader.get_single_node())
        return node, loader.construct_document(node) if node is not None else None
    finally:
        loader.dispose()


def _body_problems(document: SourceDocument) -> list[ContentProblem]:
    """What reading a document's body text finds, line by line: stray invisible characters
    and git conflict markers."""
    return [*stray_problems(document.path, document.body, document.body_line, header=False),
            *conflict_problems(document.path, document.body, document.body_line)]


def no_header_problem(path: str, text: str) -> ContentProblem:
    """Why a file's text has no `---` … `---` header: an invisible character before or on the
    first line that shows anything, when that shows `---` (named at its line and column: the
    editor sees `---` there), a header never closed (:func:`not_closed_problem`), a TOML header
    (`+++`, Hugo's) or a JSON one (`{`, Hugo's and Eleventy's), or none at all."""
    lines = text.split("\n")
    first = next((number for number, line in enumerate(lines) if _visible(line)), None)
    if first is not None and _visible(lines[first]) in ("---", "+++"):
        hidden = next(((number, column, character) for number in range(first + 1)
                       for column, character in enumerate(lines[number])
                       if character not in " \t" and not character.isprintable()), None)
        if hidden is not None:
            number, column, character = hidden
            return layout_problem(path, number + 1, column + 1, character, fix=(
                "izdzēs to: novieto kursoru rindas sākumā un nospied Delete vienu reizi "
                "(rindai jābūt tieši '---'); tāda zīme ienāk, kopējot tekstu no Word vai "
                "tīmekļa lapas"))
        if _visible(lines[first]) == "+++":
            return ContentProblem(
                path, first + 1, "front matter",
                "galvene ir TOML formātā (Hugo), bet lasām tikai YAML",
                "this is TOML front matter (Hugo); only YAML is read",
                "raksti galveni starp rindām '---' (nevis '+++') un katru lauku kā 'lauks: "
                "vērtība': title = \"Virsraksts\" → title: Virsraksts, tags = [\"a\", \"b\"] → "
                "tags: [a, b]")
        unclosed = not_closed_problem(path, lines, first + 1)
        if unclosed is not None:
            return unclosed
    if first is not None and _visible(lines[first]).startswith("{"):
        json_fields = _json_fields(text)
        if json_fields is not None:
            return json_problem(path, json_fields, first + 1)
    return ContentProblem(
        path, 1, "front matter", "nav YAML galvenes", "no YAML front matter",
        "sāc failu ar rindu '---', tad lauki (title: …), tad atkal '---'")


#: A line that may belong to the fields of a header: a field's first line (a key, `:`, then a
#: space or the line's end, as yamlrecovery reads them), and after a blank line one that
#: names a field as the site's are written (`gallery:`, never a sentence's `Piezīme:`).
_FIELD_LINE = re.compile(r"""(?:[^\s#\-'"\[{][^:]*|"[^"]*"|'[^']*'):(?:\s|$)""")
_NAME_LINE = re.compile(r"[ \t]*[a-z_][a-z0-9_]*:(?:\s|$)")
#: A line of dashes meant to close a header: `----`, `—` (what Word makes of `---`), `– –`.
_DASH_LINE = re.compile(f"[-‐‑‒–—―−\\s{INVISIBLE_CLASS}]*[-‐‑‒–—―−][-‐‑‒–—―−\\s{INVISIBLE_CLASS}]*")


def header_extent(lines: list[str]) -> tuple[int | None, int | None]:
    """(index of the last line of a header's fields, index of the first line after them that
    is no part of any) in `lines`, the lines after a header's opening `---`: field lines, the
    lines indented under them, list items and comments, up to the first line that is none of
    these, or a blank line and then a line that names no field (a paragraph of the text, a
    Markdown heading `# …`). (None, …) when no line names a field; (…, None) when every line
    may be one."""
    last = None
    fields = blank = False
    for index, line in enumerate(lines):
        if not line.strip():
            blank = True
            continue
        stripped = line.lstrip(" \t")
        if blank:
            part = _NAME_LINE.match(line) is not None or (
                stripped != line and fields and stripped.startswith("- "))
        elif stripped != line or stripped.startswith("- "):
            part = fields
        else:
            part = line.startswith("#") or _FIELD_LINE.match(line) is not None
        if not part:
            return (last if fields else None), index
        fields = fields or _FIELD_LINE.match(stripped) is not None
        last, blank = index, False
    return (last if fields else None), None


def not_closed_problem(path: str, lines: list[str], opening: int,
                       closing: int | None = None) -> ContentProblem | None:
    """The problem of a header whose `---` at file line `opening` is never closed after its
    fields (:func:`header_extent` of the `lines` of the file; `closing`: the file line of a
    later `---` that closes it instead, below the text): at the last line of its fields, the
    line after which `---` is missing. A line of dashes that is not `---` where the closing one
    belongs (`----`, Word's `—`, `---` and a no-break space) is named as the one to write
    `---` in. None when no line after the opening names a field (a `---` rule above a text)."""
    below = lines[opening:]
    last, after = header_extent(below)
    if last is None:
        return None
    number = opening + last + 1
    if after is not None and _DASH_LINE.fullmatch(below[after]):
        written = below[after]
        hidden = INVISIBLE.search(written)
        return ContentProblem(
            path, opening + after + 1, "front matter",
            "galveni aizver tikai rinda '---'" + (
                f": šajā rindā ir arī {invisible_name(hidden.group())[0]} "
                f"U+{ord(hidden.group()):04X} (kolonna {hidden.start() + 1})" if hidden else ""),
            "only a line '---' closes the front matter" + (
                f": this one also holds a {invisible_name(hidden.group())[1]}, "
                f"U+{ord(hidden.group()):04X} (column {hidden.start() + 1})" if hidden else ""),
            "raksti šajā rindā tieši trīs defises '---' un neko citu (Word un macOS mēdz trīs "
            "defises pārvērst par domuzīmi —)", shortened(written.strip()))
    text = f", pirms teksta „{shortened(below[after].strip())}”" if after is not None else ""
    later = (f"; tagad galveni aizver '---' {closing}. rindā, un teksts līdz tai tiek lasīts "
             "kā galvenes lauki" if closing else "")
    return ContentProblem(
        path, number, "front matter",
        "galvene nav aizvērta: aiz šīs rindas trūkst rindas '---'",
        "the front matter is not closed: a '---' line is missing after this line",
        f"pievieno rindu '---' aiz {number}. rindas{text} (galvene sākas ar '---' "
        f"{opening}. rindā un beidzas ar tādu pašu rindu){later}", shortened(below[last].strip()))


def _json_fields(text: str) -> dict[str, Any] | None:
    """The fields of a JSON header at the start of `text` (a JSON object from its first `{`,
    the text after it the body), or None when it begins no such object (`{% … %}`)."""
    try:
        fields, _end = json.JSONDecoder().raw_decode(text, text.index("{"))
    except ValueError:
        return None
    return fields if isinstance(fields, dict) else None


def json_problem(path: str, fields: dict[str, Any], first: int) -> ContentProblem:
    """The problem of a JSON header (`{"title": "…", …}`, Hugo's and Eleventy's; its
    `fields`, at file line `first`): the fix shows its first fields written as YAML lines."""
    shown = ""
    if fields:
        examples = []
        for key, value in list(fields.items())[:2]:
            written = json.dumps({key: value}, ensure_ascii=False)[1:-1]
            examples.append(f"{written}, → {key}: {_as_yaml(value)}")
        shown = ": " + shortened("; ".join(examples))
    return ContentProblem(
        path, first, "front matter", "galvene ir JSON formātā, bet lasām tikai YAML",
        "this is JSON front matter; only YAML is read",
        "raksti galveni starp rindām '---' (nevis '{' un '}') un katru lauku savā rindā kā "
        f"'lauks: vērtība', bez pēdiņām ap nosaukumu un komata beigās{shown}")


def _as_yaml(value: object, item: bool = False) -> str:
    """A JSON value as an editor writes it in YAML (`item`: inside a list's `[…]`): a text
    bare where YAML reads it back as that text (or as the date it is), else in quotes; a list
    in `[…]`; a number or true/false as JSON writes it."""
    if isinstance(value, list):
        return "[" + ", ".join(_as_yaml(part, item=True) for part in value) + "]"
    if not isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    try:
        node = yaml.compose(f"[{value}]" if item else value, Loader=_TextDatesLoader) \
            if value.strip() else None
    except yaml.YAMLError:
        node = None
    if item and isinstance(node, yaml.SequenceNode) and len(node.value) == 1:
        node = node.value[0]
    if not isinstance(node, yaml.ScalarNode) or node.style or node.value != value:
        return quoted(value)
    kind = yaml_kind(node)
    return value if kind is None or kind[1] == "a date" else quoted(value)


def _visible(line: str) -> str:
    """What of `line` shows: its characters that are printable and no space."""
    return "".join(character for character in line
                   if character.isprintable() and not character.isspace())


def read_body(content_root: Path, file: Path) -> SourceDocument:
    """A document's body and where it starts, without parsing the header (for link checks that
    run on every build, after the content check has read the headers)."""
    relative = PurePosixPath(file.relative_to(content_root).as_posix())
    kind = kind_of(relative)
    text = file.read_text(encoding="utf-8")
    match = _HEADER.match(text)
    document = SourceDocument(path=str(relative), kind=kind)
    document.take_body(text[match.end():] if match else text)
    if match:
        document.body_line = text[: match.end()].count("\n") + 1
        document.header_found = True
    return document


def extension_of(name: str) -> str:
    """The extension of a relative POSIX path without its dot, as
    `PurePosixPath(name).suffix.lstrip(".")` gives it ("" for ".hidden" or "name."; "md " for
    "x.md "), without making a path object of each name."""
    base = name.rpartition("/")[2]
    dot = base.rfind(".")
    return base[dot:].lstrip(".") if 0 < dot < len(base) - 1 else ""


def markdown_ending(name: str) -> bool:
    """Whether a file name or relative POSIX path ends in one of :data:`MARKDOWN_ENDINGS`, as
    written ("x.MD" and "x.md " do not: Pelican reads neither)."""
    return extension_of(name) in MARKDOWN_ENDINGS


def is_source(name: str) -> bool:
    """Whether the content check reads the file at this relative POSIX path as a Markdown
    source: every file with a Markdown ending (:func:`markdown_ending`), but under
    newsletter/ only `.md` ones, the introductions the newsletter plugin reads (any other is
    named by site/unread.py, once)."""
    if not markdown_ending(name):
        return False
    return not name.startswith("newsletter/") or name.endswith(".md")


def source_files(content_root: Path) -> list[Path]:
    """Every Markdown source under content/ (:func:`is_source`), from the disk, in path order
    (a folder so named, a link to nothing and a loop of links are none: the content check
    names the links; nor is what editors' tools and operating systems leave behind,
    common/leftbehind.py)."""
    found = []
    for file in content_root.rglob("*"):
        relative = file.relative_to(content_root).as_posix()
        if is_source(relative) and not left_behind_path(relative) and file.is_file():
            found.append(file)
    return sorted(found)


def discover_documents(content_root: Path) -> tuple[list[SourceDocument], list[ContentProblem]]:
    """Every Markdown source under content/ (:func:`source_files`), in path order."""
    documents: list[SourceDocument] = []
    problems: list[ContentProblem] = []
    for file in source_files(content_root):
        document, found = read_document(content_root, file)
        documents.append(document)
        problems.extend(found)
    return documents, problems
