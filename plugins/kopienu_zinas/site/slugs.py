"""Rules: a `slug:` is an address word; a title without `slug:` must give an address; no two
articles (or two pages) in the same language may get the same address.

Pelican makes the slug from the title (or `slug:`), and with two equal slugs it silently
publishes only one of the files. The older article keeps its address (it may already be
linked from elsewhere); the newer one is reported. A title of emoji or punctuation alone
(`🎉🎉🎉`, `—…!?`) gives the slug "" or "-": the article would take its year's address
(`/zinas/2026/`) or `/zinas/2026/-/`, a page the home page's, and two such files stop the
build late (the writer refuses a second write of one file: site/safety.py).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterator, Sequence
from typing import Any

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
    return problems + [problem for (_kind, _lang, slug), group in groups.items()
                       if len(group) > 1 for problem in report_duplicates(slug, group)]


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


def report_duplicates(slug: str, group: list[SourceDocument]) -> Iterator[ContentProblem]:
    first, *later = sorted(group, key=document_age)
    for document in later:
        field = "slug" if "slug" in document.metadata else "title"
        yield document.problem(
            field, f"tāda pati adrese kā {first.path}", f"same address (slug) as {first.path}",
            "maini virsrakstu vai pievieno rindu 'slug: cits-adreses-vards'", value=slug)
