"""The costly, cacheable half of reading one Markdown source: its YAML header loaded with
libyaml and its body converted to HTML.

What Pelican does with the two afterwards (dates, tags, authors and categories made into its
objects, settings applied) is cheap and is done on every build, from a fresh copy of the
cached header: only what :func:`convert_source` returns is cached, so nothing read from the
cache is shared between two articles or two builds. The site's reader (site/yaml_reader.py)
and the reading plugin's workers both call it, so a cached result and a fresh one are the same
by construction (docs/building.md, "Caches: reading").

A result's key (:func:`source_key`) is a content hash of the text as read (common/sourcetext:
LF line ends, no BOM, no forbidden characters), the Markdown arguments of every language
(MARKDOWN, MARKDOWN_BY_LANG and DEFAULT_LANG: the text's `lang:` chooses among them) and our
code and library versions. Errors are never cached: a source that fails is read, and reported,
exactly as without the cache. The reading plugin switches the cache on per build
(:func:`use_store`); without it (unit tests, tools) every source is converted.
"""

from __future__ import annotations

import copy
import os
import weakref
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import yaml
from markdown import Markdown
from pelican.plugins.yaml_metadata import yaml_metadata

from .cachestore import CacheStore
from .fingerprint import code_digest, digest, settings_digest
from .headingids import NAME as HEADING_IDS
from .nocomments import NAME as NO_COMMENTS
from .yamlnodes import clean_values, refuse_aliases

#: Bumped when what an entry holds changes.
ENTRY_VERSION = "markdown-1"
#: Pelican's Markdown reader adds this; the YAML reader takes it out again (it reads the header).
META_EXTENSION = "markdown.extensions.meta"


@dataclass(frozen=True)
class ConvertedSource:
    """A source's header as libyaml loads it (a dict, its text cleaned by yamlnodes.clean_values:
    NFC, no forbidden characters; not yet Pelican's metadata) and its body as HTML,
    `{static}`/`{filename}` links still unresolved."""

    metadata: dict[str, Any]
    html: str


def load_header(text: str) -> dict[str, Any] | None:
    """The YAML header of a front-matter block, or None when libyaml cannot read it as a
    mapping (the YAML plugin's own parser then reports why, as it always has)."""
    loader = yaml.CSafeLoader(text)
    try:  # an alias is refused before its values are walked (yamlnodes.AliasRefused)
        node = refuse_aliases(loader.get_single_node())
        metadata = loader.construct_document(node) if node is not None else None
    except Exception:  # any YAML error: the plugin's parser reports it
        return None
    finally:
        loader.dispose()
    if not isinstance(metadata, dict):
        return None
    return clean_values(metadata)  # type: ignore[return-value]  # a dict stays a dict


def convert_source(text: str, markdowns: Markdowns) -> ConvertedSource | None:
    """Header and HTML of a source's text (LF line ends, as common/sourcetext gives it), the
    body converted by the Markdown of the header's language; None when it has no `---` header
    or libyaml cannot read it (the reader's fallbacks handle those, uncached). Raises whatever
    Markdown raises on the body."""
    match = yaml_metadata.HEADER_RE.fullmatch(text)
    if not match:
        return None
    metadata = load_header(match.group("metadata"))
    if metadata is None:
        return None
    md = markdowns.of(metadata.get("lang"))
    return ConvertedSource(metadata, md.reset().convert(match.group("content")))


@dataclass(frozen=True)
class MarkdownArguments:
    """The `Markdown(**…)` arguments for the sources of each language (picklable: the reading
    workers get it). Python-Markdown's extensions write words into the HTML (the footnotes'
    back-link title), so an article gets them in its own language."""

    default_lang: str  # the language of a source without `lang:` (DEFAULT_LANG)
    common: dict[str, Any]  # MARKDOWN's: for a language MARKDOWN_BY_LANG does not name
    by_lang: dict[str, dict[str, Any]]  # MARKDOWN with MARKDOWN_BY_LANG[lang] merged in

    def language(self, lang: object) -> str:
        """Whose arguments a source's `lang` value takes: its own when MARKDOWN_BY_LANG names
        it, else "" (MARKDOWN's); none (or not text) is DEFAULT_LANG."""
        chosen = lang if isinstance(lang, str) and lang else self.default_lang
        return chosen if chosen in self.by_lang else ""

    def of(self, language: str) -> dict[str, Any]:
        """The arguments of a :meth:`language`."""
        return self.by_lang[language] if language else self.common


class Markdowns:
    """A Markdown converter for each language's sources, each made when first needed."""

    def __init__(self, arguments: MarkdownArguments) -> None:
        self.arguments = arguments
        self._made: dict[str, Markdown] = {}

    def of(self, lang: object) -> Markdown:
        """The converter for a source whose header says `lang` (None: none)."""
        language = self.arguments.language(lang)
        if language not in self._made:
            self._made[language] = Markdown(**self.arguments.of(language))
        return self._made[language]


