"""Pure functions Pelican recomputes on every access, memoized for the process.

Pelican formats an article's `url` and `save_as` afresh on every access (about twelve times
per article and build: the generators, the writers, `{filename}` links, the templates, our
plugins), and each formatting makes the source path relative to PATH again (`abspath`,
`relpath`, a working-folder look-up each) and the slug of its author and category again when
those objects are new: Pelican makes a new Tag, Author and Category object for every article
and name, and each slugifies its name once. Both functions depend on their arguments alone:

- `pelican.utils.slugify(value, regex_subs, preserve_case, use_unicode)`: Markup tag
  stripping, NFKC, Unidecode, regular expressions and `lower()` — nothing else;
- `Content.get_relative_source_path` and `Content.relative_dir`: string arithmetic on the
  source path and PATH (and on the working folder, for relative paths: part of the key).

The slugs are also kept from one build to the next (:func:`keep_slugs`, :func:`save_slugs`:
one entry of the reading cache, holding the slugs the last build asked for, keyed by our
code, the library versions — Pelican, MarkupSafe, Python's Unicode tables among them — and
Unidecode's version): a build asks for some 4,000 distinct slugs at 4,000 articles, each
about 60 µs to make.

So the memos return exactly what Pelican computes; no content object's state is cached (an
article's metadata, slug, author or category may change until it is written, and its URL
follows: tests/unit/test_reading_memo.py). :func:`install` puts the memoized functions where
Pelican looks them up (at import of the reading plugin, before the plugins listed after it
import Pelican's `slugify`: Pelican's own modules hold it by name). Our modules never hold
Pelican's `slugify` by name: common/slugs.py, imported before the plugin, looks it up in
`pelican.utils` at every call, so the content check's slugs come from the memo too.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Iterable
from importlib import metadata
from typing import Any

import pelican.contents
import pelican.urlwrappers
import pelican.utils

from ..common.cachestore import CacheStore
from ..common.fingerprint import code_digest, digest

#: Pelican's own functions, as installed before :func:`install`.
ORIGINAL_SLUGIFY: Callable[..., str] = pelican.utils.slugify
ORIGINAL_RELATIVE_SOURCE_PATH = pelican.contents.Content.get_relative_source_path
ORIGINAL_RELATIVE_DIR = pelican.contents.Content.relative_dir
#: Distinct arguments remembered (a 4,000-article site asks about 10,000).
MEMO_SIZE = 1 << 16


#: What a slug is made of: (value, regex_subs, preserve_case, use_unicode).
SlugKey = tuple[str, tuple[tuple[str, str], ...], bool, bool]
#: Bumped when the kept slugs' entry changes shape.
SLUGS_VERSION = "slugs-1"

#: The slugs made or kept in this process (emptied when it would hold more than MEMO_SIZE).
_slugs: dict[SlugKey, str] = {}
#: The slugs asked for since :func:`keep_slugs` (None: not recording), for :func:`save_slugs`.
_asked: dict[SlugKey, str] | None = None
#: What :func:`keep_slugs` took from the store.
_kept: frozenset[SlugKey] = frozenset()


def _slugify(value: str, regex_subs: tuple[tuple[str, str], ...], preserve_case: bool,
             use_unicode: bool) -> str:
    key = (value, regex_subs, preserve_case, use_unicode)
    slug = _slugs.get(key)
    if slug is None:
        if len(_slugs) >= MEMO_SIZE:
            _slugs.clear()
        slug = _slugs[key] = ORIGINAL_SLUGIFY(value, regex_subs=regex_subs,
                                              preserve_case=preserve_case,
                                              use_unicode=use_unicode)
    if _asked is not None:
        _asked[key] = slug
    return slug


def slugs_key() -> str:
    """The kept slugs' cache key: what a slug depends on besides its arguments (our code and
    the library versions, fingerprint.code_digest, and Unidecode's version)."""
    try:
        unidecode = metadata.version("Unidecode")
    except metadata.PackageNotFoundError:
        unidecode = "-"
    return digest(SLUGS_VERSION, code_digest(), unidecode)


