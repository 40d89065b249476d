"""Ctrl+C during a build (QA: `make html` interrupted printed a KeyboardInterrupt traceback,
which reads as a crash, and left its staging folder for the next build to remove)."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bench.synthetic import write_site
from tests.removers import beside
from tests.sitebuild import BUILD_DATE, ROOT

#: A plugin that says the build has started, then waits to be interrupted.
WAITING_PLUGIN = '''
import time
from pathlib import Path

from pelican import signals


def wait(generators):
    Path({started!r}).touch()
    time.sleep(120)


def register():
    signals.all_generators_finalized.connect(wait)
'''
SETTINGS = '''
import sys
sys.path.insert(0, {project!r})
from pelicanconf import *  # noqa: F403
PLUGIN_PATHS = [*PLUGIN_PATHS, {plugins!r}]  # noqa: F405
PLUGINS = [*PLUGINS, "waiting"]  # noqa: F405
'''


def test_ctrl_c_ends_the_build_with_one_line_leaving_output_and_no_staging(
        tmp_path: Path) -> None:
    output, started = tmp_path / "output", tmp_path / "started"
    plugins = tmp_path / "plugins"
    plugins.mkdir()
    (plugins / "waiting.py").write_text(WAITING_PLUGIN.format(started=str(started)),
                                        encoding="utf-8")
    settings = tmp_path / "settings.py"
    settings.write_text(SETTINGS.format(project=str(ROOT), plugins=str(plugins)),
                        encoding="utf-8")
    output.mkdir()
    (output / "index.html").write_text("iepriekšējā būve", encoding="utf-8")
    build = subprocess.Popen(
        [sys.executable, "-m", "kopienu_zinas.tools.build", "--settings", str(settings),
         "--output", str(output), "--build-date", BUILD_DATE],
        cwd=ROOT, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 240
    while not started.exists() and build.poll() is None and time.monotonic() < deadline:
        time.sleep(0.1)
    assert started.exists(), "the build reached its generators"
    build.send_signal(signal.SIGINT)
    _, stderr = build.communicate(timeout=120)
    assert build.returncode == 130, stderr
    assert "Traceback" not in stderr and "KeyboardInterrupt" not in stderr, stderr
    assert "Būvēšana pārtraukta (build interrupted)" in stderr
    assert (output / "index.html").read_text(encoding="utf-8") == "iepriekšējā būve"
    assert beside(output) == [], "the staging folder is removed"


@pytest.mark.parametrize("after", [0.3, 0.5])
def test_ctrl_c_while_the_build_starts_is_the_same_one_line(tmp_path: Path, after: float) -> None:
    """QA: a Ctrl+C in the first third of a second (the build's libraries loading) printed a
    KeyboardInterrupt traceback from Jinja's imports."""
    build = subprocess.Popen(
        [sys.executable, "-m", "kopienu_zinas.tools.build", "--output", str(tmp_path / "o"),
         "--build-date", BUILD_DATE], cwd=ROOT, stderr=subprocess.PIPE, text=True)
    time.sleep(after)
    build.send_signal(signal.SIGINT)
    _, stderr = build.communicate(timeout=120)
    assert build.returncode == 130, stderr
    assert "Traceback" not in stderr and "KeyboardInterrupt" not in stderr, stderr
    assert "Būvēšana pārtraukta (build interrupted)" in stderr
    assert not (tmp_path / "o").exists()


def test_ctrl_c_once_the_build_is_swapped_in_is_let_pass() -> None:
    """QA: a Ctrl+C just after "Gatavs (done)" ended a finished build with status 130."""
    from kopienu_zinas.tools.build import Interruption

    interruption = Interruption()
    interruption.swapped = True
    interruption._handle(signal.SIGINT, None)  # returns: nothing ends, nothing is printed


def children(pid: int) -> list[int]:
    """The processes `pid` forked that still run (Linux: /proc/PID/task/PID/children)."""
    try:
        listed = Path(f"/proc/{pid}/task/{pid}/children").read_text(encoding="ascii")
    except FileNotFoundError:
        return []
    return [int(number) for number in listed.split()]


def test_ctrl_c_while_workers_run_prints_one_line_not_a_traceback_per_worker(
        tmp_path: Path) -> None:
    """QA: Ctrl+C while pages were read or rendered printed "Process ForkProcess-3:" and a
    KeyboardInterrupt traceback from every worker before the build's own line, and the build
    could wait forever for a worker. A terminal sends SIGINT to the whole process group:
    here, to the build and its workers at once, as soon as a worker runs."""
    content, output, printed = tmp_path / "content", tmp_path / "output", tmp_path / "stderr"
    write_site(content, 200)
    with printed.open("w", encoding="utf-8") as stderr:
        build = subprocess.Popen(
            [sys.executable, "-m", "kopienu_zinas.tools.build", "--settings", "pelicanconf.py",
             "--content", str(content), "--output", str(output), "--build-date", BUILD_DATE,
             "-e", f"CACHE_PATH={json.dumps(str(tmp_path / 'cache' / 'pelican'))}",
             "-e", 'SEARCH={"index": false}'],
            cwd=ROOT, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=stderr,
            start_new_session=True)
        try:
            deadline = time.monotonic() + 240
            while not children(build.pid) and build.poll() is None \
                    and time.monotonic() < deadline:
                time.sleep(0.01)
            assert children(build.pid), "the build ran worker processes"
            os.killpg(build.pid, signal.SIGINT)
            assert build.wait(timeout=120) == 130
        finally:
            with contextlib.suppress(ProcessLookupError):  # a worker forked as the signal came
                os.killpg(build.pid, signal.SIGKILL)
    text = printed.read_text(encoding="utf-8")
    assert "Traceback" not in text and "KeyboardInterrupt" not in text, text
    assert text.count("Būvēšana pārtraukta (build interrupted)") == 1, text
    assert not output.exists() and beside(output) == []
