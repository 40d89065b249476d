"""Find what a Markdown body points at (links to other content, images) and where, read as
Python-Markdown reads it.

Editors write Pelican's intrasite links (`{filename}/raksts.md`, `{static}/atteli/foto.jpg`,
also the older `|filename|` form) in every form Markdown accepts: inline links and images
(`[teksts](…)`, `![apraksts](…)`, a destination with spaces as `(<…>)` or bare, a title in
quotes or parentheses), reference links (`[teksts][id]`, `[teksts][]`, `[teksts]`) with their
definitions (`[id]: <…> "virsraksts"`), `<https://…>` autolinks, and raw HTML (`<a href="…">`,
`<img src="…" srcset="…">`, `<video poster="…">`: every URL attribute the feeds' absolutiser
knows, common/absolute_urls.py). The rules in links.py, containment.py, linkcheck.py and
images.py report the ones that would break on the site; this module only finds and resolves
them, each with its line in the source file.

The inline syntax is read by Python-Markdown's own inline processors (their `handleMatch`,
in Markdown's order: code spans, backslash escapes, reference links, inline links, images,
autolinks, raw HTML), so a target is the `href`/`src` Markdown writes into the page: `<…>`
taken off, backslash escapes undone, a title left out. Definitions are matched with
Markdown's own pattern (`ReferenceProcessor.RE`): `[id]: <a b.md>` is none (Markdown allows
no space there), and is text on the page. Raw HTML is read with the standard library's HTML
tokenizer, which decodes character references in attribute values (`href="&#x2F;par-mums&#x2F;"`
is `/par-mums/`). Fenced code blocks, code spans and HTML comments are skipped: they show
syntax or are not shown at all.

Pelican replaces a `{filename}` marker in the HTML Markdown wrote (pelican/contents.py
`_link_replacer`), finding its file by a content path (:func:`pelican_keys`); each reference
carries the address as Pelican reads it there (`in_page`), so the rules resolve it the same
way. A marker outside any link (`[x] ({filename}/a.md)`, an escaped `\\[x](…)`, a definition
Markdown does not take) is text on the page: :func:`stray_markers` finds those.
"""

from __future__ import annotations

import functools
import html
import os
import posixpath
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import unquote, urlparse
from xml.etree.ElementTree import Element

from markdown import Markdown, treeprocessors
from markdown.blockprocessors import ReferenceProcessor
from markdown.inlinepatterns import HtmlInlineProcessor, InlineProcessor, LinkInlineProcessor
from markdown.serializers import to_html_string

from ..common import contentfolder
from ..common.absolute_urls import SRCSET_ATTRIBUTES, URL_ATTRIBUTES, srcset_candidates
from ..common.frontmatter import SourceDocument

#: A whole target that is one of Pelican's intrasite links: marker, then the path.
_INTRASITE = re.compile(r"[{|](?P<what>filename|static|attach)[}|](?P<path>.*)", re.S)
#: Any of Pelican's markers, wherever it stands.
MARKER = re.compile(r"[{|](?:filename|static|attach|tag|category|author|index)[}|]")
_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
#: Schemes whose addresses WHATWG reads with `\\` as `/` and any number of slashes before
#: the host (`http:x.example/a`, `https:///x.example/a` name the host x.example).
SPECIAL_SCHEMES = frozenset({"http", "https", "ws", "wss", "ftp"})
#: What WHATWG trims from an address's ends, and the tabs and line ends it drops within.
_URL_ENDS = re.compile(r"^[\x00-\x20]+|[\x00-\x20]+$")
_URL_TABS = re.compile(r"[\t\n\r]")
#: An address's scheme and what follows it.
_SCHEME = re.compile(r"(?P<scheme>[a-z][a-z0-9+.-]*):(?P<rest>.*)", re.I | re.S)
_EXTERNAL = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//|#)", re.I)
#: Blockquote and list markers before a line's text (Markdown reads what follows them).
_CONTAINERS = re.compile(r"^(?:[ ]{0,3}>[ ]?)*(?:[ ]{0,3}(?:[*+-]|\d+[.)])[ ]+)?", re.M)
#: A run of lines none of which is blank.
_RUN = re.compile(r"^[^\n]*\S[^\n]*(?:\n[^\n]*\S[^\n]*)*", re.M)
#: What a block must hold to be read at all: a bracket, a tag or a marker.
_WORTH_READING = re.compile(r"[\[<]|" + MARKER.pattern)
#: Elements whose URL attributes name a picture (reported as "image", with their alt text).
_PICTURE_TAGS = frozenset({"img", "source", "picture", "video"})
#: Markdown's inline processors, in its order, up to raw HTML: those that make a link or an
#: image, or take text no link can start in (code spans, escapes, e-mail autolinks, raw
#: HTML); each with the text it cannot match without.
_INLINE_PASSES = (("backtick", "`"), ("escape", "\\"), ("reference", "["), ("link", "["),
                  ("image_link", "!["), ("image_reference", "!["), ("short_reference", "["),
                  ("short_image_ref", "!["), ("autolink", "<"), ("automail", "<"),
                  ("html", "<"))
