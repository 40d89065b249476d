"""The content check over content/, with each document's own results cached.

A document's entry holds its parse (`SourceDocument`), the problems found while reading it and
what the per-document rules (`problems.document_check`) found. Its key is a content hash of
the file's bytes and path, our code and library versions (fingerprint.code_digest), the
settings without BUILD_DATE (per-document rules never read the date) and the names of every
file and symbolic link under content/ (rules check that linked files exist). Rules across
files or depending on the build date (`problems.content_check`) run on every build, on the
cached parses. A problem read from the cache is the same value, printed the same way, as one
found afresh.

Which store (if any) a build uses is switched on by the reading plugin, per build, with
:func:`use_store`; without it (unit tests, tools) everything is computed.
"""

from __future__ import annotations

import os
import weakref
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from .cachestore import CacheStore
from .fingerprint import code_digest, digest, settings_digest
from .frontmatter import SourceDocument, discover_documents, read_document
from .problems import (
    ContentProblem,
    cross_file_problems,
    document_problems,
    run_content_checks,
)

#: Bumped when an entry's shape changes.
ENTRY_VERSION = "content-check-1"

class CheckCache:
    """A build's switch: its settings (the dict itself) and the store of its entries."""

    def __init__(self, settings: Mapping[str, Any], store: CacheStore) -> None:
        self.settings = settings
        self.store = store


_SWITCHES: weakref.WeakValueDictionary[int, CheckCache] = weakref.WeakValueDictionary()


def use_store(settings: Mapping[str, Any], store: CacheStore) -> CheckCache:
    """Cache the content check of the build with these settings in `store`, for as long as
    the caller keeps the returned switch (the reading plugin keeps it with its build)."""
    switch = CheckCache(settings, store)
    _SWITCHES[id(settings)] = switch
    return switch


def store_of(settings: Mapping[str, Any]) -> CacheStore | None:
    switch = _SWITCHES.get(id(settings))
    return switch.store if switch is not None and switch.settings is settings else None


def listing_digest(content_root: Path) -> str:
    """Digest of the names under content/ (files, folders, and where each symbolic link
    points), not of their bytes."""
    names: list[str] = []
    for folder, dirs, files in os.walk(content_root):
        for name in [*dirs, *files]:
            path = Path(folder) / name
            relative = path.relative_to(content_root).as_posix()
            names.append(f"{relative}\0{os.readlink(path)}" if path.is_symlink() else relative)
    return digest(*sorted(names))


def check_content(content_root: Path, settings: dict[str, Any]
                  ) -> tuple[list[SourceDocument], list[ContentProblem]]:
    """Every Markdown file under content/ (in path order) and every problem the rules find,
    sorted; with a store (use_store), unchanged documents and their own problems come from it."""
    store = store_of(settings)
    if store is None:
        documents, problems = discover_documents(content_root)
        return documents, sorted({*problems, *run_content_checks(documents, settings)})
    base = digest(ENTRY_VERSION, code_digest(), listing_digest(content_root),
                  settings_digest(settings, leave_out=("BUILD_DATE",)))
    documents = []
    found: set[ContentProblem] = set()
    for file in sorted(content_root.rglob("*.md")):
        data = file.read_bytes()
        key = digest(base, file.relative_to(content_root).as_posix(), data)
        entry = _entry(store.get(key))
        if entry is None:
            document, parsed = read_document(content_root, file, data)
            entry = (document, tuple(sorted({*parsed, *document_problems(document, settings)})))
            store.put(key, entry)
        documents.append(entry[0])
        found.update(entry[1])
    return documents, sorted(found | set(cross_file_problems(documents, settings)))


def _entry(value: Any) -> tuple[SourceDocument, tuple[ContentProblem, ...]] | None:
    """A stored value if it has an entry's shape (anything else is a miss)."""
    if (isinstance(value, tuple) and len(value) == 2 and isinstance(value[0], SourceDocument)
            and isinstance(value[1], tuple)):
        return value
    return None
