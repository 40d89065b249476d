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


@lru_cache(maxsize=8)
def load_catalog(translations_dir: str, lang: str) -> NullTranslations:
    """The compiled catalog for one language; a missing catalog means msgids are shown."""
    po_file = Path(translations_dir) / lang / "LC_MESSAGES" / "messages.po"
    if not po_file.exists():
        return NullTranslations()
    with po_file.open("rb") as source:
        catalog = read_po(source, locale=lang)
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
    """gettext/ngettext for Jinja's i18n extension that follow each page's language."""

    @pass_context
    def gettext(context: Context, message: str) -> str:
        return load_catalog(translations_dir, page_language(context)).gettext(message)

    @pass_context
    def ngettext(context: Context, singular: str, plural: str, count: int) -> str:
        return load_catalog(translations_dir, page_language(context)).ngettext(singular, plural, count)

    return gettext, ngettext

