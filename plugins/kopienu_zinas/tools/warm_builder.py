"""The preview's warm build process: imports once, forks one child per build.

    python -m kopienu_zinas.tools.warm_builder [build options, as for kopienu_zinas.tools.build]

`make serve` (tools/serve.py) starts this process and keeps it. It imports Pelican, our build
tool, the plugins the settings name (through Pelican's own plugin loader, so plugins from
PLUGIN_PATHS too) and, after each build, every further module the build imported (Markdown's
extensions, Pillow's formats, feedgen's extensions…), and digests our code once
(common/fingerprint.code_digest, part of every cache key): later builds pay neither
interpreter start-up nor imports nor that digest. Protocol, one line each, on standard input
and output:

- `build` → `built <exit status>` once the build has finished (the child is forked at once
  and awaited on a thread, so `render` lines are answered meanwhile; ask for the next build
  after this answer), preceded, when the build was swapped in, by `unbuilt <JSON>`: its pages'
  sources and the problem banners of sources without a page (site/preview_missing.py
  `Unbuilt`), for the addresses the preview server finds no file for;
- `render <number> <source file>` → `rendered <number> <output path>`, or without the path
  when nothing was rendered: the fast render of one saved article or page
  (tools/fast_render.py); the number, any the caller chooses, pairs each answer with its
  request;
- the end of standard input ends the process.

Each build runs in a forked child (`build --preview` with the options given), so nothing a
build does — plugins connecting signals, a crash, a changed setting — reaches the next one or
this process, which keeps no state of a build: when anything in a plugin folder or a settings
file changes, serve.py starts a new one (imported modules are never reloaded in place). A child
whose build finished (and was therefore swapped in: preview builds always are) stays, as the
*resident*, with its Pelican generators, answering fast renders until the next finished build's
child takes over; it removes the output it replaced and prunes the render cache (what
`build` does after a swap) only after it has reported, on a thread of its own, so open pages
reload and fast renders are answered meanwhile. Linux and macOS (fork); the children's
standard output goes to standard error, which carries the build's report.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import json
import logging
import os
import select
import signal
import sys
import threading
import traceback
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from types import FrameType
from typing import IO, Any

from pelican import signals
from pelican.plugins._utils import load_plugins
from pelican.settings import read_settings

from ..common import fingerprint
from ..common.build import Build, build_of
from ..site.preview_missing import unbuilt_sources
from . import build, leftovers
from .fast_render import Resident

#: The exit status of a child whose build raised (sysexits.h EX_SOFTWARE).
CRASHED = 70
#: Seconds a resident may take for one fast render before it is taken for hung.
RENDER_SECONDS = 8.0


@dataclass
class Child:
    """A forked build child: its process and, once it is the resident, its command pipes."""

    pid: int
    commands: IO[str] | None = None
    answers: IO[str] | None = None

    def render(self, source: str) -> str:
        """The resident's answer for one source: an output path, or '' (nothing rendered).
        A resident that does not answer within RENDER_SECONDS is stopped (the next build's
        child takes over)."""
        if self.commands is None or self.answers is None:
            return ""
        try:
            self.commands.write(source + "\n")
            self.commands.flush()
            if not select.select([self.answers], [], [], RENDER_SECONDS)[0]:
                self.kill()
                self.close()
                return ""
            return self.answers.readline().strip()
        except (BrokenPipeError, ValueError):
            return ""

    def close(self) -> None:
        for stream in (self.commands, self.answers):
            if stream is not None:
                with contextlib.suppress(OSError):
                    stream.close()
        self.commands = self.answers = None

    def wait(self) -> int:
        """The child's exit status once it has ended (a resident ends when its command pipe
        closes); killed by a signal: 128 + its number, as shells count."""
        self.close()
        try:
            _pid, wait_status = os.waitpid(self.pid, 0)
        except ChildProcessError:
            return CRASHED
        code = os.waitstatus_to_exitcode(wait_status)
        return code if code >= 0 else 128 - code

    def kill(self) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.kill(self.pid, signal.SIGTERM)


class Children:
    """The build under way and the resident, shared by the command loop and the build thread."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.building: Child | None = None
        self.resident: Child | None = None

    def render(self, source: str) -> str:
        with self.lock:
            resident = self.resident
            return resident.render(source) if resident is not None else ""

    def take_over(self, child: Child) -> None:
        """`child` becomes the resident; the one before it ends."""
        with self.lock:
            before, self.resident = self.resident, child
        if before is not None:
            before.wait()

    def close_inherited(self) -> None:
        """In a newly forked child: close its copies of the other children's pipes, or a
        resident would never see its command pipe close."""
        for child in (self.building, self.resident):
            for stream in (child.commands, child.answers) if child is not None else ():
                if stream is not None:
                    with contextlib.suppress(OSError, ValueError):
                        os.close(stream.fileno())

    def stop_all(self) -> None:
        """Stop the build under way and the resident, and wait for them to end."""
        children = [child for child in (self.building, self.resident) if child is not None]
        for child in children:
            child.kill()
        for child in children:
            child.wait()


CHILDREN = Children()


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


def serve_as_resident(generators: list[Any], output: Path, commands: int, answers: int) -> None:
    """The child after its build: answer fast renders until its command pipe closes."""
    resident = Resident(generators, output)
    with os.fdopen(commands, encoding="utf-8") as requests, \
            os.fdopen(answers, "w", encoding="utf-8", buffering=1) as replies:
        for line in requests:
            replies.write((resident.render(Path(line.rstrip("\n"))) or "") + "\n")


