"""Slugs made by Pelican's own ``pelican.utils.slugify``, so our checks and tools agree with
the URLs it writes.

With Pelican's defaults (``SLUGIFY_USE_UNICODE = False``) letters are transliterated to ASCII:
`Sēlija` → `selija`. ``slugify_with_settings`` passes the site's ``SLUG_REGEX_SUBSTITUTIONS``,
``SLUGIFY_PRESERVE_CASE`` and ``SLUGIFY_USE_UNICODE`` the way ``pelican.contents.Content`` does.

Pelican's function is looked up in ``pelican.utils`` at every call, never held by name: the
reading plugin puts its memoized ``slugify`` there (reading/memo.py), and this module is
imported before it (the settings file imports our plugins' settings), so every slug made
here comes from the same memo as Pelican's own.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pelican.utils
from pelican.settings import DEFAULT_CONFIG


def slugify_with_settings(text: str, settings: Mapping[str, Any]) -> str:
    """The slug Pelican makes of ``text`` with these settings (a missing one: Pelican's default)."""
    def setting(name: str) -> Any:
        return settings.get(name, DEFAULT_CONFIG[name])
    return pelican.utils.slugify(text, regex_subs=setting("SLUG_REGEX_SUBSTITUTIONS"),
                                 preserve_case=setting("SLUGIFY_PRESERVE_CASE"),
                                 use_unicode=setting("SLUGIFY_USE_UNICODE"))


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
