"""Rendering the queued pages on every core (writing/parallel.py): each text is delivered by the
process that rendered it and what delivering returned comes back complete and in queue order, a
page that fails is reported once by the build process, and a worker that dies or fails to
deliver loses nothing; a worker that has made its share of memory its own hands over to a fresh
one."""

from __future__ import annotations

import multiprocessing
import os
import time
from pathlib import Path

import pytest
from jinja2 import Environment

from kopienu_zinas.writing import parallel
from kopienu_zinas.writing.parallel import CHUNK, RenderJob, render_all

PAGES = 100
BUILD_PID = os.getpid()


def delivered(index: int, text: str) -> tuple[int, str, str]:
    return index, text, str(os.getpid())


def text_of(_index: int, text: str) -> str:
    return text


def jobs_for(source: str, errors: list[Exception] | None = None) -> list[RenderJob]:
    env = Environment()
    env.globals["pid"] = os.getpid
    env.globals["build_pid"] = os.getpid()
    env.globals["leave"] = os._exit
    template = env.from_string(source)
    return [RenderJob(template, {"n": n}, f"key-{n}", errors.append if errors is not None else None)
            for n in range(PAGES)]


def test_every_page_comes_back_in_queue_order_rendered_on_both_processes(tmp_path: Path) -> None:
    """The build process's first page waits until the worker has rendered one: both render."""
    rendered_elsewhere = tmp_path / "worker-rendered"

    def renderer() -> str:
        if os.getpid() != BUILD_PID:
            rendered_elsewhere.touch()
        else:
            deadline = time.monotonic() + 60
            while not rendered_elsewhere.exists() and time.monotonic() < deadline:
                time.sleep(0.01)
        return str(os.getpid())

    jobs = jobs_for("{{ n }} {{ renderer() }}")
    jobs[0].template.environment.globals["renderer"] = renderer
    outcomes = render_all(jobs, delivered, workers=2)
    assert [index for index, _text, _pid in outcomes] == list(range(PAGES))
    assert [text.split()[0] for _index, text, _pid in outcomes] == [str(n) for n in range(PAGES)]
    assert all(text.split()[1] == pid for _index, text, pid in outcomes), \
        "delivered by the process that rendered it"
    assert len({pid for _index, _text, pid in outcomes}) == 2, "the build process and one worker"


def test_a_page_that_cannot_be_rendered_is_reported_once_by_the_build_process() -> None:
    errors: list[Exception] = []
    texts = render_all(jobs_for("{{ 100 // (n - 42) }}", errors), text_of, workers=2)
    assert texts[42] is None and all(text is not None for n, text in enumerate(texts) if n != 42)
    assert len(errors) == 1 and isinstance(errors[0], ZeroDivisionError)


def test_a_worker_that_dies_loses_no_page() -> None:
    source = "{% if pid() != build_pid and n == 60 %}{{ leave(9) }}{% endif %}{{ n }}"
    texts = render_all(jobs_for(source), text_of, workers=2)
    assert texts == [str(n) for n in range(PAGES)]


def test_a_page_a_worker_cannot_deliver_is_delivered_by_the_build_process() -> None:
    def deliver(index: int, text: str) -> str:
        if os.getpid() != BUILD_PID and index % 10 == 3:
            raise OSError("disk full")
        return text

    texts = render_all(jobs_for("{{ n }}"), deliver, workers=2)
    assert texts == [str(n) for n in range(PAGES)]


@pytest.mark.parametrize(("budget", "pages"), [(0, CHUNK), (1 << 60, PAGES)])
def test_a_worker_stops_after_the_chunk_that_reaches_its_memory_budget(
        budget: int, pages: int) -> None:
    """Run in this process (its page faults are far above 0 and far below 2**60 bytes): a
    worker over budget sends what it rendered and claims nothing more."""
    jobs = jobs_for("{{ n }}")
    counter = multiprocessing.Value("q", 0)
    receiving, sending = multiprocessing.Pipe(duplex=False)
    parallel._JOBS[:], parallel._DELIVER[:] = jobs, [text_of]
    try:
        parallel._worker(counter, len(jobs), sending, budget)
    finally:
        parallel._JOBS.clear()
        parallel._DELIVER.clear()
    assert receiving.recv() == {n: str(n) for n in range(pages)}
    assert counter.value >= pages, "the next worker starts after the pages this one claimed"


def test_workers_replaced_at_every_chunk_lose_no_page_and_render_none_twice(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """With no memory budget each worker renders one chunk and a fresh one is forked for the
    rest; whichever process rendered what, every page comes back once, in queue order."""
    monkeypatch.setattr(parallel, "WORKER_MEMORY", 0)
    rendered = tmp_path / "rendered"
    rendered.mkdir()

    def renderer(n: int) -> str:
        with (rendered / str(n)).open("a", encoding="utf-8") as log:
            log.write(f"{os.getpid()}\n")
        return str(os.getpid())

    jobs = jobs_for("{{ n }} {{ renderer(n) }}")
    jobs[0].template.environment.globals["renderer"] = renderer
    outcomes = render_all(jobs, delivered, workers=2)
    assert [(index, text.split()[0]) for index, text, _pid in outcomes] == \
        [(n, str(n)) for n in range(PAGES)]
    assert sorted(int(path.name) for path in rendered.iterdir()) == list(range(PAGES))
    assert all(len(path.read_text(encoding="utf-8").split()) == 1 for path in rendered.iterdir())
    by_worker: dict[str, int] = {}
    for _index, _text, pid in outcomes:
        if pid != str(BUILD_PID):
            by_worker[pid] = by_worker.get(pid, 0) + 1
    assert all(count <= CHUNK for count in by_worker.values()), \
        "a worker over its budget ends after its chunk"
