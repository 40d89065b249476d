"""Content rules: every event in `events:` must be valid (one problem per invalid event), and
no two events of the site may have one UID (identity.uid_name)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import Any

from ..common.build import once
from ..common.clock import build_now
from ..common.frontmatter import SourceDocument
from ..common.isodates import RIGA
from ..common.problems import ContentProblem
from .identity import ics_file, uid_name
from .model import Event, parse_events


def check_documents(sender: Any, documents: Sequence[SourceDocument],
                    settings: dict[str, Any]) -> list[ContentProblem]:
    today = build_now(settings).astimezone(RIGA).date()
    with_events = [document for document in documents
                   if document.kind == "article" and document.node is not None
                   and "events" in document.metadata]
    return [*(problem for document in with_events
              for problem in check_events(document, today, settings)),
            *uid_collisions(with_events, today, settings)]


def uid_collisions(documents: Sequence[SourceDocument], today: dt.date,
                   settings: Mapping[str, Any]) -> list[ContentProblem]:
    """An error at each event whose UID another file's event has too: two source paths that
    slugify alike (`Ēkas/svetki.md`, `ekas/svetki.md`) with events of one key. Calendar apps
    keep one event per UID, so the other would be lost. Refused rather than renamed, so that
    no published UID changes."""
    owners: defaultdict[str, list[tuple[SourceDocument, Event]]] = defaultdict(list)
    for document in documents:
        for event in _parsed(document, today, settings)[0]:
            owners[uid_name(document.path, event)].append((document, event))
    return [_collision(document, event, [other.path for other, _ in owners[name]
                                         if other.path != document.path])
            for name, placed in owners.items() if len({d.path for d, _ in placed}) > 1
            for document, event in placed]


def ics_files(document: SourceDocument, save_as: str, settings: Mapping[str, Any]) -> list[str]:
    """The .ics files (relative to the output folder) the events plugin writes for the valid
    events of `document`, a published article written to `save_as` ("": not written, none):
    what site/reserved.py keeps the documents' own `save_as:` off."""
    if not save_as or document.kind != "article" or "events" not in document.metadata \
            or document.metadata.get("status") in ("draft", "hidden"):
        return []
    today = build_now(settings).astimezone(RIGA).date()
    return [file for event in _parsed(document, today, settings)[0]
            if (file := ics_file(save_as, event))]


def _parsed(document: SourceDocument, today: dt.date, settings: Mapping[str, Any]
            ) -> tuple[tuple[Event, ...], tuple[ContentProblem, ...]]:
    """The document's valid events and the problems of the others (parsed_events)."""
    title = document.metadata.get("title")
    return parsed_events(settings, document.path, document.metadata.get("events"),
                         title if isinstance(title, str) else "", today)


def _collision(document: SourceDocument, event: Event, others: list[str]) -> ContentProblem:
    """The UID collision of `event` (in `document`) with the events of `others` (paths)."""
    where = ", ".join(others)
    return document.place(ContentProblem(
        "", 0, f"events[{event.index + 1}].id",
        f"pasākumam „{event.title}” ir tāds pats UID kā pasākumam failā {where}",
        f"event “{event.title}” has the same UID as an event in {where}; calendar apps "
        "would show only one of them",
        "pārdēvē vienu no failiem vai ieraksti vienam pasākumam citu 'id:'"))


def check_events(document: SourceDocument, today: dt.date,
                 settings: Mapping[str, Any]) -> list[ContentProblem]:
    """The model's problems, for a build on `today` (Riga day of the build date), at the lines
    of the fields they name."""
    return [document.place(problem) for problem in _parsed(document, today, settings)[1]]


def parsed_events(settings: Mapping[str, Any], source: str, raw: object, title: str,
                  today: dt.date) -> tuple[tuple[Event, ...], tuple[ContentProblem, ...]]:
    """parse_events of one source file (`source`: relative to content/), once per build
    (common/build.py): the content check and the events attached to its article share it."""
    def parse() -> tuple[tuple[Event, ...], tuple[ContentProblem, ...]]:
        events, problems = parse_events(raw, title, today)
        return tuple(events), tuple(problems)
    return once(settings, ("events", source, today), parse)
