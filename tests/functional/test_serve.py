"""`make serve`: the preview reports problems without stopping, in the terminal and in a banner
at the top of the affected page, and rebuilds when a file changes."""

from __future__ import annotations

import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.sitebuild import BUILD_DATE, ROOT

BROKEN = """---
title: Talka Rēzeknē
date: 03.04.2024
region: Latgale
summary: Sakopsim parku kopā.
---
Teksts.
"""
GOOD = """---
title: Bibliotēku nakts
date: 2024-04-02
region: Latgale
summary: Lasījumi visu nakti.
---
Teksts.
"""
PROBLEM = "talka.md:3: date: datums nav saprotams (date could not be read): 03.04.2024"
#: Problems only the link check finds (it runs after every page is written).
LINKS = """---
title: Par mums
---
Sk. [ko citu](/nav/).
"""
LINK_PROBLEM = "pages/lapa.md:4: link: vietnē nav šādas lapas (no such page on the site): /nav/"


def wait_for(condition: Callable[[], str | None], what: str, timeout: float = 90) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = condition()
        if found:
            return found
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError):
        return None


@pytest.fixture
def preview(tmp_path: Path) -> Iterator[tuple[Path, Path, Callable[[], str]]]:
    content = tmp_path / "content"
    content.mkdir()
    (content / "talka.md").write_text(BROKEN, encoding="utf-8")
    (content / "nakts.md").write_text(GOOD, encoding="utf-8")
    (content / "pages").mkdir()
    (content / "pages/lapa.md").write_text(LINKS, encoding="utf-8")
    log = tmp_path / "serve.log"
    with log.open("w", encoding="utf-8") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "kopienu_zinas.tools.serve", "--port", "0", "--interval",
             "0.2", "--content", str(content), "--output", str(tmp_path / "output"),
             "--build-date", BUILD_DATE], cwd=ROOT, stdout=out, stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL)
        try:
            yield content, log, lambda: log.read_text(encoding="utf-8")
        finally:
            process.terminate()
            process.wait(timeout=30)


def test_the_preview_shows_each_problem_on_its_page_and_in_the_terminal(
        preview: tuple[Path, Path, Callable[[], str]]) -> None:
    content, _log, terminal = preview
    line = wait_for(lambda: next((x for x in terminal().splitlines()
                                  if "Priekšskatījums (preview): http" in x), None), "the URL")
    siteurl = line.split("(preview): ")[1].split("/ ")[0]
    page = wait_for(lambda: fetch(f"{siteurl}/zinas/2024/talka-rezekne/"), "the article page")
    assert 'class="preview-problems"' in page
    assert PROBLEM in page.replace("&#39;", "'")
    assert f"error: {PROBLEM}" in terminal(), "the terminal shows what make check shows"
    other = fetch(f"{siteurl}/zinas/2024/biblioteku-nakts/")
    assert other and "preview-problems" not in other, "only the affected page has a banner"
    home = fetch(f"{siteurl}/")
    assert home and PROBLEM in home, "the home page lists every problem"
    assert LINK_PROBLEM in home and ": 2</h2>" in home, "link-check problems too"
    linking = fetch(f"{siteurl}/par-mums/")
    assert linking and LINK_PROBLEM in linking and ": 1</h2>" in linking
    assert f"error: {LINK_PROBLEM}" in terminal()

    (content / "talka.md").write_text(BROKEN.replace("03.04.2024", "2024-04-03"), "utf-8")
    fixed = wait_for(lambda: (lambda p: p if p and "preview-problems" not in p else None)(
        fetch(f"{siteurl}/zinas/2024/talka-rezekne/")), "the rebuilt page")
    assert "Talka Rēzeknē" in fixed
