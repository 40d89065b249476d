"""Slugs made by Pelican's own ``pelican.utils.slugify``, so our checks and tools agree with
the URLs it writes.

With Pelican's defaults (``SLUGIFY_USE_UNICODE = False``) letters are transliterated to ASCII:
`Sēlija` → `selija`. ``slugify_with_settings`` passes the site's ``SLUG_REGEX_SUBSTITUTIONS``,
``SLUGIFY_PRESERVE_CASE`` and ``SLUGIFY_USE_UNICODE`` the way ``pelican.contents.Content`` does.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pelican.settings import DEFAULT_CONFIG
from pelican.utils import slugify as pelican_slugify


def slugify_with_settings(text: str, settings: Mapping[str, Any]) -> str:
    """The slug Pelican makes of ``text`` with these settings (a missing one: Pelican's default)."""
    def setting(name: str) -> Any:
        return settings.get(name, DEFAULT_CONFIG[name])
    return pelican_slugify(text, regex_subs=setting("SLUG_REGEX_SUBSTITUTIONS"),
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
