"""Shared fixtures: the real site built once with a fixed date, served on localhost.

External tools are required, never skipped: set VNU_JAR and CHROMIUM (make test does) or the
tests that need them fail with a sentence saying what to install.
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.sitebuild import ROOT, BuiltSite, run_build


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def _serving(tmp_path_factory: pytest.TempPathFactory, name: str) -> Iterator[tuple[str, Path]]:
    """A localhost server for a folder that a site is built into afterwards."""
    root = tmp_path_factory.mktemp(name) / "site"
    root.mkdir()
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", root
    server.shutdown()


@pytest.fixture(scope="session")
def site_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    yield from _serving(tmp_path_factory, "served")


@pytest.fixture(scope="session")
def built_site(site_server: tuple[str, Path]) -> BuiltSite:
    """The real content/, built with a fixed build date, as served by site_server."""
    siteurl, root = site_server
    shutil.rmtree(root)
    result = run_build(root, "--strict", "--siteurl", siteurl)
    assert result.returncode == 0, result.stderr
    return BuiltSite(root, siteurl)


#: The e-mail sign-up settings of `signup_site` (a Buttondown-style form with a hidden field and
#: a listmonk-style repeated list field).
SIGNUP = {"signup_action": "https://signup.example.org/api/emails/embed-subscribe/kopienas",
          "signup_email_field": "EMAIL", "signup_hidden": {"embed": "1", "l": ["a1", "b2"]},
          "signup_provider": "Buttondown", "data_controller": "Biedrība „Kopienu ziņas”"}


@pytest.fixture(scope="session")
def signup_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    yield from _serving(tmp_path_factory, "signup")


@pytest.fixture(scope="session")
def signup_site(signup_server: tuple[str, Path]) -> BuiltSite:
    """The newsletter fixture site (tests/fixtures/newsletter) with NEWSLETTER's sign-up form
    set (SIGNUP), built in July 2024 (April, May and June issues), as served."""
    siteurl, root = signup_server
    shutil.rmtree(root)
    newsletter = json.dumps({"editor": "Redakcija", **SIGNUP})
    result = run_build(root, "--strict", "--siteurl", siteurl, "--build-date",
                       "2024-07-02T09:00:00+03:00", "-e", f"NEWSLETTER={newsletter}",
                       content=ROOT / "tests/fixtures/newsletter")
    assert result.returncode == 0, result.stderr
    return BuiltSite(root, siteurl)


def _required_tool(variable: str, default: str | None, what: str) -> str:
    value = os.environ.get(variable) or default or ""
    if not value or not Path(value).exists():
        pytest.fail(f"{what} is missing: run the tests with `make test` (it installs it), "
                    f"or set {variable} to its path.")
    return value


@pytest.fixture(scope="session")
def vnu_jar() -> str:
    default = ROOT / ".cache/vnu/node_modules/vnu-jar/build/dist/vnu.jar"
    return _required_tool("VNU_JAR", str(default), "The Nu HTML Checker (vnu.jar)")


@pytest.fixture(scope="session")
def icaljs() -> str:
    """Mozilla ical.js's module file (tests/icalcheck.py runs it with node)."""
    default = ROOT / ".cache/icaljs/node_modules/ical.js/dist/ical.js"
    return _required_tool("ICALJS", str(default), "Mozilla ical.js (npm package ical.js)")


@pytest.fixture(scope="session")
def chromium() -> str:
    return _required_tool("CHROMIUM", shutil.which("chromium"), "Chromium (Debian package 'chromium')")
