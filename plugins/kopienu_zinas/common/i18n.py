"""UI translations: gettext catalogs (Babel .po files in the theme) chosen per page language.

The catalogs are read from the .po sources at build time, so no compiled .mo files live in git.
Templates call ``_('Latvian text %(name)s', name=…)``; the language is the rendered page's
(``article.lang`` / ``page.lang``), else the site's DEFAULT_LANG.
"""

from __future__ import annotations

import io
from functools import lru_cache
from pathlib import Path
from typing import Any

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations
from jinja2 import pass_context
from jinja2.runtime import Context

from .dates import babel_locale


def load_catalog(translations_dir: str, lang: str) -> NullTranslations:
    """The compiled catalog for one language, as its .po file reads now (an edit during
    `make serve` shows in the next build); a missing catalog means msgids are shown."""
    po_file = Path(translations_dir) / lang / "LC_MESSAGES" / "messages.po"
    if not po_file.exists():
        return NullTranslations()
    return _compiled(po_file.read_bytes(), lang)


@lru_cache(maxsize=8)  # keyed by the .po file's content, never by its name or time
def _compiled(po_source: bytes, lang: str) -> Translations:
    catalog = read_po(io.BytesIO(po_source), locale=lang)
    compiled = io.BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    return Translations(compiled)


def page_language(context: Context | dict[str, Any]) -> str:
    """The UI language of the page being rendered."""
    for name in ("article", "page"):
        content = context.get(name)
        lang = getattr(content, "lang", None)
        if lang:
            return babel_locale(lang)
    return babel_locale(context.get("DEFAULT_LANG"))


def make_gettext_callables(translations_dir: str) -> tuple[Any, Any]:
    """gettext/ngettext for Jinja's i18n extension that follow each page's language (each
    catalog read once per set of callables, i.e. once per generator and build)."""
    catalogs: dict[str, NullTranslations] = {}

    def catalog(context: Context) -> NullTranslations:
        lang = page_language(context)
        if lang not in catalogs:
            catalogs[lang] = load_catalog(translations_dir, lang)
        return catalogs[lang]

    @pass_context
    def gettext(context: Context, message: str) -> str:
        return catalog(context).gettext(message)

    @pass_context
    def ngettext(context: Context, singular: str, plural: str, count: int) -> str:
        return catalog(context).ngettext(singular, plural, count)

    return gettext, ngettext

