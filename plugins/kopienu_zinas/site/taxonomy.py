"""One topic (tag) or author per address, spelt as the oldest article spells it.

Pelican groups tags (and authors) by slug: `Kopienas`, `kopienās`, `kopienas`, `“kopienas”`
(Word's smart quotes, which YAML keeps as part of the name) and a decomposed `kopienas` (macOS
writes names as NFD, Unicode UAX #15) all have the address `/temas/kopienas/`. Left alone,
Pelican shows on that page whichever spelling it meets first in its own reading order (the
newest article first), so a new article renamed the topic site-wide, and an article naming one
topic twice showed two links to one page (QA, session 11).

At ``article_generator_pretaxonomy`` (before Pelican builds its tag and author lists)
:func:`unify_names` makes every article's tags and authors one per address, and every spelling
of an address the one first written in :func:`article_order` (published articles before hidden
ones before drafts, each oldest first, then by source path; within an article, list order):
deterministic, whatever the order files are read in. The content check says the same:
:func:`check_documents` warns at each name spelt otherwise than the site will spell it, with
the list written out, and refuses typographic quotes around a name (:data:`QUOTES`: YAML reads
`[“kopienas”]` as the name `“kopienas”`), its fix the same list (one fix for the line). docs/redaktoriem.md
("Galvenes lauki", and the messages' table) says so.

Names arrive in NFC (the reader takes every front-matter text through
common/yamlnodes.clean_values), and the check compares them in NFC.
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import yaml
from pelican.settings import DEFAULT_CONFIG

from ..common.frontmatter import SourceDocument
from ..common.problems import ContentProblem, front_matter_rule
from ..common.slugs import gives_address, slugify_with_settings
from ..common.yamlnodes import quoted
from .slugs import document_age, keeping_order

#: Article attributes holding lists of Pelican URLWrappers (Tag, Author).
TAXONOMIES = ("tags", "authors")
_LISTS = ("articles", "translations", "hidden_articles", "hidden_translations", "drafts",
          "drafts_translations")
#: Front-matter fields naming tags or authors → the URL wrapper class whose slug settings apply
#: (`TAG_REGEX_SUBSTITUTIONS`, `AUTHOR_REGEX_SUBSTITUTIONS`) and its address setting.
FIELDS = {"tags": ("TAG", "TAG_URL"), "authors": ("AUTHOR", "AUTHOR_URL"),
          "author": ("AUTHOR", "AUTHOR_URL")}
#: Typographic double quotes (Word's, Latvian „…”, guillemets) that are text to YAML: around a
#: name they become part of it.
QUOTES = "“”„‟«»"
#: Rank of an article's `status:` in who spells a name: published first, drafts last.
_STATUS_RANK = {"hidden": 1, "draft": 2}


def article_order(status: object, when: Any, path: str) -> tuple[int, int, float, str]:
    """Sort key of articles by who spells a shared name: published ones (any other `status`)
    before hidden ones before drafts, each oldest first, then by source path (slugs.keeping_order:
    a plain date is midnight in Riga, undated ones after dated ones)."""
    rank = _STATUS_RANK.get(str(status).lower(), 0) if isinstance(status, str) else 0
    return (rank, *keeping_order(when, path))


def unify_names(generator: Any) -> None:
    """Receiver of article_generator_pretaxonomy: one tag (and author) per address in each
    article, each spelt as first written in :func:`article_order`."""
    articles = [a for name in _LISTS for a in getattr(generator, name, None) or ()]
    articles.sort(key=lambda a: article_order(getattr(a, "status", None),
                                              getattr(a, "date", None), str(a.source_path)))
    for attribute in TAXONOMIES:
        first: dict[str, str] = {}
        for article in articles:
            items = getattr(article, attribute, None)
            if not items:
                continue
            kept: dict[str, Any] = {}
            for item in items:
                key = item.slug  # what Pelican groups by (URLWrapper.__hash__/__eq__)
                item.name = first.setdefault(key, item.name)
                kept.setdefault(key, item)
            setattr(article, attribute, list(kept.values()))
        if attribute == "authors":
            for article in articles:
                if getattr(article, "authors", None):
                    article.author = article.authors[0]


#: (field, name) → the slug Pelican gives that tag or author (:func:`slugs_for`).
SlugOf = Callable[[str, str], str]


def slugs_for(settings: Mapping[str, Any]) -> SlugOf:
    """The slug Pelican gives a tag (field "tags") or author ("authors", "author") by its name,
    as `pelican.urlwrappers.URLWrapper.slug` makes it: the class's own `…_REGEX_SUBSTITUTIONS`,
    else `SLUG_REGEX_SUBSTITUTIONS`, and the site's slugify settings; each name's slug is made
    once."""
    def for_kind(kind: str) -> Callable[[str], str]:
        options = {key: settings[key] for key in ("SLUGIFY_PRESERVE_CASE", "SLUGIFY_USE_UNICODE")
                   if key in settings}
        options["SLUG_REGEX_SUBSTITUTIONS"] = settings.get(
            f"{kind}_REGEX_SUBSTITUTIONS", settings.get(
                "SLUG_REGEX_SUBSTITUTIONS", DEFAULT_CONFIG["SLUG_REGEX_SUBSTITUTIONS"]))
        return functools.lru_cache(maxsize=None)(
            lambda name: slugify_with_settings(name, options))

    by_kind = {kind: for_kind(kind) for kind, _url in FIELDS.values()}
    return lambda field, name: by_kind[FIELDS[field][0]](name)


def address_of(field: str, slug: str, settings: Mapping[str, Any]) -> str:
    """The site-relative address (`/temas/kopienas/`) of a tag's or author's page."""
    pattern = settings.get(FIELDS[field][1], DEFAULT_CONFIG[FIELDS[field][1]])
    return "/" + str(pattern).format(slug=slug)


def without_quotes(name: str) -> str:
    """`name` without the typographic quotes (:data:`QUOTES`) around it: a leading run, and
    then a trailing run when the name began with one or holds none inside (`“kopienas”`,
    `”bibliotēkas”`, `bibliotēkas”` → the word; `biedrība „Sēlijas salas”` and `„Zaļā” josla`,
    whose quotes close or open inside, as they are)."""
    text = name.strip()
    began = text[:1] in QUOTES and bool(text)
    if began and any(character in QUOTES for character in text.strip(QUOTES)):
        return name  # the opening quote closes inside: `„Zaļā” josla` quotes part of it
    inner = text.lstrip(QUOTES).strip() if began else text
    trimmed = inner.rstrip(QUOTES).strip()
    if trimmed != inner and (began or not any(character in QUOTES for character in trimmed)):
        inner = trimmed
    return inner if inner != text else name


@dataclass(frozen=True)
class Name:
    """One name a document gives a tag or author: `written` as read (NFC), at `index` in the
    field's list (None for the one name of `author:`)."""

    field: str
    written: str
    index: int | None

    @property
    def at(self) -> tuple[str | int, ...]:
        return (self.field,) if self.index is None else (self.field, self.index)


