"""What a template can read from its context: the declared inputs of a page kind.

Jinja does not record what a template reads while it renders, so the reads are found before
rendering, from the template's source: every name the template and everything it extends,
includes or imports uses without defining it (Jinja's own `meta.find_undeclared_variables`),
each with the attribute path it is read through (`article.title` → ("article", "title")).
A name used other than through a plain attribute path (passed to a macro, iterated, a method
called on it) is read whole. A template that includes a template by a computed name cannot be
analysed: its reads are `None`, meaning "the whole context".

A read inside a branch (`a if x else b`, `{% if x %}…{% else %}…{% endif %}`) whose test is a
plain path of a context name is a :class:`Read` with that condition: it counts only when the
test's truth takes its branch (the test itself is read for its truth). A condition on a name
that any template of the page assigns (`set`, a loop, a macro's parameter, an import) is
dropped: its value at render time need not be the context's.

A page of a paginated list (Pelican's paginator `Page`) can count by its view (its number,
its list's size and page size, its address; writing/values.py) rather than by its paginator's
whole list, when the page's templates can reach a page's articles only as `name.object_list`
of a context name no template assigns (then that path is read and counts the page's slice),
and a paginator only for `num_pages`, `count`, `per_page`, `orphans`, `page_range`, `name` or
`url`: :attr:`TemplateReads.pages_by_view`. Anything else (`x.paginator.object_list`, a page
assigned to a local, the words in a constant, as `attr('paginator')` needs) counts pages whole.
Python filters and globals given a page read only its view (none of ours takes a page).

Finding the reads parses each template file with Jinja's compiler (about a third of a second
for the theme): the result is kept in `.cache/writing/reads/`, keyed by the file's source, the
environment's globals and extensions, and our code and library versions (`code_digest`).

Functions that read the context themselves (`pass_context` filters and globals) read what
:data:`IMPLICIT_READS` lists; tests/unit/test_writing_reads.py checks that every such function
in the theme's environment is one of :data:`CONTEXT_READERS`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any, NamedTuple, TypeGuard

from jinja2 import Environment, Undefined, meta, nodes
from pelican.contents import Content

from ..common.cachestore import CacheStore
from ..common.fingerprint import code_digest, digest

#: A read: a context name, then each step under it: a str is an attribute (`x.y`), a 1-tuple
#: an item with a constant subscript (`x["y"]`, `x[0]`).
Path = tuple[Any, ...]

#: A branch's condition: the path of its test (a context name's plain path) and the truth that
#: takes the branch.
Condition = tuple[Path, bool]


class Read(NamedTuple):
    """A path the template can read, and the conditions under which it can (all must hold;
    none: always)."""

    path: Path
    when: tuple[Condition, ...] = ()


class TemplateReads(NamedTuple):
    """What a template and the templates it uses read: every read, and whether the pages of a
    list can count by their view (module docstring) instead of their whole list."""

    reads: frozenset[Read]
    pages_by_view: bool


#: The attribute that holds a list page's articles, and the one that holds its paginator.
SLICE, PAGINATOR = "object_list", "paginator"
#: What a template may read of a paginator while pages count by their view: what the view
#: holds or decides (pelican/paginator.py).
PAGINATOR_VIEW = frozenset({"num_pages", "count", "per_page", "orphans", "page_range", "name",
                            "url"})
#: Names Jinja binds itself where they are used (a loop, a macro), never from the context.
JINJA_LOCALS = frozenset({"loop", "varargs", "kwargs", "caller", "self", "super"})

#: What our `pass_context` functions read (common/i18n.page_language: the page's language;
#: site/templating `absolute_url`: SITEURL).
IMPLICIT_READS: tuple[Path, ...] = (("article", "lang"), ("page", "lang"), ("DEFAULT_LANG",),
                                    ("SITEURL",))

#: The modules whose `pass_context` filters and globals read only what IMPLICIT_READS declares:
#: ours (the page's language, SITEURL; common/i18n.py's new-style gettext and ngettext, which
#: templates call directly for `_()` and `{% trans %}`, with no Jinja wrapper between) and
#: Jinja's own filters (they use the context to reach the environment and its settings, not
#: its values).
CONTEXT_READERS = frozenset({"kopienu_zinas.site.templating", "kopienu_zinas.events.templating",
                             "kopienu_zinas.common.i18n", "jinja2.filters"})


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


def _plain_path(node: nodes.Node, names: set[str]) -> Path | None:
    """The path of a test that is a plain path of a context name (`x`, `x.y`, `x["y"]`), or
    None."""
    steps: list[Any] = []
    while True:
        if isinstance(node, nodes.Getattr):
            steps.append(node.attr)
        elif (isinstance(node, nodes.Getitem) and isinstance(node.arg, nodes.Const)
              and isinstance(node.arg.value, (str, int))):
            steps.append((node.arg.value,))
        elif isinstance(node, nodes.Name) and node.ctx == "load" and node.name in names:
            return (node.name, *reversed(steps))
        else:
            return None
        node = node.node


def _branches(node: nodes.Node, names: set[str], when: tuple[Condition, ...] | None
              ) -> Iterator[tuple[nodes.Node, tuple[Condition, ...] | None]]:
    """The node's children, each with the conditions under which it is evaluated (None: none
    are known inside a macro, whose body runs where it is called, maybe imported without the
    page's context). A block's body counts from no condition: a child template's block
    replaces its parent's wherever the parent renders it, whatever surrounds it in the child."""
    if isinstance(node, (nodes.Macro, nodes.CallBlock)):
        when = None
    elif isinstance(node, nodes.Block) and when is not None:
        when = ()
    test = _plain_path(node.test, names) if when is not None and isinstance(
        node, (nodes.If, nodes.CondExpr)) else None
    if test is None:
        for child in node.iter_child_nodes():
            yield child, when
        return
    assert when is not None
    taken, other = (*when, (test, True)), (*when, (test, False))
    yield node.test, when  # type: ignore[attr-defined]
    if isinstance(node, nodes.CondExpr):
        yield node.expr1, taken
        if node.expr2 is not None:
            yield node.expr2, other
    else:
        assert isinstance(node, nodes.If)
        yield from ((child, taken) for child in node.body)
        yield from ((child, other) for child in (*node.elif_, *node.else_))


