"""Rendering the pages the cache does not have on every core, in a fixed order.

While the generators write, a page the render cache misses is not rendered at once: its job
(template, the page's context, key) is queued and the writer gets a placeholder, which the
output files recognise and keep aside. Once every generator has asked for its pages (the
writing plugin's generator runs last), :func:`render_all` renders the queue: in forked worker
processes when there are enough pages (they inherit the finished context, so nothing is
pickled but the rendered text), else in this process. The texts come back in queue order, so
what is written does not depend on the workers.

Contexts are final once the writers run (every generator completes its context before any
generator writes, and no plugin changes an article, a list or a context value while writing:
the contract in plugins/PLUGIN_ARCH.md), so a page rendered later shows what it would have
shown at once; the differential test (tests/functional/test_incremental.py) compares with
what the same pages give when nothing is cached.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable
from dataclasses import dataclass
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


def _render(index: int) -> str | None:
    job = _JOBS[index]
    try:
        return job.template.render(job.context)
    except Exception:
        return None  # rendered again in the parent, which reports the error


def render_all(jobs: list[RenderJob], workers: int | None = None) -> list[str | None]:
    """Each job's text (None when rendering failed), in the order of `jobs`."""
    global _JOBS
    workers = min(workers or os.cpu_count() or 1, 2 * (len(jobs) // MIN_PARALLEL) or 1)
    if workers <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        return [_render_here(job) for job in jobs]
    _JOBS = jobs
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            texts = pool.map(_render, range(len(jobs)), chunksize=8)
    finally:
        _JOBS = []
    return [text if text is not None else _render_here(job)
            for job, text in zip(jobs, texts, strict=True)]


def _render_here(job: RenderJob) -> str | None:
    try:
        return job.template.render(job.context)
    except Exception as error:
        if job.on_error is None:
            raise
        job.on_error(error)
        return None
