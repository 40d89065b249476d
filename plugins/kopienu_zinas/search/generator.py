"""Pelican glue: the search pages (one per UI language) and the context the header form reads."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from pelican.generators import Generator

from .indexing import BUNDLE
from .settings import SearchSettings

#: Pagefind filter values for `kind`, in the order the search page lists them. The theme sets
#: them (macros/search.html) and translates them for the UI; the values stay Latvian in the
#: index so that one index serves every language.
KINDS = ("ziņa", "pasākums", "galerija", "izdevums", "lapa")


@dataclass(frozen=True)
class SearchPage:
    """One search page: its UI language and site-relative URL (page_language() reads .lang)."""

    lang: str
    url: str

    @property
    def save_as(self) -> str:
        return f"{self.url}index.html"


@dataclass(frozen=True)
class SearchView:
    """Context `search`: where each language's search page is and where the index lives."""

    options: SearchSettings
    bundle_path: str  # URL path of the Pagefind bundle, e.g. "/pagefind/"
    base_path: str  # URL path of the site root that result URLs are relative to, e.g. "/"
    kinds: tuple[str, ...] = KINDS

    def page_url(self, lang: str) -> str:
        return self.options.page_url(lang)


def site_path(siteurl: str) -> str:
    """The path part of SITEURL with a trailing slash: 'https://x.lv/zinas' -> '/zinas/'."""
    path = urlsplit(siteurl).path.strip("/")
    return f"/{path}/" if path else "/"


class SearchPageGenerator(Generator):
    """Puts `search` into the context; writes search.html once per configured language."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.options = SearchSettings.from_pelican(self.settings)
        base = site_path(str(self.settings.get("SITEURL", "")))
        self.view = SearchView(self.options, bundle_path=f"{base}{BUNDLE}/", base_path=base)

    def generate_context(self) -> None:
        self.context["search"] = self.view

    def generate_output(self, writer: Any) -> None:
        for lang, url in self.options.pages:
            page = SearchPage(lang, url)
            writer.write_file(page.save_as, self.get_template("search"), self.context,
                              page=page, regions=list(self.settings.get("REGIONS") or []))


def get_generators(pelican: Any) -> type[Generator]:
    return SearchPageGenerator
