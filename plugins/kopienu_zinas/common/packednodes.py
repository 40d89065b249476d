"""A front matter's YAML node tree in a compact form, for the content check's cache entries.

A document's parse keeps the composed node tree of its front matter for line numbers
(common/frontmatter.SourceDocument.node): some 30 nodes and 60 marks for an article, objects
that unpickle slowly (each of libyaml's marks through a Python function) and that the cyclic
garbage collector then scans again and again; read back for 4,000 documents they were nine
tenths of reading the check's entries. A cached document's tree is used only when a rule
across files places a problem in it, so a document is pickled with its tree packed into
nested tuples of strings and integers (:func:`pack`), and read back as a
:class:`PackedMappingNode`: a `yaml.MappingNode` whose tree is unpacked, whole, when any of a
node's attributes is first asked for (`document.node is None` asks none). Unpacked, the tree
has the same node classes, tags, values, styles and marks (name, index, line, column; libyaml
gives its marks no buffer) as the one composed from the text.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import yaml

#: One node packed: (kind, tag, value, (mark name, start index, line, column, end index, line,
#: column), style), the value a str for a scalar, a tuple of packed nodes for a sequence and of
#: packed (key, value) pairs for a mapping; the style `style` or `flow_style`.
Packed = tuple[Any, ...]
#: A tree packed: the class of its marks (libyaml's or PyYAML's) and its root.
PackedTree = tuple[type, Packed]
SCALAR, SEQUENCE, MAPPING = 0, 1, 2
#: What a composed node holds (`style` on a scalar, `flow_style` on a collection).
NODE_ATTRIBUTES = frozenset({"tag", "value", "start_mark", "end_mark", "style", "flow_style"})
#: Where a node read back holds its tree until it is unpacked.
PACKED = "_packed"


def pack(node: yaml.MappingNode) -> PackedTree:
    """The tree under `node`, packed (one read back and not yet unpacked: as it was read)."""
    if isinstance(node, PackedMappingNode) and PACKED in vars(node):
        return vars(node)[PACKED]
    return type(node.start_mark), _pack(node)


def _pack(node: yaml.Node) -> Packed:
    start, end = node.start_mark, node.end_mark
    where = (start.name, start.index, start.line, start.column, end.index, end.line, end.column)
    if isinstance(node, yaml.ScalarNode):
        return SCALAR, node.tag, node.value, where, node.style
    if isinstance(node, yaml.SequenceNode):
        return (SEQUENCE, node.tag, tuple(_pack(item) for item in node.value), where,
                node.flow_style)
    if isinstance(node, yaml.MappingNode):
        return (MAPPING, node.tag,
                tuple((_pack(key), _pack(value)) for key, value in node.value), where,
                node.flow_style)
    raise TypeError(f"not a composed node: {node!r}")


def unpack(mark: type, packed: Packed) -> yaml.Node:
    """The node `packed` stands for, with marks of the class `mark`. Raises ValueError or
    TypeError for anything :func:`pack` does not make."""
    kind, tag, value, (name, start, line, column, end, end_line, end_column), style = packed
    marks = (mark(name, start, line, column, None, None),
             mark(name, end, end_line, end_column, None, None))
    if kind == SCALAR:
        return yaml.ScalarNode(tag, value, *marks, style)
    if kind == SEQUENCE:
        return yaml.SequenceNode(tag, [unpack(mark, item) for item in value], *marks, style)
    if kind == MAPPING:
        return yaml.MappingNode(tag, [(unpack(mark, key), unpack(mark, item))
                                      for key, item in value], *marks, style)
    raise ValueError(f"not a packed node: {kind!r}")


def top_scalar(node: yaml.MappingNode, key: str,
               name: Callable[[object], object] = lambda written: written) -> str | None:
    """The text of the scalar written under `key` at the top of a mapping, comparing `key`
    with `name` of each key as written (e.g. lower-cased, as Pelican reads field names); of a
    key written twice, the last, the one YAML keeps; None when it is absent or not a scalar. A
    tree still packed is answered without unpacking it."""
    tree = vars(node).get(PACKED)
    if tree is None:
        for key_node, value_node in reversed(node.value):
            if name(key_node.value) == key:
                return value_node.value if isinstance(value_node, yaml.ScalarNode) else None
        return None
    for packed_key, packed_value in reversed(tree[1][2]):
        if name(packed_key[2]) == key:
            return packed_value[2] if packed_value[0] == SCALAR else None
    return None


class PackedMappingNode(yaml.MappingNode):
    """A mapping node read back packed: its attributes appear, the tree under it unpacked,
    when the first of them is asked for."""

    def __init__(self, tree: PackedTree) -> None:
        """Raises TypeError for what :func:`pack` does not give (a damaged cache entry is then
        a miss); the node's own attributes come from the tree."""
        if not (isinstance(tree, tuple) and len(tree) == 2 and isinstance(tree[0], type)
                and isinstance(tree[1], tuple)):
            raise TypeError("not a packed tree")
        vars(self)[PACKED] = tree

    def __getattr__(self, name: str) -> Any:
        """Called only for an attribute not set: a node's unpacks the tree."""
        tree = vars(self).get(PACKED)
        if tree is None or name not in NODE_ATTRIBUTES:
            raise AttributeError(name)
        node = unpack(*tree)
        del vars(self)[PACKED]
        vars(self).update(vars(node))
        return getattr(self, name)
