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
from jinja2 import Environment, pass_context
from jinja2.runtime import Context
from markupsafe import Markup

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
    """The UI language of the page being rendered: of the `article` or `page` in the context
    the call gets (one the template sets counts; a `for` loop's variable does not)."""
    lookup = context.resolve_or_missing if isinstance(context, Context) else context.get
    for name in ("article", "page"):
        lang = getattr(lookup(name), "lang", None)  # jinja2's `missing` has no `lang` either
        if lang:
            return babel_locale(lang)
    return babel_locale(lookup("DEFAULT_LANG"))


def newstyle(translated: str, autoescape: bool, variables: dict[str, Any]) -> str:
    """A translation as Jinja's new-style gettext returns it (jinja2.ext `_make_new_gettext`):
    marked safe when the template autoescapes, then always %-formatted with the call's keyword
    arguments (so `%%` is `%` even without any)."""
    return (Markup(translated) if autoescape else translated) % variables


def make_gettext_callables(translations_dir: str) -> tuple[Any, Any]:
    """Jinja's new-style gettext and ngettext (install them with :func:`install_gettext`) that
    follow each page's language; each catalog is read once per set of callables, i.e. once per
    generator and build.

    They do what Jinja's new-style wrappers do around a plain gettext (:func:`newstyle`;
    ngettext's `num` defaults to the count; the positional parameters take no keyword, as
    `{% trans count=n %}` passes `count`) in one call: through Jinja's wrappers and its `_`
    alias, every `_()` in a template reached the catalog through three `Context.call`s, each
    inspecting its callable again (an eighth of the pages' rendering time, with the language
    look-up). A message without arguments is translated and formatted once per language and
    autoescaping. The strings are the same (tests/unit/test_translations.py compares them
    with Jinja's own wrappers).
    """
    catalogs: dict[str, NullTranslations] = {}
    #: (language, autoescape, message) → the text of a call without keyword arguments
    plain: dict[tuple[str, bool, str], str] = {}

    def catalog(lang: str) -> NullTranslations:
        found = catalogs.get(lang)
        if found is None:
            found = catalogs[lang] = load_catalog(translations_dir, lang)
        return found

    @pass_context
    def gettext(context: Context, message: str, /, **variables: Any) -> str:
        lang, autoescape = page_language(context), context.eval_ctx.autoescape
        if variables:
            return newstyle(catalog(lang).gettext(message), autoescape, variables)
        key = (lang, autoescape, message)
        text = plain.get(key)
        if text is None:
            text = plain[key] = newstyle(catalog(lang).gettext(message), autoescape, {})
        return text

    @pass_context
    def ngettext(context: Context, singular: str, plural: str, count: int, /,
                 **variables: Any) -> str:
        variables.setdefault("num", count)
        translated = catalog(page_language(context)).ngettext(singular, plural, count)
        return newstyle(translated, context.eval_ctx.autoescape, variables)

    return gettext, ngettext


def install_gettext(env: Environment, gettext: Any, ngettext: Any) -> None:
    """Jinja's i18n extension with new-style callables made by :func:`make_gettext_callables`:
    templates compile `{% trans %}` for new-style gettext, and `_`, `gettext` and `ngettext`
    are the callables themselves (what `Environment.install_gettext_callables(...,
    newstyle=True)` installs, without its wrappers: ours format already)."""
    env.add_extension("jinja2.ext.i18n")
    env.newstyle_gettext = True  # type: ignore[attr-defined]  # set by the i18n extension
    env.globals.update(gettext=gettext, ngettext=ngettext, _=gettext)
