"""Rule: nothing in a body or a cover makes readers' browsers run code or ask another site,
and no picture is published unprocessed inside the text.

The README promises "no third-party requests, no trackers", and every picture goes through
the images plugin, which removes its GPS position and camera data. Markdown passes raw HTML
through, so an editor (or an exported document: Typora, Google Docs and Obsidian embed
pictures as `data:` addresses) could publish, in the page and in every feed:

- a picture embedded as a `data:` address, EXIF and GPS included (also as `image:`);
- `<script>`, `<iframe>`, `<object>`, `<embed>` (video players, maps: the other site is asked
  on every view), an event-handler attribute (`onclick=`) or a `javascript:` address;
- a resource from another site: `<img src="https://…">` (a tracking pixel), an external
  `src`/`srcset`/`poster`/`data` on any element, `<link href="https://…">`, a CSS `url(…)` or
  `@import` in a `style` attribute or element (`image: https://…` as a cover, too).

The check reads the HTML Markdown makes of the body (the site's own Markdown arguments, so
comments are already gone: common/nocomments.py) with the standard library's tokenizer and
names each fault at the first source line, from the previous fault's on, that holds what the
HTML shows (the address, the attribute, the tag). Links to other sites (`<a href="https://…">`)
are fine. A body without raw HTML and without an attribute list (`{: … }`, any `{` but
Pelican's `{static}`-style markers) is not converted: Markdown writes nothing there but its
links and pictures (href, src, alt, title), whose addresses the content check reads already
(site/references.py); one with neither a picture nor a `data:`/`javascript:`/`vbscript:`
address is not read at all.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urlsplit

from pelican.settings import DEFAULT_CONFIG

from ..common.absolute_urls import SRCSET_ATTRIBUTES, URL_ATTRIBUTES, srcset_candidates
from ..common.frontmatter import SourceDocument
from ..common.nocomments import COMMENT, COMMENT_AS_TEXT
from ..common.problems import ContentProblem, shortened
from ..common.sourcereader import MarkdownArguments, Markdowns, markdown_arguments
from .linkcheck import SiteAddress, on_site, site_addresses
from .localpaths import own_computer
from .references import all_references, browser_address

#: A body with raw HTML (a tag or a comment; an autolink `<https://…>` is none).
_RAW_HTML = re.compile(r"<(?:[a-z][a-z0-9-]*(?:[\s/>]|$)|!--)", re.I | re.M)
#: A `{` that is no Pelican link marker: maybe an attribute list (`{: style="…" }` after a
#: block, a heading, a link or a picture, or on a code fence: `extra`'s `attr_list`), where
#: Markdown writes attributes the editor chose. (One search apart from `_RAW_HTML`: an
#: alternation of the two costs ten times more.)
_ATTRIBUTE_LIST = re.compile(r"\{(?!(?:static|filename|attach|tag|category|author|index)\})")
#: What a body without raw HTML holds (in lower case) if it has a picture (`![`) or an
#: address that is a file (`data:`) or a script (`javascript:`, `vbscript:`).
_MAY_HOLD_FAULTS = ("![", "data:", "script:")
#: Elements that run code or show another site inside the page.
EMBEDDING_TAGS = frozenset({"script", "iframe", "frame", "frameset", "object", "embed",
                            "applet"})
#: Elements that send the reader, or what they type, elsewhere, or change where every address
#: of the page points: refused wherever they point (the site has no forms), with the fix.
PAGE_CHANGING_TAGS = {
    "meta": ("<meta> var pārsūtīt lasītāju uz citu vietni (http-equiv=refresh)",
             "<meta> can send the reader to another site (http-equiv=refresh)"),
    "base": ("<base> maina, uz kurieni ved visas lapas adreses",
             "<base> changes where every address of the page points"),
    "form": ("<form> sūtītu lasītāja ievadīto (vietnē nav veidlapu)",
             "<form> would send what readers type somewhere (the site has no forms)"),
}
#: Attributes that send a form: refused on any element, like `<form>`.
FORM_ATTRIBUTES = frozenset({"action", "formaction"})
#: SVG elements that set another attribute (`attributeName`) while the page is shown.
SVG_SETTING_TAGS = frozenset({"animate", "set"})
#: Attributes the browser loads on its own, on any element (a URL, or a srcset list).
LOADED_ATTRIBUTES = frozenset({"src", "poster", "data", "background", "lowsrc", "ping",
                               *SRCSET_ATTRIBUTES})
#: Elements whose `href` (or SVG's `xlink:href`) is loaded, not followed.
LOADED_HREF_TAGS = frozenset({"link", "image", "use", "feimage"})
#: Elements whose loaded address is a picture ("image" in messages; others are "html").
PICTURE_TAGS = frozenset({"img", "picture", "image", "input"})
#: Elements whose text is shown as written (a `<!--` there is no unclosed comment).
CODE_TAGS = frozenset({"code", "pre", "kbd", "samp", "script", "style", "textarea"})
#: What CSS may load (escapes decoded first): an unquoted `url(…)` and any string, which
#: `url("…")`, `@import "…"`, `image-set("…" 1x)` and other functions read as an address
#: (a string that is no address, `"Arial"`, is a relative one: the site's own).
_CSS_URL = re.compile(r"""url\(\s*(?P<url>[^'"\s)][^)\s]*)\s*\)|(['"])(?P<string>.*?)\2""",
                      re.I | re.S)
#: A CSS escape: `\70 ` (hexadecimal, one optional space after), `\` and a line end (none),
#: `\x` (the character itself).
_CSS_ESCAPE = re.compile(r"\\(?:(?P<hex>[0-9a-f]{1,6})[ \t\n\r\f]?|(?P<char>[^\n]|\n))",
                         re.I)
#: Characters browsers drop from an address before reading its scheme.
_URL_NOISE = re.compile(r"[\x00-\x20]")

_DATA = ("attēls iegults tekstā kā data: adrese: tas tiktu publicēts neapstrādāts, ar GPS "
         "atrašanās vietu un kameras datiem",
         "picture embedded as a data: address, published unprocessed with its GPS and camera "
         "data")
_DATA_FIX = ("saglabā attēlu kā failu mapē content/atteli/ un saisti: "
             "![Kas redzams attēlā]({static}/atteli/foto.jpg)")
_PICTURE_ELSEWHERE = ("attēls no citas vietnes: lasītāja pārlūks to prasītu tai vietnei, "
                      "trešajai pusei (izsekošana)",
                      "picture from another site: readers' browsers would request it there, "
                      "a third-party request")
_PICTURE_ELSEWHERE_FIX = ("lejupielādē attēlu (ja drīkst to publicēt) mapē content/atteli/ un "
                          "saisti: ![Kas redzams attēlā]({static}/atteli/foto.jpg)")
_MEDIA_FIX = ("ieliec failu mapē content/ un saisti ar {static}/…, vai ieliec tikai saiti uz to: "
              "[Skatīties video](https://…)")
#: Front-matter fields that are never published (notes to colleagues).
UNPUBLISHED_FIELDS = frozenset({"notes"})
#: An HTML character reference: named (`&amp;`), decimal (`&#8211;`) or hexadecimal.
_ENTITY = re.compile(r"&(?:[A-Za-z][A-Za-z0-9]*|#[0-9]+|#[xX][0-9A-Fa-f]+);")
_STYLE_FIX = "izdzēs to: vietnes izskatu nosaka tēma, ne raksts"
_SCRIPT_FIX = "izdzēs to: vietnē nav JavaScript; ja vajag, ieliec parastu saiti [teksts](https://…)"
_EMBED_FIX = ("neiegul svešu saturu: ieliec saiti uz to, piemēram "
              "[Skatīties video](https://www.youtube.com/watch?v=…)")


@dataclass(frozen=True)
class Fault:
    """One thing in a body's HTML that must not be published: the field, what (Latvian,
    English), the fix, the value to show, and what to look for in the source to find its line
    (tried in order, case-insensitively)."""

    field: str
    what_lv: str
    what_en: str
    fix: str
    value: str
    needles: tuple[str, ...]


def check_document(sender: Any, document: SourceDocument,
                   settings: dict[str, Any]) -> list[ContentProblem]:
    """document_check: the body's HTML and the cover (`image:`) of an article, page or
    newsletter introduction."""
    if not document.header_found or document.node is None:
        return []
    problems = [*check_cover(document), *front_matter_comments(document),
                *front_matter_entities(document)]
    written = document.written_body  # comments included: Markdown itself drops them
    if _RAW_HTML.search(written) or _ATTRIBUTE_LIST.search(written):
        body_html = converter(settings).of(document.metadata.get("lang")).reset().convert(
            written)
        problems += located(document, find_faults(body_html, site_addresses(settings)))
    elif any(map(written.lower().__contains__, _MAY_HOLD_FAULTS)):
        problems += markdown_faults(document, site_addresses(settings))
    return problems


def markdown_faults(document: SourceDocument, sites: tuple[SiteAddress, ...]
                    ) -> Iterator[ContentProblem]:
    """The faults of a body without raw HTML, where Markdown writes nothing but its links
    (`<a href>`) and pictures (`<img src>`): their addresses as the content check reads them
    (site/references.py, which reads them as Markdown writes them), at their lines."""
    for reference in all_references(document):
        tag, name = ("a", "href") if reference.alt is None else ("img", "src")
        for fault in address_faults(tag, name, reference.target, sites,
                                    picture=reference.alt is not None):
            yield ContentProblem(document.path, reference.line, fault.field, fault.what_lv,
                                 fault.what_en, fault.fix, fault.value)


def check_cover(document: SourceDocument) -> Iterator[ContentProblem]:
    """An article's `image:` must name a picture under content/: a `data:` address or another
    site's would show no cover and still go into the page's JSON-LD. (Other documents have no
    cover: rules.py names the field.)"""
    image = document.metadata.get("image")
    if document.kind != "article" or not isinstance(image, str):
        return
    if own_computer(image):
        return  # `file:…`, `C:\…`: localpaths.py names the file on the editor's computer
    address = _URL_NOISE.sub("", image)
    if address.lower().startswith("data:"):
        yield document.problem("image", *_DATA, value=shortened(image),
                               fix="saglabā attēlu kā failu mapē content/atteli/ un raksti "
                                   "'image: atteli/foto.jpg'")
    elif address.startswith("//") or re.match(r"[a-z][a-z0-9+.-]+:", address, re.I):
        yield document.problem(
            "image", "galvenajam attēlam jābūt failam content/ mapē",
            "image: must be a picture under content/", value=image,
            fix="lejupielādē attēlu (ja drīkst to publicēt) mapē content/atteli/ un raksti "
                "'image: atteli/foto.jpg'")


def front_matter_comments(document: SourceDocument) -> Iterator[ContentProblem]:
    """A `<!--` in any published front-matter text (`summary:`, `title:`, a nested value):
    Pelican publishes it as written, in the page's meta description, JSON-LD, feeds and
    cards, comment markers and all; at the line of its field (`notes:` is never published)."""
    for keys, text in _texts(document.metadata, ()):
        if "<!--" in text and keys[0] not in UNPUBLISHED_FIELDS:
            yield document.problem(_field_path(keys), *COMMENT_AS_TEXT, value="<!--", at=keys)


def front_matter_entities(document: SourceDocument) -> Iterator[ContentProblem]:
    """A warning at each published front-matter text holding an HTML character reference
    (`&amp;`, `&mdash;`, `&#8211;`: WordPress exports write titles so): front matter is plain
    text, so the page, feeds and search show `&amp;` as written. Named with the characters
    meant, not decoded: a text may mean the reference itself."""
    for keys, text in _texts(document.metadata, ()):
        if "&" not in text or keys[0] in UNPUBLISHED_FIELDS:
            continue
        found = dict.fromkeys(match.group() for match in _ENTITY.finditer(text)
                              if html.unescape(match.group()) != match.group())
        if found:
            meant = ", ".join(f"{entity} → {html.unescape(entity)}" for entity in found)
            problem = document.problem(
                _field_path(keys), "HTML zīmes kods galvenē tiek rādīts kā teksts",
                "an HTML character reference in the front matter is shown as written",
                f"raksti pašu zīmi: {meant}", " ".join(found), at=keys)
            yield replace(problem, severity="warning")


def _texts(value: object, keys: tuple[str | int, ...]
           ) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """Every text in a front-matter value, with its key path (("events", 0, "title"))."""
    if isinstance(value, str) and keys:
        yield keys, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _texts(item, (*keys, str(key)))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _texts(item, (*keys, index))


def _field_path(keys: tuple[str | int, ...]) -> str:
    """A key path as problems name a field (frontmatter.field_keys's inverse, items counted
    from 1): ("events", 0, "title") is `events[1].title`."""
    return "".join(f"[{key + 1}]" if isinstance(key, int) else f".{key}" for key in keys)[1:]


_LAST: list[tuple[MarkdownArguments, Markdowns]] = []


def converter(settings: Mapping[str, Any]) -> Markdowns:
    """The converters the site's reader uses for these settings (Pelican's default MARKDOWN
    when the settings have none), kept while the arguments stay the same."""
    arguments = markdown_arguments({"MARKDOWN": DEFAULT_CONFIG["MARKDOWN"], **settings})
    if not _LAST or _LAST[0][0] != arguments:
        _LAST[:] = [(arguments, Markdowns(arguments))]
    return _LAST[0][1]


def located(document: SourceDocument, faults: Sequence[Fault]) -> Iterator[ContentProblem]:
    """Each fault at the source line that holds it, each place taken once: the first of its
    needles found, not yet taken, after the previous fault's place (the HTML is in source
    order; two faults may share a line), else from the start (a reference definition comes
    later); else where the needle is at all; the body's first line when none is found. The
    source is read as the HTML reads it (`searched`)."""
    texts = {field: searched(document.written_body, hide_comments=field != "comment")
             for field in {fault.field for fault in faults}}
    taken: set[int] = set()
    position = 0
    for fault in faults:
        text = texts[fault.field]
        found = _find(text, fault.needles, position, taken)
        if found is not None:
            taken.add(found)
            position = found + 1
        line = document.body_line + (text.count("\n", 0, found) if found is not None else 0)
        yield ContentProblem(document.path, line, fault.field, fault.what_lv, fault.what_en,
                             fault.fix, fault.value)


def searched(body: str, hide_comments: bool) -> str:
    """A body as its faults are looked for: lower case, character references decoded line
    by line (`&#100;ata:` is `data:`, as the HTML reads it), and with `hide_comments` each
    closed comment blanked but for its line ends (what is commented out is no fault)."""
    if hide_comments:
        body = COMMENT.sub(lambda comment: "\n" * comment.group().count("\n"), body)
    return "\n".join(html.unescape(line) for line in body.split("\n")).lower()


def _find(text: str, needles: Sequence[str], start: int, taken: set[int]) -> int | None:
    """Where in `text` (lower case) a needle occurs at a place not `taken`: from `start` on,
    else from the beginning, each needle tried in turn; else the first place of the first
    needle found at all (a fault the source shows once more than it holds)."""
    needles = [needle.lower() for needle in needles if needle]
    for begin in (start, 0):
        for needle in needles:
            found = text.find(needle, begin)
            while found >= 0 and found in taken:
                found = text.find(needle, found + 1)
            if found >= 0:
                return found
    return next((found for found in map(text.find, needles) if found >= 0), None)


def find_faults(body_html: str, sites: tuple[SiteAddress, ...] = ()) -> list[Fault]:
    """Every fault in a body's HTML, in document order (`sites`: the site's own addresses,
    which are no other site)."""
    reader = _FaultReader(sites)
    reader.feed(body_html)
    reader.close()
    return reader.faults


class _FaultReader(HTMLParser):
    def __init__(self, sites: tuple[SiteAddress, ...]) -> None:
        super().__init__(convert_charrefs=True)
        self.sites = sites
        self.faults: list[Fault] = []
        self.open: dict[str, int] = {}  # how many elements of each name are open

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._check_tag(tag, attrs)
        self.open[tag] = self.open.get(tag, 0) + 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._check_tag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if self.open.get(tag):
            self.open[tag] -= 1

    def handle_data(self, data: str) -> None:
        if self.open.get("style"):
            self.faults.extend(self._css_faults("style", data, ("<style",)))
        elif "<!--" in data and not any(self.open.get(tag) for tag in CODE_TAGS):
            self.faults.append(Fault(
                "comment", "komentārs nav aizvērts: teksts aiz <!-- tiek publicēts",
                "comment not closed: the text after <!-- is published",
                "aizver to ar --> pirms tukšās rindas (komentārs nevar pāriet pāri tukšai "
                "rindai rindkopas vidū) vai izdzēs", "<!--",
                (data[data.index("<!--"):].split("\n", 1)[0], "<!--")))

    def _check_tag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in EMBEDDING_TAGS:
            self.faults.append(Fault(
                "html", f"<{tag}> netiek publicēts: vietnē nav JavaScript un sveša satura",
                f"<{tag}> is not allowed: no scripts and no other site's content",
                _SCRIPT_FIX if tag == "script" else _EMBED_FIX, f"<{tag}>", (f"<{tag}",)))
            return
        if tag in PAGE_CHANGING_TAGS:
            self.faults.append(Fault("html", *PAGE_CHANGING_TAGS[tag], f"izdzēs <{tag}>",
                                     f"<{tag}>", (f"<{tag}",)))
            return
        target = dict(attrs).get("attributename") or ""
        if tag in SVG_SETTING_TAGS and target.lower().endswith("href"):
            self.faults.append(Fault(
                "html", f"<{tag}> maina saites adresi ({target}): tā var būt JavaScript",
                f"<{tag}> sets an address ({target}), which may run a script",
                f"izdzēs <{tag}>", f"<{tag} attributeName={target}>", (target, f"<{tag}")))
        for name, value in attrs:
            text = value or ""
            if "<!--" in text:
                self.faults.append(Fault("comment", *COMMENT_AS_TEXT, "<!--", (
                    text[text.index("<!--"):].split("\n", 1)[0], "<!--")))
            self.faults.extend(self._attribute_faults(tag, name, text))

    def _attribute_faults(self, tag: str, name: str, value: str) -> Iterator[Fault]:
        if name.startswith("on"):
            yield Fault("html", f"notikuma atribūts {name}= ir JavaScript",
                        f"event-handler attribute {name}= (JavaScript) is not allowed",
                        f"izdzēs atribūtu {name}=\"…\"", f"<{tag} {name}=", (f"{name}=",))
        elif name in FORM_ATTRIBUTES:
            yield Fault("html", f"{name}= sūtītu lasītāja ievadīto (vietnē nav veidlapu)",
                        f"{name}= would send what readers type somewhere (the site has no "
                        "forms)", f"izdzēs atribūtu {name}=\"…\"", f"<{tag} {name}=",
                        (f"{name}=",))
        elif name == "style":
            yield from self._css_faults(tag, value, (value, "style="))
        elif name in SRCSET_ATTRIBUTES:
            for url, _descriptor in srcset_candidates(value):
                yield from address_faults(tag, name, url, self.sites, self._picture(tag))
        elif name in URL_ATTRIBUTES or name in LOADED_ATTRIBUTES or name == "xlink:href":
            yield from address_faults(tag, name, value, self.sites, self._picture(tag))

    def _css_faults(self, tag: str, css: str, needles: tuple[str, ...]) -> Iterator[Fault]:
        for match in _CSS_URL.finditer(css_decoded(css)):
            url = match.group("url") or match.group("string") or ""
            address = _URL_NOISE.sub("", url)
            if address.lower().startswith("data:"):
                yield Fault("html", *_DATA, _DATA_FIX, shortened(url), (url[:200], *needles))
            elif elsewhere(url, self.sites):
                yield Fault("html", f"<{tag}> stils ielādē failu no citas vietnes (trešās puses "
                            "pieprasījums)", f"<{tag}> style loads a file from another site "
                            "(a third-party request)", _STYLE_FIX, url, (url, *needles))

    def _picture(self, tag: str) -> bool:
        """Does this element show a picture (a `<source>` does in a `<picture>`)?"""
        return tag in PICTURE_TAGS or (tag == "source" and bool(self.open.get("picture")))


def address_faults(tag: str, name: str, value: str, sites: tuple[SiteAddress, ...],
                   picture: bool) -> Iterator[Fault]:
    """What is wrong with the address `value` of attribute `name` of a `tag` (a picture's
    when `picture`): a `data:` one, a script's, or another site's that the browser loads."""
    if own_computer(value):
        return  # `\\server\…`, `file://server/…`: localpaths.py names it (not another site)
    address = _URL_NOISE.sub("", value)
    scheme = address.split(":", 1)[0].lower() if ":" in address else ""
    needles = (value, html.escape(value, quote=False), f"{name}=", f"<{tag}")
    if scheme == "data":
        yield Fault("image" if picture else "html", *_DATA, _DATA_FIX, shortened(value),
                    (value[:200], *needles[2:]))
    elif scheme in ("javascript", "vbscript"):
        yield Fault("link" if tag == "a" else "html", f"{scheme}: adrese ir JavaScript",
                    f"{scheme}: address (a script) is not allowed",
                    "izdzēs to vai ieliec parastu saiti: [teksts](https://…)", value, needles)
    elif loaded(tag, name) and elsewhere(value, sites) and picture:
        yield Fault("image", *_PICTURE_ELSEWHERE, _PICTURE_ELSEWHERE_FIX, value, needles)
    elif loaded(tag, name) and elsewhere(value, sites):
        yield Fault("html", f"<{tag}> ielādē failu no citas vietnes (trešās puses pieprasījums)",
                    f"<{tag}> loads a file from another site (a third-party request)",
                    _STYLE_FIX if tag == "link" else _MEDIA_FIX, value, needles)


def css_decoded(css: str) -> str:
    """CSS with its escapes decoded as a browser reads them (`htt\\70s:` is `https:`; a
    code point that is none, 0 or above U+10FFFF, is U+FFFD)."""
    def character(match: re.Match[str]) -> str:
        if match.group("hex") is None:
            return "" if match.group("char") == "\n" else match.group("char")
        code = int(match.group("hex"), 16)
        return chr(code) if 0 < code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else "\ufffd"
    return _CSS_ESCAPE.sub(character, css) if "\\" in css else css


def loaded(tag: str, name: str) -> bool:
    """Does the browser load the address in attribute `name` of a `tag` by itself?"""
    return name in LOADED_ATTRIBUTES or (name in ("href", "xlink:href")
                                         and tag in LOADED_HREF_TAGS)


def elsewhere(address: str, sites: tuple[SiteAddress, ...]) -> bool:
    """Is an address, as a browser reads it (`browser_address`), on another site: one with a
    host, not the site's own? (A relative one is resolved against the page: the site's.) The
    page is read under each scheme the site's addresses have (none known: no page), and the
    address is another site's if it is so under any: `http:x.example/a` is on an `https:` page,
    not on an `http:` one (WHATWG URL; docs/building.md)."""
    schemes = dict.fromkeys(site.scheme for site in sites) or {"": None}
    for scheme in schemes:
        absolute = browser_address(address, scheme)
        parts = urlsplit(absolute)
        if parts.netloc and on_site(absolute if parts.scheme else f"https:{absolute}",
                                    sites) is None:
            return True
    return False
