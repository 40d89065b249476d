"""Jinja filters for events: Latvian date/time text, ISO values, schema.org data."""

from __future__ import annotations

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
def _weekday_letter(context: Context, day: Any) -> str:
    return display.weekday_letter(day, page_language(context))


FILTERS = {
    "event_when": _when,
    "event_iso_start": display.iso_when,
    "event_jsonld": jsonld.event_data,
    "weekday_letter": _weekday_letter,
}


def install(generator: Any) -> None:
    env = getattr(generator, "env", None)
    if env is not None:
        env.filters.update(FILTERS)
