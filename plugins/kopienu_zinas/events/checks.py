"""Content rule: every event in `events:` must be valid (one problem per invalid event)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from typing import Any

from ..common.clock import RIGA, build_now
from ..common.frontmatter import SourceDocument
from ..common.problems import ContentProblem
from .model import Issue, parse_events


def check_documents(sender: Any, documents: Sequence[SourceDocument],
                    settings: dict[str, Any]) -> list[ContentProblem]:
    return [problem for document in documents
            if document.kind == "article" and document.node is not None
            and "events" in document.metadata
            for problem in check_events(document, build_now(settings).astimezone(RIGA).date())]


def check_events(document: SourceDocument, today: dt.date) -> Iterator[ContentProblem]:
    """One problem per invalid event, for a build on `today` (Riga day of the build date)."""
    title = document.metadata.get("title")
    _events, issues = parse_events(document.metadata.get("events"),
                                   title if isinstance(title, str) else "", today)
    for issue in issues:
        yield problem(document, issue)


def problem(document: SourceDocument, issue: Issue) -> ContentProblem:
    """The problem at the event's field (or the event's first line), naming the event."""
    at: tuple[str | int, ...] = ("events",)
    if issue.index >= 0:
        at = ("events", issue.index) + ((issue.field,) if issue.field else ())
        event = f"{issue.index + 1}. pasākums „{issue.title}”" if issue.title else \
            f"{issue.index + 1}. pasākums"
        event_en = f"event {issue.index + 1} “{issue.title}”" if issue.title else \
            f"event {issue.index + 1}"
        what_lv, what_en = f"{event}: {issue.what_lv}", f"{event_en}: {issue.what_en}"
    else:
        what_lv, what_en = issue.what_lv, issue.what_en
    return document.problem(issue.field_path, what_lv, what_en, issue.fix, issue.value, at=at)
