"""The SEARCH settings dict, validated once into a frozen dataclass (docs/search.md)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..common.settings import flag, merged

PLUGIN = "kopienu_zinas.search"

DEFAULTS: dict[str, Any] = {
    # Build the Pagefind index at the end of every build; False skips it (a faster preview).
    "index": True,
    # The search page per UI language: site-relative directory URLs.
    "pages": {"lv": "meklet/", "en": "en/search/"},
}


@dataclass(frozen=True)
class SearchSettings:
    """What the search plugin needs to know: whether to index, where the search pages are."""

    index: bool
    pages: tuple[tuple[str, str], ...]
    default_lang: str

    @classmethod
    def from_pelican(cls, settings: Mapping[str, Any]) -> SearchSettings:
        """Raises ValueError (naming the plugin) for unknown keys or wrong types."""
        values = merged(settings, "SEARCH", PLUGIN, DEFAULTS)
        flag(PLUGIN, "SEARCH", "index", values["index"])
        pages = values["pages"]
        default_lang = str(settings.get("DEFAULT_LANG") or "lv")
        if not isinstance(pages, Mapping) or default_lang not in pages:
            raise ValueError(f"{PLUGIN}: SEARCH['pages'] must map languages to page URLs, "
                             f"including DEFAULT_LANG ({default_lang!r})")
        normalised = tuple((str(lang), str(url).strip("/") + "/") for lang, url in pages.items())
        return cls(index=values["index"], pages=normalised, default_lang=default_lang)

    def page_url(self, lang: str) -> str:
        """The search page for a UI language; the default language's for any other."""
        return dict(self.pages).get(lang) or dict(self.pages)[self.default_lang]
