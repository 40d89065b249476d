"""The preview's warm build process: imports once, forks one child per build.

    python -m kopienu_zinas.tools.warm_builder [build options, as for kopienu_zinas.tools.build]

`make serve` (tools/serve.py) starts this process and keeps it. It imports Pelican, our build
tool, the plugins the settings name (through Pelican's own plugin loader, so plugins from
PLUGIN_PATHS too) and, after each build, every further module the build imported (Markdown's
extensions, Pillow's formats, feedgen's extensions…), and digests our code once
(common/fingerprint.code_digest, part of every cache key): later builds pay neither
interpreter start-up nor imports nor that digest. Protocol, one line each: standard input
`build` → standard output `built <exit status>`; the end of standard input ends the process.

Each build runs in a forked child (`build --preview` with the options given), so nothing a
build does — plugins connecting signals, a crash, a changed setting — reaches the next one.
The process itself keeps no state of a build: when anything in a plugin folder or a settings
file changes, serve.py starts a new one (imported modules are never reloaded in place). Linux
and macOS (fork); the child's standard output goes to standard error, which carries the
build's report.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import logging
import os
import signal
import sys
import traceback
from collections.abc import Iterable
from pathlib import Path
from types import FrameType

from pelican.plugins._utils import load_plugins
from pelican.settings import read_settings

from ..common import fingerprint
from . import build

#: The exit status of a child whose build raised (sysexits.h EX_SOFTWARE).
CRASHED = 70
#: The child being built, so that SIGTERM can stop it too.
_CHILD: list[int] = []


def warm_up(args: argparse.Namespace) -> None:
    """Import the plugins the settings name and digest our code for the caches' keys (valid
    for this process's life: a change to the plugins starts a new one). A plugin that fails
    to import is left to the build, which reports it (nothing is logged here)."""
    fingerprint.code_digest()
    logging.disable(logging.CRITICAL)
    try:
        with contextlib.suppress(Exception):
            load_plugins(read_settings(args.settings, override=build.settings_overrides(args)))
    finally:
        logging.disable(logging.NOTSET)


def import_learned(names: Iterable[str]) -> None:
    """Import modules a build imported that this process lacks (failures are left alone)."""
    for name in names:
        if name not in sys.modules:
            with contextlib.suppress(Exception):
                importlib.import_module(name)


def importable_names(settings_file: str) -> list[str]:
    """Names of the loaded modules worth importing ahead: file-based, not the settings files
    (Pelican loads those from their folder, and a change to them restarts this process)."""
    settings_folder = Path(settings_file).resolve().parent
    names = []
    for name, module in list(sys.modules.items()):
        origin = getattr(module, "__file__", None)
        if origin and name != "__main__" and Path(origin).resolve().parent != settings_folder:
            names.append(name)
    return names


def build_in_child(args: argparse.Namespace) -> tuple[int, list[str]]:
    """Fork, build in the child, and return its exit status and the modules it had loaded.
    A child killed by a signal gives 128 + the signal's number, as shells do."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: build, report the loaded modules, never return
        os.close(read_end)
        status = CRASHED
        try:
            signal.signal(signal.SIGTERM, signal.SIG_DFL)
            status = build.build(args)
            with os.fdopen(write_end, "w", encoding="utf-8") as report:
                report.write("\n".join(importable_names(args.settings)))
        except BaseException:  # what build() does not catch itself: shown, never propagated
            traceback.print_exc()
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(status)
    _CHILD[:] = [pid]
    os.close(write_end)
    with os.fdopen(read_end, encoding="utf-8") as report:
        learned = report.read().split()
    _pid, wait_status = os.waitpid(pid, 0)
    _CHILD.clear()
    code = os.waitstatus_to_exitcode(wait_status)
    return (code if code >= 0 else 128 - code), learned


def stop(_signal: int, _frame: FrameType | None) -> None:
    """SIGTERM: stop the build under way too (its staging folder is never swapped in)."""
    for pid in _CHILD:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGTERM)
    os._exit(0)


def main(argv: list[str] | None = None) -> int:
    args = build.parse_arguments(argv)
    args.preview = True
    replies = os.fdopen(os.dup(1), "w", encoding="utf-8", buffering=1)
    os.dup2(2, 1)  # whatever else is printed goes with the build's report, not the replies
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C stops serve.py, which stops us
    signal.signal(signal.SIGTERM, stop)
    warm_up(args)
    for command in sys.stdin:
        if command.strip() != "build":
            continue
        status, learned = build_in_child(args)
        replies.write(f"built {status}\n")
        import_learned(learned)
    return 0


if __name__ == "__main__":
    sys.exit(main())
