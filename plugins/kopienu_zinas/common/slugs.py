"""Slugs the way Pelican makes them, so our checks and tools agree with the URLs it writes.

Mirrors ``pelican.utils.slugify`` (Latvian letters transliterated to ASCII: `Sēlija` → `selija`)
without importing pelican, so content rules stay pure; a unit test compares the two.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from typing import Any

from markupsafe import Markup
from unidecode import unidecode

#: Pelican's default SLUG_REGEX_SUBSTITUTIONS (used when settings do not name their own).
DEFAULT_SUBSTITUTIONS: tuple[tuple[str, str], ...] = (
    (r"[^\w\s-]", ""),
    (r"(?u)\A\s*", ""),
    (r"(?u)\s*\Z", ""),
    (r"[-\s]+", "-"),
)


def _nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


def slugify(text: str, substitutions: Iterable[tuple[str, str]] = DEFAULT_SUBSTITUTIONS) -> str:
    """'„Darbīgo kopienu simpozijs” Krustpils pilī' → 'darbigo-kopienu-simpozijs-krustpils-pili'."""
    value = unidecode(_nfkc(Markup(text).striptags()))
    for pattern, replacement in substitutions:
        value = re.sub(_nfkc(pattern), _nfkc(replacement), value, flags=re.IGNORECASE)
    return value.lower().strip()


def slugify_with_settings(text: str, settings: Mapping[str, Any]) -> str:
    """slugify() with the site's SLUG_REGEX_SUBSTITUTIONS, as Pelican applies them."""
    return slugify(text, settings.get("SLUG_REGEX_SUBSTITUTIONS") or DEFAULT_SUBSTITUTIONS)
