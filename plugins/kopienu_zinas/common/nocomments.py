"""A Python-Markdown extension that publishes no HTML comment.

Editors "comment out" text (`<!-- avota tālrunis … -->`, `teksts <!-- X --> beigas`) expecting
it hidden, but Markdown passes raw HTML, comments included, into the page, and from there into
the feeds, the newsletter, the search index and the summaries. Markdown keeps every piece of
raw HTML (a block, an inline tag, a comment) in its stash until its `raw_html` postprocessor
puts them back; this extension's postprocessor runs just before and removes each
`<!-- … -->` from them. Text Markdown escaped (`<!--` in a code span or a code block is
`&lt;!--`) is no raw HTML and stays visible. An unclosed `<!--` is text on the page, not a
comment: the content check names it (site/rawhtml.py).

Every converter of the site has it: `common/sourcereader.complete_arguments` adds it to the
Markdown arguments, which are part of the reading cache's key.

What is not published is not checked either: the content rules read a document's body with
its comments blanked (:func:`blank_comments`, the `body` of common/frontmatter.py's
SourceDocument), so a broken link, a missing picture, sample text or raw HTML inside a comment
is no problem; only the rules about comments themselves (site/rawhtml.py: one published as
text, an unclosed one) read the body as written.
"""

from __future__ import annotations

import re

from markdown import Markdown, util
from markdown.extensions import Extension
from markdown.postprocessors import Postprocessor

#: This module, as Markdown's `extensions` names it.
NAME = __name__
#: An HTML comment (what HTML ends at the first `-->`).
COMMENT = re.compile(r"<!--.*?-->", re.S)
#: The problem of a comment where it is published as text (Latvian, English, how to fix): a
#: front-matter or captions.yml value, an attribute (a picture's description, a link's title);
#: this extension hides comments only in the body text.
COMMENT_AS_TEXT = ("komentārs šeit tiek publicēts kā teksts (komentāri ir paslēpti tikai "
                   "raksta tekstā)",
                   "a comment here is published as text (comments are hidden only in the "
                   "body text)", "izdzēs to")
#: Markdown's `raw_html` postprocessor runs at priority 30; this one just before it.
PRIORITY = 35
#: A line opening or closing fenced code (shown as written: a `<!--` there is text).
_FENCE = re.compile(r"^[ \t]{0,3}(?:```|~~~)", re.M)
#: What :func:`blank_comments` looks for outside fenced code: a fence, a code span on one line
#: (shown as written too), a comment.
_FENCE_CODE_OR_COMMENT = re.compile(
    rf"(?P<fence>{_FENCE.pattern})|(?P<ticks>`+)[^`\n]*?(?P=ticks)"
    rf"|(?P<comment>{COMMENT.pattern})", re.M | re.S)


def blank_comments(body: str) -> str:
    """`body` (Markdown) without its comments, each closed `<!-- … -->` outside code (fenced
    code, a code span) replaced by its line ends (every other line keeps its number); an
    unclosed `<!--` stays (it is published as text), and so does code."""
    if "<!--" not in body:
        return body
    kept, position, fenced = [], 0, False
    while found := (_FENCE if fenced else _FENCE_CODE_OR_COMMENT).search(body, position):
        if not fenced and found.group("comment"):
            kept += [body[position:found.start()], "\n" * found.group().count("\n")]
        else:  # code, kept; a fence opens fenced code or, in it, closes it
            if fenced or found.group("fence"):
                fenced = not fenced
            kept.append(body[position:found.end()])
        position = found.end()
    kept.append(body[position:])
    return "".join(kept)


class DropComments(Postprocessor):
    """Removes the comments from the raw HTML Markdown stashed; a block that held nothing
    else (a comment on lines of its own) is taken out of `text` with the paragraph Markdown
    put around it, so that no empty `<p>` is left."""

    def run(self, text: str) -> str:
        blocks = self.md.htmlStash.rawHtmlBlocks
        for index, block in enumerate(blocks):
            if not isinstance(block, str) or "<!--" not in block:
                continue
            kept = blocks[index] = COMMENT.sub("", block)
            if not kept.strip():
                wrapped = f"<p>{util.HTML_PLACEHOLDER % index}</p>"
                text = text.replace(f"{wrapped}\n", "").replace(wrapped, "")
        return text


class NoCommentsExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        md.postprocessors.register(DropComments(md), "drop_comments", PRIORITY)


def makeExtension(**kwargs: object) -> NoCommentsExtension:
    """What Markdown calls for `extensions=["kopienu_zinas.common.nocomments"]`."""
    return NoCommentsExtension(**kwargs)
