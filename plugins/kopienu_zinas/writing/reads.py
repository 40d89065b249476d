"""What a template can read from its context: the declared inputs of a page kind.

Jinja does not record what a template reads while it renders, so the reads are found before
rendering, from the template's source: every name the template and everything it extends,
includes or imports uses without defining it (Jinja's own `meta.find_undeclared_variables`),
each with the attribute path it is read through (`article.title` → ("article", "title")).
A name used other than through a plain attribute path (passed to a macro, iterated, a method
called on it) is read whole. A template that includes a template by a computed name cannot be
analysed: its reads are `None`, meaning "the whole context".

Finding the reads parses each template file with Jinja's compiler (about a third of a second
for the theme): the result is kept in `.cache/writing/reads/`, keyed by the file's source, the
environment's globals and extensions, and our code and library versions (`code_digest`).

Functions that read the context themselves (`pass_context` filters and globals) read what
:data:`IMPLICIT_READS` lists; tests/unit/test_writing_reads.py checks that every such function
in the theme's environment is one of :data:`CONTEXT_READERS`.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, TypeGuard

from jinja2 import Environment, Undefined, meta, nodes

from ..common.cachestore import CacheStore
from ..common.fingerprint import code_digest, digest

#: A read: a context name, then each step under it: a str is an attribute (`x.y`), a 1-tuple
#: an item with a constant subscript (`x["y"]`, `x[0]`).
Path = tuple[Any, ...]

#: What our `pass_context` functions read (common/i18n.page_language: the page's language;
#: site/templating `absolute_url`: SITEURL).
IMPLICIT_READS: tuple[Path, ...] = (("article", "lang"), ("page", "lang"), ("DEFAULT_LANG",),
                                    ("SITEURL",))

#: The modules whose `pass_context` filters and globals read only what IMPLICIT_READS declares:
#: ours (the page's language, SITEURL), Jinja's own filters (they use the context to reach the
#: environment and its settings, not its values) and Jinja's i18n wrappers around our gettext.
CONTEXT_READERS = frozenset({"kopienu_zinas.site.templating", "kopienu_zinas.events.templating",
                             "kopienu_zinas.common.i18n", "jinja2.filters", "jinja2.ext"})


#: The last step of a path read only for its truth (`{% if x %}`, `x if y else z`, `not x`,
#: `x is defined`, `x is none`): the value counts as missing, none, true or false.
TRUTH = "?"
#: Tests that say no more about a value than its truth and whether it is defined or none.
TRUTH_TESTS = frozenset({"defined", "undefined", "none"})


def _chain(node: nodes.Node, parents: list[nodes.Node]) -> Path:
    """The attribute path read at `node` (a Name), following Getattr/Getitem parents."""
    path: list[Any] = [node.name]  # type: ignore[attr-defined]
    child = node
    for parent in reversed(parents):
        if isinstance(parent, nodes.Getattr) and parent.node is child:
            path.append(parent.attr)
        elif (isinstance(parent, nodes.Getitem) and parent.node is child
              and isinstance(parent.arg, nodes.Const)
              and isinstance(parent.arg.value, (str, int))):
            path.append((parent.arg.value,))
        else:
            if isinstance(parent, nodes.Call) and parent.node is child and len(path) > 1:
                path.pop()  # a method: what it returns depends on its whole object
            elif ((isinstance(parent, (nodes.If, nodes.CondExpr)) and parent.test is child)
                  or isinstance(parent, nodes.Not)
                  or (isinstance(parent, nodes.Test) and parent.node is child
                  and parent.name in TRUTH_TESTS)):
                path.append(TRUTH)
            break
        child = parent
    return tuple(path)


def _name_paths(node: nodes.Node, names: set[str],
                parents: list[nodes.Node]) -> Iterator[Path]:
    if isinstance(node, nodes.Name) and node.ctx == "load" and node.name in names:
        yield _chain(node, parents)
    parents.append(node)
    for child in node.iter_child_nodes():
        yield from _name_paths(child, names, parents)
    parents.pop()


def template_reads(env: Environment, name: str,
                   store: CacheStore | None = None) -> frozenset[Path] | None:
    """Every context path the template `name` and the templates it uses can read, or None
    when a template is chosen at render time (then the whole context counts). Each file's
    reads are looked up in, and kept in, `store` when one is given. Every template it finds
    is loaded (`env.get_template`), so that rendering workers forked later inherit them
    compiled, and their compiled code is stored by this process (writing/bytecode.py)."""
    reads: set[Path] = set(IMPLICIT_READS)
    seen: set[str] = set()
    pending = [name]
    names = frozenset(env.globals)
    while pending:
        current = pending.pop()
        if current in seen:
            continue
        seen.add(current)
        env.get_template(current)
        source = env.loader.get_source(env, current)[0]  # type: ignore[union-attr]
        paths, referenced = _file_reads(env, source, names, store)
        if referenced is None:
            return None
        reads.update(paths)
        pending.extend(referenced)
    return frozenset(_minimal(reads))


_FileReads = tuple[frozenset[Path], tuple[str, ...] | None]
_known: dict[tuple[str, frozenset[str], frozenset[str]], _FileReads] = {}


def _file_reads(env: Environment, source: str, env_globals: frozenset[str],
                store: CacheStore | None) -> _FileReads:
    """One template file's reads and the templates it names (None: one is computed); by
    its source, so each file is parsed once although every generator has its environment
    (all alike but for their globals and extensions, which are part of the key), and once
    across builds when `store` keeps it."""
    key = (source, env_globals, frozenset(env.extensions))
    if key not in _known:
        stored_key = digest(code_digest(), source, *sorted(env_globals), *sorted(env.extensions))
        stored = store.get(stored_key) if store is not None else None
        if _is_file_reads(stored):
            _known[key] = stored
        else:
            _known[key] = _parse_reads(env, source, env_globals)
            if store is not None:
                store.put(stored_key, _known[key])
    return _known[key]


def _is_file_reads(value: Any) -> TypeGuard[_FileReads]:
    """Whether a stored value has the shape of :data:`_FileReads` (anything else is a miss)."""
    return (isinstance(value, tuple) and len(value) == 2 and isinstance(value[0], frozenset)
            and all(isinstance(path, tuple) and path for path in value[0])
            and (value[1] is None or (isinstance(value[1], tuple)
                                      and all(isinstance(name, str) for name in value[1]))))


def _parse_reads(env: Environment, source: str, env_globals: frozenset[str]) -> _FileReads:
    tree = env.parse(source)
    # Jinja leaves the environment's globals out of the undeclared names
    names = set(meta.find_undeclared_variables(tree)) | env_globals
    referenced = list(meta.find_referenced_templates(tree))
    if None in referenced:
        return frozenset(), None
    return frozenset(_name_paths(tree, names, [])), tuple(str(r) for r in referenced)


def _minimal(reads: set[Path]) -> Iterator[Path]:
    """Drop paths under a path that is read whole (its value covers them)."""
    for path in reads:
        if not any(other != path and path[:len(other)] == other for other in reads):
            yield path


def resolve(env: Environment, context: dict[str, Any], path: Path) -> Any:
    """The value at `path` in the page's context (then the environment's globals), looked up
    as Jinja looks it up (`Environment.getattr`/`getitem`), or :data:`MISSING`."""
    head = path[0]
    missing = truth(MISSING) if path[-1] == TRUTH else MISSING
    if head in context:
        value = context[head]
    elif head in env.globals:
        value = env.globals[head]
    else:
        return missing
    for step in path[1:]:
        if step == TRUTH:
            return truth(value)
        try:
            value = env.getitem(value, step[0]) if isinstance(step, tuple) \
                else env.getattr(value, step)
        except Exception:
            return missing
    return value


def truth(value: Any) -> str:
    """What a truth test can tell of a value."""
    if value is MISSING or isinstance(value, Undefined):
        return "missing"
    return "none" if value is None else str(bool(value))


class _Missing:
    def __repr__(self) -> str:
        return "<missing>"


MISSING = _Missing()
