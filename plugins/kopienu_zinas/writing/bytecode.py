"""Compiled templates kept between builds: a Jinja bytecode cache under `.cache/writing/jinja/`.

Jinja compiles every template it loads to Python code; for our theme that is most of a second
of every build (and was paid again by each rendering worker for the templates it included).
Jinja's own bytecode cache API (https://jinja.palletsprojects.com/en/3.1.x/api/#bytecode-cache)
keeps the compiled code; this one keeps it in a :class:`CacheStore`, so a damaged entry is a
miss, never a failure:

- an entry's key is the digest of the environment's compiler configuration
  (:func:`compiler_configuration`: extensions, delimiters, whitespace control, autoescape,
  finalize, our code and library versions), Jinja's key for the template (its name and file)
  and Jinja's checksum of its source; Jinja also refuses code of another Jinja or Python
  version (its bytecode magic);
- an entry holds the code with its own SHA-256, checked before the code is used: a truncated,
  corrupted or foreign entry is compiled again.

The same source compiles to the same code, so pages do not depend on this cache.
"""

from __future__ import annotations

import hashlib
from typing import Any

from jinja2 import Environment
from jinja2.bccache import Bucket, BytecodeCache

from ..common.cachestore import CacheStore
from ..common.fingerprint import code_digest, digest

#: Environment attributes that change what a template compiles to.
COMPILER_ATTRIBUTES = ("block_start_string", "block_end_string", "variable_start_string",
                       "variable_end_string", "comment_start_string", "comment_end_string",
                       "line_statement_prefix", "line_comment_prefix", "trim_blocks",
                       "lstrip_blocks", "newline_sequence", "keep_trailing_newline",
                       "optimized", "autoescape", "finalize", "is_async")


def _named(value: Any) -> str:
    """A configuration value as text that is the same in every run (functions by name)."""
    if callable(value):
        return f"{getattr(value, '__module__', '')}.{getattr(value, '__qualname__', value)}"
    return repr(value)


def compiler_configuration(env: Environment) -> str:
    """The digest of what, besides a template's source, decides its compiled code."""
    parts = [f"{name}={_named(getattr(env, name, None))}" for name in COMPILER_ATTRIBUTES]
    return digest(code_digest(), *parts, *sorted(env.extensions))


class StoredBytecode(BytecodeCache):
    """Jinja's bytecode cache, in `store` (one entry per template source and configuration)."""

    def __init__(self, store: CacheStore, configuration: str) -> None:
        self.store = store
        self.configuration = configuration

    def _key(self, bucket: Bucket) -> str:
        return digest(self.configuration, bucket.key, str(bucket.checksum))

    def load_bytecode(self, bucket: Bucket) -> None:
        entry = self.store.get(self._key(bucket))
        if not (isinstance(entry, tuple) and len(entry) == 2 and isinstance(entry[1], bytes)
                and entry[0] == hashlib.sha256(entry[1]).hexdigest()):
            return
        try:
            bucket.bytecode_from_string(entry[1])
        except Exception:  # damaged despite its digest (another Python): compile again
            bucket.reset()

    def dump_bytecode(self, bucket: Bucket) -> None:
        data = bucket.bytecode_to_string()
        self.store.put(self._key(bucket), (hashlib.sha256(data).hexdigest(), data))


def install(env: Environment, store: CacheStore) -> None:
    """Give `env` the stored bytecode (before it loads any template)."""
    env.bytecode_cache = StoredBytecode(store, compiler_configuration(env))