#: Processors whose links take their address from a definition.
_BY_REFERENCE = frozenset({"reference", "image_reference", "short_reference", "short_image_ref"})
#: Processors whose links and images carry their address in the text.
_INLINE = frozenset({"link", "image_link"})
#: The characters Markdown's HTML writes otherwise in an attribute value.
_ESCAPED_IN_PAGE = re.compile(r'[&<>"]')
#: What stands for text already read (never a bracket, quote, space or Markdown's STX/ETX).
_HIDDEN = "\x1a"


@dataclass(frozen=True)
class Reference:
    line: int  # where the address is written (a reference link's: its definition's line)
    #: The address as Markdown writes it into the page (`<…>` taken off, escapes undone), or a
    #: raw HTML attribute's value with character references decoded: "{static}/atteli/foto.jpg".
    target: str
    alt: str | None = None  # images only
    #: The address as Pelican's link replacement reads it in the page's HTML (Markdown's
    #: output escapes `&`, `<`, `>`, `"`; raw HTML as written); None where that replacement
    #: does not reach (raw HTML: a value without quotes, an attribute it does not replace such
    #: as `srcset`, or the earlier of two in one tag).
    in_page: str | None = None
    raw_html: bool = False  # written as raw HTML

    @property
    def field(self) -> str:
        """The name editors see in messages: "image" for pictures, "link" for the rest."""
        return "link" if self.alt is None else "image"

    @property
    def markdown_image(self) -> bool:
        """A picture written in Markdown (`![alt](…)`, `![alt][id]`): images.py checks those."""
        return self.alt is not None and not self.raw_html


@dataclass(frozen=True)
class Parsed:
    """What one body points at, as Markdown reads it."""

    #: Every link and picture, at the line of its address, in line order.
    references: tuple[Reference, ...]
    #: Markdown pictures at the line of their `![`, where their alt text is written.
    images: tuple[Reference, ...]
    #: Lines with a marker outside any link (target: the line's text).
    stray: tuple[Reference, ...]


@dataclass
class _Block:
    """A run of body lines without a blank one: where it starts, its lines as written, and
    its text as Markdown reads it (containers taken off), parts already read hidden."""

    line: int
    lines: list[str]
    text: str
    #: (where in `text` it was found, what): to keep the order of one line as written.
    found: list[tuple[int, Reference]] = field(default_factory=list)

    def line_at(self, position: int) -> int:
        return self.line + self.text.count("\n", 0, position)


def body_lines(document: SourceDocument) -> Iterator[tuple[int, str]]:
    """(line number in the file, text) of every body line outside fenced code."""
    lines = document.body.split("\n")
    if "```" not in document.body and "~~~" not in document.body:  # no fence: every line
        yield from enumerate(lines, document.body_line)
        return
    fenced = False
    for offset, text in enumerate(lines):
        if _FENCE.match(text):
            fenced = not fenced
            continue
        if not fenced:
            yield document.body_line + offset, text


