"""Rendering the pages the cache does not have on every core, in a fixed order.

While the generators write, a page the render cache misses is not rendered at once: its job
(template, the page's context, key) is queued and the writer gets a placeholder, which the
output files recognise and keep aside. Once every generator has asked for its pages (the
writing plugin's generator runs last), :func:`render_all` renders the queue: when there are
enough pages, this process and forked workers (one fewer than the cores: this process renders
too) take chunks of the queue in turn from a shared counter, so a slow chunk never leaves a
core idle; the workers inherit the finished context, so nothing is pickled but the rendered
text. The objects that exist when the workers are forked are moved out of the cyclic garbage
collector's reach for the while (`gc.freeze`, Python's documented way to keep forked workers
from touching, and so copying, every inherited page while they collect). The texts come back
in queue order, so what is written does not depend on the workers.

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
from typing import Any

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


_JOBS: list[RenderJob] = []  # the queue, inherited by forked workers
#: Jobs claimed at a time from the shared counter.
CHUNK = 8


def _render(index: int) -> str | None:
    job = _JOBS[index]
    try:
        return job.template.render(job.context)
    except Exception:
        return None  # rendered again in the build process, which reports the error


def _render_share(counter: Any, total: int) -> dict[int, str | None]:
    """Render chunks of `_JOBS` claimed from `counter` until none is left; index → text."""
    texts: dict[int, str | None] = {}
    while True:
        with counter.get_lock():
            start = counter.value
            counter.value = start + CHUNK
        if start >= total:
            return texts
        for index in range(start, min(start + CHUNK, total)):
            texts[index] = _render(index)


def _worker(counter: Any, total: int, results: Connection) -> None:
    results.send(_render_share(counter, total))


def _collect(results: Connection, workers: Sequence[BaseProcess]) -> dict[int, str | None]:
    """What the workers sent, until every one of them has ended (a worker that died sent
    nothing: its pages are rendered again by the caller)."""
    texts: dict[int, str | None] = {}
    running = {worker.sentinel for worker in workers}
    while running or results.poll():
        ready = wait([results, *running])
        if results in ready:
            try:
                texts.update(results.recv())
                continue
            except EOFError:  # every worker has ended
                break
        running.difference_update(ready)
    for worker in workers:
        worker.join()
    return texts


def render_all(jobs: list[RenderJob], workers: int | None = None) -> list[str | None]:
    """Each job's text (None when rendering failed), in the order of `jobs`. `workers`: the
    processes rendering, this one included (default: the cores)."""
    global _JOBS
    processes = min(workers or os.cpu_count() or 1, 2 * (len(jobs) // MIN_PARALLEL) or 1)
    if processes <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        return [_render_here(job) for job in jobs]
    context = multiprocessing.get_context("fork")
    counter = context.Value("q", 0)
    receiving, sending = context.Pipe(duplex=False)
    _JOBS = jobs
    gc.freeze()
    try:
        forked = [context.Process(target=_worker, args=(counter, len(jobs), sending), daemon=True)
                  for _ in range(processes - 1)]
        for process in forked:
            process.start()
        sending.close()
        texts = _render_share(counter, len(jobs))
        texts.update(_collect(receiving, forked))
    finally:
        gc.unfreeze()
        _JOBS = []
        receiving.close()
    return [texts[index] if texts.get(index) is not None else _render_here(job)
            for index, job in enumerate(jobs)]


def _render_here(job: RenderJob) -> str | None:
    try:
        return job.template.render(job.context)
    except Exception as error:
        if job.on_error is None:
            raise
        job.on_error(error)
        return None
