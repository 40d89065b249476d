"""Rule: every internal link and picture leads to a file the build writes (issue 11, point 7).

A link can look right in the editor and lead nowhere on the site: `[x](/zinas/2024/neesoss/)`
(no such page), `[x](raksts.md)` (the Markdown source, not its page: `{filename}` forgotten),
`![x](atteli/foto.jpg)` (counted from the article's address, where no picture is: `{static}`
forgotten). Every form is checked: root-relative (`/par-mums/`), relative (`../`, `foto.jpg`),
`{filename}`, `{static}`, and absolute addresses on the site itself (SITEURL, FEED_DOMAIN and
SITE_ADDRESSES, e.g. `https://kopienuzinas.lv/kalendars.ics`, `webcal://…` included).

Two steps, because the addresses of articles are known only after Pelican's generators have
read the content, and the files of every generator (ours included: calendar pages, `.ics`
files, galleries, newsletter, feeds, static files, the theme) only once they are written:

1. at ``all_generators_finalized`` :func:`plan_links` reads each published source file (with
   line numbers), resolves every reference to a site-relative URL and reports at once what is
   wrong whatever the site holds (a relative link in a newsletter introduction, which appears on
   several pages and in e-mail, or a `{filename}` marker there, which is not replaced);
2. at ``finalized`` :func:`check_written_links` compares the planned URLs with the files in the
   output folder, the exact set of URLs the build wrote, and reports each missing one at its
   source file and line, with the fix (`{filename}/raksts.md`, `{static}/atteli/foto.jpg`);
   in the preview also on the written pages (preview_links.py).

The plan is handed from step 1 to step 2 on the build (common/build.py: Pelican's `finalized`
signal gets no context), as the sitemap does with its dates.
"""

from __future__ import annotations

import hashlib
import html
import os
import posixpath
import re
import unicodedata
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from difflib import get_close_matches
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit

from ..common.build import build_of, once
from ..common.checkcache import SOURCE_DIGESTS
from ..common.frontmatter import SourceDocument, kind_of, markdown_ending, read_body, source_files
from ..common.headingids import heading_id
from ..common.problems import ContentProblem, log_problem
from ..images.paths import nfc
from ..writing.render import cache_root
from .addresses import content_addresses
from .linkplans import Plan, PlanCache, document_key, site_key
from .localpaths import written_address
from .references import (
    MARKER,
    Reference,
    all_references,
    body_lines,
    browser_address,
    intrasite,
    is_external,
    is_inside,
    listing_marker,
    pelican_keys,
    resolve,
)

#: Schemes under which an address on the site itself may be written.
SITE_SCHEMES = ("http", "https", "webcal", "")
#: A marker and what follows it up to a space, quote or tag: how a marker left in a page reads.
_LEFT = re.compile(MARKER.pattern + r"[^\s\"'<>]*")
#: Code in a page's HTML: syntax shown, not links.
_CODE = re.compile(r"<(code|pre)\b.*?</\1\s*>", re.S | re.I)
_LEFT_IN_PAGE = ("Pelican šo zīmi lapā atstātu neaizstātu",
                 "Pelican would leave this marker in the page unreplaced",
                 "{filename} der saitei uz rakstu vai lapu, {static} — uz failu content/ mapē; "
                 "raksti saiti Markdown: [teksts]({filename}/raksts.md), ne HTML blokā")
_NO_PAGE = ("vietnē nav šādas lapas", "no such page on the site")
_NO_PICTURE = ("vietnē nav šāda attēla", "no such picture on the site")
_ROOT_HINT = ("pārbaudi adresi; saitei uz citu rakstu raksti {filename}/faila-nosaukums.md, "
              "attēlam {static}/atteli/faila-nosaukums.jpg")


@dataclass(frozen=True)
class PlannedLink:
    """A reference and the site-relative URL it must find written (decoded, no fragment),
    and the id its `#fragment` (decoded; "" for none) must find on that page."""

    url: str
    problem: ContentProblem  # reported when nothing is written at url
    fragment: str = ""


@dataclass(frozen=True)
class SiteAddress:
    host: str  # lower case, with port
    base: str  # path prefix without the trailing "/", "" for a site at the root
    scheme: str = ""  # lower case ("https"), the scheme its pages are shown under