def _visible_body(document: SourceDocument) -> str:
    """The body, one line per line of the file, with fenced code blanked (its comments are:
    common/frontmatter.py `SourceDocument.body`)."""
    lines = document.body.split("\n")
    if "```" in document.body or "~~~" in document.body:
        kept = dict(body_lines(document))
        lines = [kept.get(line, "") for line in range(document.body_line,
                                                        document.body_line + len(lines))]
    return "\n".join(lines)


def _blocks(document: SourceDocument) -> Iterator[_Block]:
    """The body's blocks (runs of lines without a blank one, fenced code and comments left
    out) that hold a bracket, a tag or a marker."""
    body = _visible_body(document)
    line, counted = document.body_line, 0
    for run in _RUN.finditer(body):
        text = run.group(0)
        if _WORTH_READING.search(text):
            line += body.count("\n", counted, run.start())
            counted = run.start()
            yield _Block(line, text.split("\n"), _CONTAINERS.sub("", text))


def _hidden(text: str) -> str:
    """Text already read, its line breaks kept (lines are counted through it)."""
    return re.sub(r"[^\n]", _HIDDEN, text) if "\n" in text else _HIDDEN * len(text)


@functools.cache
def _markdown() -> Markdown:
    """Python-Markdown with its standard syntax (the extensions the site uses add none to how
    links are written); read by one document at a time (:func:`parse`). One conversion sets
    up what its inline processors read besides the text (the inline tree processor's stash)."""
    md = Markdown()
    md.convert("Markdown")
    return md


def _in_page(target: str) -> str:
    """An address as Markdown's HTML writes it in an attribute (`&`, `<`, `>`, `"` escaped)."""
    if not _ESCAPED_IN_PAGE.search(target):
        return target
    written = to_html_string(Element("a", href=target))
    return written[len('<a href="'):-len('"></a>')]


def _definitions(md: Markdown, blocks: list[_Block]) -> dict[str, int]:
    """Read every reference definition into `md.references` (as Markdown's block parser
    does: the last of one id wins; `[^1]:` is a footnote) and hide it; the line of each
    address by that address."""
    lines: dict[str, int] = {}
    for block in blocks:
        if "]:" not in block.text:
            continue
        for match in ReferenceProcessor.RE.finditer(block.text):
            if match.group(1).startswith("^"):
                continue
            link = match.group(2).lstrip("<").rstrip(">")
            md.references[match.group(1).strip().lower()] = (link, match.group(5) or
                                                             match.group(6))
            lines[link] = block.line_at(match.start(2))
            start, end = match.span()
            block.text = block.text[:start] + _hidden(block.text[start:end]) + block.text[end:]
    return lines


def _read_inline(md: Markdown, block: _Block, definition_lines: dict[str, int],
                 images: list[Reference]) -> None:
    """Run Markdown's inline processors over a block as its inline tree processor does (each
    over the whole text in turn; a match is replaced before the next is looked for, a link's
    text stays for the processors after it), recording each link and picture in
    `block.found` (Markdown pictures also in `images`)."""
    for name, needed in _INLINE_PASSES:
        if needed not in block.text or (name in _BY_REFERENCE and not md.references):
            continue  # no match possible (with no definition, a reference link is text)
        processor = md.inlinePatterns[name]
        assert isinstance(processor, InlineProcessor)
        position = 0
        while (match := processor.compiled_re.search(block.text, position)) is not None:
            node, start, end = processor.handleMatch(match, block.text)
            if start is None or end is None:
                position = match.end(0)
            elif node is None:
                position = end
            elif isinstance(node, str) and name == "escape":  # kept as Markdown keeps it
                block.text = block.text[:start] + node + block.text[end:]
                position = start + len(node)
            else:
                kept = _read_match(md, name, processor, match, node, block, definition_lines,
                                   images)
                block.text = _hide(block.text, start, end, kept)
                position = end


def _hide(data: str, start: int, end: int, kept: tuple[int, int]) -> str:
    """`data` with `start:end` hidden but for the part `kept` (a link's text)."""
    first, last = kept
    return (data[:start] + _hidden(data[start:first]) + data[first:last]
            + _hidden(data[last:end]) + data[end:])


