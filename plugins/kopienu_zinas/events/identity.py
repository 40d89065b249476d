"""An event's identity on the site: its anchor and the name its UID is made of (docs/events.md
"Identity"). Shared by the content check (checks.py: two files whose UIDs would be the same)
and the Pelican glue (attach.py: the UID written)."""

from __future__ import annotations

from pathlib import PurePosixPath

from ..common.slugs import slugify
from .model import Event

#: The fragment of an event on its article page and its .ics file's name: "notikums" and the
#: event's key ("notikums-dzejas-vakars"; "notikums" for the one event without a title of its
#: own), never its position, so inserting an event leaves the others' addresses alone.
FRAGMENT = "notikums"


def anchor(event: Event) -> str:
    """"notikums-<key>", or "notikums" for the event without a key."""
    return f"{FRAGMENT}-{event.key}" if event.key else FRAGMENT


def ics_file(article_save_as: str, event: Event) -> str | None:
    """The event's own .ics file (relative to the output folder) beside its article's file
    `article_save_as`: "zinas/2024/koncerts/index.html" → "zinas/2024/koncerts/notikums-
    dzejas-vakars.ics"; None for a month-only event (no day: never in an .ics file)."""
    if event.month_only:
        return None
    folder = article_save_as.rsplit("/", 1)[0] + "/" if "/" in article_save_as else ""
    return f"{folder}{anchor(event)}.ics"


def uid_name(source: str, event: Event) -> str:
    """The UID without its domain: the article's source file (relative to content/, without
    its extension, each folder slugified, joined by dots) and the event's anchor,
    `zinas.2024.koncerts.notikums-dzejas-vakars`. Two source files whose paths slugify alike
    (`Ēkas/svetki.md`, `ekas/svetki.md`) give the same name: the content check refuses that."""
    folders = (slugify(part) for part in PurePosixPath(source).with_suffix("").parts)
    return ".".join([*filter(None, folders), anchor(event)])