@dataclass(frozen=True)
class SourceUrls:
    """Where the build puts each source file: content path → site-relative URL."""

    pages: Mapping[str, str | None]  # articles, pages, drafts; None: read but not written
    static: Mapping[str, str]
    #: The URL Pelican gives `{tag}name`, `{category}name`, `{author}name`, `{index}`.
    listing: Callable[[str, str], str] = lambda what, name: ""


def site_addresses(settings: Mapping[str, Any]) -> tuple[SiteAddress, ...]:
    """The site's own addresses: SITEURL (first, when set), FEED_DOMAIN and the list
    SITE_ADDRESSES; one address under two schemes is two."""
    found: list[SiteAddress] = []
    for url in (settings.get("SITEURL"), settings.get("FEED_DOMAIN"),
                *settings.get("SITE_ADDRESSES", ())):
        parts = urlsplit(url or "")
        address = SiteAddress(parts.netloc.lower(), parts.path.rstrip("/"),
                              parts.scheme.lower())
        if parts.netloc and address not in found:
            found.append(address)
    return tuple(found)


def _clean(path: str) -> str:
    """A URL path as a site-relative file path: decoded, without query, fragment or leading /."""
    return unquote(path.split("#", 1)[0].split("?", 1)[0]).lstrip("/")


def on_site(target: str, sites: Iterable[SiteAddress]) -> str | None:
    """The site-relative path of an absolute address on the site itself, else None."""
    parts = urlsplit(target)
    if parts.scheme.lower() not in SITE_SCHEMES or not parts.netloc:
        return None
    for site in sites:
        if parts.netloc.lower() == site.host and (
                parts.path == site.base or parts.path.startswith(f"{site.base}/")):
            return _clean(parts.path[len(site.base):])
    return None


def plan_document(document: SourceDocument, page_url: str | None, urls: SourceUrls,
                  root: Path, sites: tuple[SiteAddress, ...]
                  ) -> Iterator[PlannedLink | ContentProblem]:
    """The URLs a published document's links and pictures need, or problems found already.

    ``page_url`` is the document's own site-relative URL (relative links are resolved against
    it); None for a newsletter introduction, which is shown on several pages and in e-mail.
    """
    scheme = sites[0].scheme if sites else ""  # SITEURL's: the pages being built
    for reference in all_references(document):
        if written_address(reference, document) is not None:
            continue  # a file on the editor's own computer: localpaths.py names it
        target = browser_address(reference.target, scheme)  # `/\\x.example/a`: another site's
        fragment = unquote(urlsplit(target).fragment)
        for item in _plan_reference(document, reference, target, page_url, urls, root, sites):
            yield replace(item, fragment=fragment) if isinstance(item, PlannedLink) else item


def _plan_reference(document: SourceDocument, reference: Reference, target: str,
                    page_url: str | None, urls: SourceUrls, root: Path,
                    sites: tuple[SiteAddress, ...]) -> Iterator[PlannedLink | ContentProblem]:
    """What one reference (its address as a browser reads it: `target`) needs."""
    if not target or target == "#":
        return
    if target.startswith("#"):
        if page_url is not None:  # a place on the page itself
            yield PlannedLink(_clean(page_url), _missing(document, reference, root, target,
                                                         from_root=True))
        return
    marker = intrasite(target)
    listing = listing_marker(target)
    if (marker or listing) and page_url is None:
        yield ContentProblem(
            document.path, reference.line, reference.field,
            "izdevuma ievadā {filename}, {static} u. c. netiek aizstāti ar adresi",
            "{filename}, {static} and the like are not replaced in a newsletter introduction",
            "raksti lapas adresi no vietnes sākuma, piemēram /zinas/2024/raksta-adrese/",
            target)
    elif marker is not None:
        yield from _plan_intrasite(document, reference, marker[0], urls, root)
    elif listing is not None:
        url = _clean(urls.listing(*listing))
        yield PlannedLink(url, _missing(document, reference, root, url, from_root=True))
    elif is_external(target):
        path = on_site(target, sites)
        if path is not None:
            yield PlannedLink(path, _missing(document, reference, root, path, from_root=True))
    elif target.startswith("/"):
        yield PlannedLink(_clean(target),
                          _missing(document, reference, root, target, from_root=True))
    elif page_url is None:
        yield ContentProblem(
            document.path, reference.line, reference.field,
            "relatīva saite izdevuma ievadā", "relative link in a newsletter introduction",
            "ievads ir vairākās lapās un e-pastā: raksti adresi no vietnes sākuma, "
            "piemēram /par-mums/", target)
    else:
        url = _clean(urlsplit(urljoin(f"/{page_url}", target)).path)
        yield PlannedLink(url, _missing(document, reference, root, target, from_root=False))


