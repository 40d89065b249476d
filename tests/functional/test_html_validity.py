"""Every page and the stylesheet pass the Nu HTML Checker (one JVM run for the whole site)."""

from __future__ import annotations

import json
import subprocess

from tests.sitebuild import BuiltSite


def test_nu_html_checker_reports_no_errors(built_site: BuiltSite, vnu_jar: str) -> None:
    pages = sorted(str(p) for p in built_site.output.rglob("*.html"))
    stylesheets = sorted(str(p) for p in built_site.output.rglob("*.css"))
    assert pages and stylesheets
    result = subprocess.run(
        ["java", "-Xss4m", "-jar", vnu_jar, "--errors-only", "--format", "json", "--also-check-css",
         *pages, *stylesheets],
        capture_output=True, text=True, timeout=600)
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    errors = [f"{m.get('url', '').rsplit('/site/', 1)[-1]}:{m.get('lastLine')}: {m['message']}"
              for m in messages if m.get("type") != "info"]
    assert errors == [], "\n".join(errors)
    assert result.returncode == 0
