"""Editors' introductions, read with the site's own Markdown reader."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..common.frontmatter import read_document
from ..common.isodates import RIGA
from ..common.plaintext import plain_text
from ..common.problems import SourceFailed, log_problem
from .issues import Intro, Month
from .rules import intro_month

#: (file path, the month it introduces) → (HTML, metadata)
Reader = Callable[[str, Month], tuple[str, dict[str, Any]]]


def _names(metadata: dict[str, Any]) -> tuple[str, ...]:
    authors = metadata.get("authors") or ([metadata["author"]] if metadata.get("author") else [])
    return tuple(str(getattr(a, "name", a)) for a in authors)


def _changed(metadata: dict[str, Any]) -> dt.datetime | None:
    value = metadata.get("modified") or metadata.get("date")
    if not isinstance(value, dt.datetime):
        return None
    return value if value.tzinfo else value.replace(tzinfo=RIGA)


def intro_files(folder: Path) -> list[tuple[Path, Month]]:
    """Every introduction in `folder` (content/newsletter/) with a valid name, YYYY-MM.md, with
    its month, in name order (bad names are the content check's job: rules.py)."""
    found = []
    for file in sorted(folder.glob("*.md")) if folder.is_dir() else []:
        month = intro_month(f"{folder.name}/{file.name}")
        if month is not None:
            found.append((file, month))
    return found


def header_read(content_root: Path, file: Path) -> bool:
    """Whether the front matter of an introduction (`file`, under `content_root`) can be read
    as fields, as the content check reads it (common/frontmatter.read_document): not when it
    has none, is no YAML mapping, has a field YAML cannot read (an unclosed quote) or the file is
    no plain text. Pelican's
    YAML reader would read such a file with no fields, and the issue would show its body
    under the default heading, its title, summary and authors lost."""
    document, _problems = read_document(content_root, file)
    return document.node is not None and not document.unread_fields


def read_intros(folder: Path, read: Reader) -> list[Intro]:
    """Every introduction of :func:`intro_files` whose front matter can be read
    (:func:`header_read`; one that cannot is the content check's error, shown by the preview on
    its issue's page). An empty or blank `title:` is none: the default heading.

    An introduction that cannot be read (`SourceFailed`, the safety net) is reported against
    its file and left out; the issue is still built."""
    intros = []
    for file, month in intro_files(folder):
        if not header_read(folder.parent, file):
            continue
        try:
            html, metadata = read(str(file), month)
        except SourceFailed as failed:
            log_problem(failed.problem)
            continue
        intros.append(Intro(month=month, title=str(metadata.get("title") or "").strip(),
                            authors=_names(metadata), html=html, changed=_changed(metadata),
                            summary=plain_text(str(metadata.get("summary") or ""))))
    return intros