def names_of(document: SourceDocument, field: str) -> list[Name]:
    """The names `field` gives (a list's texts; `author:`'s text), NFC; [] for anything else
    (a field that is no list of names is SourceDocument.list_problem's)."""
    value = document.metadata.get(field)
    if field == "author":
        return [Name(field, _nfc(value), None)] if isinstance(value, str) and value.strip() \
            else []
    if not isinstance(value, list):
        return []
    return [Name(field, _nfc(item), index) for index, item in enumerate(value)
            if isinstance(item, str) and item.strip()]


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def flow_item(text: str) -> str:
    """`text` as an item of a YAML flow list (`[a, b]`) that reads back as `text`: plain when
    it does, else in quotes (common/yamlnodes.quoted)."""
    try:
        if yaml.safe_load(f"[{text}]") == [text]:
            return text
    except yaml.YAMLError:
        pass
    return quoted(text)


def written_out(field: str, names: Sequence[str]) -> str:
    """The field's line as it should be: `tags: [kopienas, bibliotēkas]`, `author: Anna`."""
    if field == "author":
        return f"author: {flow_item(names[0]) if names else ''}"
    return f"{field}: [{', '.join(flow_item(name) for name in names)}]"


def fixed_names(document: SourceDocument, field: str, spelling: Mapping[str, str],
                slug_of: SlugOf) -> list[str]:
    """The document's names in `field` as they should be written: without typographic quotes
    around them, each spelt as `spelling` (slug → the site's spelling) says, one per address."""
    fixed: dict[str, str] = {}
    for position, name in enumerate(names_of(document, field)):
        bare = without_quotes(name.written)
        if not bare:
            continue
        slug = slug_of(field, bare)
        key = slug if gives_address(slug) else f"\0{position}"
        fixed.setdefault(key, spelling.get(slug, bare))
    return list(fixed.values())


