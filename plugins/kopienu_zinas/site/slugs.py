"""Rules: a `slug:` is an address word; a title without `slug:` must give an address; no two
articles (or two pages) in the same language may get the same slug.

Pelican makes the slug from the title (or `slug:`). Two documents with one slug and one
address are one file: only one is published. With one slug and different addresses (articles
of different years) Pelican takes them for translations of each other and lists each on the
other's page (:func:`report_duplicates`). The older one keeps its slug (it may already be
linked from elsewhere); the newer one is reported, with a `slug:` to write.

A title of emoji or punctuation alone (`🎉🎉🎉`, `—…!?`) gives the slug "" or "-": the article
would take its year's address (`/zinas/2026/`) or `/zinas/2026/-/`, a page the home page's, and
two such files stop the build late (the writer refuses a second write of one file:
site/safety.py).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence, Set
from dataclasses import dataclass
from typing import Any

from pelican.settings import DEFAULT_CONFIG

from ..common.frontmatter import SourceDocument
from ..common.isodates import as_datetime, parse_iso_date
from ..common.problems import ContentProblem, front_matter_rule
from ..common.slugs import gives_address, slugify_with_settings
from .containment import is_one_name

#: Document kinds whose slugs share one address space each.
KINDS = ("article", "page")
#: What docs/redaktoriem.md allows in `slug:`: lowercase ASCII letters, digits, single hyphens.
VALID_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


@front_matter_rule()
def check_documents(sender: Any, documents: Sequence[SourceDocument],
                    settings: dict[str, Any]) -> list[ContentProblem]:
    groups: dict[tuple[str, str, str], list[SourceDocument]] = defaultdict(list)
    default_lang = settings.get("DEFAULT_LANG", "lv")
    problems = [problem for document in documents
                for problem in check_slug_form(document, settings)]
    for document in documents:
        if document.kind not in KINDS:
            continue
        slug = document_slug(document, settings)
        if gives_address(slug):
            lang = document.metadata.get("lang") or default_lang
            groups[(document.kind, str(lang), slug)].append(document)
        else:
            problems.extend(check_title_address(document))
    taken: dict[tuple[str, str], set[str]] = defaultdict(set)
    for kind, lang, slug in groups:
        taken[(kind, lang)].add(slug)
    return problems + [problem for (kind, lang, slug), group in groups.items()
                       if len(group) > 1 for problem in report_duplicates(
                           slug, group, settings, taken[(kind, lang)])]


def check_title_address(document: SourceDocument) -> list[ContentProblem]:
    """The problem of a document whose title gives no address (its slug, made from the title,
    has no letter or digit); none when the title is missing (check_title names that) or when
    `slug:` is written (check_slug_form names a `slug:` that is no address)."""
    title = document.metadata.get("title")
    if "slug" in document.metadata or not isinstance(title, str) or not title.strip():
        return []
    return [document.problem(
        "title", "no virsraksta nevar izveidot adresi: tajā nav burtu vai ciparu",
        "the title gives no address: it has no letters or digits",
        "pievieno rindu 'slug: ' ar adresi no mazajiem latīņu burtiem, cipariem un defisēm, "
        "piemēram 'slug: svetku-sveiciens'", value=document.written("title"))]


def check_slug_form(document: SourceDocument, settings: dict[str, Any]) -> list[ContentProblem]:
    """`slug:` becomes the address as written (spaces, capitals and `Ļ` included), so it must
    already be a slug; the fix suggests the slugified form. A slug YAML reads as no text
    (`slug: 2024`, `slug: 0777`) is SourceDocument.text_problem's (check_types): in quotes
    it is a valid slug, and 0777 is no 511."""
    explicit = document.metadata.get("slug")
    if document.kind not in KINDS or "slug" not in document.metadata \
            or document.text_problem("slug") is not None:
        return []
    if isinstance(explicit, str) and (VALID_SLUG.fullmatch(explicit)
                                      or not is_one_name(explicit.strip())):
        return []  # valid, or leaving the output folder (containment.py names that)
    suggestion = slugify_with_settings(str(explicit or ""), settings)
    fix = (f"raksti 'slug: {suggestion}'" if gives_address(suggestion) else
           "raksti 'slug: ' ar mazajiem latīņu burtiem, cipariem un defisēm, "
           "piemēram 'slug: par-mums'")
    return [document.problem(
        "slug", "adresē drīkst būt tikai mazie latīņu burti, cipari un defises",
        "slug may hold only lowercase ASCII letters, digits and hyphens", fix,
        value=document.written("slug"))]


def document_slug(document: SourceDocument, settings: dict[str, Any]) -> str:
    """The slug Pelican will use: `slug:` if given, else made from the title."""
    explicit = document.metadata.get("slug")
    if isinstance(explicit, str) and explicit.strip():
        return explicit.strip()
    title = document.metadata.get("title")
    return slugify_with_settings(title, settings) if isinstance(title, str) else ""


def keeping_order(when: dt.date | None, path: str) -> tuple[int, float, str]:
    """Sort key of documents that want one address, the one that keeps it first: dated ones
    oldest first (a plain date is midnight in Riga), then undated ones, each by source path
    (relative to content/). The preview keeps the same one (clashes.py)."""
    if when is None:
        return (1, 0.0, path)
    return (0, as_datetime(when).timestamp(), path)


def document_age(document: SourceDocument) -> tuple[int, float, str]:
    """keeping_order of a document, by its `date:` (none when it is not a date)."""
    try:
        when = parse_iso_date(document.metadata.get("date"))
    except (TypeError, ValueError):
        when = None
    return keeping_order(when, document.path)


def report_duplicates(slug: str, group: list[SourceDocument], settings: Mapping[str, Any],
                      taken: Set[str] = frozenset()) -> Iterator[ContentProblem]:
    """The problems of documents of one kind and language that share `slug`: each but the
    oldest (:func:`document_age`) is told what the shared slug does and which `slug:` to write
    (one not in `taken`, the slugs already used by that kind and language).

    Two documents with one address (`save_as`: articles of one year, pages) are one file: the
    site would keep only one. Two with one slug but different addresses (articles of different
    years: `/zinas/2025/tirgus-ludza/`, `/zinas/2026/tirgus-ludza/`) are both published, but
    Pelican groups contents with one slug as translations of each other
    (`pelican.utils.process_translations`, ARTICLE_TRANSLATION_ID = "slug"): each is listed on
    the other's page under "Citās valodās" and in its `hreflang` alternates, in the same
    language. Pelican groups each status's list apart (published, hidden, drafts)."""
    ordered = sorted(group, key=document_age)
    addresses = [document_address(document, slug, settings) for document in ordered]
    first = ordered[0]
    words = _PAGE_WORDS if first.kind == "page" else _ARTICLE_WORDS
    handed = set(taken)
    for index, document in enumerate(ordered[1:], 1):
        field = "slug" if "slug" in document.metadata else "title"
        suggestion = free_slug(slug, document, handed)
        handed.add(suggestion)
        fix = (f"maini 'slug: {slug}' uz citu, piemēram 'slug: {suggestion}'" if field == "slug"
               else f"pievieno rindu 'slug: {suggestion}' (vai maini virsrakstu)")
        address = addresses[index]
        one_file = next((earlier for earlier, its in zip(ordered, addresses[:index], strict=False)
                         if address is not None and its is not None and its[1] == address[1]),
                        None)
        if one_file is not None and address is not None:
            yield document.problem(
                field, f"tāda pati adrese kā {one_file.path}: abiem būtu viens fails, un vietnē "
                "paliktu tikai viens no tiem",
                f"same address as {one_file.path}: one file, so the site would keep only one "
                "of the two", fix, value=f"/{address[0]}")
        elif (alike := next((earlier for earlier in ordered[:index]
                             if status_list(earlier) == status_list(document)), None)):
            yield document.problem(
                field, f"tāds pats adreses vārds (slug) kā {alike.path}: Pelican uzskata "
                f"{words.plural_lv} ar vienu slug par {words.one_lv} tulkojumiem, {words.shown_lv}",
                f"same slug as {alike.path}: Pelican takes {words.noun_en}s with one slug for "
                f"translations of one {words.noun_en}, {words.shown_en}", fix, value=slug)
        else:
            yield document.problem(
                field, f"tāds pats adreses vārds (slug) kā {first.path}: kad abiem būs viens "
                f"statuss (piemēram, abi publicēti), Pelican tos uzskatīs par {words.one_lv} "
                f"tulkojumiem, {words.shown_lv}",
                f"same slug as {first.path}: once both have one status (both published, say), "
                f"Pelican takes them for translations of one {words.noun_en}, {words.shown_en}",
                fix, value=slug)


