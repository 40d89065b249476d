"""Read and check the sources missing from the caches on every core, before the build does.

At `initialized`, before the content check, the check is planned (common/checkcache.CheckPlan:
every Markdown file's check key, the entries already stored) and every Markdown file under
content/ is read as text (common/sourcetext) and its key computed
(common/sourcereader.source_key). The documents without a check entry, then the sources without
a Markdown entry, go to one pool of worker processes, which check or convert them and store the
results. The build process takes the check entries as they come and runs the rules across
files while the workers convert; when the generators are created (`readers_init`) it waits for
the pool, and Pelican's reader then finds every result in the cache. The result does not depend
on which process computes what: an entry is a pure function of what its key digests. A source
a worker cannot check or convert gets no entry; the build process then checks or converts it
and reports its error, named against the source, exactly as without the pool. A pool that
breaks as a whole (a worker killed) is the same: every missing entry is made in the build
process.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterator, Mapping
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..common.cachestore import CacheStore
from ..common.checkcache import CheckPlan, check_job, path_order, start_worker
from ..common.contentfolder import FILE, ContentFolder
from ..common.fingerprint import digest
from ..common.frontmatter import extension_of
from ..common.sourcereader import (
    ConvertedSource,
    MarkdownArguments,
    Markdowns,
    SourceCache,
    convert_source,
    markdown_arguments,
    source_key,
)
from ..common.sourcetext import read_source

#: Fewer missing sources than this are converted by the reader itself (a pool costs more).
POOL_THRESHOLD = 8
#: Sources per task sent to a worker.
CHUNK = 16


@dataclass(frozen=True)
class Job:
    key: str
    text: str


def markdown_sources(content_root: Path, extensions: tuple[str, ...],
                     folder: ContentFolder | None = None) -> list[tuple[Path, str]]:
    """Every file under content/ that the Markdown reader reads, hidden files and folders
    (IGNORE_FILES' default `**/.*`) left out, with its path under content/, in path order;
    from the content check's listing `folder` when it is complete, else from the disk."""
    names = folder.complete_names() if folder is not None else None
    if folder is not None and names is not None:
        return [(content_root / name, name) for name in sorted(
            (name for name in names if folder.kinds[name] == FILE
             and extension_of(name) in extensions
             and not any(part.startswith(".") for part in name.split("/"))), key=path_order)]
    found = sorted(path for path in content_root.rglob("*")
                   if path.suffix.lstrip(".") in extensions and path.is_file()
                   and not any(part.startswith(".")
                               for part in path.relative_to(content_root).parts))
    return [(path, path.relative_to(content_root).as_posix()) for path in found]


#: Bumped when what the key index (:func:`missing_jobs`) holds changes.
KEY_INDEX_VERSION = "markdown-key-index-2"
#: The key index: each Markdown file the last build keyed, by path under content/ (in path
#: order) → its check key and its source key then.
KeyIndex = dict[str, tuple[str, str]]


def index_key(cache: SourceCache) -> str:
    """The key index's key: what every source key of this cache shares."""
    return digest(KEY_INDEX_VERSION, cache.shared)


def last_index(cache: SourceCache, indexes: CacheStore) -> KeyIndex:
    """The key index the last build stored for sources keyed like this cache's (the same
    shared part); {} when it is missing or damaged."""
    return key_index(indexes.get(index_key(cache)))


def missing_jobs(cache: SourceCache, sources: list[tuple[Path, str]],
                 data: dict[str, bytes] | None = None,
                 check_keys: Mapping[str, str] | None = None,
                 indexes: CacheStore | None = None, previous: KeyIndex | None = None
                 ) -> list[Job]:
    """One job per distinct text without an entry; every source's key is marked used (kept
    when the cache is pruned) and kept for the reader (`SourceCache.keys`). `data`: bytes
    already read, by path under content/ (the content check's); `check_keys`: the content
    check's key of each of those bytes, by path.

    A check key digests the file's bytes and path (and more), and a source's key is a
    function of those bytes (their text as read) and of what every key of this cache shares:
    so the keys of the last build are kept in one entry of `indexes` (the *key index*, under a
    key digesting the shared part; `previous`, as :func:`last_index` read it), and a file
    whose check key is the one recorded for its path is not decoded and digested again. A
    missing or damaged index is none: every file is decoded."""
    known = data or {}
    checked = check_keys or {}
    index = previous or {}
    kept: KeyIndex = {}
    jobs: dict[str, Job] = {}
    for source, path in sources:
        check_key = checked.get(path)
        recorded = index.get(path)
        key = recorded[1] if recorded is not None and recorded[0] == check_key else None
        text = None
        if key is None:
            try:
                text = read_source(source, path, known.get(path)).text
            except OSError:
                continue  # the reader reports it
            key = source_key(cache.shared, text)
        if check_key is not None:
            kept[path] = (check_key, key)
        cache.store.used.add(key)
        cache.keys[os.path.abspath(source)] = key
        if key not in jobs and not cache.store.contains(key):
            if text is None:
                try:
                    text = read_source(source, path, known.get(path)).text
                except OSError:
                    continue  # the reader reports it
            jobs[key] = Job(key, text)
    if indexes is not None and kept and kept != index:
        indexes.put(index_key(cache), kept)
    return list(jobs.values())


def key_index(value: Any) -> KeyIndex:
    """A stored key index if it has the index's shape (anything else is none)."""
    if isinstance(value, dict) and all(
            isinstance(path, str) and isinstance(keys, tuple) and len(keys) == 2
            and all(isinstance(key, str) for key in keys) for path, keys in value.items()):
        return value
    return {}


_MARKDOWN: dict[str, Markdowns] = {}


def convert_job(job: Job, arguments: MarkdownArguments, folder: str) -> str | None:
    """In a worker: convert one source and store it; its key, or None when it has no entry."""
    name = repr(arguments)
    if name not in _MARKDOWN:
        _MARKDOWN.clear()
        _MARKDOWN[name] = Markdowns(arguments)
    try:
        converted = convert_source(job.text, _MARKDOWN[name])
    except Exception:  # reported by the reader in the build process, against its source
        return None
    if not isinstance(converted, ConvertedSource):
        return None
    store = CacheStore(Path(folder).parent, Path(folder).name)
    store.put(job.key, converted)
    return job.key


class Prereading:
    """Conversions running in worker processes; `wait` once before anything is read."""

    def __init__(self, pool: ProcessPoolExecutor, results: Iterator[str | None]) -> None:
        self.pool: ProcessPoolExecutor | None = pool
        self.results = results

    def wait(self) -> None:
        if self.pool is None:
            return
        try:
            for _key in self.results:
                pass
        except Exception:  # a broken pool: the reader converts what is missing
            pass
        finally:
            self.stop()

    def stop(self) -> None:
        """End the workers, dropping the conversions not yet started (a build that stopped
        before reading: a pool left to the interpreter's exit could fail there, printing
        "Exception ignored … OSError: [Errno 9] Bad file descriptor" after the build's own
        report). Their entries are left for the next build."""
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None


def start(cache: SourceCache, settings: dict[str, Any], workers: int,
          extensions: tuple[str, ...], checks: CheckPlan | None = None,
          indexes: CacheStore | None = None, previous: KeyIndex | None = None
          ) -> Prereading | None:
    """Start checking the documents the plan `checks` misses (their entries then come from
    `checks.results`, in order) and converting the sources missing from the cache (the key
    index in `indexes`, the last build's `previous`: :func:`missing_jobs`); None when there is
    nothing (or too little) to do in parallel, or `workers` is 0."""
    root = Path(settings["PATH"])
    data = checks.take_bytes() if checks is not None else None
    if workers < 1 or not root.is_dir():
        return None
    jobs = missing_jobs(cache, markdown_sources(root, extensions,
                                                checks.folder if checks is not None else None),
                        data, checks.keys if checks is not None else None, indexes, previous)
    check_jobs = checks.jobs if checks is not None else []
    if len(jobs) + len(check_jobs) < POOL_THRESHOLD:
        return None
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    pool = ProcessPoolExecutor(
        max_workers=min(workers, len(jobs) + len(check_jobs)), mp_context=context,
        initializer=start_worker if checks is not None else None,
        initargs=checks.worker_arguments(settings) if checks is not None else ())
    if checks is not None:  # first: the build process waits for them, not for the Markdown
        checks.results = pool.map(check_job, check_jobs, chunksize=CHUNK)
    arguments = markdown_arguments(settings)
    folder = str(cache.store.folder)
    results = pool.map(convert_job, jobs, [arguments] * len(jobs), [folder] * len(jobs),
                       chunksize=CHUNK)
    return Prereading(pool, results)
