"""Build behaviour: reproducible, strict, atomic, and never touching editors' files."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest
from pelican import Pelican
from pelican.settings import read_settings

from tests.sitebuild import ROOT, BuiltSite, run_build, run_make_check

BROKEN = sorted((ROOT / "tests/fixtures/broken").iterdir())


def digest(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_two_builds_with_the_same_date_are_byte_identical(built_site: BuiltSite, tmp_path: Path) -> None:
    again = tmp_path / "again"
    result = run_build(again, "--strict", "--siteurl", built_site.siteurl)
    assert result.returncode == 0, result.stderr
    first, second = digest(built_site.output), digest(again)
    assert any(name.startswith("pagefind/filter/") for name in first), "the search index is compared too"
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


#: Each broken fixture (a file, or a folder with its images) and the one problem it must give:
#: (file, line, field). One fixture per rule of the content check.
EXPECTED = {
    "01-title.md": ("01-title.md", 1, "title"),
    "02-date.md": ("02-date.md", 3, "date"),
    "03-region.md": ("03-region.md", 4, "region"),
    "04-tags.md": ("04-tags.md", 5, "tags"),
    "05-summary.md": ("05-summary.md", 6, "summary"),
    "06-front-matter.md": ("06-front-matter.md", 5, "tags"),  # where its '[' opens
    "07-title-empty.md": ("07-title-empty.md", 2, "title"),
    "08-date-future.md": ("08-date-future.md", 3, "date"),
    "09-summary-long.md": ("09-summary-long.md", 6, "summary"),
    "10-title-duplicate.md": ("10-title-duplicate.md", 3, "title"),
    "11-link.md": ("11-link.md", 11, "link"),
    "12-image.md": ("12-image.md", 10, "image"),
    "13-alt": ("13-alt/raksts.md", 10, "alt"),
    "14-image_alt": ("14-image_alt/raksts.md", 7, "image_alt"),
    "15-image.md": ("15-image.md", 7, "image"),
    "16-lang.md": ("16-lang.md", 7, "lang"),
    "17-status.md": ("17-status.md", 7, "status"),
}



@pytest.mark.parametrize("fixture", BROKEN, ids=[f.name for f in BROKEN])
def test_each_broken_fixture_fails_make_check_at_its_line_and_keeps_output(
        fixture: Path, tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    if fixture.is_dir():
        shutil.copytree(fixture, content / fixture.name)
    else:
        shutil.copy(fixture, content / fixture.name)
    output = tmp_path / "output"
    marker = keep_marker(output)
    result = run_make_check(content, output)
    assert result.returncode != 0
    problems = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    path, line, field = EXPECTED[fixture.name]
    assert len(problems) == 1, result.stderr
    assert problems[0].startswith(f"error: {path}:{line}: {field}: "), problems
    assert " — " in problems[0] and "(" in problems[0], "Latvian (English) — fix"
    assert_untouched(output, marker)


def test_every_broken_fixture_has_its_expectation_and_every_rule_a_fixture() -> None:
    assert sorted(f.name for f in BROKEN) == sorted(EXPECTED)
    assert {field for _path, _line, field in EXPECTED.values()} == {
        "title", "date", "region", "tags", "summary", "link", "image", "alt", "image_alt",
        "lang", "status"}


def test_every_published_file_and_folder_is_readable_by_a_web_server(built_site: BuiltSite) -> None:
    """A static host's web server is not the files' owner: 0600 pages (a temporary file's
    mode) or a 0700 output folder answer 403 (QA report of issue 13)."""
    private = [path.relative_to(built_site.output).as_posix()
               for path in [built_site.output, *built_site.output.rglob("*")]
               if not path.stat().st_mode & 0o004 or (path.is_dir() and not path.stat().st_mode & 0o001)]
    assert private == []
