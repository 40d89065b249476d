"""SVG drawings under content/: checked as an article's raw HTML is, published cleaned.

An SVG file is a page to the browser: opened from the site's own address it runs its scripts
there, where /admin/ keeps the signed-in editor; and Inkscape and Illustrator write the
author's name, a home-folder path (`inkscape:export-filename`) and their own data into it (QA
report of session 9, fault 1). So a drawing is published only when :func:`faults` finds
nothing: what site/rawhtml.py refuses in an article's HTML (a `<script>`, an event handler, a
`javascript:` address, a resource from another site in an attribute or a style, a `data:`
picture, `<animate>`/`<set>` of an address; its definitions, applied to every element, each at
its line), a `<foreignObject>` or any element of the XHTML namespace (HTML inside the
drawing), an `<?xml-stylesheet?>`. What is published is :func:`cleaned`: the SVG elements with
their plain, `xlink:` and `xml:space`/`xml:lang` attributes; no `<metadata>` (RDF, author,
licence), comments, processing instructions, DOCTYPE, nor any element or attribute of another
namespace (sodipodi:, inkscape:, Illustrator's, Sketch's…). The editor's file is never changed.

Parsed with lxml (libxml2): namespaces as a browser reads them (`<svg:script>`, `<html:script>`
are scripts), each element's line, internal entities expanded (Illustrator writes them; one may
hold a script), within libxml2's amplification limit; no external entity, DTD or network.
"""

from __future__ import annotations

import html
from collections.abc import Iterator
from dataclasses import dataclass

from lxml import etree

from ..common.problems import ContentProblem
from ..site.linkcheck import SiteAddress
from ..site.rawhtml import Fault, find_faults

#: The ending of the files this module checks and cleans (lower case, no dot).
ENDING = "svg"
SVG = "http://www.w3.org/2000/svg"
XLINK = "http://www.w3.org/1999/xlink"
XHTML = "http://www.w3.org/1999/xhtml"
XML = "http://www.w3.org/XML/1998/namespace"
#: Attributes of the XML namespace kept in the published copy (`xml:base` would move addresses).
_KEPT_XML = frozenset({"space", "lang"})
_PARSER = etree.XMLParser(resolve_entities="internal", no_network=True, load_dtd=False,
                          huge_tree=False)
_FIELD = "svg"
#: The fix of every fault but an embedded picture: the article's fixes speak of Markdown.
_EDIT_FIX = "izdzēs to zīmējumā (Inkscape: Rediģēt → XML redaktors) vai eksportē zīmējumu kā PNG"
_FOREIGN = ("<foreignObject> netiek publicēts: HTML zīmējumā pārlūks rāda un izpilda kā lapu",
            "<foreignObject> is not allowed: browsers show and run the HTML inside a drawing "
            "as a page")
_XHTML = ("HTML elements zīmējumā netiek publicēts: pārlūks to izpilda kā lapu",
          "an HTML element inside a drawing is not allowed: browsers run it as a page")
_STYLESHEET = ("<?xml-stylesheet?> ielādē stila vai XSLT failu",
               "<?xml-stylesheet?> loads a style or XSLT file")
_EMBEDDED_FIX = ("saglabā zīmējumu ar saistītu, nevis iegultu attēlu, vai eksportē to kā PNG "
                 "(attēla GPS un kameras dati citādi tiktu publicēti)")


@dataclass(frozen=True)
class Drawing:
    """A parsed SVG: its root element, or why it cannot be read (`unreadable`, with the
    line), never both."""

    root: etree._Element | None
    unreadable: str = ""
    line: int = 0


def parse(data: bytes) -> Drawing:
    """The SVG in `data`; an XML error, an entity left unexpanded (an external one) or a root
    other than `<svg>` is `unreadable`."""
    try:
        root = etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError as error:
        return Drawing(None, str(error.msg or error), error.lineno or 0)
    if etree.QName(root).localname != "svg" or etree.QName(root).namespace not in (SVG, None):
        return Drawing(None, f"saknes elements ir <{etree.QName(root).localname}>, ne <svg>", 1)
    entity = next(root.iter(etree.Entity), None)
    if entity is not None:
        return Drawing(None, f"ārēja vienība {entity.text}", entity.sourceline or 0)
    return Drawing(root)


def problems(path: str, data: bytes, sites: tuple[SiteAddress, ...]) -> list[ContentProblem]:
    """Why the SVG `data` (at `path` under content/) is not published, each at its line; []
    when it is (then as :func:`cleaned`). `sites`: the site's own addresses."""
    drawing = parse(data)
    if drawing.root is None:
        return [ContentProblem(
            path, drawing.line, _FIELD, "SVG failu nevar nolasīt", "the SVG file cannot be read",
            "saglabā zīmējumu no jauna kā SVG (Inkscape: „Saglabāt kā” → „Optimizēts SVG”) vai "
            "eksportē to kā PNG", drawing.unreadable)]
    return [ContentProblem(path, line, _FIELD, fault.what_lv, fault.what_en,
                           _EMBEDDED_FIX if fault.value.lower().startswith("data:") else _EDIT_FIX,
                           fault.value)
            for line, fault in faults(drawing.root, sites)]