def run_all(steps: Iterable[Callable[[], None]]) -> None:
    for step in steps:
        step()


def run_child(args: argparse.Namespace, report: int, commands: int, answers: int) -> int:
    """In the forked child: build, report the status and the loaded modules, then stay as the
    resident when the build finished. Returns the exit status."""
    generators: list[Any] = []
    builds: list[Build] = []

    def keep(sender: Any) -> None:  # Pelican's `all_generators_finalized` (sender: generators)
        generators[:] = sender
        builds[:] = [found] if sender and (found := build_of(sender[0].settings)) else []

    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signals.all_generators_finalized.connect(keep, weak=False)
    tidying: list[Callable[[], None]] = []  # what publish left: done once the build is served
    status = build.build(args, after_swap=tidying.append)
    stays = bool(tidying and generators)  # swapped in, with the generators that made it
    unbuilt = unbuilt_sources(builds[0]).as_json() if stays and builds else None
    with os.fdopen(report, "w", encoding="utf-8") as reporting:
        reporting.write(f"{status} {'resident' if stays else 'gone'}\n")
        reporting.write(" ".join(importable_names(args.settings)) + "\n")
        reporting.write(json.dumps(unbuilt) + "\n")
    sys.stdout.flush()
    sys.stderr.flush()
    tidier = threading.Thread(target=run_all, args=(tidying,))
    tidier.start()
    if stays:
        serve_as_resident(generators, Path(args.output).resolve(), commands, answers)
    tidier.join()
    return status


def fork_build(args: argparse.Namespace) -> tuple[Child, int]:
    """Fork a child that builds, reports and, when its build finished, stays as the resident;
    the child and the file descriptor of its report. Call it from the main thread only, between
    two reads of standard input: a thread blocked reading it would hold its lock in the child,
    and Python's multiprocessing closes standard input in every worker it starts (the build's
    reading pool would hang)."""
    report_read, report_write = os.pipe()
    commands_read, commands_write = os.pipe()
    answers_read, answers_write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: build, report, maybe stay; never return
        for end in (report_read, commands_write, answers_read):
            os.close(end)
        CHILDREN.close_inherited()
        status = CRASHED
        try:
            status = run_child(args, report_write, commands_read, answers_write)
        except BaseException:  # what build() does not catch itself: shown, never propagated
            traceback.print_exc()
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(status)
    for end in (report_write, commands_read, answers_write):
        os.close(end)
    child = Child(pid, os.fdopen(commands_write, "w", encoding="utf-8"),
                  os.fdopen(answers_read, encoding="utf-8"))
    CHILDREN.building = child
    return child, report_read


def await_build(child: Child, report_read: int) -> tuple[int, list[str], str]:
    """The child's exit status, the modules it had loaded and, for a build that was swapped
    in, its pages and unbuilt sources (site/preview_missing.py, as one line of JSON; else
    'null'), once its build has finished; a finished build's child becomes the resident. A
    child killed by a signal gives 128 + the signal's number, as shells do."""
    with os.fdopen(report_read, encoding="utf-8") as report:  # three lines; never read to its
        first = report.readline().split()  # end: the build's worker processes may hold it open
        learned = report.readline().split()
        unbuilt = report.readline().strip() or "null"
    CHILDREN.building = None
    if len(first) == 2 and first[1] == "resident":
        CHILDREN.take_over(child)
        return int(first[0]), learned, unbuilt
    return child.wait(), learned, "null"


def stop(output: Path) -> None:
    """Stop the build under way too (its staging folder is never swapped in, and is removed
    with any other that no running build owns, tools/leftovers.py) and the resident."""
    CHILDREN.stop_all()
    leftovers.remove_abandoned(output)
    os._exit(0)


class Replies:
    """Standard output, one whole line at a time from either thread."""

    def __init__(self) -> None:
        self.stream = os.fdopen(os.dup(1), "w", encoding="utf-8", buffering=1)
        self.lock = threading.Lock()

    def say(self, line: str) -> None:
        with self.lock:
            self.stream.write(line + "\n")


def main(argv: list[str] | None = None) -> int:
    args = build.parse_arguments(argv)
    args.preview = True
    replies = Replies()
    os.dup2(2, 1)  # whatever else is printed goes with the build's report, not the replies
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C stops serve.py, which stops us
    output = Path(args.output or read_settings(args.settings)["OUTPUT_PATH"]).resolve()
    args.output = str(output)

    def on_sigterm(_signal: int, _frame: FrameType | None) -> None:
        stop(output)

    signal.signal(signal.SIGTERM, on_sigterm)
    warm_up(args)
    waiting: threading.Thread | None = None

    def finish(child: Child, report_read: int) -> None:
        status, learned, unbuilt = await_build(child, report_read)
        if unbuilt != "null":
            replies.say(f"unbuilt {unbuilt}")
        replies.say(f"built {status}")
        import_learned(learned)

    for command in sys.stdin:
        word, _, rest = command.rstrip("\n").partition(" ")
        if word == "build":
            if waiting is not None:  # it has replied; it may still be importing
                waiting.join()
            waiting = threading.Thread(target=finish, args=fork_build(args), daemon=True)
            waiting.start()
        elif word == "render":
            number, _, source = rest.partition(" ")
            replies.say(f"rendered {number} {CHILDREN.render(source)}".rstrip())
    stop(output)
    return 0


if __name__ == "__main__":
    sys.exit(main())
