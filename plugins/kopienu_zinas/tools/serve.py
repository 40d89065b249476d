"""Preview the site while editing: build, serve it on localhost, rebuild on every change.

    python -m kopienu_zinas.tools.serve [--settings pelicanconf.py] [--content DIR]
                                        [--output DIR] [--bind 127.0.0.1] [--port 8000]
                                        [--build-date ISO] [--interval SECONDS]

Each build is our build tool with --preview (PREVIEW = True) in a fresh interpreter, so that
changed plugins and settings are picked up too: every content problem is printed in the
terminal as `make check` prints it and shown in a banner at the top of the page it concerns,
and a broken file never stops the preview. The content folder, the theme, the plugins and the
settings file are polled for changes (file names, sizes and modification times) every
`--interval` seconds; `make serve` runs this until Ctrl+C.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import subprocess
import sys
import threading
import time
from collections.abc import Iterable
from pathlib import Path

from pelican.settings import read_settings

Snapshot = dict[str, tuple[int, int]]


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def snapshot(paths: Iterable[Path]) -> Snapshot:
    """Size and modification time (ns) of every file under the given files and folders."""
    found: Snapshot = {}
    for root in paths:
        files = [root] if root.is_file() else sorted(root.rglob("*")) if root.is_dir() else []
        for file in files:
            if file.is_file() and "__pycache__" not in file.parts:
                stat = file.stat()
                found[str(file)] = (stat.st_size, stat.st_mtime_ns)
    return found


def watched_paths(args: argparse.Namespace) -> list[Path]:
    settings = read_settings(args.settings)
    content = Path(args.content or settings["PATH"])
    plugins = [Path(p) for p in settings.get("PLUGIN_PATHS") or []]
    return [content, Path(settings["THEME"]), *plugins, Path(args.settings)]


def build_command(args: argparse.Namespace, siteurl: str) -> list[str]:
    command = [sys.executable, "-m", "kopienu_zinas.tools.build", "--preview",
               "--settings", args.settings, "--siteurl", siteurl]
    for option, value in (("--content", args.content), ("--output", args.output),
                          ("--build-date", args.build_date)):
        if value:
            command += [option, value]
    return command


def start_server(output: Path, bind: str, port: int) -> http.server.ThreadingHTTPServer:
    """Serve `output` (also after a build swaps a new folder in at the same path)."""
    handler = functools.partial(QuietHandler, directory=str(output))
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
    parser.add_argument("--interval", type=float, default=1.0, help="seconds between checks")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_arguments(argv)
    settings = read_settings(args.settings)
    output = Path(args.output or settings["OUTPUT_PATH"]).resolve()
    args.output = str(output)
    bind = args.bind or settings.get("BIND") or "127.0.0.1"
    port = settings.get("PORT", 8000) if args.port is None else args.port
    try:
        server = start_server(output, bind, port)
    except OSError as error:
        print(f"Nevar klausīties {bind}:{port} (cannot listen): {error.strerror} — "
              "varbūt priekšskatījums jau darbojas; citam portam: make serve PORT=8001",
              file=sys.stderr)
        return 1
    host = "localhost" if bind in ("127.0.0.1", "localhost") else bind
    siteurl = f"http://{host}:{server.server_address[1]}"
    paths = watched_paths(args)
    try:
        seen = snapshot(paths)
        subprocess.run(build_command(args, siteurl), check=False)
        print(f"Priekšskatījums (preview): {siteurl}/ — Ctrl+C beidz (stops)", flush=True)
        while True:
            time.sleep(args.interval)
            now = snapshot(paths)
            if now != seen:
                seen = now
                print("Izmaiņas, būvēju no jauna (changes, rebuilding)…", flush=True)
                subprocess.run(build_command(args, siteurl), check=False)
                print(f"Priekšskatījums (preview): {siteurl}/", flush=True)
    except KeyboardInterrupt:
        print("\nPriekšskatījums beigts (preview stopped).", flush=True)
    finally:
        server.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
