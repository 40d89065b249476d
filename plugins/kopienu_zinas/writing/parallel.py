"""Rendering the pages the cache does not have on every core, in a fixed order.

While the generators write, a page the render cache misses is not rendered at once: its job
(template, the page's context, key) is queued and the writer gets a placeholder, which the
output files recognise and keep aside. Once every generator has asked for its pages (the
writing plugin's generator runs last), :func:`render_all` renders the queue: when there are
enough pages, this process and forked workers (one fewer than the cores: this process renders
too) take chunks of the queue in turn from a shared counter, so a slow chunk never leaves a
core idle; the workers inherit the finished context. Each text is delivered (stored in the
render cache and its file put in place, writing/__init__.py) by the process that rendered it,
so no process holds every page's text and only a small record of each file comes back. The
objects that exist when the workers are forked are moved out of the cyclic garbage
collector's reach for the while (`gc.freeze`, Python's documented way to keep forked workers
from touching, and so copying, every inherited page while they collect). What each file is,
and so the output, does not depend on which process rendered it.

Contexts are final once the writers run (every generator completes its context before any
generator writes, and no plugin changes an article, a list or a context value while writing:
the contract in plugins/PLUGIN_ARCH.md), so a page rendered later shows what it would have
shown at once; the differential test (tests/functional/test_incremental.py) compares with
what the same pages give when nothing is cached.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from typing import Any, TypeVar

from jinja2 import Template

#: Below this many pages, forking costs more than it saves.
MIN_PARALLEL = 24


@dataclass
class RenderJob:
    template: Template
    context: dict[str, Any]
    key: str
    #: the writer's report for a page that cannot be rendered (site/safety.py's problem)
    on_error: Callable[[Exception], None] | None


T = TypeVar("T")
#: The queue and what to do with each text, inherited by forked workers.
_JOBS: list[RenderJob] = []
_DELIVER: list[Callable[[int, str], Any]] = []
#: Jobs claimed at a time from the shared counter.
CHUNK = 8


def _render_and_deliver(index: int) -> Any | None:
    """The job's text delivered, or None when rendering or delivering failed (done again in
    the build process, which reports the error)."""
    job = _JOBS[index]
    try:
        return _DELIVER[0](index, job.template.render(job.context))
    except Exception:
        return None


def _render_share(counter: Any, total: int) -> dict[int, Any | None]:
    """Render and deliver chunks of `_JOBS` claimed from `counter` until none is left;
    index → what delivering returned."""
    outcomes: dict[int, Any | None] = {}
    while True:
        with counter.get_lock():
            start = counter.value
            counter.value = start + CHUNK
        if start >= total:
            return outcomes
        for index in range(start, min(start + CHUNK, total)):
            outcomes[index] = _render_and_deliver(index)


def _worker(counter: Any, total: int, results: Connection) -> None:
    results.send(_render_share(counter, total))


def _collect(results: Connection, workers: Sequence[BaseProcess]) -> dict[int, Any | None]:
    """What the workers sent, until every one of them has ended (a worker that died sent
    nothing: its pages are rendered again by the caller)."""
    outcomes: dict[int, Any | None] = {}
    running = {worker.sentinel for worker in workers}
    while running or results.poll():
        ready = wait([results, *running])
        if results in ready:
            try:
                outcomes.update(results.recv())
                continue
            except EOFError:  # every worker has ended
                break
        running.difference_update(ready)
    for worker in workers:
        worker.join()
    return outcomes


def render_all(jobs: list[RenderJob], deliver: Callable[[int, str], T],
               workers: int | None = None) -> list[T | None]:
    """Render each job and call `deliver(index, text)` in the process that rendered it, so no
    process holds every text; what `deliver` returned (pickled back from a worker: keep it
    small), in the order of `jobs`, None where rendering failed. `workers`: the processes
    rendering, this one included (default: the cores)."""
    processes = min(workers or os.cpu_count() or 1, 2 * (len(jobs) // MIN_PARALLEL) or 1)
    if processes <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        return [_deliver_here(jobs, index, deliver) for index in range(len(jobs))]
    context = multiprocessing.get_context("fork")
    counter = context.Value("q", 0)
    receiving, sending = context.Pipe(duplex=False)
    _JOBS[:], _DELIVER[:] = jobs, [deliver]
    gc.freeze()
    try:
        forked = [context.Process(target=_worker, args=(counter, len(jobs), sending), daemon=True)
                  for _ in range(processes - 1)]
        for process in forked:
            process.start()
        sending.close()
        outcomes = _render_share(counter, len(jobs))
        outcomes.update(_collect(receiving, forked))
    finally:
        gc.unfreeze()
        _JOBS.clear()
        _DELIVER.clear()
        receiving.close()
    return [outcomes[index] if outcomes.get(index) is not None
            else _deliver_here(jobs, index, deliver) for index in range(len(jobs))]


def _deliver_here(jobs: list[RenderJob], index: int, deliver: Callable[[int, str], T]) -> T | None:
    """Render and deliver one job in this process; a page that cannot be rendered is reported
    through its writer (None)."""
    text = _render_here(jobs[index])
    return None if text is None else deliver(index, text)


def _render_here(job: RenderJob) -> str | None:
    try:
        return job.template.render(job.context)
    except Exception as error:
        if job.on_error is None:
            raise
        job.on_error(error)
        return None