def _read_match(md: Markdown, name: str, processor: InlineProcessor, match: re.Match[str],
                node: Element | str, block: _Block, definition_lines: dict[str, int],
                images: list[Reference]) -> tuple[int, int]:
    """Record what one match of an inline processor points at; the part of the match that
    stays to be read (a link's text, where a picture may be), as (start, end)."""
    start = match.start(0)
    if isinstance(processor, HtmlInlineProcessor):
        # As HtmlInlineProcessor.unescape gives back what the escape pass took (the stashed
        # character with its backslash): raw HTML keeps `\\server` as written.
        unescape = md.treeprocessors["unescape"]
        assert isinstance(unescape, treeprocessors.UnescapeTreeprocessor)
        tag = unescape.RE.sub(lambda escaped: "\\" + chr(int(escaped.group(1))),
                              block.text[start:match.end(0)])
        block.found.extend((start, reference) for reference in _tag_references(
            tag, block.line_at(start)))
        return start, start
    if not isinstance(node, Element) or node.tag not in ("a", "img") or name == "automail":
        return start, start  # a code span; an e-mail address (no page of ours)
    unescape = md.treeprocessors["unescape"]
    assert isinstance(unescape, treeprocessors.UnescapeTreeprocessor)
    address = unescape.unescape(node.get("src" if node.tag == "img" else "href") or "").strip()
    alt = unescape.unescape(node.get("alt") or "") if node.tag == "img" else None
    if name in _BY_REFERENCE:
        line = definition_lines.get(address, block.line_at(start))
    elif name in _INLINE:  # at the address, past "](" and any space
        if node.tag == "a":
            after = start + len(node.text or "") + 2
        else:
            assert isinstance(processor, LinkInlineProcessor)
            after = processor.getText(block.text, match.end(0))[1]
        line = block.line_at(len(block.text) - len(block.text[after + 1:].lstrip()))
    else:
        line = block.line_at(start)
    block.found.append((start, Reference(line, address, alt, _in_page(address))))
    if alt is not None:
        images.append(Reference(block.line_at(start), address, alt))
        return start, start
    if name == "autolink":
        return start, start
    return start + 1, start + 1 + len(node.text or "")


class _UrlAttributes(HTMLParser):
    """Collects (tag, attribute, URL, alt) of every URL in start tags."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, str, str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        alt = values.get("alt", "") if tag in _PICTURE_TAGS else None
        for name, value in attrs:
            if name in URL_ATTRIBUTES and value is not None:
                self.found.append((tag, name, value.strip(), alt))
            elif name in SRCSET_ATTRIBUTES and value is not None:
                self.found.extend((tag, name, url, alt) for url, _ in srcset_candidates(value))

    handle_startendtag = handle_starttag


@functools.cache
def pelican_link_regex() -> re.Pattern[str]:
    """The pattern Pelican finds the links it replaces by in a page's HTML, asked of Pelican
    (`Content._get_intrasite_link_regex`, with its INTRASITE_LINK_REGEX): a quoted value of
    href, src, poster, data, cite, formaction, action or content that starts with a marker,
    the last such in a tag."""
    from pelican.contents import Content
    from pelican.settings import DEFAULT_CONFIG

    holder = SimpleNamespace(settings={"INTRASITE_LINK_REGEX":
                                       DEFAULT_CONFIG["INTRASITE_LINK_REGEX"]})
    pattern: re.Pattern[str] = Content._get_intrasite_link_regex(holder)
    return pattern


_ATTRIBUTE_NAME = re.compile(r"([^\s\"'>/=]+)\s*=\s*$")


def _tag_references(tag: str, line: int) -> list[Reference]:
    """Every URL in one raw HTML tag, with what Pelican's replacement reads of it."""
    parser = _UrlAttributes()
    parser.feed(tag)
    parser.close()
    replaced: dict[tuple[str, str], str] = {}
    if MARKER.search(tag):
        for match in pelican_link_regex().finditer(tag):
            name = _ATTRIBUTE_NAME.search(match.group("markup"))
            if name:
                replaced[name.group(1).lower(), html.unescape(match.group("path"))] = \
                    match.group("path")
    return [Reference(line, url, alt, replaced.get((name, url)), raw_html=True)
            for _tag, name, url, alt in parser.found]