def _plan_intrasite(document: SourceDocument, reference: Reference, what: str,
                    urls: SourceUrls, root: Path) -> Iterator[PlannedLink | ContentProblem]:
    file = resolve(reference.target, document, root)
    if file is None or what == "attach":
        return  # {attach} moves the file when it is written
    relative = posixpath.normpath(file.relative_to(root).as_posix())
    if relative.startswith("../"):
        return  # outside content/: containment.py reports it
    if what == "filename" and relative in urls.pages:
        url = urls.pages[relative]
        problem = ContentProblem(
            document.path, reference.line, reference.field,
            "saite uz lapu, kas šajā būvējumā netiek publicēta",
            "link to a page this build does not publish (a draft or scheduled)",
            "publicē saistīto rakstu vai izņem saiti", reference.target)
        if url is None:
            yield problem
        else:
            yield PlannedLink(_clean(url), problem)
    elif relative in urls.static:
        yield PlannedLink(_clean(urls.static[relative]), ContentProblem(
            document.path, reference.line, reference.field, "fails netiek publicēts",
            "the file is not published", "ieliec failu content/atteli/ mapē", reference.target))


def _missing(document: SourceDocument, reference: Reference, root: Path, path: str,
             *, from_root: bool) -> ContentProblem:
    """The problem for a link whose URL is not written, naming the marker it probably lacks."""
    source = _source_file(document, root, path, from_root)
    if source is not None and markdown_ending(source.name):
        what = ("saite uz Markdown failu, nevis tā lapu", "link to a Markdown file, not its page")
        fix = f"raksti {{filename}}/{source.relative_to(root).as_posix()}"
    elif source is not None:
        what = ("ceļš skaitās no lapas adreses, tur šī faila nav",
                "the path counts from the page's address, where this file is not")
        fix = f"raksti {{static}}/{source.relative_to(root).as_posix()}"
    elif reference.alt is not None:
        what = _NO_PICTURE
        fix = _ROOT_HINT
    else:
        what = _NO_PAGE
        fix = _ROOT_HINT
    return ContentProblem(document.path, reference.line, reference.field, *what, fix,
                          reference.target)


def _source_file(document: SourceDocument, root: Path, path: str,
                 from_root: bool) -> Path | None:
    """The file under content/ a plain path names: from content/, or also next to the document."""
    clean = _clean(path)
    if not clean:
        return None
    folder = PurePosixPath(document.path).parent
    candidates = [root / clean] if from_root else [root / folder / clean, root / clean]
    return next((c for c in candidates if c.is_file() and is_inside(c, root)), None)


def markers_left(page_html: str, document_path: str, urls: SourceUrls,
                 pattern: re.Pattern[str]) -> list[str]:
    """Each marker Pelican's link replacement would leave in a page's HTML (the HTML Markdown
    made of its body, before the replacement), as the page would read, with what follows it
    up to a space, quote or tag (character references decoded). Pelican replaces a match of
    its `pattern` (Content._get_intrasite_link_regex) whose file it finds by a content path
    (references.pelican_keys): `{filename}` among the sources (`urls.pages`), then the static
    files, `{static}`/`{attach}` among the static files; `{tag}`, `{category}`, `{author}` and
    `{index}` always. Code (`<code>`, `<pre>`) shows syntax and is left out."""

    def replaced(match: re.Match[str]) -> str:
        """The match with its value taken out when Pelican replaces it (the rest of the tag
        before it stays: an earlier marker in it is not replaced)."""
        what = match.group("what")
        keys = pelican_keys(match.group("path"), document_path)
        where: list[Collection[str]] = [urls.static] if what != "filename" \
            else [urls.pages, urls.static]
        found = what in ("tag", "category", "author", "index") or (
            what in ("filename", "static", "attach")
            and any(key in known for known in where for key in keys))
        return match.group("markup") + 2 * match.group("quote") if found else match.group(0)

    rest = _CODE.sub("", pattern.sub(replaced, page_html))
    return [html.unescape(match.group(0)) for match in _LEFT.finditer(rest)]


