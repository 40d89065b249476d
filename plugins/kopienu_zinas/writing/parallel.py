"""Running the queued pages' jobs on every core, in a fixed order.

While the generators write, a page is not rendered at once: its job (template, the page's
context, how to report a failure) is queued and the writer gets a placeholder, which the output
files recognise and keep aside. Once every generator has asked for its pages (the writing
plugin's generator runs last), :func:`render_all` runs the queue: when there are enough pages,
this process and forked workers (one fewer than the cores: this process runs jobs too) take
chunks of the queue in turn from a shared counter, so a slow chunk never leaves a core idle;
the workers inherit the finished context. A job does all of one page's work in the process
that claimed it (writing/render.py `RenderCache.render_queued`): its render key, the render
cache's look-up, rendering it when the cache misses, and putting its files in place
(writing/__init__.py), so no process holds every page's text and only a small record of each
page comes back. What each file is, and so the output, does not depend on which process ran
its job.

Memory: a forked worker shares the build process's pages until one of the two writes to one
(copy-on-write), and rendering writes to every object it reads (reference counts), so over a
whole queue the two processes would end up with their own copy of nearly everything the pages
show (every article). So a worker ends once it has made `WORKER_MEMORY` bytes its own (its
minor page faults: pages it copied or added, the digests its keys computed among them) and the
build process forks a fresh one, which shares everything again, for the rest of the queue;
only what the current worker's stretch of the queue touched is held twice. The objects that
exist when a worker is forked are moved out of the cyclic garbage collector's reach for the
while (`gc.freeze`, Python's documented way to keep forked workers from touching, and so
copying, every inherited page while they collect).

Contexts are final once the writers run (every generator completes its context before any
generator writes, and no plugin changes an article, a list or a context value while writing:
the contract in plugins/PLUGIN_ARCH.md), so a page keyed and rendered later shows what it would
have shown at once; the differential test (tests/functional/test_incremental.py) compares with
what the same pages give when nothing is cached.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import resource
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import Any, TypeVar

from jinja2 import Template

#: Below this many pages, forking costs more than it saves.
MIN_PARALLEL = 24


@dataclass
class RenderJob:
    """A page the writer asked for: rendered from `template` with `context`."""

    template: Template
    context: dict[str, Any]
    #: the writer's report for a page that cannot be written (site/safety.py's problem)
    on_error: Callable[[Exception], None] | None


T = TypeVar("T")
#: The queue and how to run each job, inherited by forked workers.
_JOBS: list[RenderJob] = []
_RUN: list[Callable[[int, RenderJob], Any]] = []
#: Jobs claimed at a time from the shared counter.
CHUNK = 8
#: Bytes a worker may make its own (pages it copied from the build process or added) before it
#: ends and a fresh one is forked: what the two processes hold twice at most, beside the pages
#: a fresh worker copies at once (about 20 MiB at 4,000 articles), paid again at every fork.
WORKER_MEMORY = 48 * 1024 * 1024


def _run(index: int) -> Any | None:
    """What running the job returned, or None when it failed (run again in the build
    process, which reports the error)."""
    try:
        return _RUN[0](index, _JOBS[index])
    except Exception:
        return None


def _chunks(counter: Any, total: int) -> Iterator[range]:
    """Chunks of the queue claimed from `counter` in turn, until none is left."""
    while True:
        with counter.get_lock():
            start = counter.value
            counter.value = start + CHUNK
        if start >= total:
            return
        yield range(start, min(start + CHUNK, total))


def _memory_made_own() -> int:
    """Bytes this forked process has made its own: its minor page faults since the fork (the
    counts start at zero in a forked child, fork(2)), each an inherited page it copied by
    writing to it or a new page, times the page size."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_minflt * resource.getpagesize()


def _worker(counter: Any, total: int, results: Connection, budget: int) -> None:
    """Run chunks claimed from `counter` until none is left or this process has made
    `budget` bytes its own; send index → what running the job returned."""
    outcomes: dict[int, Any | None] = {}
    for chunk in _chunks(counter, total):
        outcomes.update((index, _run(index)) for index in chunk)
        if _memory_made_own() >= budget:
            break
    results.send(outcomes)


@dataclass
class _Worker:
    """A forked worker and the end of its own pipe its outcomes come through (one writer per
    pipe: messages never interleave)."""

    process: BaseProcess
    results: Connection

    def finish(self) -> dict[int, Any | None]:
        """What the worker sent (nothing when it died: its jobs are run again by the
        caller), once it has ended."""
        try:
            outcomes: dict[int, Any | None] = self.results.recv()
        except EOFError:
            outcomes = {}
        self.process.join()
        self.results.close()
        return outcomes


def _start(context: Any, counter: Any, total: int) -> _Worker:
    receiving, sending = context.Pipe(duplex=False)
    process = context.Process(target=_worker, args=(counter, total, sending, WORKER_MEMORY),
                              daemon=True)
    process.start()
    sending.close()
    return _Worker(process, receiving)


def _render_beside(context: Any, counter: Any, total: int, count: int) -> dict[int, Any | None]:
    """Run chunks here while `count` forked workers run theirs, a worker that ended replaced
    by a fresh one between this process's chunks while jobs are left; index → what running
    the job returned (a job a worker died on is missing)."""
    running = [_start(context, counter, total) for _ in range(count)]
    outcomes: dict[int, Any | None] = {}
    for chunk in _chunks(counter, total):
        outcomes.update((index, _run(index)) for index in chunk)
        for worker in [worker for worker in running if worker.results.poll()]:
            outcomes.update(worker.finish())
            running.remove(worker)
            if counter.value < total:
                running.append(_start(context, counter, total))
    for worker in running:
        outcomes.update(worker.finish())
    return outcomes


def render_all(jobs: list[RenderJob], run: Callable[[int, RenderJob], T],
               workers: int | None = None) -> list[T | None]:
    """Call `run(index, job)` for each job in the process that claims it (it keys the page,
    takes it from the render cache or renders it, and puts its files in place: so no process
    holds every text); what `run` returned (pickled back from a worker: keep it small; never
    None), in the order of `jobs`, None where it failed (reported through the job's writer).
    `workers`: the processes running jobs, this one included (default: the cores)."""
    processes = min(workers or os.cpu_count() or 1, 2 * (len(jobs) // MIN_PARALLEL) or 1)
    if processes <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        return [_run_here(jobs, index, run) for index in range(len(jobs))]
    context = multiprocessing.get_context("fork")
    counter = context.Value("q", 0)
    _JOBS[:], _RUN[:] = jobs, [run]
    gc.freeze()
    try:
        outcomes = _render_beside(context, counter, len(jobs), processes - 1)
    finally:
        gc.unfreeze()
        _JOBS.clear()
        _RUN.clear()
    return [outcomes[index] if outcomes.get(index) is not None
            else _run_here(jobs, index, run) for index in range(len(jobs))]


def _run_here(jobs: list[RenderJob], index: int, run: Callable[[int, RenderJob], T]) -> T | None:
    """Run one job in this process; a page that cannot be rendered or placed is reported
    through its writer (None)."""
    job = jobs[index]
    try:
        return run(index, job)
    except Exception as error:
        if job.on_error is None:
            raise
        job.on_error(error)
        return None