def _name_reads(node: nodes.Node, names: set[str], parents: list[nodes.Node],
                when: tuple[Condition, ...] | None) -> Iterator[Read]:
    if isinstance(node, nodes.Name) and node.ctx == "load" and node.name in names:
        yield Read(_chain(node, parents), when or ())
    parents.append(node)
    for child, child_when in _branches(node, names, when):
        yield from _name_reads(child, names, parents, child_when)
    parents.pop()


class FileReads(NamedTuple):
    """One template file's reads, the templates it names (None: one is named at render time),
    those it imports or includes without the page's context, the names it binds, and the
    context names whose `object_list` it reads (None: it can reach a list page's articles or
    a paginator some other way)."""

    reads: frozenset[Read]
    referenced: tuple[str, ...] | None
    without_context: tuple[str, ...]
    assigned: frozenset[str]
    slice_roots: frozenset[str] | None


def template_reads(env: Environment, name: str,
                   store: CacheStore | None = None) -> TemplateReads | None:
    """Every context path the template `name` and the templates it uses can read, or None
    when a template is chosen at render time (then the whole context counts). Each file's
    reads are looked up in, and kept in, `store` when one is given. Every template it finds
    is loaded (`env.get_template`), so that rendering workers forked later inherit them
    compiled, and their compiled code is stored by this process (writing/bytecode.py)."""
    files: dict[str, FileReads] = {}
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
        found = _file_reads(env, source, names, store)
        if found.referenced is None:
            return None
        files[current] = found
        pending.extend(found.referenced)
    assigned = JINJA_LOCALS.union(*(found.assigned for found in files.values()))
    # a template run without the page's context tests other values than the page's
    contextless = {other for found in files.values() for other in found.without_context}
    reads = {Read(path) for path in IMPLICIT_READS}
    for current, found in files.items():
        reads.update(Read(read.path, () if current in contextless else tuple(
            condition for condition in read.when if condition[0][0] not in assigned))
            for read in found.reads)
    pages_by_view = all(found.slice_roots is not None and not found.slice_roots & assigned
                        for found in files.values())
    return TemplateReads(frozenset(_minimal(reads)), pages_by_view)