def _stray(block: _Block) -> Iterator[Reference]:
    """A marker left in text no link took: the line it is on, unless indented as code."""
    seen: set[int] = set()
    for match in MARKER.finditer(block.text):
        offset = block.text.count("\n", 0, match.start())
        written = block.lines[offset]
        if offset not in seen and not written.startswith(("    ", "\t")):
            seen.add(offset)
            yield Reference(block.line + offset, written.strip())


def _parse(document: SourceDocument) -> Parsed:
    md = _markdown()
    md.reset()
    blocks = list(_blocks(document))
    definition_lines = _definitions(md, blocks)
    images: list[Reference] = []
    stray: list[Reference] = []
    for block in blocks:
        _read_inline(md, block, definition_lines, images)
        stray.extend(_stray(block))
    found = sorted((((reference.line, block.line, position), reference)
                    for block in blocks for position, reference in block.found),
                   key=lambda pair: pair[0])
    return Parsed(tuple(dict.fromkeys(reference for _key, reference in found)), tuple(images),
                  tuple(stray))


_LAST: list[tuple[SourceDocument, Parsed]] = []


def parse(document: SourceDocument) -> Parsed:
    """What a body points at; the rules that each ask about one document in turn share one
    reading of it (the last document read is kept)."""
    if _LAST and _LAST[0][0] is document:
        return _LAST[0][1]
    parsed = _parse(document)
    _LAST[:] = [(document, parsed)]
    return parsed


def all_references(document: SourceDocument) -> tuple[Reference, ...]:
    """Every link and picture in the body, whatever its form, in line order.

    Images come with their alt text (`""` when empty), links with ``alt=None``.
    """
    return parse(document).references


def images(document: SourceDocument) -> tuple[Reference, ...]:
    """Every Markdown picture in the body (`![alt](src)`, `![alt][id]`), at its `![` line."""
    return parse(document).images


def intrasite_links(document: SourceDocument) -> Iterator[Reference]:
    """Every `{filename}`/`{static}`/`{attach}` link in the body that is not a Markdown
    picture (images.py checks those), raw HTML pictures included."""
    return (reference for reference in all_references(document)
            if not reference.markdown_image and intrasite(reference.target) is not None)


def stray_markers(document: SourceDocument) -> tuple[Reference, ...]:
    """Each body line with a marker that is in no link, definition or HTML attribute, so
    the page shows it as text (target: the line's text)."""
    return parse(document).stray


def intrasite(target: str) -> tuple[str, str] | None:
    """("filename" | "static" | "attach", path as written) for Pelican's intrasite links."""
    match = _INTRASITE.fullmatch(target)
    return (match.group("what"), match.group("path")) if match else None


#: Pelican's other markers: `{tag}kultura`, `{category}Latgale`, `{author}…`, `{index}`.
_LISTING = re.compile(r"^[{|](?P<what>tag|category|author|index)[}|](?P<value>.*)$")


def listing_marker(target: str) -> tuple[str, str] | None:
    """("tag" | "category" | "author" | "index", the name as written, decoded, no fragment)."""
    match = _LISTING.match(target)
    if not match:
        return None
    return match.group("what"), unquote(match.group("value").split("#", 1)[0].split("?", 1)[0])


def browser_address(value: str, page_scheme: str = "") -> str:
    """An address as a browser reads it on a page whose scheme is `page_scheme` (WHATWG URL
    Standard, "basic URL parser"): ends trimmed, tabs and line ends dropped; with no scheme or
    a special one (`SPECIAL_SCHEMES`), `\\` read as `/` and any number of slashes before the
    host read as `//`: `\\\\x.example\\a.gif`, `/\\x.example/a` and `///x.example/a` are
    `//x.example/…`. A special scheme followed by no slashes depends on the page ("special
    relative or authority state"): `http:x.example/a` is `http://x.example/a` on an `https:`
    page (or with `page_scheme` "", no page), but on an `http:` page the same scheme is
    relative, read as what follows it (`x.example/a`, a path of the page's own site; `http:/a`
    is `/a`). An address that is no web address (`mailto:`) is returned as it is."""
    address = _URL_TABS.sub("", _URL_ENDS.sub("", value))
    scheme = _SCHEME.match(address)
    if scheme and scheme.group("scheme").lower() not in SPECIAL_SCHEMES:
        return address
    address = address.replace("\\", "/")
    if scheme:
        rest = scheme.group("rest").replace("\\", "/")
        if scheme.group("scheme").lower() != page_scheme.lower() or rest.startswith("//"):
            return f"{scheme.group('scheme')}://{rest.lstrip('/')}"
        address = f"./{rest}" if _SCHEME.match(rest) else rest  # a path, not a scheme
    return f"//{address.lstrip('/')}" if address.startswith("//") else address


