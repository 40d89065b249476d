"""Content check for editors' introductions: content/newsletter/YYYY-MM.md."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import PurePosixPath
from typing import Any

from ..common.clock import build_now
from ..common.frontmatter import SourceDocument
from ..common.problems import ContentProblem
from ..common.schedule import EARLIEST_YEAR
from .issues import Month

_FILE_FIELD = "file name"


def intro_month(path: str) -> Month | None:
    """The month an introduction file is for, or None when its name is not YYYY-MM.md."""
    relative = PurePosixPath(path)
    if len(relative.parts) != 2 or relative.suffix != ".md":
        return None
    try:
        return Month.parse(relative.stem)
    except ValueError:
        return None


def check_documents(sender: Any, documents: Sequence[SourceDocument],
                    settings: dict[str, Any]) -> list[ContentProblem]:
    current = Month.of(build_now(settings))
    problems: list[ContentProblem] = []
    for document in documents:
        if document.kind == "newsletter":
            problems.extend(check_intro(document, current))
    return problems


def check_intro(document: SourceDocument, current: Month) -> Iterator[ContentProblem]:
    month = intro_month(document.path)
    if month is None:
        yield ContentProblem(
            document.path, 1, _FILE_FIELD, "faila nosaukums nav mēnesis GGGG-MM",
            "an introduction's file name must be the month, YYYY-MM.md",
            "pārdēvē failu, piemēram, par newsletter/2024-05.md (gads, svītra, mēnesis 01–12)",
            PurePosixPath(document.path).name)
        return
    if month.year < EARLIEST_YEAR:
        yield ContentProblem(
            document.path, 1, _FILE_FIELD, f"mēnesis ir pirms {EARLIEST_YEAR}. gada",
            f"month is before {EARLIEST_YEAR}", "pārbaudi gadu faila nosaukumā (GGGG-MM.md)",
            month.key)
    if month > current:
        yield ContentProblem(
            document.path, 1, _FILE_FIELD, "ievads nākotnes mēnesim",
            "introduction for a month that has not begun",
            f"ievadu var rakstīt šim mēnesim ({current.key}) vai iepriekšējiem", month.key)
    if not document.header_found or document.node is None:
        return
    for name in ("title", "summary"):  # as an article's (site/rules.py check_types)
        not_text = document.text_problem(name)
        if not_text is not None:
            yield not_text
    for name in ("date", "modified"):  # the issue's `updated` (docs/newsletter.md)
        yield from document.date_problems(name)
    not_names = document.list_problem("authors")
    if not_names is not None:
        yield not_names
