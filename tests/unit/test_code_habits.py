"""Habits a maintainer expects, enforced by `make test`: ruff's rules (pyproject.toml), mypy on
plugins/ (pyproject.toml states the strictness), no dead code (vulture), no unused Jinja filter."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from kopienu_zinas.events.templating import FILTERS as EVENT_FILTERS
from kopienu_zinas.galleries.jsonld import FILTERS as GALLERY_FILTERS
from kopienu_zinas.site.templating import FILTERS as SITE_FILTERS

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = ROOT / "theme/templates"


def _run(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *command], cwd=ROOT, capture_output=True,
                          text=True, check=False)


def test_ruff_finds_nothing() -> None:
    result = _run("ruff", "check", "--no-cache", ".")
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_finds_nothing_in_the_plugins() -> None:
    result = _run("mypy", "--cache-dir", str(ROOT / ".cache/mypy"))
    assert result.returncode == 0, result.stdout + result.stderr


def _template_names() -> set[str]:
    """Every attribute, call and filter name the templates use."""
    text = "\n".join(p.read_text("utf-8") for p in TEMPLATES.rglob("*") if p.is_file())
    return {a or b for a, b in re.findall(r"[.|]\s*([A-Za-z_]\w*)|([A-Za-z_]\w*)\(", text)}


def test_vulture_finds_no_dead_code(tmp_path: Path) -> None:
    used_by_templates = tmp_path / "templates_whitelist.py"
    used_by_templates.write_text("".join(f"_.{name}\n" for name in sorted(_template_names())))
    result = _run("vulture", "plugins/kopienu_zinas", "bench", "tests/vulture_whitelist.py",
                  str(used_by_templates), "--min-confidence", "60")
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_jinja_filter_is_used_by_a_template() -> None:
    assert sorted((set(SITE_FILTERS) | set(EVENT_FILTERS) | set(GALLERY_FILTERS)) - _template_names()) == []