def left_in_page(document: SourceDocument, content: Any, urls: SourceUrls,
                 reported: Sequence[ContentProblem]) -> Iterator[ContentProblem]:
    """A problem for each marker Pelican would leave in this page's text (Pelican's object
    `content`), at the first source line that has it, unless the content check named it (a
    problem of `reported` at this file whose value holds it): whatever the content check's
    reading of the source missed (a link in a raw HTML block, where Markdown reads none),
    none reaches a page or a feed."""
    left_markers = dict.fromkeys(markers_left(content._content or "", document.path, urls,
                                              content._get_intrasite_link_regex()))
    lines = list(body_lines(document)) if left_markers else []
    for left in left_markers:
        if any(problem.path == document.path and left in problem.value for problem in reported):
            continue
        token = MARKER.match(left)
        assert token is not None
        line = next((number for text in (left, html.escape(left, quote=False), token.group(0))
                     for number, written in lines if text in written), 0)
        yield ContentProblem(document.path, line, "link", *_LEFT_IN_PAGE, left)


def written_urls(output: Path) -> frozenset[str]:
    """Site-relative URLs of every file in the output folder; `dir/` for each `dir/index.html`.
    As `os.walk` lists them: a symbolic link to a folder is neither walked nor a file."""
    urls: set[str] = set()
    pending = [(str(output), "")]
    while pending:
        folder, prefix = pending.pop()
        try:
            with os.scandir(folder) as listing:
                entries = list(listing)
        except OSError:  # os.walk skips a folder it cannot list
            continue
        for entry in entries:
            try:
                is_folder = entry.is_dir()
            except OSError:
                is_folder = False
            if not is_folder:
                urls.update(file_urls(f"{prefix}{entry.name}"))
            elif not entry.is_symlink():
                pending.append((entry.path, f"{prefix}{entry.name}/"))
    return frozenset(urls)


def file_urls(name: str) -> tuple[str, ...]:
    """The site-relative URLs that find the output file `name` (`/`-separated, relative to the
    output folder): its name, and `dir/` too for `dir/index.html`."""
    if name == "index.html" or name.endswith("/index.html"):
        return name, name[:-len("index.html")]
    return (name,)


def is_written(url: str, urls: frozenset[str]) -> bool:
    """Whether a URL finds a file; `dir` finds `dir/index.html` (static hosts redirect it)."""
    return url in urls or f"{url.rstrip('/')}/" in urls or posixpath.normpath(url) in urls


def source_urls(context: Mapping[str, Any], settings: Mapping[str, Any]) -> SourceUrls:
    """Pelican's maps of source paths to content, as URLs (None for content not written)."""
    from pelican.urlwrappers import Author, Category, Tag  # the glue may; the rules above do not

    pages = {path: url for path, (url, _save_as)
             in content_addresses(settings, context).by_path.items()}
    static = {path: content.url for path, content in context.get("static_content", {}).items()
              if content is not None}
    kinds = {"tag": Tag, "category": Category, "author": Author}

    def listing(what: str, name: str) -> str:
        """As Pelican's Content._link_replacer makes these URLs."""
        return settings["INDEX_SAVE_AS"] if what == "index" else kinds[what](name, settings).url

    return SourceUrls(pages, static, listing)


