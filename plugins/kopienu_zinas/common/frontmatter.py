"""Read a Markdown file's YAML front matter with the line of every key, for editors' messages.

Pelican's own reader (pelican-yaml-metadata) builds the site; this reader exists so that the
content check can say *where* a problem is. Both accept the same `---` … `---` header.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any, cast

import yaml

from .leftbehind import left_behind_path
from .packednodes import PackedMappingNode, pack, top_scalar
from .problems import ContentProblem
from .sourcetext import read_source
from .yamlnodes import first_layout_problem, node_problems, strip_forbidden, syntax_problem

_HEADER = re.compile(r"\A\s*^---[ \t]*$\n(?P<meta>.*?)^(?:---|\.\.\.)[ \t]*$\n?", re.M | re.S)

class _TextDatesLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """Safe loader (libyaml's when present) that leaves dates as text, so that `2024-13-01` is
    reported, not a crash."""


_TextDatesLoader.yaml_implicit_resolvers = {
    first: [(tag, regex) for tag, regex in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}

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
    body: str = ""
    body_line: int = 1
    header_found: bool = False

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

    def line_of(self, *keys: str | int) -> int:
        """The line of a key (or of a nested key path such as ("events", 0, "start"))."""
        node: yaml.Node | None = self.node
        line = 1
        for key in keys:
            if isinstance(node, yaml.MappingNode):
                match = [(k, v) for k, v in node.value if k.value == key]
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
        `events[2].start`) at this file and the line of that field."""
        line = self.line_of(*field_keys(problem.field)) if self.node is not None else 1
        return problem.placed(self.path, line)

    def written(self, key: str) -> str:
        """A top-level value as the editor wrote it (`no`, not False), for messages; of a key
        written twice the last, the one YAML keeps (a packed tree is not unpacked for it)."""
        text = top_scalar(self.node, key) if isinstance(self.node, yaml.MappingNode) else None
        return str(self.metadata.get(key, "")) if text is None else text

    def problem(self, field_name: str, what_lv: str, what_en: str, fix: str,
                value: object = "", *, at: tuple[str | int, ...] = ()) -> ContentProblem:
        """A problem located at a field of this document (or at a nested path)."""
        line = self.line_of(*(at or (field_name,))) if self.node is not None else 1
        return ContentProblem(self.path, line, field_name, what_lv, what_en, fix,
                              "" if value in ("", None) else str(value))


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
    problems, never as exceptions."""
    relative = PurePosixPath(file.relative_to(content_root).as_posix())
    kind = kind_of(relative)
    document = SourceDocument(path=str(relative), kind=kind)
    source = read_source(file, document.path, data)
    document, problems = _parse(document, source.text)
    return document, [*source.problems, *problems]


def _parse(document: SourceDocument, text: str) -> tuple[SourceDocument, list[ContentProblem]]:
    match = _HEADER.match(text)
    if not match:
        document.body = text
        return document, [ContentProblem(
            document.path, 1, "front matter", "nav YAML galvenes", "no YAML front matter",
            "sāc failu ar rindu '---', tad lauki (title: …), tad atkal '---'")]
    document.header_found = True
    document.body = text[match.end():]
    document.body_line = text[: match.end()].count("\n") + 1
    try:
        loader = _TextDatesLoader(match.group("meta"))
        try:  # one parse gives both the nodes (for line numbers) and the values
            node = loader.get_single_node()
            data = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except yaml.YAMLError as error:
        return document, [syntax_problem(document.path, match.group("meta"), error, FIRST_LINE)]
    if not isinstance(data, dict) or not isinstance(node, yaml.MappingNode):
        return document, [
            first_layout_problem(document.path, match.group("meta"), FIRST_LINE)
            or ContentProblem(document.path, FIRST_LINE, "front matter", "galvenē jābūt laukiem",
                              "the header must be a list of 'field: value' lines",
                              "raksti katru lauku savā rindā: 'title: Virsraksts'")]
    document.metadata = cast(dict[str, Any], strip_forbidden(data))  # a dict stays a dict
    document.node = node
    return document, node_problems(node, document.path, first_line=FIRST_LINE)


def read_body(content_root: Path, file: Path) -> SourceDocument:
    """A document's body and where it starts, without parsing the header (for link checks that
    run on every build, after the content check has read the headers)."""
    relative = PurePosixPath(file.relative_to(content_root).as_posix())
    kind = kind_of(relative)
    text = file.read_text(encoding="utf-8")
    match = _HEADER.match(text)
    if not match:
        return SourceDocument(path=str(relative), kind=kind, body=text)
    return SourceDocument(path=str(relative), kind=kind, body=text[match.end():],
                          body_line=text[: match.end()].count("\n") + 1, header_found=True)


def discover_documents(content_root: Path) -> tuple[list[SourceDocument], list[ContentProblem]]:
    """Every Markdown file under content/, in path order (a folder named `*.md`, a link to
    nothing and a loop of links are none: the content check names the links; nor is what
    editors' tools and operating systems leave behind, common/leftbehind.py)."""
    documents: list[SourceDocument] = []
    problems: list[ContentProblem] = []
    for file in sorted(file for file in content_root.rglob("*.md") if file.is_file()
                       and not left_behind_path(file.relative_to(content_root).as_posix())):
        document, found = read_document(content_root, file)
        documents.append(document)
        problems.extend(found)
    return documents, problems