def merged(base: Mapping[str, Any], over: Mapping[str, Any]) -> dict[str, Any]:
    """`base` with `over` merged in: mappings key by key (at every depth), anything else
    replaced; neither is changed."""
    result = copy.deepcopy(dict(base))
    for key, value in over.items():
        if isinstance(value, Mapping) and isinstance(result.get(key), Mapping):
            result[key] = merged(result[key], value)
        else:
            result[key] = copy.deepcopy(value)
    return result


def markdown_arguments(settings: Mapping[str, Any]) -> MarkdownArguments:
    """The arguments the YAML reader gives `Markdown(**…)` for each language: MARKDOWN, and
    for each language MARKDOWN_BY_LANG names MARKDOWN with its mapping merged in
    (:func:`merged`)."""
    languages: Mapping[str, Mapping[str, Any]] = settings.get("MARKDOWN_BY_LANG") or {}
    common = dict(settings["MARKDOWN"])
    return MarkdownArguments(
        str(settings.get("DEFAULT_LANG") or ""), complete_arguments(common),
        {lang: complete_arguments(merged(common, over)) for lang, over in languages.items()})


def complete_arguments(markdown: Mapping[str, Any]) -> dict[str, Any]:
    """`Markdown(**…)` arguments from a MARKDOWN-like setting: Pelican's reader fills in
    `extensions` (every configured one) when it is created, and the YAML reader drops `meta`
    and adds ours that publishes no HTML comment (common/nocomments.py) and ours that gives
    headings ids (common/headingids.py), whatever the settings say. The same whether or not a
    reader has already changed the setting in place."""
    arguments = copy.deepcopy(dict(markdown))
    arguments.setdefault("extension_configs", {})
    extensions = arguments.setdefault("extensions", [])
    for extension in arguments["extension_configs"]:
        if extension not in extensions:
            extensions.append(extension)
    arguments["extensions"] = [e for e in extensions
                               if e not in (META_EXTENSION, NO_COMMENTS, HEADING_IDS)]
    arguments["extensions"] += [NO_COMMENTS, HEADING_IDS]
    return arguments


def shared_key(settings: Mapping[str, Any]) -> str:
    """What the keys of one build's entries share: entry version, code, Markdown arguments."""
    arguments = markdown_arguments(settings)
    return digest(ENTRY_VERSION, code_digest(), settings_digest(
        {"DEFAULT_LANG": arguments.default_lang, "MARKDOWN": arguments.common,
         "MARKDOWN_BY_LANG": arguments.by_lang}))


def source_key(shared: str, text: str) -> str:
    """The key of one source's text (`shared`: :func:`shared_key`)."""
    return digest(shared, text)


class SourceCache:
    """A build's switch: its settings (the dict itself), the store and the entries' shared key."""

    def __init__(self, settings: Mapping[str, Any], store: CacheStore) -> None:
        self.settings = settings
        self.store = store
        self.shared = shared_key(settings)
        #: Each source's key by absolute path, computed by the reading plugin at
        #: `initialized` from the bytes the content check read (each taken once, by
        #: :func:`prepared`): the reader finds the entry without reading the file again.
        self.keys: dict[str, str] = {}


_SWITCHES: weakref.WeakValueDictionary[int, SourceCache] = weakref.WeakValueDictionary()


def use_store(settings: Mapping[str, Any], store: CacheStore) -> SourceCache:
    """Cache the conversions of the build with these settings in `store`, for as long as the
    caller keeps the returned switch (the reading plugin keeps it with its build)."""
    switch = SourceCache(settings, store)
    _SWITCHES[id(settings)] = switch
    return switch


def cache_of(settings: Mapping[str, Any]) -> SourceCache | None:
    switch = _SWITCHES.get(id(settings))
    return switch if switch is not None and switch.settings is settings else None


def prepared(source_path: str, settings: Mapping[str, Any]) -> ConvertedSource | None:
    """The cached result of the source at `source_path` when the reading plugin computed its
    key this build (from the bytes the content check checked) and the entry is stored; else
    None, and the reader reads the file (a result a worker could not make, a damaged entry,
    a file nobody planned)."""
    cache = cache_of(settings)
    key = cache.keys.pop(os.path.abspath(source_path), None) if cache is not None else None
    if cache is None or key is None:
        return None
    cached = cache.store.get(key)
    return cached if isinstance(cached, ConvertedSource) else None


def convert_cached(text: str, markdowns: Markdowns, settings: Mapping[str, Any]
                   ) -> ConvertedSource | None:
    """:func:`convert_source`, from the build's cache when it holds this text's result."""
    cache = cache_of(settings)
    if cache is None:
        return convert_source(text, markdowns)
    key = source_key(cache.shared, text)
    cached = cache.store.get(key)
    if isinstance(cached, ConvertedSource):
        return cached
    converted = convert_source(text, markdowns)
    if converted is not None:
        cache.store.put(key, converted)
    return converted