def plan_links(generators: list[Any]) -> None:
    """Receiver of all_generators_finalized: plan every published document's references; a
    document unchanged since the last build, on an unchanged site, keeps its plan
    (site/linkplans.py)."""
    build = build_of(generators[0].settings) if generators else None
    if build is None:
        return
    settings, context = generators[0].settings, generators[0].context
    root = Path(settings["PATH"])
    urls = source_urls(context, settings)
    sites = site_addresses(settings)
    plans = PlanCache(cache_root(settings), site_key(settings, urls.pages, urls.static, root))
    planned: list[PlannedLink] = []
    for relative, sha in markdown_digests(settings, root):
        if kind_of(PurePosixPath(relative)) == "newsletter":
            page_url = None
        elif urls.pages.get(relative):
            page_url = urls.pages[relative]
        else:
            continue  # not published in this build: its links lead nowhere anyone reads
        plan = _plan_file(root, relative, sha, page_url, urls, sites, plans,
                          context["generated_content"].get(relative) if page_url else None,
                          build.problems)
        for item in plan:
            if isinstance(item, ContentProblem):
                log_problem(item)
            else:
                planned.append(item)
    plans.save()
    build.link_plan = tuple(planned)
    build.link_files = {path: save_as for path, (_url, save_as)
                        in content_addresses(settings, context).by_path.items() if save_as}


def markdown_digests(settings: Mapping[str, Any], root: Path) -> Iterable[tuple[str, str | None]]:
    """Every Markdown source under content/ (path under content/, in path order) with the
    SHA-256 hex of the bytes the content check read this build (common/checkcache.py
    SOURCE_DIGESTS; a file it could not read is left out), or, when it recorded none, None
    each: then the file is read."""
    recorded: Mapping[str, str] | None = once(settings, SOURCE_DIGESTS, lambda: None)
    if recorded is not None:
        return recorded.items()
    return [(file.relative_to(root).as_posix(), None) for file in source_files(root)]


def _plan_file(root: Path, relative: str, sha: str | None, page_url: str | None,
               urls: SourceUrls, sites: tuple[SiteAddress, ...], plans: PlanCache,
               content: Any = None, reported: Sequence[ContentProblem] = ()) -> Plan:
    """One source file's plan: the stored one when the file is unchanged, else planned now
    (its key then from the bytes read now). `content` is Pelican's object of the page (None:
    not a page), whose HTML is checked for markers Pelican would leave; `reported` are the
    content check's problems of this build, not reported again."""
    plan = plans.get(document_key(relative, page_url, sha)) if sha is not None else None
    if plan is not None:
        return plan
    file = root / relative
    try:
        sha = hashlib.sha256(file.read_bytes()).hexdigest()
    except OSError:
        return ()  # an unreadable file is the content check's problem
    key = document_key(relative, page_url, sha)
    plan = plans.get(key)
    if plan is None:
        try:
            document = read_body(root, file)  # the header was checked by the content check
        except (OSError, UnicodeError):
            return ()
        plan = (*plan_document(document, page_url, urls, root, sites),
                *([] if content is None else left_in_page(document, content, urls, reported)))
        plans.put(key, plan)
    return plan


def check_written_links(pelican: Any) -> None:
    """Receiver of finalized: report each planned URL that no written file answers."""
    build = build_of(pelican.settings)
    if build is None:
        return
    planned: tuple[PlannedLink, ...] = build.link_plan
    output = Path(pelican.output_path)
    urls = written_urls(output)
    # a page whose writing failed is reported already, against its own source
    failed = frozenset(url for name in build.unwritten for url in file_urls(name))
    missing = [link for link in planned
               if not is_written(link.url, urls) and not is_written(link.url, failed)]
    meant = WrittenAlike(urls)
    for link in missing:
        picture = build.unpublished_pictures.get(nfc(link.url))
        log_problem(meant.named(link) if picture is None
                    else unpublished_picture(link.problem, picture))
    pages = PageIds(output)
    for link in planned:
        if link.fragment and link not in missing and not is_written(link.url, failed):
            problem = pages.fragment_problem(link)
            if problem is not None:
                log_problem(problem)


def plain_letters(text: str) -> str:
    """`text` without diacritics, in lower case: the letters of an address as our slugs
    write them (`Ēkas-ārpusē` → `ekas-arpuse`; Unicode NFD, combining marks dropped)."""
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


