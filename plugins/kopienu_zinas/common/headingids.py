"""A Python-Markdown extension that gives every heading an id, so `#fragment` links work.

Google Docs' tables of contents, pandoc's `{#_Toc…}`, Obsidian's `[[#Virsraksts]]` and Typora
all link to headings; without ids every such link was dead. :class:`HeadingIds` writes them
as Python-Markdown's `toc` extension does (with its helpers), but without the table of
contents `toc` builds and serialises for every page. The id is :func:`heading_id`: the site's
own slug (Pelican's default, common/slugs.py: `## Starpvirsraksts ar garumzīmēm` →
`starpvirsraksts-ar-garumzimem`, the way events' anchors `#notikums-…` are made), stable while
the heading's words stay. An id the editor wrote (`## Virsraksts {#_Toc12}`, attr_list) is
kept; a second heading with the same words gets `_1`, `_2` (toc's own rule). An id the
theme's templates write on an article's page (:data:`THEME_IDS`, :data:`THEME_ID_PREFIXES`: a
heading "Saturs" would clash with the page's `#saturs`) is taken as `virsraksts-…` instead.
`[TOC]` stays text (the content check names Typora's `[toc]`, site/foreign.py).

Every converter of the site has it: `common/sourcereader.complete_arguments` adds it to the
Markdown arguments, which are part of the reading cache's key.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as etree

from markdown import Markdown
from markdown.extensions import Extension
from markdown.extensions.toc import remove_fnrefs, render_inner_html, strip_tags, unique
from markdown.treeprocessors import Treeprocessor

from .slugs import slugify

#: This module, as Markdown's `extensions` names it.
NAME = __name__
#: Ids the theme's templates write (tests/unit/test_editors_syntax.py reads every literal
#: `id="…"` in theme/templates and finds it here or under a prefix below).
THEME_IDS = frozenset({
    "arhivs", "citas-zinas", "copy-status", "galerija", "galerijas", "gaidamie-pasakumi",
    "ievads", "izdevums", "izdevums-adrese", "izdevums-epasta", "jaunakas",
    "jaunakas-galerijas", "kalendari", "meklesana", "meklesanas-rezultati",
    "meklesanas-statuss", "meklesanas-teksti", "meklesanas-vards", "meklesanas-virsraksts",
    "pasakumi", "plusmas", "preview-problems-title", "regiona-galerijas", "regiona-pasakumi",
    "saturs", "vietnes-meklesana", "vietnes-meklesana-nosaukums", "zinas"})
#: Starts of the ids templates make from data: events (`notikums-…`, events/identity.py),
#: months, years, archive months, address fields.
THEME_ID_PREFIXES = ("notikums", "menesis-", "izdevumi-", "arhivs-")
#: What a heading's id starts with where its slug is one of the theme's.
RESERVED_PREFIX = "virsraksts-"
#: The elements that are headings.
_HEADING = re.compile("h[1-6]")
#: Where `toc` runs its tree processor: after the inline ones and prettify.
PRIORITY = 5


def heading_id(text: str, separator: str = "-") -> str:
    """The id of a heading whose text is `text` (toc's slugify: `separator` is always "-"):
    its slug, `virsraksts-<slug>` where that is one of the theme's ids, "virsraksts" for a
    heading with no letter or digit."""
    slug = slugify(text)
    if not slug:
        return RESERVED_PREFIX.rstrip("-")
    if slug in THEME_IDS or slug.startswith(THEME_ID_PREFIXES):
        return RESERVED_PREFIX + slug
    return slug


class HeadingIds(Treeprocessor):
    """Sets the id of each heading without one, as `toc`'s own tree processor does (its
    helpers: the heading's text without footnote marks, tags and character references; ids
    made unique with `_1`), without the table of contents it also builds and serialises."""

    def run(self, root: etree.Element) -> None:
        used = {element.attrib["id"] for element in root.iter() if "id" in element.attrib}
        counters: dict[str, int] = {}
        for element in root.iter():
            if isinstance(element.tag, str) and _HEADING.fullmatch(element.tag) \
                    and "id" not in element.attrib:
                words = html.unescape(strip_tags(render_inner_html(remove_fnrefs(element),
                                                                   self.md)))
                element.attrib["id"] = unique(heading_id(words), used, counters)


class HeadingIdsExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        md.treeprocessors.register(HeadingIds(md), "heading_ids", PRIORITY)


def makeExtension(**kwargs: object) -> HeadingIdsExtension:
    """What Markdown calls for `extensions=["kopienu_zinas.common.headingids"]`."""
    return HeadingIdsExtension(**kwargs)
