"""Jinja filters for events: Latvian date/time text, ISO values, schema.org data."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from jinja2 import pass_context
from jinja2.runtime import Context

from ..common.i18n import page_language
from . import display, jsonld
from .model import Event


@pass_context
def _when(context: Context, event: Event) -> str:
    return display.when(event, page_language(context))


@pass_context
def _when_each(context: Context, occurrences: Sequence[Event]) -> str:
    return display.when_each(occurrences, page_language(context))


def _where_text(event: Event, online_label: str) -> str:
    return display.where_text(event, online_label)


@pass_context
def _weekday_letter(context: Context, day: Any) -> str:
    return display.weekday_letter(day, page_language(context))


FILTERS = {
    "event_when": _when,
    "event_when_each": _when_each,
    "event_where": display.where,
    "event_where_text": _where_text,
    "event_iso_start": display.iso_when,
    "event_jsonld": jsonld.event_data,
    "weekday_letter": _weekday_letter,
}


def install(generator: Any) -> None:
    env = getattr(generator, "env", None)
    if env is not None:
        env.filters.update(FILTERS)
