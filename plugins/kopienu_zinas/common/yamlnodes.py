"""Reading editors' YAML (front matter, captions.yml) as the site does: the node tree and the
tokens of one document (:func:`compose`, :func:`scan_tokens`: libyaml's loader), what YAML reads
a scalar as (:func:`yaml_kind`), a value as written and as it must be quoted to stay text
(:func:`written_form`, :func:`quoted`, :func:`as_node`), a line's layout as YAML reads it
(indentation, list dashes, field name: :func:`value_start`) and the names of the invisible
characters that may stand in it. What is wrong in such YAML is common/yamlproblems.py's.

Both readers of front matter (this content check's, common/frontmatter.py, and Pelican's,
common/sourcereader.py) take values through :func:`clean_values`: forbidden characters
dropped, every text in Unicode NFC (macOS writes "Ē" as "E" and a combining macron, NFD).
"""

from __future__ import annotations

import re
import unicodedata
from contextlib import suppress

import yaml

from .sourcetext import XML_FORBIDDEN

#: Characters that look like a space (or like nothing: zero-width joiners and direction marks
#: too) and that YAML does not read as one (a regular expression's character class, unbracketed).
INVISIBLE_CLASS = "\u00a0\u2000-\u200f\u202f\u205f\u2060\u3000\ufeff"
INVISIBLE = re.compile(f"[{INVISIBLE_CLASS}]")
#: Quotes that word processors type for " and ' (Word's and macOS's autocorrect), and Latvian
#: typography's „…”: text to YAML, never its quotes.
TYPOGRAPHIC_QUOTE_CHARACTERS = "“”„‟‘’‚«»"
#: Names editors recognise for the ones they meet most (Latvian, English).
_INVISIBLE_NAMES = {
    "\u00a0": ("nedalāmā atstarpe", "no-break space"),
    "\u202f": ("šaurā nedalāmā atstarpe", "narrow no-break space"),
    "\u200b": ("nulles platuma atstarpe", "zero width space"),
    "\u200d": ("nulles platuma savienotājs", "zero width joiner"),
    "\u200e": ("virziena zīme LRM", "left-to-right mark"),
    "\u200f": ("virziena zīme RLM", "right-to-left mark"),
    "\u2060": ("vārdu savienotājs", "word joiner"),
    "\ufeff": ("neredzamā zīme BOM", "zero width no-break space (BOM)"),
    "\u2028": ("rindas atdalītājs", "line separator"),
    "\u2029": ("rindkopas atdalītājs", "paragraph separator"),
    "\u0085": ("rindas beigu zīme NEL", "next line (NEL)"),
}
#: What YAML reads as a line's layout: its indentation and list dashes (with whatever wrongly
#: stands in for their spaces), then a field name, its ':' and the character after it.
_INDENT = re.compile(f"[ \t{INVISIBLE_CLASS}]*(?:-[ \t{INVISIBLE_CLASS}]+)*")
_KEY = re.compile("(?P<name>[^ \t\n:#'\"\\[{,-][^ \t\n:]*):.?")
#: The loader that reads editors' YAML, front matter and captions.yml alike: libyaml's when
#: present (as frontmatter.py's and Pelican's reader, common/sourcereader.py), which takes a tab
#: after a field's ':' as a space; PyYAML's own scanner refuses it ("found character '\\t' that
#: cannot start any token").
_SCANNER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
#: YAML 1.1's timestamp (SafeLoader's resolver): Pelican's reader makes such text a date.
_TIMESTAMP = next(regex for tag, regex in yaml.SafeLoader.yaml_implicit_resolvers["2"]
                  if tag == "tag:yaml.org,2002:timestamp")
#: What YAML reads a plain scalar as when not as text, by tag (Latvian, English).
_KINDS = {"tag:yaml.org,2002:int": ("skaitli", "a number"),
          "tag:yaml.org,2002:float": ("skaitli", "a number"),
          "tag:yaml.org,2002:bool": ("jā/nē vērtību", "true/false"),
          "tag:yaml.org,2002:null": ("tukšu vērtību", "null"),
          "tag:yaml.org,2002:timestamp": ("datumu", "a date")}


def compose(text: str) -> yaml.Node | None:
    """The node tree of the one YAML document `text` (None when it holds none), composed as the
    front matter is (:data:`_SCANNER`: libyaml's), so that editors' files follow one set of
    rules; marks count lines and columns (in characters) from 0. Raises yaml.YAMLError (an
    alias: :class:`AliasRefused`)."""
    return refuse_aliases(yaml.compose(text, Loader=_SCANNER))


class AliasRefused(yaml.MarkedYAMLError):
    """Editors' YAML that names a node again (an alias, `*name`, or a merge key `<<: *name`).

    Aliases nested a few levels deep grow exponentially when their values are walked (a
    "billion laughs": eight levels of nine made 9⁸ items, and the content check's worker had
    taken 8.9 GB when a QA tester stopped it); editors never need them. Refused on the
    composed tree, whose alias is the very node object of its anchor, before anything walks
    the values (CVE-2003-1564 is the XML form of the same attack)."""