_known: dict[tuple[str, frozenset[str], frozenset[str]], FileReads] = {}


def _file_reads(env: Environment, source: str, env_globals: frozenset[str],
                store: CacheStore | None) -> FileReads:
    """One template file's reads (:class:`FileReads`); by its source, so each file is parsed
    once although every generator has its environment (all alike but for their globals and
    extensions, which are part of the key), and once across builds when `store` keeps it."""
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


def _is_names(value: Any) -> bool:
    return isinstance(value, frozenset) and all(isinstance(name, str) for name in value)


def _is_file_reads(value: Any) -> TypeGuard[FileReads]:
    """Whether a stored value has the shape of :class:`FileReads` (anything else is a miss)."""
    return (isinstance(value, FileReads) and isinstance(value.reads, frozenset)
            and all(isinstance(read, Read) and isinstance(read.path, tuple) and read.path
                    and isinstance(read.when, tuple) for read in value.reads)
            and (value.referenced is None or (isinstance(value.referenced, tuple) and all(
                isinstance(name, str) for name in value.referenced)))
            and isinstance(value.without_context, tuple)
            and all(isinstance(name, str) for name in value.without_context)
            and _is_names(value.assigned)
            and (value.slice_roots is None or _is_names(value.slice_roots)))


def _parse_reads(env: Environment, source: str, env_globals: frozenset[str]) -> FileReads:
    tree = env.parse(source)
    # Jinja leaves the environment's globals out of the undeclared names
    names = set(meta.find_undeclared_variables(tree)) | env_globals
    referenced = list(meta.find_referenced_templates(tree))
    if None in referenced:
        return FileReads(frozenset(), None, (), frozenset(), None)
    without_context = tuple(
        str(node.template.value) for node in tree.find_all(
            (nodes.Import, nodes.FromImport, nodes.Include))
        if isinstance(node, (nodes.Import, nodes.FromImport, nodes.Include))
        and not node.with_context and isinstance(node.template, nodes.Const))
    return FileReads(frozenset(_name_reads(tree, names, [], ())),
                     tuple(str(r) for r in referenced), without_context, _assigned(tree),
                     _slice_roots(tree, names))


def _assigned(tree: nodes.Template) -> frozenset[str]:
    """Every name the file binds: `set`, loop targets, macros and their parameters, imports."""
    found: set[str] = set()
    for node in tree.find_all((nodes.Name, nodes.Macro, nodes.Import, nodes.FromImport)):
        if isinstance(node, nodes.Macro) or (isinstance(node, nodes.Name)
                                             and node.ctx in ("store", "param")):
            found.add(node.name)
        elif isinstance(node, nodes.Import):
            found.add(node.target)
        elif isinstance(node, nodes.FromImport):
            found.update(name if isinstance(name, str) else name[1] for name in node.names)
    return frozenset(found)


#: Jinja's filters that read an attribute named by their argument (`make_attrgetter`).
ATTRIBUTE_FILTERS = frozenset({"attr", "map", "sort", "groupby", "sum", "min", "max", "unique",
                               "selectattr", "rejectattr", "join"})


