"""Content rule: every event in `events:` must be valid (one problem per invalid event)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from ..common.build import once
from ..common.clock import build_now
from ..common.frontmatter import SourceDocument
from ..common.isodates import RIGA
from ..common.problems import ContentProblem
from .model import Event, parse_events


def check_documents(sender: Any, documents: Sequence[SourceDocument],
                    settings: dict[str, Any]) -> list[ContentProblem]:
    return [problem for document in documents
            if document.kind == "article" and document.node is not None
            and "events" in document.metadata
            for problem in check_events(document, build_now(settings).astimezone(RIGA).date(),
                                        settings)]


def check_events(document: SourceDocument, today: dt.date,
                 settings: Mapping[str, Any]) -> list[ContentProblem]:
    """The model's problems, for a build on `today` (Riga day of the build date), at the lines
    of the fields they name."""
    title = document.metadata.get("title")
    _events, problems = parsed_events(settings, document.path, document.metadata.get("events"),
                                      title if isinstance(title, str) else "", today)
    return [document.place(problem) for problem in problems]


def parsed_events(settings: Mapping[str, Any], source: str, raw: object, title: str,
                  today: dt.date) -> tuple[tuple[Event, ...], tuple[ContentProblem, ...]]:
    """parse_events of one source file (`source`: relative to content/), once per build
    (common/build.py): the content check and the events attached to its article share it."""
    def parse() -> tuple[tuple[Event, ...], tuple[ContentProblem, ...]]:
        events, problems = parse_events(raw, title, today)
        return tuple(events), tuple(problems)
    return once(settings, ("events", source, today), parse)
