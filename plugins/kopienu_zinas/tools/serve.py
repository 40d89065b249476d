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
themselves (tools/live_reload.py). `make serve` runs this until Ctrl+C.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import signal
import subprocess
import sys
import threading
from pathlib import Path
from types import FrameType
from typing import Any

from pelican.settings import read_settings

from ..cms.settings import CmsSettings
from .live_reload import BuildSignal, PreviewHandler
from .watch import SourceWatcher

#: Exit statuses above this are a build that died (128 + signal, as shells count, or
#: warm_builder.CRASHED), not one that reported problems (1) or found no content folder (2).
DIED = 2


class WarmBuilder:
    """The warm build process (tools/warm_builder.py), started again when it has died."""

    def __init__(self, build_options: list[str]) -> None:
        self.command = [sys.executable, "-m", "kopienu_zinas.tools.warm_builder", *build_options]
        self.process = self.start()

    def start(self) -> subprocess.Popen[str]:
        return subprocess.Popen(self.command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                text=True, encoding="utf-8")

    def build(self) -> int:
        """Build once; the exit status of `build --preview` (see DIED)."""
        for _attempt in range(2):
            try:
                assert self.process.stdin and self.process.stdout
                self.process.stdin.write("build\n")
                self.process.stdin.flush()
                reply = self.process.stdout.readline()
            except BrokenPipeError:
                reply = ""
            if reply.startswith("built "):
                return int(reply.split()[1])
            self.restart()  # it died (killed, out of memory): once more with a new one
        return 1

    def restart(self) -> None:
        self.stop()
        self.process = self.start()

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
        self.process.wait()
        for stream in (self.process.stdin, self.process.stdout):
            if stream:
                stream.close()


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
                 unreloaded: tuple[str, ...]) -> http.server.ThreadingHTTPServer:
    """Serve `output` (also after a build swaps a new folder in at the same path)."""
    handler = functools.partial(PreviewHandler, directory=str(output), signal=build,
                                unreloaded=unreloaded)
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
    try:
        server = start_server(output, bind, port, served, unreloaded_pages(settings))
    except OSError as error:
        print(f"Nevar klausīties {bind}:{port} (cannot listen): {error.strerror} — "
              "varbūt priekšskatījums jau darbojas; citam portam: make serve PORT=8001",
              file=sys.stderr)
        return 1
    signal.signal(signal.SIGTERM, stop_on_sigterm)
    host = "localhost" if bind in ("127.0.0.1", "localhost") else bind
    siteurl = f"http://{host}:{server.server_address[1]}"
    watcher = start_watching(args, settings)
    builder = WarmBuilder(build_options(args, siteurl))
    try:
        builder.build()
        served.swapped_in()
        print(f"Priekšskatījums (preview): {siteurl}/ — Ctrl+C beidz (stops)", flush=True)
        while True:
            changed = watcher.wait()
            if any(watcher.is_code(path) for path in changed):
                print("Kods mainīts, būvētājs no jauna (code changed, new builder)…", flush=True)
                builder.restart()
            print("Izmaiņas, būvēju no jauna (changes, rebuilding)…", flush=True)
            before = folder_identity(output)
            status = builder.build()
            if status > DIED:
                print(f"Būvēšana pārtrūka (the build died, status {status}); lapas paliek kā "
                      "bija (the pages stay as they were)", file=sys.stderr, flush=True)
            if folder_identity(output) != before:
                served.swapped_in()
            print(f"Priekšskatījums (preview): {siteurl}/", flush=True)
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
