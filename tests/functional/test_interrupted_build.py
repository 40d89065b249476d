"""Ctrl+C during a build (QA: `make html` interrupted printed a KeyboardInterrupt traceback,
which reads as a crash, and left its staging folder for the next build to remove)."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

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
