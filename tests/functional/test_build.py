"""Build behaviour: reproducible, strict, atomic, and never touching editors' files."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
from pathlib import Path

import pytest
from pelican import Pelican
from pelican.settings import read_settings

from tests.sitebuild import ROOT, BuiltSite, run_build

BROKEN = sorted((ROOT / "tests/fixtures/broken").glob("*.md"))


def digest(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_two_builds_with_the_same_date_are_byte_identical(built_site: BuiltSite, tmp_path: Path) -> None:
    again = tmp_path / "again"
    result = run_build(again, "--strict", "--siteurl", built_site.siteurl)
    assert result.returncode == 0, result.stderr
    first, second = digest(built_site.output), digest(again)
    assert first.keys() == second.keys()
    assert [name for name in first if first[name] != second[name]] == []


def test_a_build_leaves_content_untouched(tmp_path: Path) -> None:
    before = digest(ROOT / "content")
    assert run_build(tmp_path / "out").returncode == 0
    assert digest(ROOT / "content") == before


def test_every_plugin_of_ours_registers(tmp_path: Path) -> None:
    settings = read_settings(str(ROOT / "pelicanconf.py"), override={"OUTPUT_PATH": str(tmp_path)})
    requested = list(settings["PLUGINS"])
    assert any(name.startswith("kopienu_zinas.") for name in requested)
    registered = Pelican(settings).settings["PLUGINS"]
    assert sorted(registered) == sorted(requested)


def keep_marker(output: Path) -> Path:
    output.mkdir()
    marker = output / "index.html"
    marker.write_text("previous site", encoding="utf-8")
    return marker


def assert_untouched(output: Path, marker: Path) -> None:
    assert [p.name for p in output.iterdir()] == ["index.html"]
    assert marker.read_text(encoding="utf-8") == "previous site"
    assert [p.name for p in output.parent.iterdir() if p.name.startswith(".")] == []


def test_a_plugin_that_fails_to_load_fails_the_build(tmp_path: Path) -> None:
    output = tmp_path / "output"
    marker = keep_marker(output)
    plugins = '["pelican.plugins.yaml_metadata", "kopienu_zinas.site", "kopienu_zinas.nowhere"]'
    result = run_build(output, "-e", f"PLUGINS={plugins}")
    assert result.returncode != 0
    assert "kopienu_zinas.nowhere" in result.stderr
    assert_untouched(output, marker)


@pytest.mark.parametrize("fixture", BROKEN, ids=[f.stem for f in BROKEN])
def test_broken_front_matter_fails_make_check_and_keeps_output(fixture: Path, tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    shutil.copy(fixture, content / fixture.name)
    output = tmp_path / "output"
    marker = keep_marker(output)
    result = subprocess.run(["make", "--no-print-directory", "check", f"CONTENT={content}",
                             f"OUTPUT={output}"], cwd=ROOT, capture_output=True, text=True,
                            timeout=300)
    assert result.returncode != 0
    expected_field = fixture.stem.split("-", 1)[1].replace("-", " ")
    problems = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    assert problems, result.stderr
    assert all(f"{fixture.name}:" in line for line in problems), problems
    assert any(f": {expected_field}: " in line for line in problems), problems
    assert_untouched(output, marker)


def test_broken_fixtures_cover_every_rule() -> None:
    assert {f.stem.split("-", 1)[1] for f in BROKEN} >= {
        "title", "date", "region", "tags", "summary", "front-matter"}
