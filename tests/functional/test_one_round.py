"""Every content problem of a file in one `make check`: the editor reads one list, fixes it,
and the check passes. Before, YAML's first error hid the rest of the file: the unclosed quote
first, then the unclosed bracket, then the wrong date and the missing picture, each coming to
light only after the one before was fixed."""

from __future__ import annotations

from pathlib import Path

from tests.sitebuild import run_make_check

BROKEN = """---
title: "Sanāksme bibliotēkā
date: 2024-13-01
region: Latgale
tags: [kopienas, bibliotēkas
summary: Īsi par sanāksmi.
---

![](nav-bilde.jpg)
"""


def test_yaml_errors_field_errors_and_body_errors_come_in_one_check(tmp_path: Path) -> None:
    content = tmp_path / "content"
    content.mkdir()
    (content / "sanaksme.md").write_text(BROKEN, encoding="utf-8")
    output = tmp_path / "output"
    result = run_make_check(content, output)
    assert result.returncode != 0
    located = [" ".join(line.split(" ")[1:3]) for line in result.stderr.splitlines()
               if line.startswith(("error: ", "warning: "))]
    assert located == ["sanaksme.md:2: title:", "sanaksme.md:3: date:", "sanaksme.md:5: tags:",
                       "sanaksme.md:9: alt:", "sanaksme.md:9: image:"], result.stderr
    assert "title: \"Sanāksme bibliotēkā\"" in result.stderr
    assert "tags: [kopienas, bibliotēkas]" in result.stderr
    assert not output.exists(), "a failed build leaves no half-written site"
