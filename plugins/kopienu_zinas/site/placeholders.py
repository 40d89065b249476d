"""Placeholder text from `make new` must not go live.

`make new` (tools/new.py) starts files with sample sentences ("Šeit ieraksti vienu vai divus
teikumus…", "Norādi vietu un adresi", "Foto: Vārds Uzvārds") and with commented-out sample
fields. A file that is no longer a draft (`status: draft` removed) and still holds one of them
is a problem; so is a gallery with photos (any picture the images package takes,
PHOTO_SUFFIXES) whose captions.yml still does. The list is derived from new.py's own
templates, so it follows them when they change; a body line counts with Markdown emphasis
around its words (`**Šeit raksti raksta tekstu.**`).
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ..common.frontmatter import SourceDocument
from ..common.problems import ContentProblem
from ..common.sourcetext import read_source
from ..common.yamlnodes import compose
from ..images.pipeline import PHOTO_SUFFIXES
from ..tools import new

#: Stand-ins for what the editor typed into `make new`: values containing them are theirs.
_TITLE, _REGION = "Xtitlex", "Xregionx"
_COMMENTED_FIELD = re.compile(r"^# ?(?P<field>\s*[a-z0-9_.-]+:(?: .+)?)$", re.M)
_HEADER = re.compile(r"\A---\n(?P<meta>.*?)^---\n(?P<body>.*)\Z", re.M | re.S)
#: Markdown's emphasis marks: `**Šeit raksti…**` is still the sample sentence.
_EMPHASIS = re.compile(r"[*_~`]+")
FIX = "aizstāj parauga tekstu ar savu (vai atliec 'status: draft', kamēr raksts nav gatavs)"


@dataclass(frozen=True)
class Placeholders:
    values: frozenset[str]  # sample field values (front matter, captions.yml)
    lines: frozenset[str]  # sample body lines (Markdown, headings without their #)

    @functools.cached_property
    def values_in_order(self) -> tuple[str, ...]:
        """`values`, sorted: of two samples in one text, the first in this order is named."""
        return tuple(sorted(self.values))


def _uncommented(template: str) -> str:
    """The template with its commented sample fields (`# image_alt: …`) switched on."""
    return _COMMENTED_FIELD.sub(lambda m: m["field"], template)


def _texts(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _texts(item)
    elif isinstance(value, list):
        for item in value:
            yield from _texts(item)


def _is_sample(text: str) -> bool:
    """Sample sentences have words; dates, paths, statuses and the editor's own input do not."""
    return bool(re.search(r"[^\W\d_]\s+[^\W\d_]", text)) and _TITLE not in text


def _body_line(line: str) -> str:
    """A body line as compared with the samples: no heading marks, emphasis or extra spaces."""
    text = line.strip().lstrip("#")
    if "*" in text or "_" in text or "~" in text or "`" in text:
        text = _EMPHASIS.sub("", text)
    return " ".join(text.split())


@functools.cache
def placeholders() -> Placeholders:
    request = new.Request("event", _TITLE, _REGION, dt.date(2000, 1, 1))
    values: set[str] = set()
    lines: set[str] = set()
    for template in (new.event_text(request), new.captions_text(request)):
        text = _uncommented(template)
        match = _HEADER.match(text)
        meta, body = (match["meta"], match["body"]) if match else (text, "")
        values.update(t.strip() for t in _texts(yaml.safe_load(meta)) if _is_sample(t))
        lines.update(_body_line(line) for line in body.splitlines() if _body_line(line))
    return Placeholders(frozenset(values), frozenset(lines))


def _scalars(node: yaml.Node | None, key: str = "") -> Iterator[tuple[str, str, int]]:
    """(field, text, 0-based line) of every text in a YAML node tree."""
    if isinstance(node, yaml.ScalarNode):
        yield key, node.value, node.start_mark.line
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from _scalars(item, key)
    elif isinstance(node, yaml.MappingNode):
        for key_node, value in node.value:
            yield from _scalars(value, str(key_node.value))


def _problem(path: str, line: int, field: str, text: str) -> ContentProblem:
    return ContentProblem(path, line, field, "palicis parauga teksts no 'make new'",
                          "placeholder text from 'make new' is still there", FIX, text)


def _in_node(path: str, node: yaml.Node | None, first_line: int) -> Iterator[ContentProblem]:
    samples = placeholders().values_in_order
    for field, text, line in _scalars(node):
        found = next((sample for sample in samples if sample in text), None)
        if found:
            yield _problem(path, line + first_line, field, found)


def check_document(sender: Any, document: SourceDocument,
                   settings: dict[str, Any]) -> list[ContentProblem]:
    """document_check: sample text left in a document that is no longer a draft."""
    if document.node is None:
        return []
    return list(_in_document(document))


def _in_document(document: SourceDocument) -> Iterator[ContentProblem]:
    if document.metadata.get("status") == "draft":
        return
    yield from _in_node(document.path, document.node, 2)  # line 1 is "---"
    samples = placeholders().lines
    for number, line in enumerate(document.body.split("\n"), document.body_line):
        if _body_line(line) in samples:
            yield _problem(document.path, number, "text", line.strip())


def check_gallery(content_root: Path, folder: Path) -> Iterator[ContentProblem]:
    """A gallery is published once it has photos: then captions.yml must be real."""
    captions = folder / new.target_path(Path(), "gallery", "").name
    if not captions.is_file() or not any(f.suffix.lower() in PHOTO_SUFFIXES
                                         for f in folder.iterdir()):
        return
    path = captions.relative_to(content_root).as_posix()
    try:
        node = compose(read_source(captions, path).text)
    except yaml.YAMLError:
        return  # the galleries plugin reports unreadable captions
    yield from _in_node(path, node, 1)


def check_documents(sender: Any, documents: Sequence[SourceDocument],
                    settings: dict[str, Any]) -> list[ContentProblem]:
    """content_check: the galleries' captions.yml files (not documents)."""
    problems: list[ContentProblem] = []
    galleries = Path(settings["PATH"]) / "galleries"
    for folder in sorted(galleries.iterdir()) if galleries.is_dir() else ():
        if folder.is_dir():
            problems.extend(check_gallery(Path(settings["PATH"]), folder))
    return problems
