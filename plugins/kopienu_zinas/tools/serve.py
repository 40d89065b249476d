"""Preview the site while editing: build, serve it on localhost, rebuild on every change.

    python -m kopienu_zinas.tools.serve [--settings pelicanconf.py] [--content DIR]
                                        [--output DIR] [--bind 127.0.0.1] [--port 8000]
                                        [--build-date ISO] [--interval SECONDS] [--poll]

Builds are our build tool with --preview (PREVIEW = True), run by a warm build process
(tools/warm_builder.py) that has imported Pelican and the plugins once and forks one child per
build: every content problem is printed in the terminal as `make check` prints it and shown in
a banner at the top of the page it concerns, and a broken file never stops the preview. The
content folder, the theme, the plugins and the settings file are watched (tools/watch.py);
a batch of changes gives one build, and changes made during a build one more after it. A
change to a plugin folder or a settings file starts a new warm build process first. Each build
writes into a staging folder that is swapped in only when finished; open pages then reload by
themselves (tools/live_reload.py). An address with no file gets the site's "not found" page,
with the problems of the source whose page it was when a problem left that source without one
(tools/missing_pages.py). `make serve` runs this until Ctrl+C.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import http.server
import itertools
import json
import queue
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from types import FrameType
from typing import Any

from pelican.settings import read_settings

from ..cms.settings import CmsSettings
from ..common.fingerprint import is_text
from .live_reload import BuildSignal, PreviewHandler
from .missing_pages import MissingPages
from .watch import SourceWatcher

#: Exit statuses above this are a build that died (128 + signal, as shells count, or
#: warm_builder.CRASHED), not one that reported problems (1) or found no content folder (2).
DIED = 2
#: Seconds a fast render may take before the full build alone is waited for.
RENDER_TIMEOUT_SECONDS = 10.0
#: Batches of more changed files than this skip the fast render (a checkout, a copied folder).
FAST_RENDER_LIMIT = 5


class WarmBuilder:
    """The warm build process (tools/warm_builder.py), started again when it has died. Builds
    and fast renders may be asked for from different threads."""

    def __init__(self, build_options: list[str], missing: MissingPages) -> None:
        self.command = [sys.executable, "-m", "kopienu_zinas.tools.warm_builder", *build_options]
        self.missing = missing
        self.lock = threading.Lock()  # the process and its standard input
        self.render_lock = threading.Lock()  # one fast render at a time
        self.requests = itertools.count(1)
        self.process, self.built, self.rendered = self.start()

    def start(self) -> tuple[subprocess.Popen[str], queue.Queue[str | None],
                             queue.Queue[str | None]]:
        process = subprocess.Popen(self.command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                   text=True, encoding="utf-8")
        built: queue.Queue[str | None] = queue.Queue()
        rendered: queue.Queue[str | None] = queue.Queue()
        threading.Thread(target=self.read_replies, args=(process, built, rendered),
                         daemon=True).start()
        return process, built, rendered

    def read_replies(self, process: subprocess.Popen[str], built: queue.Queue[str | None],
                     rendered: queue.Queue[str | None]) -> None:
        """Sort the process's replies into `built` and `rendered`, and give a swapped-in
        build's pages and unbuilt sources to `missing` (before its `built`); None in both
        queues once it ended."""
        assert process.stdout
        for line in process.stdout:
            word, _, rest = line.rstrip("\n").partition(" ")
            if word == "unbuilt":
                self.missing.update(json.loads(rest))
            else:
                (built if word == "built" else rendered).put(rest)
        built.put(None)
        rendered.put(None)

    def send(self, line: str) -> bool:
        with self.lock:
            try:
                assert self.process.stdin
                self.process.stdin.write(line + "\n")
                self.process.stdin.flush()
                return True
            except (BrokenPipeError, ValueError):
                return False

    def build(self) -> int:
        """Build once; the exit status of `build --preview` (see DIED)."""
        for _attempt in range(2):
            built = self.built
            if self.send("build"):
                reply = built.get()
                if reply is not None:
                    return int(reply)
            self.restart()  # it died (killed, out of memory): once more with a new one
        return 1

    def render(self, source: Path) -> str:
        """Fast-render the page of `source` (tools/fast_render.py): the output path written,
        or '' when the full build has to show the change."""
        with self.render_lock:
            number = str(next(self.requests))
            rendered = self.rendered
            if not self.send(f"render {number} {source.resolve()}"):
                return ""
            deadline = time.monotonic() + RENDER_TIMEOUT_SECONDS
            while (left := deadline - time.monotonic()) > 0:
                try:
                    reply = rendered.get(timeout=left)
                except queue.Empty:
                    break
                if reply is None:
                    break
                answered, _, written = reply.partition(" ")
                if answered == number:
                    return written
            return ""

    def restart(self) -> None:
        with self.lock:
            self.stop()
            self.process, self.built, self.rendered = self.start()

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
        self.process.wait()
        for stream in (self.process.stdin, self.process.stdout):
            if stream:
                with contextlib.suppress(OSError):
                    stream.close()


class Previewer:
    """Saves → fast renders at once (on the calling thread), full builds one after another on
    a thread of their own; a batch of changes saved during a build gives one build after it."""

    def __init__(self, builder: WarmBuilder, served: BuildSignal, watcher: SourceWatcher,
                 output: Path, siteurl: str) -> None:
        self.builder = builder
        self.served = served
        self.watcher = watcher
        self.output = output
        self.siteurl = siteurl
        self.wake = threading.Condition()
        self.pending: set[str] = set()
        self.code_changed = False
        self.thread = threading.Thread(target=self.run_builds, daemon=True)

    def changed(self, paths: set[str]) -> None:
        """Saved files: fast-render their pages, then ask for a full build."""
        code = any(self.watcher.is_code(path) for path in paths)
        if not code and self.fast_render(paths):
            self.served.swapped_in()
        with self.wake:
            self.pending |= paths
            self.code_changed |= code
            self.wake.notify()

    def fast_render(self, paths: set[str]) -> list[str]:
        """The output paths fast-rendered for `paths` (none for a large batch: a checkout or a
        copied folder goes straight to the full build; none for a path that is not UTF-8,
        which no build reads: its problem comes with the full build)."""
        if len(paths) > FAST_RENDER_LIMIT:
            return []
        written = [page for path in sorted(paths)
                   if is_text(path) and (page := self.builder.render(Path(path)))]
        for page in written:
            print(f"Lapa atjaunota uzreiz (page updated at once): {page}", flush=True)
        return written

    def run_builds(self) -> None:
        while True:
            with self.wake:
                self.wake.wait_for(lambda: bool(self.pending))
                self.pending.clear()
                code, self.code_changed = self.code_changed, False
            if code:
                print("Kods mainīts, būvētājs no jauna (code changed, new builder)…", flush=True)
                self.builder.restart()
            print("Izmaiņas, būvēju no jauna (changes, rebuilding)…", flush=True)
            before = folder_identity(self.output)
            status = self.builder.build()
            if status > DIED:
                print(f"Būvēšana pārtrūka (the build died, status {status}); lapas paliek kā "
                      "bija (the pages stay as they were)", file=sys.stderr, flush=True)
            if folder_identity(self.output) != before:
                with self.wake:  # saved during the build: shown again on the new output
                    saved_meanwhile = set(self.pending) if not self.code_changed else set()
                self.fast_render(saved_meanwhile)
                self.served.swapped_in()
            print(f"Priekšskatījums (preview): {self.siteurl}/", flush=True)


def folder_identity(folder: Path) -> tuple[int, int] | None:
    """Device and inode of a folder: a swapped-in build has new ones."""
    try:
        status = folder.stat()
    except FileNotFoundError:
        return None
    return status.st_dev, status.st_ino


def start_watching(args: argparse.Namespace, settings: dict[str, Any]) -> SourceWatcher:
    """Watch the content folder, the theme, the plugin folders and the settings files."""
    return SourceWatcher([Path(args.content or settings["PATH"]), Path(settings["THEME"])],
                         [Path(p) for p in settings.get("PLUGIN_PATHS") or []],
                         Path(args.settings).parent, interval=args.interval, poll=args.poll)


def build_options(args: argparse.Namespace, siteurl: str) -> list[str]:
    options = ["--preview", "--settings", args.settings, "--siteurl", siteurl]
    for option, value in (("--content", args.content), ("--output", args.output),
                          ("--build-date", args.build_date)):
        if value:
            options += [option, value]
    return options


def unreloaded_pages(settings: dict[str, Any]) -> tuple[str, ...]:
    """URL prefixes of pages that must not reload themselves: the browser editor (/admin/),
    where a reload after its own save would drop what the editor is doing."""
    try:
        return (f"/{CmsSettings.from_pelican(settings).url}",)
    except ValueError:  # the build reports the setting
        return ()


def start_server(output: Path, bind: str, port: int, build: BuildSignal,
                 unreloaded: tuple[str, ...],
                 missing: MissingPages) -> http.server.ThreadingHTTPServer:
    """Serve `output` (also after a build swaps a new folder in at the same path)."""
    handler = functools.partial(PreviewHandler, directory=str(output), signal=build,
                                unreloaded=unreloaded, missing=missing)
    server = http.server.ThreadingHTTPServer((bind, port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def parse_arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--settings", default="pelicanconf.py")
    parser.add_argument("--content", default=None, help="content folder (default: PATH)")
    parser.add_argument("--output", default=None, help="output folder (default: OUTPUT_PATH)")
    parser.add_argument("--build-date", default=None, help="ISO date or datetime used as 'now'")
    parser.add_argument("--bind", default=None, help="address to listen on (default: BIND)")
    parser.add_argument("--port", type=int, default=None,
                        help="port (default: PORT; 0 picks a free one)")
    parser.add_argument("--interval", type=float, default=1.0,
                        help="seconds between checks when polling")
    parser.add_argument("--poll", action="store_true",
                        help="poll for changes instead of file-system events")
    return parser.parse_args(argv)


def stop_on_sigterm(_signal: int, _frame: FrameType | None) -> None:
    raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> int:
    args = parse_arguments(argv)
    settings = read_settings(args.settings)
    output = Path(args.output or settings["OUTPUT_PATH"]).resolve()
    args.output = str(output)
    bind = args.bind or settings.get("BIND") or "127.0.0.1"
    port = settings.get("PORT", 8000) if args.port is None else args.port
    served = BuildSignal()
    missing = MissingPages()
    try:
        server = start_server(output, bind, port, served, unreloaded_pages(settings), missing)
    except OSError as error:
        print(f"Nevar klausīties {bind}:{port} (cannot listen): {error.strerror} — "
              "varbūt priekšskatījums jau darbojas; citam portam: make serve PORT=8001",
              file=sys.stderr)
        return 1
    signal.signal(signal.SIGTERM, stop_on_sigterm)
    host = "localhost" if bind in ("127.0.0.1", "localhost") else bind
    siteurl = f"http://{host}:{server.server_address[1]}"
    watcher = start_watching(args, settings)
    builder = WarmBuilder(build_options(args, siteurl), missing)
    try:
        builder.build()
        served.swapped_in()
        print(f"Priekšskatījums (preview): {siteurl}/ — Ctrl+C beidz (stops)", flush=True)
        previewer = Previewer(builder, served, watcher, output, siteurl)
        previewer.thread.start()
        while True:
            previewer.changed(watcher.wait())
    except KeyboardInterrupt:
        print("\nPriekšskatījums beigts (preview stopped).", flush=True)
    finally:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        watcher.stop()
        builder.stop()
        server.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
