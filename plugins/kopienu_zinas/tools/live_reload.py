"""The preview's HTTP handler: serves the output folder and reloads open pages after a build.

Only the preview server does this; the files in output/ stay exactly what `make html` writes.
Each HTML response gets, before `</body>`, one script element
`<script src="/__preview__/reload.js" data-build="ID" defer></script>`, where ID names the build
the page came from. The script listens to `/__preview__/events` (Server-Sent Events, HTML
Living Standard §9.2): the server sends the current build's ID on connecting and each new ID
when a finished build has been swapped in; a page whose ID differs reloads itself. Hidden tabs
close their connection (browsers allow about six per host) and check again when shown. Without
JavaScript pages work as before and are reloaded by hand. Nothing is requested from elsewhere.

An address with no file gets the site's "not found" page with the reload script too, naming
the problems that left it without a page (tools/missing_pages.py): once the fix is saved and
built, it reloads to the page.

Every response says `Cache-Control: no-cache`, so a reload revalidates the style sheet and
pictures too (Chromium's reload revalidates only the page itself).
"""

from __future__ import annotations

import http.server
import os
import threading
import time
from http import HTTPStatus
from pathlib import Path

from .missing_pages import MissingPages

#: Where the reload script and its event stream live (no page of the site starts with `__`).
PREFIX = "/__preview__/"
#: Seconds between comments that keep an idle event stream open (and find closed ones).
KEEPALIVE_SECONDS = 15
#: Seconds a request waits for the output folder while a build swaps it into place.
SWAP_WAIT_SECONDS = 5

RELOAD_SCRIPT = b"""\
// Preview only (make serve): reload this page once a newer build is being served.
(() => {
  const build = document.currentScript.dataset.build;
  let events = null;
  const listen = () => {
    if (events || document.hidden) return;
    events = new EventSource("/__preview__/events");
    events.onmessage = (message) => { if (message.data !== build) location.reload(); };
  };
  const stop = () => { if (events) { events.close(); events = null; } };
  document.addEventListener("visibilitychange", () => (document.hidden ? stop() : listen()));
  addEventListener("pagehide", stop);
  addEventListener("pageshow", listen);
  listen();
})();
"""


class BuildSignal:
    """The ID of the build being served; `swapped_in()` announces a new one to every page."""

    def __init__(self) -> None:
        self.changed = threading.Condition()
        self.number = 0
        self.session = str(time.time_ns())

    @property
    def current(self) -> str:
        return f"{self.session}-{self.number}"

    def swapped_in(self) -> None:
        with self.changed:
            self.number += 1
            self.changed.notify_all()

    def wait_for_next(self, seen: str, timeout: float) -> str:
        """The current ID once it differs from `seen`, or `seen` after `timeout` seconds."""
        with self.changed:
            self.changed.wait_for(lambda: self.current != seen, timeout)
            return self.current


def with_reload_script(page: bytes, build: str) -> bytes:
    """The page with the reload script before its last `</body>` (or at its end)."""
    tag = (f'<script src="{PREFIX}reload.js" data-build="{build}" defer></script>').encode()
    cut = page.lower().rfind(b"</body>")
    return page + tag if cut < 0 else page[:cut] + tag + page[cut:]


class PreviewHandler(http.server.SimpleHTTPRequestHandler):
    """Serves `directory`; `signal` is the BuildSignal; pages under the `unreloaded` URL
    prefixes are served as they are (the browser editor: a reload would drop unsaved work);
    an address with no file, and a folder without `index.html` (no listing: the published
    site has none), gets the site's "not found" page with what `missing` says about it
    (tools/missing_pages.py), and the reload script. All four are set with functools.partial."""

    def __init__(self, *args: object, signal: BuildSignal, unreloaded: tuple[str, ...],
                 missing: MissingPages, **kwargs: object) -> None:
        self.signal = signal
        self.unreloaded = unreloaded
        self.missing = missing
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]

    def log_message(self, format: str, *args: object) -> None:
        pass

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-cache")
        super().end_headers()

    def do_GET(self) -> None:
        if self.path == f"{PREFIX}reload.js":
            self.send_bytes(RELOAD_SCRIPT, "text/javascript; charset=utf-8")
        elif self.path == f"{PREFIX}events":
            self.stream_events()
        else:
            self.wait_for_output()
            page = None if self.path.startswith(self.unreloaded) else self.html_file()
            try:
                body = page.read_bytes() if page else None
            except OSError:  # gone with a swap since: answered as any missing file
                body = None
            if body is None:
                super().do_GET()
            else:
                self.send_page(body)

    def send_error(self, code: int, message: str | None = None,
                   explain: str | None = None) -> None:
        """A missing file: the site's "not found" page (tools/missing_pages.py); any other
        error as http.server sends it."""
        if code != HTTPStatus.NOT_FOUND or self.path.startswith(PREFIX):
            super().send_error(code, message, explain)
            return
        self.send_page(self.missing.page(self.path, Path(self.directory)), HTTPStatus.NOT_FOUND)

    def list_directory(self, path: str | os.PathLike[str]) -> None:
        """A folder without `index.html`: not found, as on the published site."""
        self.send_error(HTTPStatus.NOT_FOUND)

    def send_page(self, page: bytes, status: int = HTTPStatus.OK) -> None:
        """An HTML page, with the reload script unless its address is `unreloaded`."""
        if not self.path.startswith(self.unreloaded):
            page = with_reload_script(page, self.signal.current)
        self.send_bytes(page, "text/html; charset=utf-8", status)

    def wait_for_output(self) -> None:
        """Wait while the output folder is missing: between the two renames of a swap."""
        deadline = time.monotonic() + SWAP_WAIT_SECONDS
        while not Path(self.directory).is_dir() and time.monotonic() < deadline:
            time.sleep(0.01)

    def html_file(self) -> Path | None:
        """The HTML file a request names (a folder's index.html), if it exists."""
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?")[0].endswith("/"):
            path = path / "index.html"
        return path if path.suffix == ".html" and path.is_file() else None

    def send_bytes(self, body: bytes, content_type: str, status: int = HTTPStatus.OK) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def stream_events(self) -> None:
        """Server-Sent Events: the current build's ID now and after every swap, until the page
        goes away (`retry` asks browsers to reconnect after a second when the server restarts)."""
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.end_headers()
        seen = self.signal.current
        try:
            self.wfile.write(f"retry: 1000\ndata: {seen}\n\n".encode())
            self.wfile.flush()
            while True:
                now = self.signal.wait_for_next(seen, KEEPALIVE_SECONDS)
                self.wfile.write(f"data: {now}\n\n".encode() if now != seen else b": \n\n")
                self.wfile.flush()
                seen = now
        except (BrokenPipeError, ConnectionResetError):
            return