def faults(root: etree._Element, sites: tuple[SiteAddress, ...]) -> Iterator[tuple[int, Fault]]:
    """(line, fault) of everything in the drawing that must not be published, in document
    order; `<metadata>` and elements of other namespaces than SVG's, XHTML's and none are
    skipped (:func:`cleaned` leaves them out)."""
    for node in root.iter():
        line = node.sourceline or 0
        if isinstance(node, etree._ProcessingInstruction):
            if node.target == "xml-stylesheet":
                yield line, Fault(_FIELD, *_STYLESHEET, "izdzēs rindu <?xml-stylesheet …?>",
                                  f"<?xml-stylesheet {node.text or ''}?>", ())
            continue
        if not isinstance(node.tag, str) or _left_out(node) or _in_foreign_object(node):
            continue
        name = etree.QName(node)
        if name.namespace == XHTML:
            yield line, Fault(_FIELD, *_XHTML, _EDIT_FIX, f"<{name.localname}>", ())
        elif name.localname == "foreignObject":
            yield line, Fault(_FIELD, *_FOREIGN, _EDIT_FIX, "<foreignObject>", ())
        else:
            yield from ((line, fault) for fault in find_faults(_as_html(node), sites))


def _left_out(element: etree._Element) -> bool:
    """Is the element left out of the published copy: in `<metadata>`, or itself or an
    ancestor in a namespace other than SVG's, XHTML's or none?"""
    for node in (element, *element.iterancestors()):
        name = etree.QName(node)
        if name.namespace not in (SVG, XHTML, None) or name.localname == "metadata":
            return True
    return False


def _in_foreign_object(element: etree._Element) -> bool:
    """Is the element inside a `<foreignObject>` (refused once, as a whole)?"""
    return any(etree.QName(node).localname == "foreignObject"
               for node in element.iterancestors())


def _published_name(key: str) -> str | None:
    """An attribute's name as HTML writes it (`xlink:href`), or None for one the published
    copy leaves out (another namespace's, `xml:base`)."""
    name = etree.QName(key)
    if name.namespace is None:
        return str(name.localname)
    if name.namespace == XLINK:
        return f"xlink:{name.localname}"
    if name.namespace == XML and name.localname in _KEPT_XML:
        return f"xml:{name.localname}"
    return None


def _attributes(element: etree._Element) -> Iterator[tuple[str, str]]:
    """(name as HTML writes it, value) of the attributes the published copy keeps."""
    for key, value in element.attrib.items():
        shown = _published_name(key)
        if shown is not None:
            yield shown, value


def _as_html(element: etree._Element) -> str:
    """The element's start tag as rawhtml.find_faults reads HTML (a `<style>`'s text too); a
    presentation attribute that may load an address (`fill="url(…)"`, `mask`, `filter`) is
    read as the style it is."""
    attributes = list(_attributes(element))
    styles = [f"{name}:{value}" for name, value in attributes
              if name != "style" and "url(" in value.lower()]
    written = "".join(f' {name}="{html.escape(value)}"' for name, value in
                      [*attributes, *([("style", ";".join(styles))] if styles else [])])
    tag = etree.QName(element).localname
    text = (element.text or "") if tag == "style" else ""
    return f"<{tag}{written}>{text}</{tag}>" if text else f"<{tag}{written}>"


def cleaned(root: etree._Element) -> bytes:
    """The published copy of a drawing :func:`faults` found nothing in (UTF-8, with an XML
    declaration): the elements and attributes it keeps, nothing of the editor's. The parsed
    tree is changed."""
    for node in list(root.iter()):
        parent = node.getparent()
        if parent is not None and (not isinstance(node.tag, str) or _left_out(node)):
            _remove(node)
    for element in root.iter(etree.Element):
        for key in [key for key in element.attrib if _published_name(key) is None]:
            del element.attrib[key]
    etree.cleanup_namespaces(root)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8") + b"\n"


def _remove(node: etree._Element) -> None:
    """Take `node` out of its parent, keeping the text that follows it (its tail)."""
    parent = node.getparent()
    if node.tail:
        previous = node.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + node.tail
        else:
            parent.text = (parent.text or "") + node.tail
    parent.remove(node)


def publishable(data: bytes, sites: tuple[SiteAddress, ...]) -> bytes | None:
    """The cleaned copy of the SVG `data` to publish, or None when it is refused
    (:func:`problems` says why)."""
    drawing = parse(data)
    if drawing.root is None or next(faults(drawing.root, sites), None) is not None:
        return None
    return cleaned(drawing.root)
