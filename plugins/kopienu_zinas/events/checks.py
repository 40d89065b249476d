"""Content rule: every event in `events:` must be valid (one problem per invalid event)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..common.frontmatter import SourceDocument
from ..common.problems import ContentProblem
from .model import parse_events


def check_documents(sender: Any, documents: Sequence[SourceDocument],
                    settings: dict[str, Any]) -> list[ContentProblem]:
    return [problem for document in documents
            if document.kind == "article" and document.node is not None
            and "events" in document.metadata
            for problem in check_events(document)]


def check_events(document: SourceDocument) -> list[ContentProblem]:
    """The model's problems at the lines of the fields they name."""
    title = document.metadata.get("title")
    _events, problems = parse_events(document.metadata.get("events"),
                                     title if isinstance(title, str) else "")
    return [document.place(problem) for problem in problems]
