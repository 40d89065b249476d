"""What an editor's YAML means by `&`, `*` and a JSON line, named with the fix.

- An alias (`*name`, a merge key) is refused (yamlnodes.AliasRefused: nested ones take
  gigabytes): :func:`alias_problem`, at the alias's own line.
- A value beginning with `*` or `&` is read as a reference, not text (an anchor is taken off
  the value without a word): :func:`reference_problem`, :func:`anchor_problems`.
- A line written as in JSON (`"title": "Sanāksme",`): :func:`json_comma_problem`.

common/yamlproblems.syntax_problem names these where YAML stops.
"""

from __future__ import annotations

import re

import yaml

from .problems import ContentProblem, shortened
from .yamlnodes import quoted, scan_tokens, value_start

#: A JSON object's line, `"title": "Sanāksme",`: a quoted key and a comma at its end.
JSON_PAIR = re.compile(r'\s*"(?P<key>[^"]+)"\s*:\s*(?P<value>.*?)\s*,\s*$')


def json_comma_problem(path: str, line: str, number: int) -> ContentProblem:
    """The problem of a line written as in JSON (`"title": "Sanāksme",`), at file line
    `number`: YAML takes no comma between fields (QA re-test: "check the colon" on each)."""
    match = JSON_PAIR.match(line)
    assert match is not None
    return ContentProblem(
        path, number, match["key"], "rindas beigās ir komats kā JSON, bet YAML laukus neatdala "
        "ar komatiem", "a comma at the end of the line as in JSON: YAML fields take none",
        f"izdzēs komatu rindas beigās (un pēdiņas ap lauka nosaukumu): "
        f"{shortened(match['key'] + ': ' + match['value'])}", shortened(line.strip()))


def alias_problem(path: str, line: str, number: int, field: str) -> ContentProblem:
    """The problem of YAML that names a value again (yamlnodes.AliasRefused), at the alias's
    file line `number` (its text `line`), in the top-level `field`."""
    return ContentProblem(
        path, number, field,
        "YAML atsauces (&nosaukums un *nosaukums) netiek lasītas",
        "YAML anchors and aliases (&name, *name) are not read",
        "raksti vērtību pilnībā katrā vietā, kur tā vajadzīga, bez & un *", shortened(line.strip()))


def reference_problem(path: str, line: str, number: int, field: str) -> ContentProblem:
    """The problem of a value that begins with `*` or `&` (`title: *Jauns* raksts`,
    `image_credit: &foto Jānis`), which YAML reads as an alias or an anchor, not as text (an
    anchor it takes off the value without a word): at file line `number` (its text `line`),
    the fix the value in quotes."""
    start, key = value_start(line)
    value = line[start:].strip()
    fix = f"liec vērtību pēdiņās: {shortened(line[:start].rstrip() + ' ' + quoted(value))}"
    if value.startswith("&") and len(value.split()) == 1:  # `tags: &t`, the list below it
        fix = f"izdzēs {value}: vērtība ir rindās zem tās ({shortened(line[:start].rstrip())})"
    return ContentProblem(
        path, number, key or field,
        "vērtību, kas sākas ar * vai &, YAML lasa kā atsauci, nevis tekstu",
        "YAML reads a value beginning with * or & as an alias or anchor, not as text",
        fix, shortened(value))


def anchor_problems(path: str, text: str, first_line: int, field: str = "front matter"
                    ) -> list[ContentProblem]:
    """:func:`reference_problem` of each anchor in YAML `text` that reads (`&foto Jānis`:
    YAML gives "Jānis"), its first line the file's line `first_line`."""
    if "&" not in text:
        return []
    lines = text.split("\n")
    return [reference_problem(path, lines[token.start_mark.line],
                              token.start_mark.line + first_line, field)
            for token in scan_tokens(text) if isinstance(token, yaml.AnchorToken)]


#: libyaml's and PyYAML's words for an alias of a name no anchor gave, and for a `*` or `&`
#: that begins no name (`*Jauns* raksts`).
UNDEFINED_ALIAS = "found undefined alias"
SCANNING_REFERENCE = ("while scanning an alias", "while scanning an anchor")
