"""`make serve` as an editor runs it: the preview server in a subprocess on a free port."""

from __future__ import annotations

import contextlib
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from tests.sitebuild import BUILD_DATE, ROOT

T = TypeVar("T")

#: What the server prints before each rebuild.
REBUILDING = "Izmaiņas, būvēju no jauna (changes, rebuilding)"
#: What it prints when Python code changed and it starts a new warm build process.
NEW_BUILDER = "Kods mainīts, būvētājs no jauna (code changed, new builder)"
#: What the server prints after each build (the first one's line goes on).
SERVING = "Priekšskatījums (preview): http"
#: What every preview build that built something prints.
BUILT = "Priekšskatījums gatavs (preview ready)"
#: What it prints for a page it rendered at once, before the full build (the fast render).
AT_ONCE = "Lapa atjaunota uzreiz (page updated at once): "


def wait_for(condition: Callable[[], T | None], what: str, timeout: float = 90) -> T:
    """The first truthy result of `condition`, polled; generous: this never measures speed."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = condition()
        if found:
            return found
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError):
        return None


def fetch_with_status(url: str) -> tuple[int, str] | None:
    """The HTTP status and the page, also for an error status (None: no answer)."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        with error:
            return error.code, error.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError):
        return None


@dataclass(frozen=True)
class Preview:
    url: str
    log: Path

    def terminal(self) -> str:
        return self.log.read_text(encoding="utf-8")

    def build_ids(self) -> Iterator[str]:
        """The build IDs the reload channel sends (Server-Sent Events `data:` lines)."""
        with urllib.request.urlopen(f"{self.url}/__preview__/events", timeout=120) as stream:
            for line in stream:
                if line.startswith(b"data: "):
                    yield line.decode("utf-8")[len("data: "):].strip()

    def current_build(self) -> str:
        """The ID of the build being served, as a page connecting now is told."""
        with contextlib.closing(self.build_ids()) as ids:
            return next(ids)

    def wait_for_builds(self, count: int) -> None:
        """Wait until `count` builds have finished (the first one included; also builds that
        found nothing changed)."""
        wait_for(lambda: self.terminal().count(SERVING) >= count, f"{count} finished builds")

    def page_with(self, path: str, text: str) -> str:
        """The page at `path` once it contains `text`."""
        return wait_for(lambda: (lambda page: page if page and text in page else None)(
            fetch(self.url + path)), f"{text!r} on {path}")

    def answer_with(self, path: str, text: str) -> tuple[int, str]:
        """The status and page at `path` once the page contains `text`, whatever the status
        (a "not found" page too)."""
        return wait_for(lambda: (lambda answer: answer if answer and text in answer[1] else None)(
            fetch_with_status(self.url + path)), f"{text!r} on {path}")


@contextlib.contextmanager
def running_preview(content: Path, output: Path, *options: str) -> Iterator[Preview]:
    """The preview server for `content`, building into `output`, until the block ends."""
    log = output.parent / f"{output.name}-serve.log"
    with log.open("w", encoding="utf-8") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "kopienu_zinas.tools.serve", "--port", "0", "--content",
             str(content), "--output", str(output), "--build-date", BUILD_DATE, *options],
            cwd=ROOT, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        try:
            line = wait_for(lambda: next((x for x in log.read_text("utf-8").splitlines()
                                          if SERVING in x), None),
                            "the preview's address")
            yield Preview(line.split("(preview): ")[1].split("/ ")[0], log)
        finally:
            process.terminate()
            process.wait(timeout=30)