@dataclass(frozen=True)
class _Words:
    """How the message of one slug names a kind of document and what its translations show."""

    plural_lv: str
    one_lv: str
    noun_en: str
    shown_lv: str
    shown_en: str


#: Articles list their translations under "Citās valodās" (theme/templates/article.html) and
#: in their `hreflang` alternates; pages in the alternates only (page.html).
_ARTICLE_WORDS = _Words("rakstus", "viena raksta", "article",
                        "un katrs rādīts otra lapā sadaļā „Citās valodās”",
                        "each listed on the other's page under 'In other languages'")
_PAGE_WORDS = _Words("lapas", "vienas lapas", "page",
                     "un katra otru meklētājiem norāda kā savu versiju citā valodā (hreflang)",
                     "each naming the other to search engines as its version in another "
                     "language (hreflang)")


def status_list(document: SourceDocument) -> str:
    """Which of Pelican's lists a document is in, each grouped into translations on its own:
    "draft", "hidden" or "published" (any other `status:`)."""
    status = document.metadata.get("status")
    status = status.strip().lower() if isinstance(status, str) else ""
    return status if status in ("draft", "hidden") else "published"


def document_address(document: SourceDocument, slug: str, settings: Mapping[str, Any]
                     ) -> tuple[str, str] | None:
    """(url, save_as) Pelican gives the document with `slug`: its own `url:`/`save_as:`, else
    the setting for its kind, status and language (`ARTICLE_URL`, `ARTICLE_LANG_SAVE_AS`,
    `DRAFT_PAGE_URL` …, as `pelican.contents.Content.get_url_setting` chooses) formatted with
    the slug, language and date (a plain date is midnight in Riga); None when that cannot be
    known (a pattern that needs what the document does not give, such as an unreadable date)."""
    default_lang = str(settings.get("DEFAULT_LANG", "lv"))
    lang = str(document.metadata.get("lang") or default_lang)
    klass = ("DRAFT_PAGE" if document.kind == "page" else "DRAFT") \
        if status_list(document) == "draft" else document.kind.upper()
    in_default = lang == default_lang
    try:
        when = parse_iso_date(document.metadata.get("date"))
    except (TypeError, ValueError):
        when = None
    values = {"slug": slug, "lang": lang, "date": as_datetime(when) if when else None}
    found = []
    for key in ("url", "save_as"):
        own = document.metadata.get(key)
        if isinstance(own, str) and own.strip():
            found.append(own.strip().lstrip("/"))
            continue
        name = f"{klass}_{key.upper()}" if in_default else f"{klass}_LANG_{key.upper()}"
        pattern = settings.get(name, DEFAULT_CONFIG.get(name))
        if not isinstance(pattern, str):
            return None
        try:
            found.append(pattern.format(**values))
        except (KeyError, IndexError, ValueError, AttributeError, TypeError):
            return None
    return found[0], found[1]


def free_slug(slug: str, document: SourceDocument, taken: Set[str]) -> str:
    """A slug for `document` that is not in `taken`: `slug` and its year (`tirgus-ludza-2026`),
    else `slug-2`, `slug-3` …"""
    try:
        when = parse_iso_date(document.metadata.get("date"))
    except (TypeError, ValueError):
        when = None
    candidates = [f"{slug}-{when.year}"] if when is not None \
        and not slug.endswith(f"-{when.year}") else []
    number = 2
    while True:
        for candidate in candidates:
            if candidate not in taken:
                return candidate
        candidates = [f"{slug}-{number}"]
        number += 1
