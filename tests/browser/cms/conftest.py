"""A temporary clone edited through /admin/: decap-server (git mode) on a loopback port, the
site built from the clone and served on another, Debian Chromium driving the editor.

decap-server is required, never skipped: `make test` installs it (DECAP_SERVER)."""

from __future__ import annotations

import functools
import http.server
import json
import os
import shutil
import socket
import subprocess
import threading
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Page

from tests.conftest import _QuietHandler, _required_tool
from tests.sitebuild import ROOT, run_build

#: The address the generated config gives Decap for decap-server (CMS["local_backend"]).
CONFIGURED_BACKEND = "http://localhost:8081/api/v1"


@dataclass(frozen=True)
class Clone:
    repo: Path
    site: Path
    siteurl: str
    backend_port: int

    def git(self, *args: str) -> str:
        return subprocess.run(["git", *args], cwd=self.repo, capture_output=True, text=True,
                              check=True).stdout


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_for(url: str, deadline: float) -> None:
    request = urllib.request.Request(url, data=json.dumps({"action": "info"}).encode(),
                                     headers={"Content-Type": "application/json"})
    while True:
        try:
            with urllib.request.urlopen(request, timeout=2):
                return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


@pytest.fixture(scope="session")
def decap_server() -> str:
    default = ROOT / ".cache/decap-server/node_modules/.bin/decap-server"
    return _required_tool("DECAP_SERVER", str(default), "decap-server (npm)")


@pytest.fixture(scope="module")
def clone(tmp_path_factory: pytest.TempPathFactory, decap_server: str) -> Iterator[Clone]:
    """content/ in a fresh git repository on branch main, decap-server committing to it, and
    the site (with /admin/) built from it and served."""
    base = tmp_path_factory.mktemp("cms")
    repo = base / "clone"
    shutil.copytree(ROOT / "content", repo / "content")
    for command in (["init", "-q", "-b", "main"], ["config", "user.name", "Redaktore"],
                    ["config", "user.email", "redaktore@example.org"], ["add", "-A"],
                    ["commit", "-q", "-m", "Sākums"]):
        subprocess.run(["git", *command], cwd=repo, check=True)
    port = _free_port()
    env = {**os.environ, "MODE": "git", "PORT": str(port), "GIT_REPO_DIRECTORY": str(repo)}
    server = subprocess.Popen([decap_server], env=env, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    site = base / "site"
    site.mkdir()
    http_server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(site)))
    threading.Thread(target=http_server.serve_forever, daemon=True).start()
    siteurl = f"http://127.0.0.1:{http_server.server_address[1]}"
    try:
        built = run_build(site, "--siteurl", siteurl, content=repo / "content")
        assert built.returncode == 0, built.stderr
        _wait_for(f"http://127.0.0.1:{port}/api/v1", time.monotonic() + 30)
        yield Clone(repo, site, siteurl, port)
    finally:
        http_server.shutdown()
        server.terminate()
        server.wait(timeout=10)


def open_new_article(page: Page, clone: Clone) -> None:
    """/admin/ of the clone's site, signed in to the clone's decap-server, on a new article.

    The generated config names decap-server's usual address; the browser is pointed from it to
    this clone's server (on a free port) by Playwright's routing, so the config stays as built."""
    backend = f"http://127.0.0.1:{clone.backend_port}/api/v1"
    page.route(f"{CONFIGURED_BACKEND}**", lambda route: route.continue_(
        url=route.request.url.replace(CONFIGURED_BACKEND, backend)))
    page.goto(f"{clone.siteurl}/admin/")
    page.get_by_role("button", name="Pieslēgties").click()
    page.goto(f"{clone.siteurl}/admin/#/collections/articles/new")
    page.get_by_label("Virsraksts", exact=True).wait_for()
