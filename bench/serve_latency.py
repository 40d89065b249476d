"""`make serve`'s latency: from saving an article to the rebuilt page being served.

Starts the preview (`python -m kopienu_zinas.tools.serve`, only its command line: --settings,
--content, --output, --port, --build-date) on a free port, waits until the article's page is
served, then for each edit appends a new sentence to the article's body and polls the page over
HTTP until it contains that sentence. The time from the file's write to that answer is the
latency (the preview's own change detection included).
"""

from __future__ import annotations

import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import yaml
from pelican.settings import read_settings

from kopienu_zinas.common.isodates import parse_iso_date
from kopienu_zinas.common.slugs import slugify_with_settings

from . import synthetic
from .measure import BenchError

POLL_SECONDS = 0.02
#: How long the preview's first (cold) build may take before the benchmark gives up.
READY_TIMEOUT = 900.0
#: How long one rebuild may take before the benchmark gives up.
EDIT_TIMEOUT = 300.0


def free_port() -> int:
    """A port nothing listens on now (the preview binds it a moment later)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def article_address(article: Path, settings: dict[str, Any]) -> str:
    """The article's page address under the site root (ARTICLE_URL with {date:%Y} and {slug}),
    from its front matter's title and date, slugged as Pelican does with the site's settings."""
    head = article.read_text(encoding="utf-8").split("---\n", 2)[1]
    meta = yaml.safe_load(head)
    date = parse_iso_date(meta["date"])
    slug = slugify_with_settings(str(meta["title"]), settings)
    return str(settings["ARTICLE_URL"].format(date=date, slug=slug))


def fetch(url: str) -> str | None:
    """The page's text, or None while it is not served (no server yet, 404, reset)."""
    try:
        with urllib.request.urlopen(url, timeout=5) as answer:
            text: str = answer.read().decode("utf-8", errors="replace")
            return text
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def wait_for(url: str, text: str, timeout: float, server: subprocess.Popen[bytes]) -> float:
    """Seconds until the page at `url` contains `text`; BenchError on timeout or if the
    preview stopped."""
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        page = fetch(url)
        if page is not None and text in page:
            return time.perf_counter() - start
        if server.poll() is not None:
            raise BenchError(f"the preview stopped (status {server.returncode}) before {url} "
                             f"showed {text!r}")
        time.sleep(POLL_SECONDS)
    raise BenchError(f"{url} did not show {text!r} within {timeout:.0f} s")


def measure_latency(settings_file: Path, content: Path, output: Path, article: Path,
                    build_date: str, edits: int) -> tuple[float, list[float]]:
    """(seconds until the first page is served, each edit's save-to-served seconds)."""
    settings = read_settings(str(settings_file))
    port = free_port()
    url = f"http://127.0.0.1:{port}/{article_address(article, settings)}"
    command = [sys.executable, "-m", "kopienu_zinas.tools.serve", "--settings", str(settings_file),
               "--content", str(content), "--output", str(output), "--port", str(port),
               "--build-date", build_date]
    with tempfile.TemporaryFile() as log:
        server = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
        try:
            title = yaml.safe_load(article.read_text(encoding="utf-8").split("---\n", 2)[1])["title"]
            first = wait_for(url, str(title), READY_TIMEOUT, server)
            latencies = []
            for number in range(1, edits + 1):
                sentence = f"Labojums numur {number}: sanāksme pārcelta uz nākamo nedēļu."
                time.sleep(1.0)  # a save a moment after the last build, as an editor's is
                synthetic.edit_article(article, f"\n\n{sentence}\n")
                latencies.append(wait_for(url, sentence, EDIT_TIMEOUT, server))
            return first, latencies
        except BenchError as error:
            log.seek(0)
            raise BenchError(f"{error}\nThe preview printed:\n"
                             f"{log.read().decode('utf-8', 'replace')[-3000:]}") from None
        finally:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
