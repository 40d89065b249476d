"""Other tools' syntax that Python-Markdown publishes as text: named at its line, with the
Markdown to write instead.

Editors write in Obsidian, Typora or Word and paste or convert the text. What those tools mean
by their own syntax, Markdown here reads as plain text and publishes without a word:

- Obsidian: `![[foto.png]]` (the picture is lost, its name is shown), `[[raksts]]` and
  `[[raksts|teksts]]` links (text, no link), `%%komentārs%%` (meant hidden: published!),
  `> [!note]` callouts (a quotation starting with "[!note]");
- pandoc's own Markdown (`pandoc doc.docx -t markdown`, what Word and LibreOffice documents
  become): `{width="1.6in" height=…}` after a picture (text when it spans a line, an
  attribute browsers refuse when it does not), `[teksts]{.underline}`, `::: {custom-style=…}`
  fenced divs, simple and grid tables (lost: rules and space-padded text) and a `\\` line
  break; `-t gfm-raw_html` writes none of these;
- Typora: `[toc]`, `==iezīmēts==`, `$E=mc^2$` and `$$…$$` (warnings: only the marks show).

A rule is a pattern over the body's prose (:func:`prose`: fenced and indented code, code
spans and HTML comments blanked, so syntax shown as code is never named; lines kept) with its
message; a match right after a backslash is escaped, and each place is named by one rule only
(the first in :data:`RULES`). Each problem is at the line where its match starts.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, Literal

from ..common.frontmatter import SourceDocument
from ..common.headingids import heading_id
from ..common.problems import ContentProblem
from .references import body_lines

#: A fix made from what matched (`match.group("name")` …).
Fix = Callable[[re.Match[str]], str]
_PICTURE_ENDINGS = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".heic", ".tif", ".tiff",
                    ".bmp", ".svg")


@dataclass(frozen=True)
class Rule:
    """One foreign syntax: its pattern (run over :func:`prose`), the text (lower case) that
    must be in the body, in any case, for it to match at all, the message and its fix."""

    pattern: re.Pattern[str]
    needle: str
    what_lv: str
    what_en: str
    fix: Fix
    severity: Literal["error", "warning"] = "error"


def _picture_or_page(match: re.Match[str]) -> str:
    """The Markdown for an Obsidian embed: a picture from content/atteli/, else a link."""
    name = match.group("name").strip()
    if name.lower().endswith(_PICTURE_ENDINGS):
        return (f"raksti ![kas redzams attēlā]({{static}}/atteli/{name}) un ieliec attēlu "
                "mapē content/atteli/")
    return f"raksti saiti: [teksts]({{filename}}/{_page(name)})"


def _page(target: str) -> str:
    """`raksts.md#virsraksta-id` for an Obsidian link's `raksts#Virsraksts` (the heading's id
    as the site writes it, common/headingids.py)."""
    name, hash_, heading = target.strip().partition("#")
    place = f"#{heading_id(heading)}" if hash_ else ""
    if not name:
        return place
    return f"{name if name.endswith('.md') else name + '.md'}{place}"


def _link(match: re.Match[str]) -> str:
    target = match.group("target")
    text = (match.group("text") or target.lstrip("#")).strip()
    page = _page(target)
    where = page if page.startswith("#") else "{filename}/" + page
    return f"raksti [{text}]({where}) (ceļš līdz failam no content/ mapes)"


OBSIDIAN = (
    Rule(re.compile(r"!\[\[(?P<name>[^\[\]\n|#]+)(?:#[^\[\]\n|]*)?(?:\|[^\[\]\n]*)?\]\]"),
         "![[", "Obsidian iegulšana ![[…]] netiek lasīta: attēls pazustu, lapā būtu teksts",
         "an Obsidian embed ![[…]]: the picture is lost and its name published as text",
         _picture_or_page),
    Rule(re.compile(r"\[\[(?P<target>[^\[\]\n|]+)(?:\|(?P<text>[^\[\]\n]*))?\]\](?![(\[])"),
         "[[", "Obsidian saite [[…]] netiek lasīta: lapā būtu teksts, ne saite",
         "an Obsidian link [[…]] is published as text, not as a link", _link),
    Rule(re.compile(r"%%(?P<text>.*?)%%", re.S), "%%",
         "Obsidian komentārs %%…%% tiek publicēts: lasītāji to redz",
         "an Obsidian comment %%…%% is published: readers see it",
         lambda _match: "raksti komentāru kā <!-- … --> (netiek publicēts) vai pārcel to uz "
                        "galvenes lauku notes:"),
    Rule(re.compile(r"^[ ]{0,3}>[ ]?\[!(?P<kind>[\w-]+)\][+-]?", re.M), "[!",
         "Obsidian izcēlums > [!…] netiek lasīts: lapā būtu citāts ar tekstu [!…]",
         "an Obsidian callout > [!…] is published as a quotation starting with [!…]",
         lambda match: f"izdzēs [!{match.group('kind')}]; virsrakstam raksti "
                       "> **Piezīme:** …", "warning"),
)
#: What pandoc's own Markdown (its default `-t markdown`, what Word and LibreOffice documents
#: become) writes and Markdown here does not read; `-t gfm-raw_html` writes none of it.
_GFM = ("pārveido dokumentu no jauna: pandoc dokuments.docx -t gfm-raw_html --wrap=none "
        "--extract-media=atteli/dokuments -o raksts.md")
PANDOC = (
    Rule(re.compile(r"(?<=[)\]])\{(?!:)(?P<attributes>[^{}]*\b(?:width|height)=[^{}]*)\}"),
         "width=", "pandoc attēla izmērs {width=…}: lapā tas būtu teksts (vai nederīgs izmērs)",
         "pandoc's picture size {width=…} is published as text (or as a size browsers "
         "refuse)",
         lambda _match: "izdzēs {…} aiz attēla: attēla izmēru nosaka vietne"),
    Rule(re.compile(r"\[(?P<text>[^\[\]\n]+)\]\{(?P<attributes>[.#][^{}\n]*|[\w-]+=[^{}\n]*)\}"),
         "]{", "pandoc teksta stils [teksts]{.…} netiek lasīts: lapā būtu iekavas un stils",
         "pandoc's styled text [text]{.…} is published with its brackets and style",
         lambda match: f"raksti tikai tekstu: {match.group('text')} (izcelt: "
                       f"**{match.group('text')}**)"),
    Rule(re.compile(r"^[ ]{0,3}:{3,}[ \t]*(?:\{[^}\n]*\}|[\w-]+)[^\n]*$", re.M), ":::",
         "pandoc bloks ::: netiek lasīts: lapā būtu ::: rindas un stils",
         "a pandoc fenced div ::: is published as text with its style",
         lambda _match: "izdzēs abas ::: rindas (citātam raksti > rindas sākumā); vai " + _GFM),
    Rule(re.compile(r"^[ ]*-{3,}(?:[ ]+-{3,})+[ ]*$", re.M), "---",
         "pandoc tabula netiek lasīta: lapā būtu svītras un teksts ar atstarpēm",
         "a pandoc table is lost: published as rules and space-padded text",
         lambda _match: "raksti Markdown tabulu: | Vārds | Loma | rindā, zem tās |---|---|, tad "
                        "| Ilze | vadītāja |; vai " + _GFM),
    Rule(re.compile(r"^[ ]*\+(?:[-=:]+\+)+[ ]*(?:\n[ ]*[+|].*)*$", re.M), "+-",
         "pandoc režģa tabula netiek lasīta: lapā būtu svītras un teksts",
         "a pandoc grid table is lost: published as text",
         lambda _match: "raksti Markdown tabulu: | Vārds | Loma | rindā, zem tās |---|---|, tad "
                        "| Ilze | vadītāja |; vai " + _GFM),
    Rule(re.compile(r"\\\n(?=[ ]*\S)"), "\\\n",
         "rindas beigās \\ (pandoc rindas pārnesums) lapā būtu redzams",
         "a backslash line break (pandoc's) is published as a backslash",
         lambda _match: "izdzēs \\ rindas beigās; jaunai rindai rindkopā raksti rindas beigās "
                        "divas atstarpes"),
)
#: Typora's (and Obsidian's) extensions: warnings, the page only shows the marks.
TYPORA = (
    Rule(re.compile(r"^[ ]{0,3}\[toc\][ ]*$", re.M | re.I), "[toc]",
         "Typora satura rādītājs [toc] netiek veidots: lapā būtu teksts [toc]",
         "Typora's [toc] makes no table of contents: it is published as text",
         lambda _match: "izdzēs [toc] (vai uzraksti sarakstu ar saitēm uz virsrakstiem)",
         "warning"),
    Rule(re.compile(r"==(?=[^\s=])(?P<text>[^=\n]*?[^\s=])=="), "==",
         "iezīmēšana ==…== netiek lasīta: lapā būtu vienādības zīmes",
         "a ==highlight== is published with its equals signs",
         lambda match: f"raksti **{match.group('text')}** (treknraksts)", "warning"),
    Rule(re.compile(r"\$\$.+?\$\$|(?<![\w$])\$(?=[^\s$0-9])(?P<text>[^$\n]*?[^\s$\\])\$(?![0-9])", re.S),
         "$", "formula $…$ netiek attēlota: lapā būtu teksts ar $ zīmēm",
         "$math$ is not typeset: it is published as text with its dollar signs",
         lambda _match: "raksti formulu kā tekstu (E = mc², ar Unicode zīmēm) vai "
                        "ieliec attēlu", "warning"),
)
RULES: tuple[Rule, ...] = OBSIDIAN + PANDOC + TYPORA

#: Blanked before the rules run: HTML comments and code spans (any run of backticks closed by
#: the same run), their line breaks kept.
_COMMENT_OR_CODE = re.compile(r"<!--.*?-->|(?<!`)(?P<ticks>`+)(?!`).+?(?<!`)(?P=ticks)(?!`)",
                              re.S)
#: An indented code line: four spaces or a tab (read so only after a blank or code line).
_INDENTED = re.compile(r"^(?: {4}|\t)")


def check_document(sender: Any, document: SourceDocument,
                   settings: dict[str, Any]) -> list[ContentProblem]:
    """document_check: each foreign syntax in the body, at its line."""
    lowered = document.body.lower()
    rules = [rule for rule in RULES if rule.needle in lowered]
    if not rules:
        return []  # nearly every document: a few substring searches
    return list(_found(document, prose(document), rules))


def prose(document: SourceDocument) -> str:
    """The body as Markdown reads it as text, one line per line of the file: fenced and
    indented code, code spans and HTML comments blanked (spaces; line breaks kept)."""
    lines = document.body.split("\n")
    kept = dict(body_lines(document))
    shown: list[str] = []
    code = False
    for number in range(document.body_line, document.body_line + len(lines)):
        line = kept.get(number, "")
        previous_blank = not shown or not shown[-1].strip()
        code = bool(_INDENTED.match(line)) and (previous_blank or code) and bool(line.strip())
        shown.append("" if code else line)
    return _COMMENT_OR_CODE.sub(_blank, "\n".join(shown))


def _blank(match: re.Match[str]) -> str:
    return re.sub(r"[^\n]", " ", match.group())


def _found(document: SourceDocument, text: str, rules: list[Rule]) -> Iterator[ContentProblem]:
    taken: list[tuple[int, int]] = []
    for rule in rules:
        for match in rule.pattern.finditer(text):
            start, end = match.span()
            if text[start - 1:start] == "\\" or any(start < last and first < end
                                                    for first, last in taken):
                continue
            taken.append((start, end))
            yield ContentProblem(document.path, document.body_line + text.count("\n", 0, start),
                                 "text", rule.what_lv, rule.what_en, rule.fix(match),
                                 match.group().split("\n", 1)[0].strip(), rule.severity)
