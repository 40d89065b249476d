"""Problems only the parsed YAML shows: escaped forbidden characters and repeated keys.

`common.sourcetext` finds characters XML 1.0 forbids when they are typed literally. YAML's
double-quoted escapes (`"\\x0b"`, `"\\u0001"`, YAML 1.1 §5.7) put the same characters into a
value without them ever being in the file's text; and YAML lets a key appear twice in one
mapping, where PyYAML silently keeps the last value (YAML 1.1 §3.2.1.1 says keys are unique).
Both are found here by walking the composed node tree, so every scalar is seen, however
deeply nested (event fields, tag lists, captions of photos).
"""

from __future__ import annotations

from collections.abc import Iterator

import yaml

from .problems import ContentProblem
from .sourcetext import XML_FORBIDDEN, character_names


def node_problems(node: yaml.Node | None, path: str, first_line: int = 1) -> list[ContentProblem]:
    """Problems in a composed YAML document. `first_line` is the file line of the YAML's first
    line (2 for front matter after its `---`, 1 for captions.yml)."""
    return list(_walk(node, path, first_line, "text"))


def _walk(node: yaml.Node | None, path: str, first_line: int,
          field: str) -> Iterator[ContentProblem]:
    if isinstance(node, yaml.ScalarNode):
        found = [(m.start() + 1, ord(m.group())) for m in XML_FORBIDDEN.finditer(node.value)]
        if found:
            yield ContentProblem(
                path, node.start_mark.line + first_line, field,
                "neredzama aizliegta rakstzīme", "forbidden character (XML 1.0)",
                "izdzēs YAML atsoli (piemēram \\x0b vai \\u0001) no vērtības",
                character_names(found, "zīme"))
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from _walk(item, path, first_line, field)
    elif isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key, value in node.value:
            name = key.value if isinstance(key, yaml.ScalarNode) else field
            if isinstance(key, yaml.ScalarNode):
                if name in seen:
                    yield ContentProblem(
                        path, key.start_mark.line + first_line, name,
                        "lauks ir uzrakstīts divreiz", "duplicate key",
                        "atstāj vienu rindu ar šo lauku (tagad derētu tikai pēdējā)", name)
                seen.add(name)
            yield from _walk(key, path, first_line, name)
            yield from _walk(value, path, first_line, name)


def strip_forbidden(value: object) -> object:
    """`value` (parsed YAML: dicts, lists, scalars) with forbidden characters removed from every
    string, so that a preview can still show the page the problem is reported on."""
    if isinstance(value, str):
        return XML_FORBIDDEN.sub("", value)
    if isinstance(value, list):
        return [strip_forbidden(item) for item in value]
    if isinstance(value, dict):
        return {strip_forbidden(key): strip_forbidden(item) for key, item in value.items()}
    return value
