"""A document's parse read back from the content check's cache (common/packednodes.py): the
same YAML node tree, line for line, as the one composed from its text, unpacked only when a
line is asked for; an entry whose packed tree is damaged is a miss."""

from __future__ import annotations

import pickle
from pathlib import Path

import yaml

from kopienu_zinas.common.cachestore import CacheStore
from kopienu_zinas.common.frontmatter import read_document
from kopienu_zinas.common.packednodes import PACKED, PackedMappingNode

SOURCE = """---
title: "Talka \\"Sēlijā\\""
date: 2024-05-21
tags: [kultūra, vide]
summary: >
  Divas rindas
  kopā.
events:
  - title: Talka
    start: 2026-12-05 10:00
    location: {name: Ilgu muiža, address: "Ilgi 1"}
---
Teksts.
"""


def nodes(node: yaml.Node) -> list[tuple[object, ...]]:
    """Every node under `node`, depth first, as what it holds (marks by their fields)."""
    def mark(m: yaml.Mark) -> tuple[object, ...]:
        return type(m), m.name, m.index, m.line, m.column, m.buffer, m.pointer
    style = getattr(node, "style", getattr(node, "flow_style", None))
    kind = next(kind for kind in (yaml.ScalarNode, yaml.SequenceNode, yaml.MappingNode)
                if isinstance(node, kind))
    own = (kind, node.tag, style, mark(node.start_mark), mark(node.end_mark))
    if isinstance(node, yaml.ScalarNode):
        return [(*own, node.value)]
    items = [part for pair in node.value for part in (pair if isinstance(pair, tuple) else (pair,))]
    return [own, *(entry for item in items for entry in nodes(item))]


def test_a_document_read_back_has_the_same_tree_unpacked_when_first_asked(
        tmp_path: Path) -> None:
    (tmp_path / "talka.md").write_text(SOURCE, encoding="utf-8")
    document, _problems = read_document(tmp_path, tmp_path / "talka.md")
    back = pickle.loads(pickle.dumps(document, protocol=pickle.HIGHEST_PROTOCOL))
    assert isinstance(back.node, PackedMappingNode) and PACKED in vars(back.node)
    again = pickle.loads(pickle.dumps(back))  # still packed: pickled as it was read
    assert (back.metadata, back.body, back.path) == (document.metadata, document.body,
                                                     document.path)
    assert [back.written(key) for key in ("title", "date", "tags", "nav")] == [
        document.written(key) for key in ("title", "date", "tags", "nav")] == [
        'Talka "Sēlijā"', "2024-05-21", "[kultūra, vide]", ""]
    assert PACKED in vars(back.node)  # `node is None`, the fields and `written` unpack nothing
    assert back.line_of("events", 0, "location", "address") == 11 == document.line_of(
        "events", 0, "location", "address")
    assert PACKED not in vars(back.node) and back.fields() == document.fields()
    assert nodes(back.node) == nodes(again.node) == nodes(document.node)
    assert vars(back.node).keys() == vars(document.node).keys()


def test_an_entry_whose_packed_tree_is_damaged_is_a_miss(tmp_path: Path) -> None:
    (tmp_path / "talka.md").write_text(SOURCE, encoding="utf-8")
    document, _problems = read_document(tmp_path, tmp_path / "talka.md")
    store = CacheStore(tmp_path / "cache", "checks")

    class Stored:
        """A document pickled with this packed tree in place of its own."""

        def __init__(self, tree: object) -> None:
            self.tree = tree

        def __reduce__(self) -> tuple[object, ...]:
            return (object.__new__, (type(document),),
                    {**document.__getstate__(), "node": self.tree})

    store.put("a" * 64, (Stored(("not", "a tree")), ()))
    assert store.get("a" * 64) is None
    store.put("b" * 64, (Stored(document.__getstate__()["node"]), ()))
    assert store.get("b" * 64)[0].line_of("tags") == 4
