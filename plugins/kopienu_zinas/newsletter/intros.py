"""Editors' introductions, read with the site's own Markdown reader."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

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


def read_intros(folder: Path, read: Reader) -> list[Intro]:
    """Every valid content/newsletter/YYYY-MM.md (bad names are the content check's job).

    An introduction that cannot be read (`SourceFailed`, the safety net) is reported against
    its file and left out; the issue is still built."""
    intros = []
    for file in sorted(folder.glob("*.md")) if folder.is_dir() else []:
        month = intro_month(f"{folder.name}/{file.name}")
        if month is None:
            continue
        try:
            html, metadata = read(str(file), month)
        except SourceFailed as failed:
            log_problem(failed.problem)
            continue
        intros.append(Intro(month=month, title=str(metadata.get("title") or ""), authors=_names(metadata),
                            html=html, changed=_changed(metadata),
                            summary=plain_text(str(metadata.get("summary") or ""))))
    return intros
