"""How the tests build the site: our build tool in a subprocess, with a fixed build date."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUILD_DATE = "2026-11-23T12:00:00+02:00"


@dataclass(frozen=True)
class BuiltSite:
    output: Path
    siteurl: str

    def page(self, url_path: str) -> str:
        """The HTML of a page by its URL path (directory URLs map to index.html)."""
        path = self.output / url_path.strip("/")
        if url_path.endswith("/") or not url_path.strip("/"):
            path = path / "index.html"
        return path.read_text(encoding="utf-8")


def run_build(output: Path, *extra: str, content: Path | None = None,
              settings: str = "pelicanconf.py") -> subprocess.CompletedProcess[str]:
    """Our build tool as editors and CI run it (a subprocess, fresh interpreter)."""
    command = [sys.executable, "-m", "kopienu_zinas.tools.build", "--settings", settings,
               "--output", str(output), "--build-date", BUILD_DATE, *extra]
    if content is not None:
        command += ["--content", str(content)]
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300)


def run_make_check(content: Path, output: Path) -> subprocess.CompletedProcess[str]:
    """`make check` exactly as an editor runs it, on another content and output folder."""
    return subprocess.run(["make", "--no-print-directory", "check", f"CONTENT={content}",
                           f"OUTPUT={output}"], cwd=ROOT, capture_output=True, text=True,
                          timeout=300)


def problems_in_file(root: Path, name: str, text: str, settings: dict) -> list:
    """Write one content file under root and run every registered content rule on it."""
    from kopienu_zinas.common.frontmatter import read_document
    from kopienu_zinas.common.problems import run_content_checks

    file = root / name
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_text(text, encoding="utf-8")
    document, found = read_document(root, file)
    return found + run_content_checks([document], {**settings, "PATH": str(root)})

