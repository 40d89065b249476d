"""Rules: a page may not take the address of a section the site builds itself, and no
document's own `save_as:` may take a file the build writes otherwise.

Pages live at PAGE_URL (`{slug}/`), the same level as the sections: regions (CATEGORY_URL),
topics (TAG_URL), authors, the archive, drafts, and the plugins' own pages (the calendar, the
galleries, the newsletter issues, the search page). A page titled "Kalendārs" gets the slug
`kalendars`; without this rule the build would fail late, when the writer refuses the second
write of one file (site/safety.py). The reserved addresses are read from the settings (and the
plugins' defaults), so renaming a section moves its reservation with it.

A document's own `save_as:` (Pelican lets it overwrite any other file) is checked against one
definition of what the build writes (:func:`site_output`): Pelican's lists, feeds and direct
templates (every fixed `*_SAVE_AS`, feed and template-page setting), each section's folder
(:func:`section_folders`: Pelican's *_URL settings, the plugins' calendar, galleries,
newsletter, search pages, processed pictures (IMAGES `url`) and editor (CMS `url`), the search
index's folder, STATIC_PATHS and the theme's static folder), the files the plugins write at
fixed names (the calendar's .ics, sitemap.xml, robots.txt, the icons) and those they write
for a document (:func:`documents_files`: each event's own .ics beside its article); and
against the other documents' addresses (:func:`document_save_as`). Every writer claims each
file it writes in the build's one register (common/claims.py: the site's writer, site/safety.py
`SafeWriter`, and the plugins' own files), which refuses a second write of one file whoever
makes it, for what this check cannot foresee.

Publishing builds stop on the problem; the preview, which goes on, leaves such a page out
(``page_generator_finalized``) and shows the problem in its banner on the home page.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from ..common.claims import TAKEN_FIX, taken_words
from ..common.clock import build_now
from ..common.frontmatter import SourceDocument
from ..common.isodates import RIGA, parse_iso_date
from ..common.problems import ContentProblem, front_matter_rule
from .clashes import PAGE_LISTS, withhold
from .slugs import document_age, document_slug

#: Settings whose fixed part is where articles themselves go (an article's own `save_as:`
#: may lie there; it is checked against the other articles' files).
_ARTICLE_SETTINGS = ("ARTICLE_URL", "ARTICLE_LANG_URL")

#: Pelican settings whose *_URL is where pages themselves go (not a reserved section).
_PAGE_SETTINGS = ("PAGE_URL", "PAGE_LANG_URL")


def _plugin_addresses(settings: Mapping[str, Any]) -> Iterator[str]:
    """The plugins' section addresses: each plugin's setting over its defaults, then the
    search index's folder (Pagefind writes it at the end of the build)."""
    from ..cms import settings as cms
    from ..events import settings as events
    from ..galleries import settings as galleries
    from ..images import settings as images
    from ..newsletter import settings as newsletter
    from ..search import settings as search
    from ..search.indexing import BUNDLE

    renamed: Mapping[str, str]
    for setting, defaults, renamed, key in (
            ("EVENTS", events.DEFAULTS, events.RENAMED, "calendar_url"),
            ("GALLERIES", galleries.DEFAULTS, {}, "url"),
            ("NEWSLETTER", newsletter.DEFAULTS, {}, "path"),
            ("SEARCH", search.DEFAULTS, {}, "pages"),
            ("IMAGES", images.DEFAULTS, {}, "url"),
            ("CMS", cms.DEFAULTS, {}, "url")):
        # The old upper-case EVENTS keys still count (common/settings.merged warns about them).
        given = {renamed.get(name, name): value
                 for name, value in (settings.get(setting) or {}).items()}
        value = {**defaults, **given}.get(key)
        if isinstance(value, Mapping):
            yield from (str(page) for page in value.values())
        elif value is not None:
            yield str(value)
    yield f"{BUNDLE}/"


def _section_addresses(settings: Mapping[str, Any]) -> Iterator[tuple[str, str]]:
    """(setting name, address) of each section: Pelican's *_URL settings but the pages' own,
    then the plugins' ("EVENTS", "kalendars/"; "SEARCH", "en/search/"; …)."""
    for name, value in settings.items():
        if name.endswith("_URL") and name not in _PAGE_SETTINGS and name != "SITEURL" \
                and isinstance(value, str):
            yield name, value
    yield from (("plugins", address) for address in _plugin_addresses(settings))


def _fixed_folder(address: str) -> str:
    """The folder an address lies in before its first placeholder: "regioni/{slug}/" →
    "regioni/", "en/search/" → "en/search/", "{lang}/…" or a full URL → ""."""
    if "://" in address:
        return ""
    fixed = []
    for segment in address.strip("/").split("/"):
        if not segment or "{" in segment:
            break
        fixed.append(segment)
    return "/".join(fixed) + "/" if fixed else ""


def reserved_sections(settings: Mapping[str, Any]) -> set[str]:
    """First address segments the site's own sections use: {"kalendars", "regioni", …}."""
    return {folder.split("/")[0] for _name, address in _section_addresses(settings)
            if (folder := _fixed_folder(address))}


def section_folders(settings: Mapping[str, Any], kind: str) -> set[str]:
    """Folders whose files the build writes itself, where a document of `kind` ("article",
    "page") may not put its own `save_as:`: {"kalendars/", "regioni/", "atteli/", "theme/", …};
    an article may lie in the articles' folder ("zinas/")."""
    own = _ARTICLE_SETTINGS if kind == "article" else ()
    folders = {_fixed_folder(address) for name, address in _section_addresses(settings)
               if name not in own}
    static = [*(settings.get("STATIC_PATHS") or ()), settings.get("THEME_STATIC_DIR") or ""]
    folders.update(_fixed_folder(str(path)) for path in static)
    return folders - {""}