class WrittenAlike:
    """The written URLs by their :func:`plain_letters`, made when first asked: the page a
    link to no page meant when it differs only by diacritics or case
    (`/zinas/2026/ēkas-ārpusē/` for `/zinas/2026/ekas-arpuse/`: slugs drop diacritics)."""

    def __init__(self, urls: frozenset[str]) -> None:
        self.urls = urls
        self.by_letters: dict[str, set[str]] | None = None

    def meant(self, url: str) -> str | None:
        """The one written URL whose plain letters are `url`'s (`dir/` for `dir` too), else
        None (none, or more than one)."""
        if self.by_letters is None:
            self.by_letters = {}
            for written in self.urls:
                self.by_letters.setdefault(plain_letters(written), set()).add(written)
        key = plain_letters(url)
        found = self.by_letters.get(key) or self.by_letters.get(f"{key.rstrip('/')}/") or set()
        return next(iter(found)) if len(found) == 1 else None

    def named(self, link: PlannedLink) -> ContentProblem:
        """The link's problem, with the page or picture meant when the site has no page at
        its address but one whose address differs only by diacritics or case."""
        problem = link.problem
        if (problem.what_lv, problem.what_en) not in (_NO_PAGE, _NO_PICTURE):
            return problem
        found = self.meant(link.url)
        if found is None:
            return problem
        address = f"/{found}" + (f"#{link.fragment}" if link.fragment else "")
        return replace(problem, fix=f"vai domāts {address}? Raksti saitē {address} (adresēs "
                                    "nav garumzīmju; lielie/mazie burti ir svarīgi)")


#: An `id` attribute in a page's HTML (quoted either way).
_ID = re.compile(r"""\sid\s*=\s*(?:"(?P<double>[^"]*)"|'(?P<single>[^']*)')""", re.I)


class PageIds:
    """The ids of the written pages of one output folder, each page read once, when a link
    to one of its places is first checked."""

    def __init__(self, output: Path) -> None:
        self.output = output
        self.read: dict[str, frozenset[str] | None] = {}

    def ids(self, url: str) -> frozenset[str] | None:
        """The ids on the HTML page at site-relative `url` (code left out); None when the
        URL finds no HTML page (a picture, a PDF: a fragment there means something else)."""
        if url not in self.read:
            self.read[url] = _page_ids(self.output, url)
        return self.read[url]

    def fragment_problem(self, link: PlannedLink) -> ContentProblem | None:
        """The problem of a link whose `#fragment` is no id on its written page, naming the
        id meant: the fragment's id as a heading's words (headingids.heading_id:
        `#Starpvirsraksts ar garumzīmēm`), else the closest id on the page."""
        ids = self.ids(link.url)
        if ids is None or link.fragment in ids:
            return None
        meant = heading_id(link.fragment)
        closest = meant if meant in ids else next(
            iter(get_close_matches(link.fragment, sorted(ids), n=1, cutoff=0.5)), None)
        fix = (f"vai domāts #{closest}? Raksti saitē #{closest}" if closest else
               "saitē uz virsrakstu raksti # un virsraksta vārdus mazajiem burtiem, bez "
               "garumzīmēm, ar defisēm (## Mūsu darbs → #musu-darbs)")
        return replace(link.problem, what_lv="lapā nav vietas ar šādu id (virsraksta vai enkura)",
                       what_en="the page has no heading or anchor with this id", fix=fix)


def _page_ids(output: Path, url: str) -> frozenset[str] | None:
    """The ids on the written HTML page a site-relative URL finds (`dir/` and `dir` find
    `dir/index.html`), None when it finds none."""
    for name in (url, f"{url}index.html" if url.endswith("/") or not url else
                 f"{url}/index.html"):
        file = output / name
        if name.endswith(".html") and file.is_file():
            page = _CODE.sub("", file.read_text(encoding="utf-8", errors="replace"))
            return frozenset(html.unescape(match.group("double") or match.group("single") or "")
                             for match in _ID.finditer(page))
    return None


def unpublished_picture(problem: ContentProblem, picture: ContentProblem) -> ContentProblem:
    """A link's `problem` when it leads to a picture the images pipeline could not take
    (`picture`: the problem reported at it): what is wrong with that picture and its fix, at
    the link, rather than "the file is not published" and where to put a file that is there."""
    return ContentProblem(
        problem.path, problem.line, problem.field,
        f"attēls netiek publicēts: {picture.what_lv}",
        f"the picture is not published: {picture.what_en}",
        f"izlabo {picture.path} ({picture.fix})", problem.value)
