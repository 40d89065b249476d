"""The W3C Feed Validation Service's rules that can be checked offline, for our feeds.

The service itself is not reachable from the tests, so its checks that matter for us are
encoded here: RFC 4287 required elements, RSS 2.0 required channel and item elements, RFC 822
and RFC 3339 dates, guids ("guid must be a full URL, unless isPermaLink attribute is false"),
entry ids that are URIs (tag: URIs as RFC 4151 writes them), authors with names ("name should
not be blank"), atom:link rel="self", unique ids, absolute URLs (every href, src, srcset,
poster and cite in content and summaries: feed readers have no base URL) and only "safe" HTML
(the validator's acceptable elements and attributes) in content, and its namespace rules
(:func:`namespace_problems`: only namespaces it knows, with their usual prefixes, and XHTML only
inside Atom text of type xhtml). Each function returns a list of problems (empty = clean), so a
failing test shows all of them.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from lxml import etree

ATOM = "http://www.w3.org/2005/Atom"
CONTENT = "http://purl.org/rss/1.0/modules/content/"
MEDIA = "http://search.yahoo.com/mrss/"
DC = "http://purl.org/dc/elements/1.1/"
XHTML = "http://www.w3.org/1999/xhtml"
NS = {"a": ATOM, "content": CONTENT, "media": MEDIA, "dc": DC}

RFC822 = re.compile(r"^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d\d (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|"
                    r"Oct|Nov|Dec) \d{4} \d\d:\d\d:\d\d [+-]\d{4}$")
RFC3339 = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$")
ABSOLUTE = re.compile(r"^https?://[^/]")
#: A URI with a scheme (RFC 3986 §3.1); tag: URIs as RFC 4151 §2.1 writes them.
URI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:\S+$")
TAG_URI = re.compile(r"^tag:[A-Za-z0-9.@-]+,\d{4}(-\d\d){0,2}:\S*$")
URL_ATTRIBUTES = {"href", "src", "poster", "cite"}
# The validator's acceptable HTML (feedvalidator's HTMLValidator lists), the part we might use.
SAFE_ELEMENTS = {"a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "dd", "del",
                 "div", "dl", "dt", "em", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img",
                 "ins", "li", "ol", "p", "pre", "q", "s", "small", "span", "strong", "sub", "sup",
                 "table", "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul"}
SAFE_ATTRIBUTES = {"abbr", "align", "alt", "cite", "class", "colspan", "datetime", "dir", "height",
                   "href", "hreflang", "id", "lang", "rowspan", "scope", "src", "start", "title",
                   "type", "width"}


class _HtmlScan(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in SAFE_ELEMENTS:
            self.problems.append(f"unsafe element <{tag}>")
        for name, value in attrs:
            if name not in SAFE_ATTRIBUTES:
                self.problems.append(f"unsafe attribute {name} on <{tag}>")
            if name in URL_ATTRIBUTES and not _absolute_or_other_scheme(value or ""):
                self.problems.append(f"relative URL {name}={value!r} on <{tag}>")
            if name == "srcset":
                for candidate in (value or "").split(","):
                    url = candidate.split()[0] if candidate.split() else ""
                    if not ABSOLUTE.match(url):
                        self.problems.append(f"relative URL in srcset {url!r} on <{tag}>")


def _absolute_or_other_scheme(url: str) -> bool:
    """http(s) URLs must name a host; mailto:, tel: and the like are absolute by their scheme."""
    return bool(ABSOLUTE.match(url)) or (URI.match(url) is not None
                                         and not url.lower().startswith(("http:", "https:")))


def id_problem(value: str) -> str | None:
    """Why an entry id or a non-permalink guid is not a valid URI, or None."""
    if not URI.match(value):
        return f"id is not a URI: {value!r}"
    if value.startswith("tag:") and not TAG_URI.match(value):
        return f"malformed tag: URI: {value!r}"
    return None


def html_problems(markup: str) -> list[str]:
    scan = _HtmlScan()
    scan.feed(markup)
    scan.close()
    return scan.problems


#: RSS 2.0's own elements; anything else must be in a namespace ("A RSS feed may contain
#: elements and attributes not described on this page, only if those elements and attributes
#: are defined within a namespace"; the validator's "Undefined item element").
RSS_CHANNEL_ELEMENTS = {"title", "link", "description", "language", "copyright", "managingEditor",
                        "webMaster", "pubDate", "lastBuildDate", "category", "generator", "docs",
                        "cloud", "ttl", "image", "rating", "textInput", "skipHours", "skipDays",
                        "item"}
RSS_ITEM_ELEMENTS = {"title", "link", "description", "author", "category", "comments", "enclosure",
                     "guid", "pubDate", "source"}


#: The validator's known namespaces and their usual prefixes, as its ``namespaces`` table
#: (w3c/feedvalidator, src/feedvalidator/base.py). Another namespace is "Use of unknown
#: namespace"; another prefix "Non-standard prefix" (and, for XHTML or Atom in an Atom feed,
#: "Avoid Namespace Prefix").
KNOWN_NAMESPACES = {
    "http://www.bloglines.com/about/specs/fac-1.0": "access",
    "http://webns.net/mvcb/": "admin",
    "http://purl.org/rss/1.0/modules/aggregation/": "ag",
    "http://purl.org/rss/1.0/modules/annotate/": "annotate",
    "http://www.w3.org/2007/app": "app",
    "http://media.tangent.org/rss/1.0/": "audio",
    "http://backend.userland.com/blogChannelModule": "blogChannel",
    "http://web.resource.org/cc/": "cc",
    "http://www.microsoft.com/schemas/rss/core/2005": "cf",
    "http://backend.userland.com/creativeCommonsRssModule": "creativeCommons",
    "http://purl.org/rss/1.0/modules/company": "company",
    "http://purl.org/rss/1.0/modules/content/": "content",
    "http://conversationsnetwork.org/rssNamespace-1.0/": "conversationsNetwork",
    "http://my.theinfo.org/changed/1.0/rss/": "cp",
    "http://purl.org/dc/elements/1.1/": "dc",
    "http://purl.org/dc/terms/": "dcterms",
    "http://purl.org/rss/1.0/modules/email/": "email",
    "http://purl.org/rss/1.0/modules/event/": "ev",
    "http://purl.org/syndication/history/1.0": "fh",
    "http://www.w3.org/2003/01/geo/wgs84_pos#": "geo",
    "http://geourl.org/rss/module/": "geourl",
    "http://www.georss.org/georss": "georss",
    "http://www.opengis.net/gml": "gml",
    "http://postneo.com/icbm": "icbm",
    "http://purl.org/rss/1.0/modules/image/": "image",
    "urn:atom-extension:indexing": "indexing",
    "http://www.itunes.com/dtds/podcast-1.0.dtd": "itunes",
    "http://rssnamespace.org/feedburner/ext/1.0": "feedburner",
    "http://xmlns.com/foaf/0.1/": "foaf",
    "http://purl.org/rss/1.0/modules/link/": "l",
    "http://search.yahoo.com/mrss/": "media",
    "http://www.w3.org/1998/Math/MathML": "mathml",
    "http://a9.com/-/spec/opensearchrss/1.0/": "opensearch10",
    "http://a9.com/-/spec/opensearch/1.1/": "opensearch",
    "http://www.opml.org/spec2": "opml",
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#": "rdf",
    "http://www.w3.org/2000/01/rdf-schema#": "rdfs",
    "http://purl.org/rss/1.0/modules/reference/": "ref",
    "http://purl.org/rss/1.0/modules/richequiv/": "reqv",
    "http://purl.org/rss/1.0/modules/rss091#": "rss091",
    "http://purl.org/rss/1.0/modules/search/": "search",
    "http://purl.org/rss/1.0/modules/slash/": "slash",
    "http://purl.org/rss/1.0/modules/servicestatus/": "ss",
    "http://hacks.benhammersley.com/rss/streaming/": "str",
    "http://purl.org/rss/1.0/modules/subscription/": "sub",
    "http://feedsync.org/2007/feedsync": "sx",
    "http://www.w3.org/2000/svg": "svg",
    "http://purl.org/rss/1.0/modules/syndication/": "sy",
    "http://purl.org/rss/1.0/modules/taxonomy/": "taxo",
    "http://purl.org/rss/1.0/modules/threading/": "thr",
    "http://purl.org/syndication/thread/1.0": "thr",
    "http://madskills.com/public/xml/rss/module/trackback/": "trackback",
    "http://wellformedweb.org/CommentAPI/": "wfw",
    "http://purl.org/rss/1.0/modules/wiki/": "wiki",
    "http://www.usemod.com/cgi-bin/mb.pl?ModWiki": "wiki",
    "http://schemas.xmlsoap.org/soap/envelope/": "soap",
    "http://www.w3.org/2005/Atom": "atom",
    "http://www.w3.org/1999/xhtml": "xhtml",
    "http://my.netscape.com/rdf/simple/0.9/": "rss090",
    "http://purl.org/rss/1.0/": "rss1",
    "http://purl.org/net/rss1.1#": "rss11",
    "http://base.google.com/ns/1.0": "g",
    "http://www.w3.org/XML/1998/namespace": "xml",
    "http://openid.net/xmlns/1.0": "openid",
    "http://earth.google.com/kml/2.0": "kml20",
    "http://earth.google.com/kml/2.1": "kml21",
    "http://www.opengis.net/kml/2.2": "kml22",
    "http://www.w3.org/1999/xlink": "xlink",
    "xri://$xrd*($v*2.0)": "xrd",
    "xri://$xrds": "xrds",
}
#: Atom's text constructs (RFC 4287 §3.1) and content (§4.1.3): the only places the validator
#: reads XHTML in, when their type is xhtml; elsewhere "Misplaced XHTML content".
ATOM_XHTML_PARENTS = {f"{{{ATOM}}}{name}"
                      for name in ("title", "subtitle", "summary", "rights", "content")}


def namespace_problems(data: bytes) -> list[str]:
    """The validator's namespace warnings: every namespace declared or used in the feed is one
    it knows, declared with its usual prefix (or as the default namespace), an Atom feed
    declares no ``atom:``/``xhtml:`` prefix, and XHTML elements are only inside an Atom text
    construct or content of ``type="xhtml"``."""
    root = etree.fromstring(data)
    problems: list[str] = []
    atom_feed = root.tag == f"{{{ATOM}}}feed"
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue  # comments, processing instructions
        parent = element.getparent()
        inherited = parent.nsmap if parent is not None else {}
        for prefix, uri in element.nsmap.items():
            if inherited.get(prefix) == uri:
                continue
            known = KNOWN_NAMESPACES.get(uri)
            if known is None:
                problems.append(f"Use of unknown namespace: {uri} (prefix {prefix})")
            elif prefix is not None and prefix != known:
                problems.append(f"Non-standard prefix {prefix} for {uri} (the validator's: {known})")
            elif atom_feed and prefix in ("atom", "xhtml"):
                problems.append(f"Avoid Namespace Prefix: {prefix}")
        names = [element.tag, *(name for name in element.attrib if name.startswith("{"))]
        for name in names:
            uri = etree.QName(name).namespace
            if uri is not None and uri not in KNOWN_NAMESPACES:
                problems.append(f"Use of unknown namespace: {uri} (<{etree.QName(name).localname}>)")
        if etree.QName(element).namespace == XHTML and not _in_atom_xhtml(element):
            where = parent.tag if parent is not None else "the document"
            problems.append(f"Misplaced XHTML content: <{etree.QName(element).localname}> in {where}")
    return problems


def _in_atom_xhtml(element: etree._Element) -> bool:
    """Whether the XHTML `element` is inside an Atom text construct or content of type xhtml."""
    for ancestor in element.iterancestors():
        if etree.QName(ancestor).namespace != XHTML:
            return ancestor.tag in ATOM_XHTML_PARENTS and ancestor.get("type") == "xhtml"
    return False


def _undefined(element: etree._Element, known: set[str]) -> list[str]:
    return [f"undefined <{child.tag}> in <{element.tag}>" for child in element
            if isinstance(child.tag, str) and not child.tag.startswith("{")
            and child.tag not in known]


def _text(element: etree._Element | None) -> str:
    return (element.text or "").strip() if element is not None else ""


#: A plain-text RSS element whose text holds `&` or `<` written as a named entity, which the
#: validator's RSS profile warns about ("Encode "&" and "<" in plain text using hexadecimal
#: character references": feedvalidator's CharacterData, on the raw text).
_NAMED_ENTITY_TEXT = re.compile(
    rb"<(title|category|dc:creator|author|comments)\b[^>]*>[^<]*&(amp|lt);")


def rss_problems(data: bytes, self_url: str) -> list[str]:
    root = etree.fromstring(data)
    problems: list[str] = []
    if root.tag != "rss" or root.get("version") != "2.0":
        return ["not an RSS 2.0 document"]
    problems += namespace_problems(data)
    problems += [f"{match[1].decode()}: write & and < as &#x26; and &#x3C;"
                 for match in _NAMED_ENTITY_TEXT.finditer(data)]
    channel = root.find("channel")
    problems += _undefined(channel, RSS_CHANNEL_ELEMENTS)
    for item in channel.findall("item"):
        problems += _undefined(item, RSS_ITEM_ELEMENTS)
    for name in ("title", "link", "description"):
        if not _text(channel.find(name)):
            problems.append(f"channel lacks <{name}>")
    if not ABSOLUTE.match(_text(channel.find("link"))):
        problems.append("channel <link> is not an absolute URL")
    selves = channel.findall("a:link[@rel='self']", NS)
    if [s.get("href") for s in selves] != [self_url] or selves[0].get("type") != "application/rss+xml":
        problems.append("channel needs one atom:link rel=self type=application/rss+xml to itself")
    for name in ("pubDate", "lastBuildDate"):
        value = _text(channel.find(name))
        if value and not RFC822.match(value):
            problems.append(f"channel <{name}> is not an RFC 822 date: {value}")
    editor = _text(channel.find("managingEditor"))
    if editor and not re.match(r"^[^@\s]+@[^@\s]+\.[a-z]{2,} \(.+\)$", editor):
        problems.append(f"managingEditor is not 'email (Name)': {editor}")
    image = channel.find("image")
    if image is not None:
        if _text(image.find("link")) != _text(channel.find("link")):
            problems.append("image <link> differs from the channel's")
        if _text(image.find("title")) != _text(channel.find("title")):
            problems.append("image <title> differs from the channel's")
    guids = []
    for item in channel.findall("item"):
        where = _text(item.find("title")) or "item"
        for name in ("title", "link", "description", "guid", "pubDate"):
            if not _text(item.find(name)):
                problems.append(f"{where}: lacks <{name}>")
        guid = item.find("guid")
        if guid is not None:
            guids.append(_text(guid))
            permalink = guid.get("isPermaLink", "true")
            if permalink not in ("true", "false"):
                problems.append(f"{where}: isPermaLink must be true or false, not {permalink!r}")
            elif permalink == "true" and not ABSOLUTE.match(_text(guid)):
                problems.append(f"{where}: guid must be a full URL, unless isPermaLink "
                                f"attribute is false: {_text(guid)}")
            elif permalink == "false" and (why := id_problem(_text(guid))):
                problems.append(f"{where}: guid {why}")
        if not ABSOLUTE.match(_text(item.find("link"))):
            problems.append(f"{where}: <link> is not an absolute URL")
        if not RFC822.match(_text(item.find("pubDate"))):
            problems.append(f"{where}: pubDate is not an RFC 822 date")
        if item.find("media:group", NS) is not None:
            problems.append(f"{where}: media:group around media:content")
        for media in item.findall("media:content", NS):
            if not ABSOLUTE.match(media.get("url", "")):
                problems.append(f"{where}: media:content url is not absolute")
        for name in ("description", "content:encoded"):
            problems += [f"{where}: {p}" for p in html_problems(_text(item.find(name, NS)))]
    if len(guids) != len(set(guids)):
        problems.append("duplicate guids")
    return problems


def atom_problems(data: bytes, self_url: str) -> list[str]:
    root = etree.fromstring(data)
    problems: list[str] = []
    if root.tag != f"{{{ATOM}}}feed":
        return ["not an Atom feed"]
    problems += namespace_problems(data)
    for name in ("id", "title", "updated"):
        if not _text(root.find(f"a:{name}", NS)):
            problems.append(f"feed lacks <{name}>")
    selves = root.findall("a:link[@rel='self']", NS)
    if [s.get("href") for s in selves] != [self_url]:
        problems.append("feed needs one link rel=self to itself")
    if not root.findall("a:link[@rel='alternate']", NS):
        problems.append("feed has no alternate link")
    updated = _text(root.find("a:updated", NS))
    if updated and not RFC3339.match(updated):
        problems.append(f"feed <updated> is not RFC 3339: {updated}")
    for author in root.iter(f"{{{ATOM}}}author"):
        if not _text(author.find("a:name", NS)):
            problems.append("an <author> has no name (name should not be blank)")
    feed_author = bool(_text(root.find("a:author/a:name", NS)))
    ids = []
    for entry in root.findall("a:entry", NS):
        where = _text(entry.find("a:title", NS)) or "entry"
        for name in ("id", "title", "updated"):
            if not _text(entry.find(f"a:{name}", NS)):
                problems.append(f"{where}: lacks <{name}>")
        ids.append(_text(entry.find("a:id", NS)))
        if ids[-1] and (why := id_problem(ids[-1])):
            problems.append(f"{where}: {why}")
        for name in ("updated", "published"):
            value = _text(entry.find(f"a:{name}", NS))
            if value and not RFC3339.match(value):
                problems.append(f"{where}: <{name}> is not RFC 3339: {value}")
        alternates = [link for link in entry.findall("a:link", NS)
                      if link.get("rel", "alternate") == "alternate"]
        if len(alternates) != 1:
            problems.append(f"{where}: {len(alternates)} alternate links (need exactly one)")
        if not all(ABSOLUTE.match(link.get("href", "")) for link in alternates):
            problems.append(f"{where}: alternate link is not an absolute URL")
        if not feed_author and not _text(entry.find("a:author/a:name", NS)):
            problems.append(f"{where}: no author (and none on the feed)")
        summary = entry.find("a:summary", NS)
        if summary is not None and summary.get("type", "text") == "html":
            problems += [f"{where}: summary: {p}" for p in html_problems(_text(summary))]
        content = entry.find("a:content", NS)
        if content is None:
            problems.append(f"{where}: no content")
        else:
            if content.get("type") not in ("text", "html", "xhtml"):
                problems.append(f"{where}: content type {content.get('type')!r} is invalid")
            problems += [f"{where}: {p}" for p in html_problems(_text(content))]
        if entry.find("media:group", NS) is not None:
            problems.append(f"{where}: media:group around media:content")
    if len(ids) != len(set(ids)):
        problems.append("duplicate entry ids")
    return problems


def stylesheet_of(data: bytes) -> tuple[str, str] | None:
    """(type, href) of the document's xml-stylesheet processing instruction, if any."""
    match = re.search(rb'<\?xml-stylesheet type="([^"]+)" href="([^"]+)"\?>', data[:400])
    return (match.group(1).decode(), match.group(2).decode()) if match else None