def site_output(settings: Mapping[str, Any]) -> set[str]:
    """Files (relative to the output folder) the build writes at fixed names, whatever the
    content (:func:`documents_files`: those it writes for a document): {"index.html",
    "atom.xml", "404.html", "kalendars.ics", "kalendars/index.html", "sitemap.xml",
    "favicon.ico", …}."""
    from ..events import settings as events
    from ..icons.generator import ICONS
    from .sitemap import ROOT_FILES

    files: set[str] = set()
    for name, value in settings.items():
        if name.endswith(("_SAVE_AS", "_ATOM", "_RSS")) and isinstance(value, str) \
                and value and "{" not in value:
            files.add(value.lstrip("/"))
    for template in settings.get("DIRECT_TEMPLATES") or ():
        files.add(str(settings.get(f"{template.upper()}_SAVE_AS") or f"{template}.html"))
    files.update(str(path) for path in (settings.get("TEMPLATE_PAGES") or {}).values())
    files.update(f"{folder}index.html" for folder in section_folders(settings, "page"))
    given = {events.RENAMED.get(name, name): value
             for name, value in (settings.get("EVENTS") or {}).items()}
    files.add(str({**events.DEFAULTS, **given}["calendar_ics"]))
    files.update(ROOT_FILES)
    files.update(icon.path for icon in ICONS)
    return {file.lstrip("/") for file in files if file}


def documents_files(documents: Sequence[SourceDocument], saved: Mapping[str, str],
                    settings: Mapping[str, Any]) -> set[str]:
    """Files (relative to the output folder) the plugins write for the documents, at names no
    setting gives: each event's own .ics beside its article's file (`saved`: each document's
    path → its file, :func:`document_save_as`)."""
    from ..events.checks import ics_files

    return {file for document in documents
            for file in ics_files(document, saved.get(document.path, ""), settings)}


def taken_by_site(save_as: str, kind: str, settings: Mapping[str, Any]) -> bool:
    """Whether a document of `kind` whose own `save_as` is `save_as` would take a file the
    build writes otherwise (:func:`site_output`, :func:`section_folders`)."""
    save_as = save_as.lstrip("/")
    return save_as in site_output(settings) or any(
        save_as.startswith(folder) for folder in section_folders(settings, kind))


def document_save_as(document: SourceDocument, settings: Mapping[str, Any]) -> str:
    """The file Pelican writes a published article or page to (relative to the output folder):
    its own `save_as:`, else its kind's *_SAVE_AS setting filled in; "" when not known here
    (a draft, no date, a setting with other placeholders)."""
    own = document.metadata.get("save_as")
    if isinstance(own, str):
        return own.strip().lstrip("/")
    if document.kind not in ("article", "page") or document.metadata.get("status") == "draft":
        return ""
    lang = document.metadata.get("lang")
    in_default = lang in (None, settings.get("DEFAULT_LANG", "lv"))
    name = f"{document.kind.upper()}_{'' if in_default else 'LANG_'}SAVE_AS"
    try:
        date = parse_iso_date(document.metadata.get("date")) if document.kind == "article" \
            else None
        return str(settings.get(name, "")).format(
            slug=document_slug(document, dict(settings)), lang=lang, date=date)
    except (AttributeError, KeyError, IndexError, TypeError, ValueError):
        return ""


def check_save_as(documents: Sequence[SourceDocument],
                  settings: Mapping[str, Any]) -> Iterator[ContentProblem]:
    """The problem of each document whose own `save_as:` takes a file the build writes for the
    site (:func:`taken_by_site`, :func:`documents_files`) or for another document (one
    without its own `save_as:` keeps it, else the older one: as the preview, clashes.py)."""
    saved = {document.path: document_save_as(document, settings) for document in documents}
    plugins_files = documents_files(documents, saved, settings)
    owners: dict[str, str] = {}
    for document in sorted(documents, key=lambda d: ("save_as" in d.metadata, document_age(d))):
        save_as = saved[document.path]
        if not save_as:
            continue
        own = "save_as" in document.metadata
        keeper: str | None = None  # who keeps the file ("" : the site), when not this one
        if own and (save_as in plugins_files or taken_by_site(save_as, document.kind, settings)):
            keeper = ""
        elif own:
            keeper = owners.get(save_as)
        if keeper is None:
            owners.setdefault(save_as, document.path)
        else:
            what_lv, what_en = taken_words(keeper)
            yield document.problem("save_as", what_lv, what_en, TAKEN_FIX, value=f"/{save_as}")


def build_day(settings: Mapping[str, Any]) -> str:
    """The build's day in Riga, ISO (the events of a document, whose .ics files
    :func:`documents_files` names, are parsed for that day: events/checks.py)."""
    return build_now(settings).astimezone(RIGA).date().isoformat()


@front_matter_rule(also=build_day)
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
    problems.extend(check_save_as(documents, settings))
    return problems


def _on_section(page: Any, reserved: set[str], settings: Mapping[str, Any]) -> bool:
    """Whether a page is written at a section's address (`kalendars/…`; not `en/…`), or its
    own `save_as:` is a file the build writes otherwise."""
    save_as = str(getattr(page, "save_as", ""))
    first = save_as.split("/")[0]
    return (first == getattr(page, "slug", None) and first in reserved) or (
        hasattr(page, "override_save_as") and taken_by_site(save_as, "page", settings))


def withhold_reserved_pages(generator: Any) -> None:
    """Receiver of page_generator_finalized: no page is written over a section's address or
    the site's own files."""
    settings = generator.settings
    reserved = reserved_sections(settings)
    withhold(generator, PAGE_LISTS, lambda page: not _on_section(page, reserved, settings))