def refuse_aliases(node: yaml.Node | None) -> yaml.Node | None:
    """`node` when no node of its tree is reached twice (in a composed tree only an alias
    does that); else raises :class:`AliasRefused` marked at the first top-level field (or
    item) where a node is reached again. Each distinct node is visited once."""
    if node is None:
        return None
    seen: set[int] = set()
    parts: list[tuple[yaml.Node, ...]] = (
        list(node.value) if isinstance(node, yaml.MappingNode)
        else [(item,) for item in node.value] if isinstance(node, yaml.SequenceNode)
        else [(node,)])
    for part in parts:
        if _reaches_again(part, seen):
            raise AliasRefused(problem="an alias (*name) names a value again",
                               problem_mark=part[0].start_mark)
    return node


def _reaches_again(roots: tuple[yaml.Node, ...], seen: set[int]) -> bool:
    """Whether walking from `roots` reaches a node already in `seen` (by identity), adding
    each node reached to it."""
    stack = list(roots)
    while stack:
        current = stack.pop()
        if id(current) in seen:
            return True
        seen.add(id(current))
        if isinstance(current, yaml.MappingNode):
            stack.extend(node for pair in current.value for node in pair)
        elif isinstance(current, yaml.SequenceNode):
            stack.extend(current.value)
    return False


def scan_tokens(text: str) -> list[yaml.Token]:
    """The tokens of YAML `text` (libyaml's scanner, as it parsed) up to where scanning
    stops: all of them when the parser, not the scanner, refused the text."""
    tokens: list[yaml.Token] = []
    with suppress(yaml.YAMLError):  # the tokens up to the error are what is needed
        for token in yaml.scan(text, Loader=_SCANNER):
            tokens.append(token)
    return tokens


def yaml_kind(node: yaml.ScalarNode) -> tuple[str, str] | None:
    """(Latvian, English) of what YAML reads a scalar as when that is no text (a date too:
    the content check's loader leaves dates as text, Pelican's does not); None for text."""
    if node.tag == "tag:yaml.org,2002:str":
        return ("datumu", "a date") if not node.style and _TIMESTAMP.match(node.value) else None
    return _KINDS.get(node.tag, ("ne tekstu", "no text"))


def as_node(value: object) -> yaml.Node:
    """The node YAML writes for a parsed `value` (PyYAML's SafeRepresenter: 1.1 as `1.1`, a
    date as `2024-05-01`), a text in quotes, as it must be written to stay text: for
    :func:`.yamlproblems.not_text` where the value's written node is not known (Pelican's
    metadata)."""
    node = yaml.representer.SafeRepresenter().represent_data(value)
    if isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:str":
        node.style = '"'
    return node


def written_form(node: yaml.Node) -> str:
    """A value as written, for messages: a scalar's text, a list in `[…]`, a mapping in
    `{…}` (the items as written)."""
    if isinstance(node, yaml.SequenceNode):
        return "[" + ", ".join(written_form(item) for item in node.value) + "]"
    if isinstance(node, yaml.MappingNode):
        return "{" + ", ".join(f"{written_form(key)}: {written_form(value)}"
                               for key, value in node.value) + "}"
    return str(node.value)


def quoted(text: str) -> str:
    """`text` in YAML quotes as it is read back unchanged: double quotes, or single ones
    (a `'` doubled) when it holds a `"` or a backslash (an escape in double quotes)."""
    if '"' not in text and "\\" not in text:
        return f'"{text}"'
    return "'" + text.replace("'", "''") + "'"


def invisible_name(character: str) -> tuple[str, str]:
    """(Latvian, English) name of an invisible character: the editors' name when
    :data:`_INVISIBLE_NAMES` has one, else "neredzama atstarpe" and Unicode's name."""
    return _INVISIBLE_NAMES.get(
        character, ("neredzama atstarpe", unicodedata.name(character, "").lower()))


def clean_values(value: object) -> object:
    """`value` (parsed YAML: dicts, lists, scalars) with every string, at any depth, in Unicode
    NFC and without forbidden characters (so that a preview can still show the page the
    problem is reported on). NFC: a title saved decomposed (macOS) is published, searched,
    sorted and compared as the same letters typed on a keyboard."""
    if isinstance(value, str):
        return unicodedata.normalize("NFC", XML_FORBIDDEN.sub("", value))
    if isinstance(value, list):
        return [clean_values(item) for item in value]
    if isinstance(value, dict):
        return {clean_values(key): clean_values(item) for key, item in value.items()}
    return value


def line_layout(line: str) -> tuple[re.Match[str], re.Match[str] | None]:
    """The match of `line`'s indentation (with list dashes) and of its field name with its
    ':' and the character after it (None when the line names no field)."""
    indent = _INDENT.match(line)
    assert indent is not None  # the pattern matches the empty string
    return indent, _KEY.match(line, indent.end())


def value_start(line: str) -> tuple[int, str]:
    """(index where `line`'s value text starts, after its layout: indentation, list dashes, a
    field name with ':' and the character after it; the field's name, "" when it names none)."""
    indent, key = line_layout(line)
    return (key.end(), INVISIBLE.sub("", key.group("name"))) if key else (indent.end(), "")