def keep_slugs(store: CacheStore) -> None:
    """Take the slugs the last build kept in `store` (none when its entry is missing, damaged
    or of another shape) and record the ones this build asks for, until :func:`save_slugs`."""
    global _asked, _kept
    key = slugs_key()
    store.used.add(key)
    kept = store.get(key)
    _kept = frozenset()
    if isinstance(kept, dict) and len(kept) < MEMO_SIZE - len(_slugs) and all(
            isinstance(slug, str) and _is_slug_key(name) for name, slug in kept.items()):
        _slugs.update(kept)
        _kept = frozenset(kept)
    _asked = {}


def save_slugs(store: CacheStore) -> None:
    """Keep the slugs asked for since :func:`keep_slugs` in `store` for the next build
    (written when they are not those already kept), and stop recording."""
    global _asked
    asked, _asked = _asked, None
    if asked is None:
        return
    if asked.keys() != _kept or not store.contains(slugs_key()):
        store.put(slugs_key(), asked)


def _is_slug_key(name: Any) -> bool:
    return (isinstance(name, tuple) and len(name) == 4 and isinstance(name[0], str)
            and isinstance(name[1], tuple) and isinstance(name[2], bool)
            and isinstance(name[3], bool))


def slugify(value: str, regex_subs: Iterable[tuple[str, str]] = (),
            preserve_case: bool = False, use_unicode: bool = False) -> str:
    """`pelican.utils.slugify`, remembered per argument values (arguments that cannot be a key,
    such as a value that is not a string, go to Pelican's function directly)."""
    try:
        subs = tuple((src, dst) for src, dst in regex_subs)
        return _slugify(value, subs, preserve_case, use_unicode) if isinstance(value, str) \
            else ORIGINAL_SLUGIFY(value, regex_subs=subs, preserve_case=preserve_case,
                                  use_unicode=use_unicode)
    except (TypeError, ValueError):  # unhashable or odd substitutions: as Pelican does
        return ORIGINAL_SLUGIFY(value, regex_subs=regex_subs, preserve_case=preserve_case,
                                use_unicode=use_unicode)


def _folder_key(*paths: Any) -> str:
    """The working folder when the meaning of one of these paths depends on it, else "".
    (PATH joined with a relative source path is absolute when PATH is.)"""
    return "" if all(os.path.isabs(path) for path in paths) else os.getcwd()


#: A path as settings and content objects hold it.
AnyPath = str | os.PathLike[str]


@functools.lru_cache(maxsize=MEMO_SIZE)
def _relative_source_path(folder: str, content_root: AnyPath, source_path: AnyPath) -> str:
    del folder  # only part of the key
    return str(pelican.utils.posixize_path(os.path.relpath(
        os.path.abspath(os.path.join(content_root, source_path)),
        os.path.abspath(content_root))))


@functools.lru_cache(maxsize=MEMO_SIZE)
def _relative_dir(folder: str, content_root: AnyPath, source_path: AnyPath) -> str:
    del folder  # only part of the key
    return str(pelican.utils.posixize_path(os.path.dirname(os.path.relpath(
        os.path.abspath(source_path), os.path.abspath(content_root)))))


def get_relative_source_path(self: Any, source_path: str | None = None) -> str | None:
    """`Content.get_relative_source_path`, remembered per (working folder, PATH, source)."""
    if not source_path:
        source_path = self.source_path
    if source_path is None:
        return None
    root = self.settings["PATH"]
    try:
        return _relative_source_path(_folder_key(root), root, source_path)
    except TypeError:  # a path that cannot be a key: as Pelican does
        return ORIGINAL_RELATIVE_SOURCE_PATH(self, source_path)


def relative_dir(self: Any) -> str:
    """`Content.relative_dir`, remembered per (working folder, PATH, source)."""
    root = self.settings["PATH"]
    try:
        return _relative_dir(_folder_key(root, self.source_path), root, self.source_path)
    except TypeError:  # a path that cannot be a key: as Pelican does
        return str(ORIGINAL_RELATIVE_DIR.fget(self))


def install() -> None:
    """Put the memoized functions where Pelican looks them up (idempotent)."""
    for module in (pelican.utils, pelican.contents, pelican.urlwrappers):
        module.slugify = slugify
    pelican.contents.Content.get_relative_source_path = get_relative_source_path
    pelican.contents.Content.relative_dir = property(relative_dir)