def is_external(target: str) -> bool:
    """A web address with a scheme (https:, mailto:, webcal:), a `//host` one or a `#fragment`."""
    return bool(_EXTERNAL.match(target))


def is_inside(path: Path, folder: Path) -> bool:
    """Whether a path, with `..` and symbolic links resolved (`os.path.realpath`), lies within
    folder; the content check answers from its listing of content/ (common/contentfolder.py)."""
    real, real_folder = contentfolder.realpath(path), contentfolder.realpath(folder)
    return real == real_folder or real.startswith(real_folder.rstrip(os.sep) + os.sep)


def resolve(target: str, document: SourceDocument, content_root: Path,
            *, relative_to_root: bool = False) -> Path | None:
    """The file a link or image points at, or None when it is not a local file (a web address).

    As in Pelican, a path starting with "/" is inside the content folder and any other path is
    next to the document, unless ``relative_to_root`` (front matter paths such as `image:`)
    and the path has no marker (`image: {static}foto.jpg` is read as in the body, as the images
    plugin reads it: images/paths.content_relative).
    Percent-encoding is decoded: this is the file meant, whether or not Pelican finds it by
    the path as written (:func:`pelican_keys`).
    """
    match = _INTRASITE.fullmatch(target)
    path = match.group("path") if match else target
    path = unquote(path.split("#", 1)[0].split("?", 1)[0])
    if not path or (not match and _EXTERNAL.match(path)):
        return None
    if path.startswith("/") or (relative_to_root and not match):
        return content_root / path.lstrip("/")
    return Path(content_root, posixpath.dirname(document.path), path)


def pelican_keys(in_page: str, document_path: str) -> tuple[str, ...]:
    """The content paths by which Pelican's `Content._link_replacer` looks up the file of a
    `{filename}`/`{static}`/`{attach}` link whose address reads `in_page` in the page's HTML,
    in its order: the URL's path as written, percent-decoded, then with character references
    decoded (`urlparse`: a fragment, query or `;…` ends the path, and `//x` is a host, not a
    path). A path starting with "/" counts from content/ exactly as written (`/x/../a.md` is
    "x/../a.md", `/./a.md` "./a.md": keys no file has); any other counts from the document's
    folder, normalised as `os.path.abspath` does (an empty one, `{filename}#osa`, is that
    folder, or the document itself when it lies in content/ itself: Pelican then asks for the
    document's own path). `document_path` is the document's path under content/."""
    value = _INTRASITE.fullmatch(in_page)
    path = value.group("path") if value else in_page
    if _PLAIN_PATH.fullmatch(path):  # what urlparse, unquote and unescape leave as it is
        return (_content_path(path, document_path),)
    url = urlparse(path)
    keys: list[str] = []
    for path in (url.path, unquote(url.path), urlparse(html.unescape(url.geturl())).path):
        key = _content_path(path, document_path)
        if key not in keys:
            keys.append(key)
    return tuple(keys)


#: A path that urlparse, unquote and html.unescape leave as it is: no scheme, host, query,
#: fragment, parameters, percent-encoding, character reference or leading/control space.
_PLAIN_PATH = re.compile(r"(?!//)[^\s%&;?#:][^%&;?#:\t\r\n]*")


def _content_path(path: str, document_path: str) -> str:
    """The content path Pelican asks for by one URL path (:func:`pelican_keys`)."""
    if path.startswith("/"):
        return path[1:]
    joined = posixpath.join(posixpath.dirname(document_path), path)
    return posixpath.normpath(joined) if joined else document_path
