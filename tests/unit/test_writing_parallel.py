"""Running the queued pages' jobs on every core (writing/parallel.py, writing/render.py
`RenderCache.render_queued`): each page is keyed, rendered and delivered by the process that
runs its job and what the job returned comes back complete and in queue order, a page that fails
is reported once by the build process, and a worker that dies or fails to deliver loses nothing;
a worker that has made its share of memory its own hands over to a fresh one. The writer waits
for no key: the keys are computed by the jobs, on every core, the same whichever process
computes them, and the build counts every page as rendered or reused."""

from __future__ import annotations

import multiprocessing
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from jinja2 import DictLoader, Environment
from pelican.settings import DEFAULT_CONFIG

from kopienu_zinas.writing import parallel, render
from kopienu_zinas.writing.parallel import CHUNK, RenderJob, render_all
from kopienu_zinas.writing.render import PLACEHOLDER, RenderCache
from tests.sitebuild import ROOT

PAGES = 100
BUILD_PID = os.getpid()


def delivered(index: int, text: str) -> tuple[int, str, str]:
    return index, text, str(os.getpid())


def text_of(_index: int, text: str) -> str:
    return text


def rendering(deliver: Callable[[int, str], Any]) -> Callable[[int, RenderJob], Any]:
    """A job that renders its page and delivers the text."""
    return lambda index, job: deliver(index, job.template.render(job.context))


def jobs_for(source: str, errors: list[Exception] | None = None) -> list[RenderJob]:
    env = Environment()
    env.globals["pid"] = os.getpid
    env.globals["build_pid"] = os.getpid()
    env.globals["leave"] = os._exit
    template = env.from_string(source)
    return [RenderJob(template, {"n": n}, errors.append if errors is not None else None)
            for n in range(PAGES)]


def test_every_page_comes_back_in_queue_order_rendered_on_both_processes(tmp_path: Path) -> None:
    """The build process's first page waits until the worker has rendered one: both render."""
    jobs = jobs_for("{{ n }} {{ renderer() }}")
    jobs[0].template.environment.globals["renderer"] = waits_for_a_worker(tmp_path)
    outcomes = render_all(jobs, rendering(delivered), workers=2)
    assert [index for index, _text, _pid in outcomes] == list(range(PAGES))
    assert [text.split()[0] for _index, text, _pid in outcomes] == [str(n) for n in range(PAGES)]
    assert all(text.split()[1] == pid for _index, text, pid in outcomes), \
        "delivered by the process that rendered it"
    assert len({pid for _index, _text, pid in outcomes}) == 2, "the build process and one worker"


def test_a_page_that_cannot_be_rendered_is_reported_once_by_the_build_process() -> None:
    errors: list[Exception] = []
    texts = render_all(jobs_for("{{ 100 // (n - 42) }}", errors), rendering(text_of),
                       workers=2)
    assert texts[42] is None and all(text is not None for n, text in enumerate(texts) if n != 42)
    assert len(errors) == 1 and isinstance(errors[0], ZeroDivisionError)


def test_a_worker_that_dies_loses_no_page() -> None:
    source = "{% if pid() != build_pid and n == 60 %}{{ leave(9) }}{% endif %}{{ n }}"
    texts = render_all(jobs_for(source), rendering(text_of), workers=2)
    assert texts == [str(n) for n in range(PAGES)]


def test_a_page_a_worker_cannot_deliver_is_delivered_by_the_build_process() -> None:
    def deliver(index: int, text: str) -> str:
        if os.getpid() != BUILD_PID and index % 10 == 3:
            raise OSError("disk full")
        return text

    texts = render_all(jobs_for("{{ n }}"), rendering(deliver), workers=2)
    assert texts == [str(n) for n in range(PAGES)]


@pytest.mark.parametrize(("budget", "pages"), [(0, CHUNK), (1 << 60, PAGES)])
def test_a_worker_stops_after_the_chunk_that_reaches_its_memory_budget(
        budget: int, pages: int) -> None:
    """Run in this process (its page faults are far above 0 and far below 2**60 bytes): a
    worker over budget sends what it rendered and claims nothing more."""
    jobs = jobs_for("{{ n }}")
    counter = multiprocessing.Value("q", 0)
    receiving, sending = multiprocessing.Pipe(duplex=False)
    parallel._JOBS[:], parallel._RUN[:] = jobs, [rendering(text_of)]
    try:
        parallel._worker(counter, len(jobs), sending, budget)
    finally:
        parallel._JOBS.clear()
        parallel._RUN.clear()
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
    outcomes = render_all(jobs, rendering(delivered), workers=2)
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


def waits_for_a_worker(tmp_path: Path) -> Callable[[], str]:
    """A template global: in the build process, it waits until a worker has called it (so
    both processes run jobs); its process id."""
    called_elsewhere = tmp_path / "worker-called"

    def wait() -> str:
        if os.getpid() != BUILD_PID:
            called_elsewhere.touch()
        else:
            deadline = time.monotonic() + 60
            while not called_elsewhere.exists() and time.monotonic() < deadline:
                time.sleep(0.01)
        return str(os.getpid())

    return wait


