"""Content rules: every event in `events:` must be valid (one problem per invalid event), no
two events of the site may have one UID (identity.uid_name), and a translation's events are
its original's (translation_problems)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Collection, Mapping, Sequence
from typing import Any

import yaml

from ..common.build import once
from ..common.clock import build_now
from ..common.frontmatter import SourceDocument
from ..common.isodates import RIGA
from ..common.problems import ContentProblem
from ..common.yamlrecovery import unread_items
from ..site.slugs import document_slug
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
            *uid_collisions(with_events, today, settings),
            *translation_problems(documents, today, settings)]


def _in_default_language(document: SourceDocument, settings: Mapping[str, Any]) -> bool:
    """Whether the document is in DEFAULT_LANG (its `lang:`, else the site's language)."""
    default_lang = settings.get("DEFAULT_LANG", "lv")
    return (document.metadata.get("lang") or default_lang) == default_lang


def translations_of(documents: Sequence[SourceDocument], settings: Mapping[str, Any]
                    ) -> list[tuple[SourceDocument, SourceDocument]]:
    """(original, translation) pairs as Pelican makes them: articles sharing a slug, the
    original in DEFAULT_LANG, the translation in another language."""
    groups: defaultdict[str, list[SourceDocument]] = defaultdict(list)
    for document in documents:
        if document.kind == "article" and document.node is not None:
            groups[document_slug(document, dict(settings))].append(document)
    pairs = []
    for group in groups.values():
        originals = [d for d in group if _in_default_language(d, settings)]
        if len(originals) == 1:
            pairs += [(originals[0], d) for d in group if d is not originals[0]]
    return pairs


def _when(event: Event) -> tuple[object, ...]:
    """What a translation's event must share with its original's: days, times, rule, status."""
    return event.start, event.end, event.recurrence, event.status


def translation_problems(documents: Sequence[SourceDocument], today: dt.date,
                         settings: Mapping[str, Any]) -> list[ContentProblem]:
    """A translation tells its original's events in its language (docs/events.md
    "Translations"): the site's calendars list the original's, so each translation event must
    have the key of one of them (else an error at its `events[N].id`: it would be in no
    calendar) and its days, times, rule and status (else an error at its `events[N].start`:
    the two pages would disagree)."""
    found = []
    pairs = translations_of(documents, settings)
    for original, translation in pairs:
        theirs = {e.key: e for e in _parsed(original, today, settings)[0]}
        for event in _parsed(translation, today, settings)[0]:
            match = theirs.get(event.key)
            if match is None:
                found.append(translation.place(_unmatched(event, original.path, list(theirs))))
            elif _when(match) != _when(event):
                found.append(translation.place(_moved(event, original.path)))
    return found + _detached_translations(documents, {t.path for _o, t in pairs}, today,
                                          settings)


def _detached_translations(documents: Sequence[SourceDocument], translations: set[str],
                           today: dt.date, settings: Mapping[str, Any]) -> list[ContentProblem]:
    """An event of an article in another language than DEFAULT_LANG that is no translation,
    with the key, days, times, rule and status of a DEFAULT_LANG article's event: the same
    event told twice, so every calendar would list it twice. It happens when the original's
    title was corrected without `slug:` (its address changed, so the translation lost it)."""
    articles = [d for d in documents if d.kind == "article" and d.node is not None
                and "events" in d.metadata]
    told: dict[tuple[object, ...], str] = {}
    for document in articles:
        if _in_default_language(document, settings):
            for event in _parsed(document, today, settings)[0]:
                told.setdefault((event.key, *_when(event)), document.path)
    found = []
    for document in articles:
        if not _in_default_language(document, settings) and document.path not in translations:
            for event in _parsed(document, today, settings)[0]:
                original = told.get((event.key, *_when(event)))
                if original is not None:
                    found.append(document.place(_told_twice(event, original)))
    return found


def _told_twice(event: Event, original: str) -> ContentProblem:
    """An event another language's article tells, though it is no translation of `original`."""
    return ContentProblem(
        "", 0, f"events[{event.index + 1}].id",
        f"pasākums „{event.title}” jau ir rakstā {original}, bet šis raksts nav tā tulkojums, "
        "tāpēc kalendāros pasākums būtu divreiz",
        f"the event “{event.title}” is already told by {original}, but this article is no "
        "translation of it, so every calendar would list it twice",
        "lai raksts būtu tulkojums, abos rakstos ieraksti vienu 'slug:' (piem. oriģināla adresi "
        "pirms virsraksta labošanas); citādi izdzēs pasākumu vienā no tiem")


def _unmatched(event: Event, original: str, keys: list[str]) -> ContentProblem:
    """A translation's event that is none of its original's (`keys`: theirs)."""
    listed = (f"tā pasākumu id: {', '.join(k or '(bez id)' for k in keys)}" if keys
              else "tajā nav pasākumu")
    return ContentProblem(
        "", 0, f"events[{event.index + 1}].id",
        f"tulkojuma pasākums „{event.title}” nav oriģinālā {original} ({listed}), un "
        "kalendāros ir oriģināla pasākumi",
        f"a translation's event “{event.title}” is none of its original's ({original}): "
        "the calendars list the original's events, so it would be in none",
        "ieraksti 'id:' ar oriģināla pasākuma id vai izziņo pasākumu arī oriģinālā")


def _moved(event: Event, original: str) -> ContentProblem:
    """A translation's event at other days, times, rule or status than its original's."""
    return ContentProblem(
        "", 0, f"events[{event.index + 1}].start",
        f"tulkojuma pasākums „{event.title}” nav tajā pašā laikā vai statusā kā oriģinālā "
        f"({original})",
        f"a translation's event “{event.title}” differs from its original's ({original}) in "
        "start, end, recurrence, exdate or status: the pages would disagree",
        "raksti 'start', 'end', 'recurrence', 'exdate' un 'status' tāpat kā oriģinālā")


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
    """The document's valid events and the problems of the others (parsed_events), the
    problems quoting values as written (the `events:` node: its tree is unpacked only for an
    article with events); of the items YAML could not read (each an error of its own,
    common/yamlrecovery.py) neither."""
    title, raw = document.metadata.get("title"), document.metadata.get("events")
    return parsed_events(settings, document.path, raw, title if isinstance(title, str) else "",
                         today, None if raw is None else document.value_node("events"),
                         unread_items(document.unread_fields, "events"))


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
                  today: dt.date, written: yaml.Node | None = None,
                  unread: Collection[int] = ()
                  ) -> tuple[tuple[Event, ...], tuple[ContentProblem, ...]]:
    """parse_events of one source file (`source`: relative to content/), once per build
    (common/build.py): the content check (which runs first and passes the `written` node of
    `events:` and the `unread` items) and the events attached to its article share it."""
    def parse() -> tuple[tuple[Event, ...], tuple[ContentProblem, ...]]:
        events, problems = parse_events(raw, title, today, written, unread)
        return tuple(events), tuple(problems)
    return once(settings, ("events", source, today), parse)
