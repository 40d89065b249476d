"""The `photos:` section of captions.yml, in either of its two forms.

The list form (what `make new` and the CMS write; a CMS cannot edit mapping keys):

    photos:
      - file: foto-01.jpg
        caption: Dalībnieki pārrunā kopienas plānu
        alt: Cilvēki sēž pie galda ar papīra lapām
        photographer: Vārds Uzvārds

The older mapping form (file name → fields) is still read:

    photos:
      foto-01.jpg:
        caption: …

Both give the same entries: file name (NFC) → (node giving the entry's line, its fields).
"""

from __future__ import annotations

from collections.abc import Callable

import yaml

from ..images.paths import nfc

#: The fields of one photo, in the order `make new` and the CMS write them.
PHOTO_FIELDS = ("file", "caption", "alt", "photographer")
#: The fields the older mapping form allows under each file name.
MAPPED_FIELDS = PHOTO_FIELDS[1:]
#: (line, field, what in Latvian, what in English, how to fix, value) → reported.
Report = Callable[[int, str, str, str, str, str], None]
Entries = dict[str, tuple[yaml.Node, yaml.Node]]


def _line(node: yaml.Node) -> int:
    return node.start_mark.line + 1


def _pairs(node: yaml.Node) -> list[tuple[yaml.ScalarNode, yaml.Node]]:
    return [(k, v) for k, v in node.value if isinstance(k, yaml.ScalarNode)]


def _unknown_keys(fields: yaml.Node, allowed: tuple[str, ...], report: Report) -> None:
    if not isinstance(fields, yaml.MappingNode):
        return
    for key, _value in _pairs(fields):
        if key.value not in allowed:
            report(_line(key), key.value, "nezināms lauks", "unknown field",
                   f"atļautie: {', '.join(sorted(allowed))}", "")


def _list_entries(node: yaml.SequenceNode, report: Report) -> Entries:
    entries: Entries = {}
    for item in node.value:
        if not isinstance(item, yaml.MappingNode):
            report(_line(item), "photos", "katram attēlam jābūt laukiem",
                   "each photo must be a mapping of fields",
                   "raksti '- file: foto.jpg' un zem tā 'caption:', 'alt:'", "")
            continue
        _unknown_keys(item, PHOTO_FIELDS, report)
        file_node = next((v for k, v in _pairs(item) if k.value == "file"), None)
        name = file_node.value.strip() if isinstance(file_node, yaml.ScalarNode) else ""
        if file_node is None or not name or "/" in name:
            report(_line(file_node or item), "file", "nav norādīts attēla fails",
                   "no photo file named", "raksti 'file: foto.jpg' (tikai faila nosaukums)", name)
            continue
        if nfc(name) in entries:
            report(_line(file_node), "file", "šis attēls jau ir sarakstā",
                   "this photo is listed twice", "izdzēs vienu no ierakstiem", name)
            continue
        entries[nfc(name)] = (file_node, item)
    return entries


def _mapped_entries(node: yaml.MappingNode, report: Report) -> Entries:
    entries: Entries = {}
    for name_node, fields in _pairs(node):
        _unknown_keys(fields, MAPPED_FIELDS, report)
        entries[nfc(name_node.value)] = (name_node, fields)
    return entries


def photo_entries(key: yaml.Node, value: yaml.Node, present: set[str],
                  report: Report) -> Entries:
    """The photos listed under `photos:` (key and value nodes), in their order.

    Reports each unknown field, each entry naming no file or a file not in the folder
    (`present`, NFC names), and a `photos:` that is neither a list nor a mapping."""
    if isinstance(value, yaml.SequenceNode):
        entries = _list_entries(value, report)
    elif isinstance(value, yaml.MappingNode):
        entries = _mapped_entries(value, report)
    else:
        report(_line(key), "photos", "jābūt attēlu sarakstam", "must be a list of photos",
               "raksti '- file: foto.jpg' katram attēlam (skat. piemēru dokumentācijā)", "")
        return {}
    for name, (name_node, _fields) in entries.items():
        if name not in present:
            report(_line(name_node), "photos", "šāda attēla faila mapē nav",
                   "no such photo in the folder",
                   "izlabo faila nosaukumu vai izdzēs šo ierakstu", name)
    return entries
