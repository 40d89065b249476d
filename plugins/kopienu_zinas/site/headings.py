"""Rule: the body has no main heading (`<h1>`) of its own; the page shows `title:` as its one.

The article, page and newsletter-issue templates write the title (an issue: its month) as the
page's `<h1>`. A Word document converted with pandoc starts with its title as `# Title` (or
`Title` over `===`), and a `#` at a line's start (`#birka`) is a level-1 heading to Markdown
too: the page then has two main headings, which breaks the outline screen-reader users move by
(WCAG 2.1 SC 1.3.1 Info and Relationships, SC 2.4.6 Headings and Labels; WAI tutorial "Page
Structure: Headings": one `<h1>` per page).

Each such heading is a warning at its line: one with the title's words ("nearly": the same
slug, or 90 % alike) is to be deleted, another is to be written `##`. A warning, not an
error: the preview and `make html` still show the page (exactly as it would be published, so
the editor sees the repeated heading), and `make check` and `make publish`, which are strict,
stop on it, so two main headings are never published. The page is not rewritten: which of
the two headings is meant, and what the levels below it should become, is the editor's call.

The headings are the ones Markdown makes (the site's own converter, the one the raw-HTML rule
uses: a `#` in a code block or a comment is none, one in a quotation or a list item is one,
and so is a raw `<h1>`); each is named at the source line that holds its text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from difflib import SequenceMatcher
from html.parser import HTMLParser
from typing import Any

from ..common.frontmatter import SourceDocument
from ..common.problems import ContentProblem
from ..common.slugs import slugify
from .foreign import prose
from .rawhtml import converter

#: A body that may hold a level-1 heading: a `#` (not `##`) first on a line (after quotation or
#: list marks), a setext `===` underline, or a raw `<h1`. Anything else is never converted.
_MAY_HOLD = re.compile(r"^[ \t>*+\-\d.)]*#(?!#)|^[ \t>]*=+[ \t]*$|<h1\b", re.M | re.I)
#: Source lines that can start a level-1 heading: an ATX `#` line, a raw `<h1`.
_HEADING_LINE = re.compile(r"^[ \t>*+\-\d.)]*#(?!#)|<h1\b", re.I)
#: A setext underline (the line before it is the heading).
_UNDERLINE = re.compile(r"^[ \t>]*=+[ \t]*$")
#: The documents whose body is shown under a page's own `<h1>`.
KINDS = ("article", "page", "newsletter")
#: How alike two titles' slugs must be to count as the same title (difflib ratio).
SAME_TITLE = 0.9

_REPEATED = ("virsraksts tekstā atkārto raksta virsrakstu, ko lapa jau rāda (divi galvenie "
             "virsraksti)",
             "the text repeats the title as a heading; the page shows title: already (two main "
             "headings)")
_REPEATED_FIX = ("izdzēs šo virsraksta rindu (un === rindu zem tās, ja ir): lapā virsrakstu rāda "
                 "no 'title:'")
_SECOND = ("virsraksts ar vienu # ir otrs galvenais virsraksts lapā (pirmais ir 'title:')",
           "a heading with one # is a second main heading on the page (the first is title:)")


def check_document(sender: Any, document: SourceDocument,
                   settings: dict[str, Any]) -> list[ContentProblem]:
    """document_check: each level-1 heading of an article's, page's or newsletter
    introduction's body, a warning at its line."""
    if not document.header_found or document.node is None or document.kind not in KINDS \
            or not _MAY_HOLD.search(document.body):
        return []
    body_html = converter(settings).of(document.metadata.get("lang")).reset().convert(
        document.written_body)
    found = _MainHeadings()
    found.feed(body_html)
    found.close()
    if not found.texts:
        return []
    title = document.metadata.get("title")
    return [replace(problem, severity="warning") for problem in
            _problems(document, found.texts, title if isinstance(title, str) else "")]


def same_title(heading: str, title: str) -> bool:
    """Whether a heading says the title (case, accents, punctuation and a typo aside): their
    slugs (common/slugs.slugify) equal or at least :data:`SAME_TITLE` alike."""
    heading_slug, title_slug = slugify(heading), slugify(title)
    return bool(title_slug) and (heading_slug == title_slug or SequenceMatcher(
        None, heading_slug, title_slug).ratio() >= SAME_TITLE)


def _problems(document: SourceDocument, texts: list[str], title: str
              ) -> Iterator[ContentProblem]:
    lines = prose(document).split("\n")
    candidates = [index for index, line in enumerate(lines)
                  if _HEADING_LINE.search(line) or (
                      line.strip() and index + 1 < len(lines)
                      and _UNDERLINE.match(lines[index + 1]))]
    after = 0
    for text in texts:
        index = _line_of(text, lines, candidates, after)
        if index is not None:
            after = index + 1
        line = document.body_line + (index or 0)
        written = lines[index].strip() if index is not None else f"# {text}"
        if same_title(text, title):
            yield ContentProblem(document.path, line, "heading", *_REPEATED, _REPEATED_FIX,
                                 written)
        else:
            yield ContentProblem(document.path, line, "heading", *_SECOND,
                                 _second_fix(written, text), written)


def _line_of(text: str, lines: list[str], candidates: list[int], after: int) -> int | None:
    """The index of the source line of a heading whose text is `text`: the first candidate
    from `after` on that holds the text (in any case), else the first candidate from there."""
    later = [index for index in candidates if index >= after]
    wanted = text.casefold()
    return next((index for index in later if wanted in lines[index].casefold()),
                later[0] if later else None)


def _second_fix(written: str, text: str) -> str:
    if "<h1" in written.lower():
        return f"raksti <h2>{text}</h2>, vai Markdown: ## {text}"
    if "#" not in written:
        return f"raksti ## {text} un izdzēs === rindu zem tā (starpvirsraksts)"
    return (f"raksti ## {text} (starpvirsraksts); ja tas nav virsraksts, bet teksts ar # "
            "sākumā (#birka), raksti \\# (ar slīpsvītru priekšā)")


class _MainHeadings(HTMLParser):
    """The text of each `<h1>` in an HTML fragment, in order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.texts: list[str] = []
        self._depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "h1":
            if not self._depth:
                self.texts.append("")
            self._depth += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "h1" and self._depth:
            self._depth -= 1
            if not self._depth:
                self.texts[-1] = " ".join(self.texts[-1].split())

    def handle_data(self, data: str) -> None:
        if self._depth:
            self.texts[-1] += data