def _slice_roots(tree: nodes.Template, names: set[str]) -> frozenset[str] | None:
    """The context names whose `object_list` the file reads, or None when it can reach a
    list page's articles or a paginator otherwise (module docstring)."""
    roots: set[str] = set()
    for node, parent in _with_parents(tree, None):
        if isinstance(node, nodes.Const) and isinstance(node.value, str) \
                and (SLICE in node.value or PAGINATOR in node.value):
            return None
        if isinstance(node, nodes.Filter) and node.name in ATTRIBUTE_FILTERS and (
                node.dyn_args or node.dyn_kwargs
                or not all(isinstance(arg, nodes.Const)
                           for arg in (*node.args, *(kw.value for kw in node.kwargs)))):
            return None
        if isinstance(node, nodes.Getattr) and node.attr == SLICE:
            if not (isinstance(node.node, nodes.Name) and node.node.name in names):
                return None
            roots.add(node.node.name)
        if isinstance(node, nodes.Getattr) and node.attr == PAGINATOR and not (
                isinstance(parent, nodes.Getattr) and parent.node is node
                and parent.attr in PAGINATOR_VIEW):
            return None
    return frozenset(roots)


def _with_parents(node: nodes.Node,
                  parent: nodes.Node | None) -> Iterator[tuple[nodes.Node, nodes.Node | None]]:
    yield node, parent
    for child in node.iter_child_nodes():
        yield from _with_parents(child, node)


def _minimal(reads: Iterable[Read]) -> Iterator[Read]:
    """Drop reads under a path that is always read whole (its value covers them), but for a
    list page's `object_list` (a page counted by its view leaves its articles out)."""
    whole = {read.path for read in reads if not read.when}
    for read in reads:
        covered = any(read.path[:length] in whole and SLICE not in read.path[length:]
                      for length in range(1, len(read.path)))
        if not covered and (not read.when or read.path not in whole):
            yield read


#: Attribute and item look-ups already made in this process (the build process, or a rendering
#: worker with what the build process had made before it forked): by the object's id and the
#: step, with the object (kept, so that its id stays its own) and what the step gave.
Lookups = dict[tuple[int, Any], tuple[Any, Any]]


def resolve(env: Environment, context: dict[str, Any], path: Path,
            lookups: Lookups | None = None) -> Any:
    """The value at `path` in the page's context (then the environment's globals), looked up
    as Jinja looks it up (`Environment.getattr`/`getitem`), or :data:`MISSING`."""
    return resolve_level(env, context, path, lookups)[0]


def resolve_level(env: Environment, context: dict[str, Any], path: Path,
                  lookups: Lookups | None = None,
                  touch: Callable[[Content], None] | None = None) -> tuple[Any, int]:
    """:func:`resolve`, and how many content objects (Pelican's articles, pages) the path
    passes through to reach its value: `article.related` is content one level down. Each
    step's result is kept in `lookups` when given: the values a page reads are final once the
    writers run, and many pages read the same ones (every article's `url`, formatted by
    Pelican at each look-up, is shown by several lists). `touch` is given each content object
    the path passes through (writing/values.py `Touches`)."""
    head = path[0]
    missing = truth(MISSING) if path[-1] == TRUTH else MISSING
    if head in context:
        value = context[head]
    elif head in env.globals:
        value = env.globals[head]
    else:
        return missing, 0
    level = 0
    for step in path[1:]:
        if step == TRUTH:
            return truth(value), 0
        if isinstance(value, Content):
            level += 1
            if touch is not None:
                touch(value)
        key = (id(value), step)
        known = lookups.get(key) if lookups is not None else None
        if known is not None and known[0] is value:
            value = known[1]
            continue
        try:
            found = env.getitem(value, step[0]) if isinstance(step, tuple) \
                else env.getattr(value, step)
        except Exception:
            return missing, 0
        if lookups is not None:
            lookups[key] = (value, found)
        value = found
    return value, level


def truth(value: Any) -> str:
    """What a truth test can tell of a value."""
    if value is MISSING or isinstance(value, Undefined):
        return "missing"
    return "none" if value is None else str(bool(value))


class _Missing:
    def __repr__(self) -> str:
        return "<missing>"


MISSING = _Missing()
