"""The content rules every article and page must pass (plugins add their own), and the
front matter fields each kind of document (newsletter introductions too) may have."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Generator, Iterator, Sequence
from difflib import get_close_matches
from typing import Any

from ..common.clock import build_now
from ..common.frontmatter import LIST_FIELDS, SourceDocument
from ..common.isodates import parse_iso_date
from ..common.problems import ContentProblem, front_matter_rule
from ..common.schedule import EARLIEST_YEAR, is_scheduled, too_early, too_late
from ..common.yamlnodes import INVISIBLE
from ..common.yamlproblems import layout_problem
from .settings import SiteSettings

SUMMARY_LIMIT = 300
#: Pelican's own front matter fields (its "File metadata") that our articles and pages may use.
#: `category` is not one: an article's category is its `region:` (regions.py).
PELICAN_FIELDS = ("title", "date", "modified", "slug", "lang", "translation", "status",
                  "summary", "template", "save_as", "url")
#: Every front matter field something reads, by kind of document (common/frontmatter.kind_of):
#: Pelican; ours (`region`, the images plugin's `image`/`image_alt`/`image_credit`, the events
#: plugin's `events`, the galleries plugin's `gallery`); the browser editor's and `make new`'s
#: `notes` (editors' notes, never published); a newsletter introduction's, which the
#: newsletter plugin reads (newsletter/intros.py). Any other field is reported: no reader
#: would ever see it (`stauts: draft` would publish a draft, `imgae:` lose the picture).
FIELDS = {
    "article": frozenset({*PELICAN_FIELDS, "author", "authors", "tags", "region", "image",
                          "image_alt", "image_credit", "events", "gallery", "notes"}),
    "page": frozenset({*PELICAN_FIELDS, "notes"}),
    "newsletter": frozenset({"title", "summary", "author", "authors", "date", "modified",
                             "notes"}),
}
#: Field names (lower case) editors write meaning "do not publish this yet", or "do publish":
#: Pelican knows only `status:`.
STATUS_LIKE = frozenset({"status", "draft", "drafts", "published", "publish", "unpublished",
                         "hidden", "private", "public", "visible", "melnraksts", "publicēts",
                         "publicets", "publicēt", "publicet"})
#: Fields written by another name (Latvian, or Pelican's `category`) → the field meant; a
#: misspelt name is matched to the closest known one instead (difflib).
SYNONYMS = {"category": "region", "categories": "region", "kategorija": "region",
            "reģions": "region", "virsraksts": "title", "datums": "date", "tēmas": "tags",
            "temas": "tags", "autori": "authors", "kopsavilkums": "summary", "attēls": "image",
            "attels": "image", "galerija": "gallery", "pasākumi": "events", "pasakumi": "events",
            "valoda": "lang", "adrese": "slug", "description": "summary",
            "excerpt": "summary"}
#: Fields other site generators read (Jekyll, Hugo, Eleventy) that nothing here reads, and
#: what this site does instead (:func:`_other_tool_field`): the address is `slug:`'s (made from
#: the title when there is none), the look the theme's.
OTHER_TOOLS = frozenset({"permalink", "layout"})
#: A slug as Pelican's slugify writes it (what the last part of a permalink may be taken as).
_SLUG_PART = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
#: `status:` values Pelican knows (anything else silently drops the file from the site).
STATUSES = ("published", "draft", "hidden")
#: Each kind of document in Latvian and English (for "pages do not use this field").
_KIND_NAMES = {"article": ("raksti", "articles"), "page": ("lapas", "pages"),
               "newsletter": ("izdevuma ievadi", "newsletter introductions")}
TEXT_FIELDS = ("title", "summary", "image_credit", "image_alt", "slug", "lang")


def check_document(sender: Any, document: SourceDocument,
                   settings: dict[str, Any]) -> list[ContentProblem]:
    """document_check: the fields of one article or page, except its dates (which depend on
    the build date: `check_documents`); of a newsletter introduction, which fields it has."""
    if document.kind == "newsletter":
        return [*check_fields(document), *check_text(document)]
    if not document.header_found or document.node is None \
            or document.kind not in ("article", "page"):
        return []
    problems = [*check_fields(document), *check_title(document), *check_types(document),
                *check_status(document), *check_translation(document), *check_text(document)]
    if document.kind == "article":
        site = SiteSettings.from_pelican(settings)
        problems += [*check_region(document, site), *check_summary(document),
                     *check_language(document, site)]
    return problems


@front_matter_rule(also=lambda settings: build_now(settings).isoformat())
def check_documents(sender: Any, documents: Sequence[SourceDocument],
                    settings: dict[str, Any]) -> list[ContentProblem]:
    """content_check: the dates of every article and page, against the build date."""
    site = SiteSettings.from_pelican(settings)
    problems: list[ContentProblem] = []
    for document in documents:
        if not document.header_found or document.node is None:
            continue
        if document.kind == "article" or (document.kind == "page"
                                          and "date" in document.metadata):
            problems.extend(check_date(document, site))
        if document.kind in ("article", "page"):
            problems.extend(check_modified(document, site))
    return problems


def check_fields(document: SourceDocument) -> Iterator[ContentProblem]:
    """A problem at each field no reader of this kind of document uses (`FIELDS`), saying
    what was probably meant."""
    known = FIELDS[document.kind]
    for name, line, column in document.fields():
        if name in known:
            continue
        invisible = INVISIBLE.search(name)
        if invisible:  # a field name with a pasted no-break space (or an indentation of them)
            yield layout_problem(document.path, line, column + invisible.start(),
                                 invisible.group(), INVISIBLE.sub("", name) or "front matter")
        elif name.lower() in OTHER_TOOLS:
            yield ContentProblem(document.path, line, name, *_other_tool_field(
                name.lower(), document), value=document.written(name.lower()))
        else:
            yield ContentProblem(document.path, line, name, *_unknown_field(name, document.kind),
                                 value=name)


def _other_tool_field(name: str, document: SourceDocument) -> tuple[str, str, str]:
    """(what_lv, what_en, fix) for a field of another site generator (:data:`OTHER_TOOLS`):
    Jekyll's, Hugo's and Eleventy's `permalink:` (the page's address: here `slug:`, the fix
    its last part when that is one, `/2024/05/sanaksme/` → `slug: sanaksme`; a pattern such as
    `/:title/` is what the site does by itself) and `layout:` (the theme decides)."""
    what_lv = f"lauks '{name}' ir citu rīku (Jekyll, Hugo, Eleventy) lauks, šī vietne to nelasa"
    what_en = f"'{name}' is a field of other tools (Jekyll, Hugo, Eleventy); this site does not read it"
    if name == "layout":
        return what_lv, what_en, "izdzēs rindu: izskatu nosaka vietnes tēma"
    if "slug" not in FIELDS[document.kind]:
        return what_lv, what_en, "izdzēs rindu: adresi nosaka faila nosaukums"
    written = document.written(name).strip().strip("/")
    last = written.rsplit("/", 1)[-1].removesuffix(".html")
    if _SLUG_PART.fullmatch(last):
        return what_lv, what_en, (f"adresi nosaka 'slug:': raksti slug: {last} (un izdzēs "
                                  f"'{name}:')")
    return what_lv, what_en, ("izdzēs rindu: adresi vietne veido no virsraksta (savu adresi "
                              "raksti laukā 'slug:', piemēram slug: sanaksme-rezekne)")


def _unknown_field(name: str, kind: str) -> tuple[str, str, str]:
    """(what_lv, what_en, fix) for a field `name` that a document of `kind` does not use."""
    known = FIELDS[kind]
    lower = name.lower()
    kind_lv, kind_en = _KIND_NAMES[kind]
    if lower in known:
        return ("lauka nosaukumu raksta ar mazajiem burtiem", "field names are lower case",
                f"raksti '{lower}:'")
    if lower in STATUS_LIKE:
        return ("nezināms lauks", "unknown field", "lai nepublicētu, raksti 'status: draft' "
                "(melnraksts); lai publicētu, izdzēs šo rindu") if "status" in known else (
                f"{kind_lv} šo lauku nelieto", f"{kind_en} do not use this field",
                f"{kind_lv} nevar būt melnraksti: ja fails vēl nav gatavs, neiesniedz to "
                "(git commit); citādi izdzēs šo rindu")
    if any(lower in fields for fields in FIELDS.values()):
        return (f"{kind_lv} šo lauku nelieto", f"{kind_en} do not use this field",
                "izdzēs šo rindu")
    meant = SYNONYMS.get(lower) or next(iter(get_close_matches(lower, known, n=1)), None)
    if meant in known:
        return ("nezināms lauks", "unknown field", f"izlabo nosaukumu: vai domāts '{meant}:'?")
    return ("nezināms lauks", "unknown field",
            f"izlabo nosaukumu vai izdzēs rindu; zināmie lauki: {', '.join(sorted(known))}")


def check_title(document: SourceDocument) -> Iterator[ContentProblem]:
    title = document.metadata.get("title")
    if title is None or (isinstance(title, str) and not title.strip()):
        yield document.problem("title", "trūkst virsraksta", "title is missing or empty",
                               "pievieno rindu 'title: Raksta virsraksts'")


def check_types(document: SourceDocument) -> Iterator[ContentProblem]:
    for name in TEXT_FIELDS:
        problem = document.text_problem(name)
        if problem is not None:
            yield problem
    for name in LIST_FIELDS:
        problem = document.list_problem(name)
        if problem is not None:
            yield problem


def _read_date(document: SourceDocument, field: str
               ) -> Generator[ContentProblem, None, dt.date | dt.datetime | None]:
    """The ISO date or datetime in `field` (isodates.parse_iso_date: the forms of the editors'
    guide, `2026-03-05`, `2026-03-05 10:00`, `2026-03-05T10:00`, `2026-03-05 10:00:00`), or
    None after yielding the problems SourceDocument.date_problems finds in it (use with
    ``yield from``)."""
    problems = document.date_problems(field)
    yield from problems
    return None if problems else parse_iso_date(document.metadata[field])


def check_date(document: SourceDocument, site: SiteSettings) -> Iterator[ContentProblem]:
    if "date" not in document.metadata:
        yield document.problem("date", "trūkst datuma", "date is missing",
                               "pievieno rindu 'date: GGGG-MM-DD'")
        return
    raw = document.metadata["date"]
    when = yield from _read_date(document, "date")
    if when is None:
        return
    if too_early(when):
        yield document.problem(
            "date", f"datums ir pirms {EARLIEST_YEAR}. gada", f"date is before {EARLIEST_YEAR}",
            "pārbaudi gadu (četri cipari, piemēram 2026-05-16)", value=document.written("date"))
    elif too_late(when, site.now):
        yield document.problem(
            "date", "datums ir vairāk nekā gadu nākotnē", "date is more than a year ahead",
            "pārbaudi gadu un mēnesi; rakstu var ieplānot ne vairāk kā gadu uz priekšu",
            value=raw)


def check_modified(document: SourceDocument, site: SiteSettings) -> Iterator[ContentProblem]:
    """Pelican's `modified` (the feeds' and sitemap's "updated"): an ISO date, not after the
    build unless the article itself is scheduled (no published item is dated after the build)."""
    if "modified" not in document.metadata:
        return
    raw = document.metadata["modified"]
    when = yield from _read_date(document, "modified")
    if when is None:
        return
    try:
        scheduled = is_scheduled(parse_iso_date(document.metadata.get("date")), site.now)
    except ValueError:
        scheduled = False  # check_date reports the date
    if is_scheduled(when, site.now) and not scheduled:
        yield document.problem(
            "modified", "labojuma datums ir nākotnē", "modified lies after the build",
            "ieraksti, kad rakstu laboji (ne vēlāk kā tagad), vai izdzēs rindu", value=raw)


def check_region(document: SourceDocument, site: SiteSettings) -> Iterator[ContentProblem]:
    region = document.metadata.get("region")
    allowed = ", ".join(site.regions)
    if region is None or region == "":
        yield document.problem("region", "trūkst reģiona", "region is missing",
                               f"pievieno 'region: ' ar vienu no: {allowed}")
    elif region not in site.regions:  # as written: `region: 1.10` is not 1.1
        not_text = document.text_problem("region")
        yield not_text if not_text and document.written("region") in site.regions else \
            document.problem("region", "nezināms reģions", "unknown region",
                             value=document.written("region"), fix=f"izvēlies vienu no: {allowed}",
                             accepts=lambda cleaned: cleaned in site.regions)


def check_summary(document: SourceDocument) -> Iterator[ContentProblem]:
    summary = document.metadata.get("summary")
    if summary is None or (isinstance(summary, str) and not summary.strip()):
        yield document.problem("summary", "trūkst kopsavilkuma", "summary is missing",
                               "pievieno 'summary: ' ar vienu vai diviem teikumiem")
    elif isinstance(summary, str) and len(summary) > SUMMARY_LIMIT:
        yield document.problem(
            "summary", "kopsavilkums ir par garu", "summary is too long",
            f"saīsini līdz {SUMMARY_LIMIT} zīmēm (tagad {len(summary)})")


def check_language(document: SourceDocument, site: SiteSettings) -> Iterator[ContentProblem]:
    lang = document.metadata.get("lang")
    if isinstance(lang, str) and lang not in site.languages:
        yield document.problem("lang", "neatbalstīta valoda", "unsupported language",
                               value=document.written("lang"),
                               fix="raksti 'lang: lv' vai 'lang: en'",
                               accepts=lambda cleaned: cleaned in site.languages)


def check_status(document: SourceDocument) -> Iterator[ContentProblem]:
    status = document.metadata.get("status")
    if status is not None and status not in STATUSES:
        yield document.problem("status", "nezināms statuss", "unknown status",
                               value=document.written("status"),
                               fix="raksti 'status: draft' (melnraksts) vai izdzēs rindu, "
                                   "lai publicētu", accepts=lambda cleaned: cleaned in STATUSES)


def check_translation(document: SourceDocument) -> Iterator[ContentProblem]:
    """Pelican's `translation:` is text ("true"/"false"); YAML's bare true is a boolean that
    Pelican cannot read (it crashed with an AttributeError)."""
    value = document.metadata.get("translation")
    if value is not None and not (isinstance(value, str)
                                  and value.strip().lower() in ("true", "false")):
        yield document.problem(
            "translation", "lauks 'translation' nav saprotams", "translation must be quoted text",
            "izdzēs rindu (valodu nosaka 'lang:' un kopīgs 'slug:') vai raksti "
            "translation: \"true\" pēdiņās", value=document.written("translation"))


#: What a document without text would be, by kind (Latvian, English, what to do).
_NO_TEXT = {
    "article": ("rakstam nav teksta: aiz galvenes nav nekā, un lapā būtu tikai virsraksts",
                "the article has no text: nothing follows the front matter, and its page would "
                "show only the title",
                "uzraksti raksta tekstu aiz šīs rindas '---' (vispirms tukša rinda); ja raksts "
                "vēl nav gatavs, neiesniedz to"),
    "page": ("lapai nav teksta: aiz galvenes nav nekā, un lapā būtu tikai virsraksts",
             "the page has no text: nothing follows the front matter, and it would show only "
             "the title",
             "uzraksti lapas tekstu aiz šīs rindas '---' (vispirms tukša rinda)"),
    "newsletter": ("ievadam nav teksta: izdevumā būtu tikai tā virsraksts",
                   "the introduction has no text: the issue would show only its heading",
                   "uzraksti ievada tekstu aiz šīs rindas '---' (vispirms tukša rinda); ja "
                   "ievada nav, izdzēs šo failu (izdevuma aprakstu plūsmā vietne izveido pati)"),
}


def check_text(document: SourceDocument) -> Iterator[ContentProblem]:
    """An error at the closing `---` of an article, a page or a newsletter introduction whose
    body shows nothing (only blank lines or comments, which are not published; or nothing at
    all after the front matter): Pelican would publish its title over an empty page, where
    the browser editor refuses to save one without text (docs/redaktoriem.md). A page with
    its own `template:` (Abonēt's `subscribe`) shows what its template gives, and is none."""
    if not document.header_end or any(character.isprintable() and not character.isspace()
                                      for character in document.body):
        return
    if document.kind == "page" and document.metadata.get("template"):
        return
    what_lv, what_en, fix = _NO_TEXT[document.kind]
    if document.with_comments is not None:
        fix += "; komentāri <!-- … --> netiek publicēti"
    yield ContentProblem(document.path, document.header_end, "text", what_lv, what_en, fix)
