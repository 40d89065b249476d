"""Bring every picture of a build into the cache: look up, process what is missing in parallel.

Each result is its own job's: a worker returns (source, problem) for the picture it was given,
and anything else that comes back instead (an exception, a worker that died) is that job's
problem too. Once an exception left a worker, `pool.map` raised it in the build process, and the
build's last net named the picture its loop had reached, a healthy one (QA report of session
11, fault 2); a picture that ends its worker is found by running the jobs that were under way
then once more, each in a worker of its own.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path

from ..common.fingerprint import file_digest
from ..common.problems import ContentProblem
from .cache import PhotoCache, entry_key, settings_digest
from .pipeline import PhotoError, Rendered, refused_ending, render_entry
from .settings import ImagingSettings

_UNREADABLE = ContentProblem("", 0, "image", "apstrādāto attēlu nevar nolasīt",
                             "processed image unreadable", "palaid būvēšanu vēlreiz")
#: A picture whose worker process ended while processing it (a decoder's crash).
_CRASHED = PhotoError.of("attēla apstrāde apstājās pusceļā", "processing the picture ended its "
                         "worker process", "", "fails, iespējams, ir bojāts: saglabā attēlu no "
                         "jauna kā JPEG vai izņem to no mapes").problem

Job = tuple[str, ImagingSettings, str]
Result = tuple[str, ContentProblem | None]


@dataclass
class BatchResult:
    #: photo path → (cache key, what it became)
    done: dict[Path, tuple[str, Rendered]] = field(default_factory=dict)
    #: photo path → why it cannot be published (path left empty: ``problem.placed(path)``)
    failed: dict[Path, ContentProblem] = field(default_factory=dict)
    processed: int = 0  # photos rendered in this run (the rest came from the cache)


def _unexpected(error: BaseException) -> ContentProblem:
    """The problem of one picture whose processing raised what render_entry does not return
    (a fault of ours): named by the exception's kind, never by another picture."""
    return PhotoError.of("attēlu neizdevās apstrādāt", "the picture could not be processed",
                         type(error).__name__,
                         "sūti šo ziņu izstrādātājiem (attēls netiek publicēts)").problem


def _outcome(job: Job, future: Future[Result]) -> Result | None:
    """The job's result, its problem when it raised, or None when its worker process ended
    (the pool is broken: the job is run again on its own)."""
    try:
        return future.result()
    except BrokenProcessPool:
        return None
    except Exception as error:
        return job[0], _unexpected(error)


def _alone(job: Job, context: multiprocessing.context.BaseContext) -> Result:
    """One job in a worker process of its own: a picture that ends it is named (_CRASHED)."""
    with ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
        outcome = _outcome(job, pool.submit(render_entry, *job))
    return outcome if outcome is not None else (job[0], _CRASHED)


def _run(jobs: list[Job], workers: int | None, start_method: str | None) -> list[Result]:
    """render_entry of every job, each result in its job's place (its source first)."""
    workers = min(workers or os.cpu_count() or 1, len(jobs))
    if workers <= 1:
        results: list[Result] = []
        for job in jobs:
            try:
                results.append(render_entry(*job))
            except Exception as error:
                results.append((job[0], _unexpected(error)))
        return results
    context = multiprocessing.get_context(start_method)
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        futures = [pool.submit(render_entry, *job) for job in jobs]
        outcomes = [_outcome(job, future) for job, future in zip(jobs, futures, strict=True)]
    return [outcome if outcome is not None else _alone(job, context)
            for job, outcome in zip(jobs, outcomes, strict=True)]


def process_photos(photos: list[Path], settings: ImagingSettings, cache: PhotoCache,
                   workers: int | None = None, start_method: str | None = None,
                   prune: bool = True) -> BatchResult:
    """Every photo's renditions in the cache; stale entries pruned unless `prune` is False."""
    result = BatchResult()
    for photo in photos:  # by its ending, before the cache: an entry is keyed on content alone
        refused = refused_ending(photo)
        if refused is not None:
            result.failed[photo] = refused.problem
    photos = [photo for photo in photos if photo not in result.failed]
    settings_key = settings_digest(settings)
    keys = {photo: entry_key(file_digest(photo), settings_key) for photo in photos}
    missing = []
    for photo, key in keys.items():
        rendered = cache.lookup(key)
        if rendered is None:
            missing.append(photo)
        else:
            result.done[photo] = (key, rendered)
    if missing:
        with contextlib.suppress(OSError):  # then each job says its entry cannot be written
            cache.ready()
        # one job per cache entry: identical pictures (same bytes) are rendered once
        first: dict[str, Path] = {}
        for photo in missing:
            first.setdefault(keys[photo], photo)
        jobs = [(str(p), settings, str(cache.entry(key))) for key, p in first.items()]
        errors = {keys[Path(source)]: error for source, error in _run(jobs, workers, start_method)}
        for photo in missing:
            error = errors[keys[photo]]
            rendered = cache.lookup(keys[photo]) if error is None else None
            if rendered is not None:
                result.done[photo] = (keys[photo], rendered)
                result.processed += photo == first[keys[photo]]
            else:
                result.failed[photo] = error or _UNREADABLE
    if prune:
        cache.prune({key for key, _ in result.done.values()})
    return result
