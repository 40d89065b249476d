"""Slugs made by Pelican's own ``pelican.utils.slugify``, so our checks and tools agree with
the URLs it writes.

With Pelican's defaults (``SLUGIFY_USE_UNICODE = False``) letters are transliterated to ASCII:
`Sēlija` → `selija`. ``slugify_with_settings`` passes the site's ``SLUG_REGEX_SUBSTITUTIONS``,
``SLUGIFY_PRESERVE_CASE`` and ``SLUGIFY_USE_UNICODE`` the way ``pelican.contents.Content`` does.

Pelican's function is looked up in ``pelican.utils`` at every call, never held by name: the
reading plugin puts its memoized ``slugify`` there (reading/memo.py), and this module is
imported before it (the settings file imports our plugins' settings), so every slug made
here comes from the same memo as Pelican's own.

Titles, names and keys are plain text, but Pelican's ``slugify`` reads its value as HTML: it
strips what lies between `<` and `>` and decodes character references, so "Koncerts &
<dzeja>" got the address `koncerts/` (and clashed with "Koncerts") and "A &amp; B" the one of
"A & B". :func:`plain_text` escapes the value first, so the slug is made of the text as
written (`koncerts-dzeja`, `a-amp-b`); :func:`install` puts that where Pelican's contents and
URL wrappers (articles, pages, tags, authors, regions) look ``slugify`` up, and every slug
made here goes through it too.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from typing import Any

import pelican.contents
import pelican.urlwrappers
import pelican.utils
from markupsafe import escape
from pelican.settings import DEFAULT_CONFIG

#: The attribute that marks a slugify as :func:`plain_text`'s (so it is wrapped once).
_PLAIN = "kopienu_zinas_plain_text"


def plain_text(slugify: Callable[..., str]) -> Callable[..., str]:
    """`slugify` (Pelican's signature) for plain text: its value HTML-escaped first, so that
    Pelican's tag stripping and reference decoding give back the text as written (a value
    already escaped, markupsafe's Markup, is taken as it is: wrapping twice changes nothing)."""
    if getattr(slugify, _PLAIN, False):
        return slugify

    @functools.wraps(slugify)
    def plain(value: Any, *args: Any, **kwargs: Any) -> str:
        return slugify(escape(value) if isinstance(value, str) else value, *args, **kwargs)

    setattr(plain, _PLAIN, True)
    return plain


def install() -> None:
    """Make Pelican's slugs of titles and names plain text (:func:`plain_text` around the
    ``slugify`` each of Pelican's modules uses now, the reading plugin's memo included;
    idempotent)."""
    for module in (pelican.utils, pelican.contents, pelican.urlwrappers):
        module.slugify = plain_text(module.slugify)


def slugify_with_settings(text: str, settings: Mapping[str, Any]) -> str:
    """The slug Pelican makes of ``text`` with these settings (a missing one: Pelican's default)."""
    def setting(name: str) -> Any:
        return settings.get(name, DEFAULT_CONFIG[name])
    return plain_text(pelican.utils.slugify)(
        text, regex_subs=setting("SLUG_REGEX_SUBSTITUTIONS"),
        preserve_case=setting("SLUGIFY_PRESERVE_CASE"), use_unicode=setting("SLUGIFY_USE_UNICODE"))


def gives_address(slug: str) -> bool:
    """Whether a slug can be an address: it holds a letter or a digit. A title of emoji or
    punctuation alone gives "" (the article would take its section's own address, a page the
    home page's) or "-"."""
    return any(character.isalnum() for character in slug)


def slugify(text: str) -> str:
    """Pelican's default slug (ASCII, lowercase), for names that must not follow site settings
    (image files, calendar UIDs): '„Darbīgo kopienu simpozijs” Krustpils pilī' →
    'darbigo-kopienu-simpozijs-krustpils-pili'."""
    return slugify_with_settings(text, DEFAULT_CONFIG)
