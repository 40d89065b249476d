"""Read the sources missing from the cache on every core, before Pelican's generators read them.

At `initialized`, before the content check, every Markdown file under content/ is read as
text (common/sourcetext) and its key computed (common/sourcereader.source_key); the ones
without an entry go to a pool of worker processes, which convert them and store the results.
The build process meanwhile runs the content check; when the generators are created
(`readers_init`) it waits for the pool, and Pelican's reader then finds every result in the
cache. The result does not depend on which worker converts what: an entry is a pure function
of the text and the key says so. A source a worker cannot convert gets no entry; the reader
then converts it in the build process and reports its error there, named against the source,
exactly as without the pool. A pool that breaks as a whole (a worker killed) is the same:
every missing entry is converted in the build process.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from markdown import Markdown

from ..common.cachestore import CacheStore
from ..common.sourcereader import (
    ConvertedSource,
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


def markdown_sources(content_root: Path, extensions: tuple[str, ...]) -> list[Path]:
    """Every file under content/ that the Markdown reader reads, hidden files and folders
    (IGNORE_FILES' default `**/.*`) left out, in path order."""
    return sorted(path for path in content_root.rglob("*")
                  if path.suffix.lstrip(".") in extensions and path.is_file()
                  and not any(part.startswith(".")
                              for part in path.relative_to(content_root).parts))


def missing_jobs(cache: SourceCache, sources: list[Path], content_root: Path) -> list[Job]:
    """One job per distinct text without an entry; every source's key is marked used (kept
    when the cache is pruned)."""
    jobs: dict[str, Job] = {}
    for source in sources:
        try:
            text = read_source(source, source.relative_to(content_root).as_posix()).text
        except OSError:
            continue  # the reader reports it
        key = source_key(cache.shared, text)
        cache.store.used.add(key)
        if key not in jobs and not cache.store.contains(key):
            jobs[key] = Job(key, text)
    return list(jobs.values())


_MARKDOWN: dict[str, Markdown] = {}


def convert_job(job: Job, arguments: dict[str, Any], folder: str) -> str | None:
    """In a worker: convert one source and store it; its key, or None when it has no entry."""
    name = repr(arguments)
    if name not in _MARKDOWN:
        _MARKDOWN.clear()
        _MARKDOWN[name] = Markdown(**arguments)
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
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None


def start(cache: SourceCache, settings: dict[str, Any], workers: int,
          extensions: tuple[str, ...]) -> Prereading | None:
    """Start converting the sources missing from the cache; None when there is nothing (or
    too little) to do in parallel, or `workers` is 0."""
    root = Path(settings["PATH"])
    if workers < 1 or not root.is_dir():
        return None
    jobs = missing_jobs(cache, markdown_sources(root, extensions), root)
    if len(jobs) < POOL_THRESHOLD:
        return None
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    pool = ProcessPoolExecutor(max_workers=min(workers, len(jobs)), mp_context=context)
    arguments = markdown_arguments(settings)
    folder = str(cache.store.folder)
    results = pool.map(convert_job, jobs, [arguments] * len(jobs), [folder] * len(jobs),
                       chunksize=CHUNK)
    return Prereading(pool, results)