def _quotes_problem(document: SourceDocument, field: str, spelling: Mapping[str, str],
                    slug_of: SlugOf) -> ContentProblem | None:
    """The error of typographic quotes around names of `field` (YAML keeps them: `tags:
    [“kopienas”]` names the topic `“kopienas”`) at the line of its first such name, the field
    written out without them and in the site's spellings (`spelling`: slug → name), so that
    the one fix passes (QA s11: it kept `Kopienas` the site spells `kopienas`, and the next
    check warned of that); None without such names."""
    quoted_names = [name for name in names_of(document, field)
                    if without_quotes(name.written) != name.written]
    if not quoted_names:
        return None
    marks = " ".join(dict.fromkeys(c for n in quoted_names for c in n.written if c in QUOTES))
    return document.problem(
        field, f"pēdiņas {marks} ap nosaukumu YAML patur kā daļu no nosaukuma",
        f"YAML keeps the typographic quotes {marks} around a name as part of the name",
        f"raksti bez tām: {written_out(field, fixed_names(document, field, spelling, slug_of))}",
        ", ".join(name.written for name in quoted_names), at=quoted_names[0].at)


@front_matter_rule()
def check_documents(sender: Any, documents: Sequence[SourceDocument],
                    settings: dict[str, Any]) -> list[ContentProblem]:
    """Receiver of content_check: an error at each document's tags or authors with
    typographic quotes around a name (:func:`_quotes_problem`), and a warning at each
    article's tag or author name that shares its address with the site's spelling
    (:func:`site_spellings`) but is written otherwise, unless it is one of those in quotes
    (the error's fix writes it as the site does: one message, one fix)."""
    articles = sorted((d for d in documents if d.kind == "article"), key=_document_order)
    problems: list[ContentProblem] = []
    slug_of = slugs_for(settings)
    for group in (("tags",), ("authors", "author")):
        spelling, first_in = site_spellings(articles, group, slug_of)
        for document in documents:
            problems.extend(problem for field in group
                            if (problem := _quotes_problem(document, field, spelling, slug_of)))
        for document in articles:
            problems.extend(_misspelt(document, group, (spelling, first_in), slug_of, settings))
    return problems


def _document_order(document: SourceDocument) -> tuple[int, int, float, str]:
    rank = article_order(document.metadata.get("status"), None, document.path)[0]
    return (rank, *document_age(document))


def site_spellings(articles: Sequence[SourceDocument], group: Sequence[str],
                   slug_of: SlugOf) -> tuple[dict[str, str], dict[str, str]]:
    """(slug → the site's spelling, slug → the article that spells it) of the names in the
    fields `group` of `articles` (already in :func:`article_order`), typographic quotes around
    them left out: the first spelling of each address, as unify_names chooses it."""
    spelling: dict[str, str] = {}
    first_in: dict[str, str] = {}
    for document in articles:
        for field in _used_fields(document, group):
            for name in names_of(document, field):
                bare = without_quotes(name.written)
                slug = slug_of(field, bare)
                if gives_address(slug) and slug not in spelling:
                    spelling[slug], first_in[slug] = bare, document.path
    return spelling, first_in


def _used_fields(document: SourceDocument, group: Sequence[str]) -> Iterator[str]:
    """The fields of `group` Pelican reads authors from: `authors:`, else `author:`."""
    for field in group:
        if field == "author" and isinstance(document.metadata.get("authors"), list):
            continue
        yield field


def _misspelt(document: SourceDocument, group: Sequence[str],
              spellings: tuple[Mapping[str, str], Mapping[str, str]], slug_of: SlugOf,
              settings: Mapping[str, Any]) -> Iterator[ContentProblem]:
    """The warnings of one article's names in the fields `group` that the site spells
    otherwise (`spellings`: :func:`site_spellings`)."""
    spelling, first_in = spellings
    for field in _used_fields(document, group):
        names = names_of(document, field)
        line = ""
        for name in names:
            bare = without_quotes(name.written)
            slug = slug_of(field, bare)
            site = spelling.get(slug)
            if site is None or site == bare or bare != name.written:
                continue  # (a name in quotes: _quotes_problem's, its fix spelt as the site's)
            line = line or written_out(field, fixed_names(document, field, spelling, slug_of))
            fix = (f"raksti „{site}” kā vecākajā rakstā {first_in[slug]}: {line}"
                   if first_in[slug] != document.path else
                   f"raksti katru vārdu vienu reizi, kā pirmoreiz: {line}")
            what_lv, what_en, spelt = (("tēma", "topic", "tā rakstīta") if field == "tags"
                                       else ("autors", "author", "tas rakstīts"))
            address = address_of(field, slug, settings)
            yield ContentProblem(
                document.path, document.line_of(*name.at), field,
                f"{what_lv} „{bare}” ir tajā pašā adresē {address} kā „{site}”, un vietnē "
                f"{spelt} „{site}”",
                f"the {what_en} '{bare}' has the same address {address} as '{site}', which "
                f"is how the site spells it", fix, name.written, severity="warning")
