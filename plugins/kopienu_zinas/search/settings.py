"""The SEARCH settings dict, validated once into a frozen dataclass (docs/search.md)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..common.settings import SettingsError, flag, merged

PLUGIN = "kopienu_zinas.search"

DEFAULTS: dict[str, Any] = {
    # Build the Pagefind index at the end of every build; False skips it.
    "index": True,
    # Index in preview builds too (PREVIEW, `make serve`): Pagefind reads the whole site on
    # every build (several CPU s at 1,000 articles), so by default the preview has no index
    # and its search page says that search works after `make html`.
    "preview_index": False,
    # The search page per UI language: site-relative directory URLs.
    "pages": {"lv": "meklet/", "en": "en/search/"},
}


@dataclass(frozen=True)
class SearchSettings:
    """What the search plugin needs to know: whether this build indexes (`index`: SEARCH's
    `index`, and in a preview build also its `preview_index`), where the search pages are."""

    index: bool
    pages: tuple[tuple[str, str], ...]
    default_lang: str

    @classmethod
    def from_pelican(cls, settings: Mapping[str, Any]) -> SearchSettings:
        """Raises SettingsError (naming the key) for unknown keys or wrong types."""
        values = merged(settings, "SEARCH", PLUGIN, DEFAULTS)
        flag(PLUGIN, "SEARCH", "index", values["index"])
        flag(PLUGIN, "SEARCH", "preview_index", values["preview_index"])
        index = values["index"] and (values["preview_index"] or not settings.get("PREVIEW"))
        pages = values["pages"]
        default_lang = str(settings.get("DEFAULT_LANG") or "lv")
        if not isinstance(pages, Mapping) or default_lang not in pages:
            raise SettingsError("SEARCH", "pages", "jāsaista valodas ar lapu adresēm, ieskaitot "
                                f"DEFAULT_LANG ({default_lang!r})",
                                f"{PLUGIN}: must map languages to page URLs, including "
                                f"DEFAULT_LANG ({default_lang!r})")
        normalised = tuple((str(lang), str(url).strip("/") + "/") for lang, url in pages.items())
        return cls(index=index, pages=normalised, default_lang=default_lang)

    def page_url(self, lang: str) -> str:
        """The search page for a UI language; the default language's for any other."""
        return dict(self.pages).get(lang) or dict(self.pages)[self.default_lang]
