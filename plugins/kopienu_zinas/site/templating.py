"""Jinja helpers for the theme: translations, Latvian/English dates, Latvian sorting."""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Iterable
from typing import Any

from jinja2 import Environment, pass_context, pass_environment
from jinja2.filters import make_attrgetter
from jinja2.runtime import Context

from ..common import dates
from ..common.absolute_urls import on_site
from ..common.clock import build_now
from ..common.collation import latvian_key
from ..common.i18n import install_gettext, make_gettext_callables, page_language
from .settings import site_description


def _in_page_language(format_value: Callable[[Any, str], str]) -> Callable[..., str]:
    """A filter that formats a value in the language of the page being rendered."""

    @pass_context
    def localised(context: Context, value: Any) -> str:
        return format_value(value, page_language(context))

    return localised


@pass_environment
def _latvian_sort(env: Environment, items: Iterable[Any], attribute: str | None = None) -> list[Any]:
    """Like Jinja's `sort` (same dotted attribute paths, e.g. '0.name'), in Latvian order."""
    get = make_attrgetter(env, attribute)
    return sorted(items, key=lambda item: latvian_key(str(get(item))))


@pass_context
def _page_lang(context: Context) -> str:
    return page_language(context)


@pass_context
def _lang_if_other(context: Context, item: Any) -> str | None:
    """`item`'s language (an article's, an event's, a newsletter entry's ``lang``) when it is
    not the page's, else None: the ``lang`` attribute the part of the page that shows the item
    needs (WCAG 3.1.2, language of parts), e.g. an English event in the Latvian calendar."""
    lang = getattr(item, "lang", None)
    return lang if lang and lang != page_language(context) else None


@pass_context
def _absolute_url(context: Context, path: str) -> str:
    """A site-relative URL made absolute with SITEURL (canonical links, Open Graph)."""
    return on_site(context.get("SITEURL", ""), path)


FILTERS = {
    "date_long": _in_page_language(dates.long_date),
    "weekday": _in_page_language(dates.weekday),
    "month_year": _in_page_language(dates.month_year),
    "time": _in_page_language(dates.short_time),
    "isodate": dates.iso,
    "latvian_sort": _latvian_sort,
    "absolute_url": _absolute_url,
}


def install(generator: Any) -> None:
    """Add our filters, globals and per-page gettext to a generator's Jinja environment."""
    env = getattr(generator, "env", None)
    if env is None:
        return
    env.filters.update(FILTERS)
    env.globals["page_lang"] = _page_lang
    env.globals["lang_if_other"] = _lang_if_other
    env.globals["BUILD_NOW"] = build_now(generator.settings)
    # site_description(lang): the site's description in a page's language (site/settings.py)
    env.globals["site_description"] = functools.partial(site_description, generator.settings)
    # JSON-LD stays readable Latvian; sorted keys keep it deterministic.
    env.policies["json.dumps_kwargs"] = {"sort_keys": True, "ensure_ascii": False}
    translations = os.path.join(generator.settings["THEME"], "translations")
    install_gettext(env, *make_gettext_callables(translations))