def queued_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                 keyed: Path) -> tuple[RenderCache, Any, list[dict[str, Any]]]:
    """A build's render cache queueing the writer's pages (two cores), each key computed
    noted in `keyed` (a file per page, the process id that computed it), the page template
    and the contexts of PAGES pages."""
    monkeypatch.setattr(parallel.os, "cpu_count", lambda: 2)
    keyed.mkdir(exist_ok=True)
    key_of = RenderCache.keyed

    def noted_key(self: RenderCache, template: Any,
                  context: dict[str, Any]) -> tuple[str, frozenset[str]]:
        (keyed / str(context["n"])).write_text(str(os.getpid()), encoding="utf-8")
        return key_of(self, template, context)

    monkeypatch.setattr(RenderCache, "keyed", noted_key)
    env = Environment(loader=DictLoader({"page.html": "{{ n }} {{ menu.title }} {{ wait() }}"}))
    env.globals["wait"] = waits_for_a_worker(tmp_path)
    settings = {**DEFAULT_CONFIG, "CACHE_PATH": str(tmp_path / "cache" / "pelican"),
                "THEME": str(ROOT / "theme")}
    cache = RenderCache(settings)
    cache.queue = []
    menu = {"title": "Izvēlne"}
    return cache, env.get_template("page.html"), [{"n": n, "menu": menu} for n in range(PAGES)]


def test_the_writer_waits_for_no_key_and_each_job_keys_its_page_where_it_runs(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache, template, pages = queued_cache(tmp_path, monkeypatch, tmp_path / "keyed")
    assert all(cache.render(template, page).startswith(PLACEHOLDER) for page in pages)
    assert not list((tmp_path / "keyed").iterdir()), "no key computed while the writer writes"

    placed = cache.render_queued(lambda _index, _key: None,
                                 lambda index, key, text: (index, key, text, os.getpid()))
    assert [(index, text.split()[:2]) for index, _key, text, _pid in placed] == \
        [(n, [str(n), "Izvēlne"]) for n in range(PAGES)]
    assert all((tmp_path / "keyed" / str(index)).read_text(encoding="utf-8") == str(pid)
               for index, _key, _text, pid in placed), "keyed where its job ran"
    assert len({pid for *_rest, pid in placed}) == 2, "both processes key and render"
    fresh = RenderCache(cache.fingerprints.settings)
    assert [key for _index, key, _text, _pid in placed] == \
        [fresh.key(template, page) for page in reversed(pages)][::-1], \
        "the same keys whichever process computed them, in whatever order"
    assert (cache.rendered, cache.reused) == (PAGES, 0)
    assert {key for _index, key, _text, _pid in placed} <= cache.store.used

    # the next build: the even pages placed from the published output, the odd ones from
    # the store; none rendered, every key used
    again, template, pages = queued_cache(tmp_path, monkeypatch, tmp_path / "keyed-again")
    for page in pages:
        again.render(template, page)
    placed_again = again.render_queued(
        lambda index, key: ("published", key) if index % 2 == 0 else None,
        lambda index, key, text: ("text", key))
    assert [how for how, _key in placed_again] == ["published", "text"] * (PAGES // 2)
    assert [key for _how, key in placed_again] == [key for _index, key, _text, _pid in placed]
    assert (again.rendered, again.reused) == (0, PAGES)
    assert {key for _how, key in placed_again} <= again.store.used


def test_a_queued_page_that_cannot_be_rendered_is_reported_once_through_its_writer(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache, _template, pages = queued_cache(tmp_path, monkeypatch, tmp_path / "keyed")
    template = Environment(loader=DictLoader({"page.html": "{{ 100 // (n - 42) }}"})) \
        .get_template("page.html")
    errors: list[Exception] = []
    cache.on_error = errors.append
    for page in pages:
        cache.render(template, page)
    placed = cache.render_queued(lambda _index, _key: None, lambda index, _key, text: text)
    assert placed[42] is None and all(text is not None for n, text in enumerate(placed)
                                      if n != 42)
    assert len(errors) == 1 and isinstance(errors[0], ZeroDivisionError)
    assert (cache.rendered, cache.reused) == (PAGES - 1, 0)


def test_workers_inherit_each_templates_reads_found_before_they_fork(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The build process keys the first page of each template before forking: no worker
    works out a template's reads (nor the digests its pages share) again."""
    found_in = tmp_path / "reads-found-in"
    find = render.template_reads

    def noted_reads(*args: Any, **kwargs: Any) -> Any:
        with found_in.open("a", encoding="utf-8") as log:
            log.write(f"{os.getpid()}\n")
        return find(*args, **kwargs)

    monkeypatch.setattr(render, "template_reads", noted_reads)
    cache, template, pages = queued_cache(tmp_path, monkeypatch, tmp_path / "keyed")
    for page in pages:
        cache.render(template, page)
    placed = cache.render_queued(lambda _index, _key: None,
                                 lambda _index, _key, _text: os.getpid())
    assert len(set(placed)) == 2, "both processes ran jobs"
    assert found_in.read_text(encoding="utf-8").split() == [str(BUILD_PID)]
