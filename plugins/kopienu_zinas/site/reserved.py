"""Rule: a page may not take the address of a section the site builds itself.

Pages live at PAGE_URL (`{slug}/`), the same level as the sections: regions (CATEGORY_URL),
topics (TAG_URL), authors, the archive, drafts, and the plugins' own pages (the calendar, the
galleries, the newsletter issues, the search page). A page titled "Kalendārs" gets the slug
`kalendars`; without this rule the build fails late with Pelican's FileOverwriteFailedError
naming a temporary output file. The reserved addresses are read from the settings (and the
plugins' defaults), so renaming a section moves its reservation with it.

Publishing builds stop on the problem; the preview, which goes on, leaves such a page out
(``page_generator_finalized``) and shows the problem in its banner on the home page.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

from ..common.frontmatter import SourceDocument
from ..common.problems import ContentProblem
from .clashes import PAGE_LISTS, withhold
from .slugs import document_slug

#: Pelican settings whose *_URL is where pages themselves go (not a reserved section).
_PAGE_SETTINGS = ("PAGE_URL", "PAGE_LANG_URL")


def _plugin_addresses(settings: Mapping[str, Any]) -> Iterator[str]:
    """The plugins' section addresses: each plugin's setting over its defaults."""
    from ..events import settings as events
    from ..galleries import settings as galleries
    from ..newsletter import settings as newsletter
    from ..search import settings as search

    renamed: Mapping[str, str]
    for setting, defaults, renamed, key in (
            ("EVENTS", events.DEFAULTS, events.RENAMED, "calendar_url"),
            ("GALLERIES", galleries.DEFAULTS, {}, "url"),
            ("NEWSLETTER", newsletter.DEFAULTS, {}, "path"),
            ("SEARCH", search.DEFAULTS, {}, "pages")):
        # The old upper-case EVENTS keys still count (common/settings.merged warns about them).
        given = {renamed.get(name, name): value
                 for name, value in (settings.get(setting) or {}).items()}
        value = {**defaults, **given}.get(key)
        if isinstance(value, Mapping):
            yield from (str(page) for page in value.values())
        elif value is not None:
            yield str(value)


def reserved_sections(settings: Mapping[str, Any]) -> set[str]:
    """First address segments the site's own sections use: {"kalendars", "regioni", …}."""
    addresses: Iterable[object] = [
        value for name, value in settings.items()
        if name.endswith("_URL") and name not in _PAGE_SETTINGS and name != "SITEURL"]
    found = set()
    for address in [*addresses, *_plugin_addresses(settings)]:
        if isinstance(address, str):
            first = address.strip("/").split("/")[0]
            if first and "{" not in first and ":" not in first:
                found.add(first)
    return found


def check_documents(sender: Any, documents: Sequence[SourceDocument],
                    settings: dict[str, Any]) -> list[ContentProblem]:
    reserved = reserved_sections(settings)
    default_lang = settings.get("DEFAULT_LANG", "lv")
    problems = []
    for document in documents:
        in_default_lang = document.metadata.get("lang") in (None, default_lang)
        slug = document_slug(document, settings) \
            if document.kind == "page" and in_default_lang else ""
        if slug.split("/")[0] in reserved:
            field = "slug" if "slug" in document.metadata else "title"
            problems.append(document.problem(
                field, f"adrese /{slug}/ jau ir vietnes sadaļai",
                f"the address /{slug}/ belongs to a section the site builds itself",
                "pievieno rindu 'slug: cits-nosaukums' (lapai cita adrese)", value=f"/{slug}/"))
    return problems


def _on_section(page: Any, reserved: set[str]) -> bool:
    """Whether a page is written at a section's address (`kalendars/…`; not `en/…`)."""
    first = str(getattr(page, "save_as", "")).split("/")[0]
    return first == getattr(page, "slug", None) and first in reserved


def withhold_reserved_pages(generator: Any) -> None:
    """Receiver of page_generator_finalized: no page is written over a section's address."""
    reserved = reserved_sections(generator.settings)
    withhold(generator, PAGE_LISTS, lambda page: not _on_section(page, reserved))
