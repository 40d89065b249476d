"""The output a build replaced is removed by a process that outlives the build
(tools/leftovers.py): builds in a row, and a build started while a removal runs, publish
what they built, and a killed remover's folder is removed by the next build."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from kopienu_zinas.tools import leftovers
from tests.removers import beside, wait_for_removers
from tests.sitebuild import run_build

ARTICLE = """---
title: Talka
date: 2024-04-01
region: Latgale
summary: Īss kopsavilkums.
---
{body}
"""


def built(content: Path, output: Path, body: str) -> str:
    """Build the one-article site with `body`; the article's published page."""
    (content / "talka.md").write_text(ARTICLE.format(body=body), encoding="utf-8")
    result = run_build(output, content=content)
    assert result.returncode == 0, result.stderr
    page = next(output.glob("zinas/*/talka/index.html"))
    return page.read_text(encoding="utf-8")


def test_builds_in_a_row_publish_each_and_leave_no_old_output_once_removed(
        tmp_path: Path) -> None:
    content, output = tmp_path / "content", tmp_path / "output"
    content.mkdir()
    assert "Pirmais teksts." in built(content, output, "Pirmais teksts.")
    assert beside(output) == [], "nothing was replaced"
    for body in ("Otrais teksts.", "Trešais teksts."):
        assert body in built(content, output, body)
        assert all(leftovers.owner(tmp_path / name, output) != os.getpid()
                   for name in beside(output))
    wait_for_removers(output)
    assert beside(output) == []


def test_a_build_during_a_removal_leaves_it_and_the_next_removes_a_killed_removers_folder(
        tmp_path: Path) -> None:
    content, output = tmp_path / "content", tmp_path / "output"
    content.mkdir()
    built(content, output, "Pirmais teksts.")
    with leftovers.start_remover(output) as remover:  # told nothing yet: a removal under way
        busy = Path(tempfile.mkdtemp(
            prefix=leftovers.prefix(output, leftovers.REPLACED, remover.pid), dir=tmp_path))
        (busy / "0" / "zinas").mkdir(parents=True)
        assert "Otrais teksts." in built(content, output, "Otrais teksts.")
        assert busy.exists(), "a running remover's folder is left to it"
        remover.kill()  # as `kill -9`, or a power cut
    assert "Trešais teksts." in built(content, output, "Trešais teksts.")
    assert not busy.exists()
    wait_for_removers(output)
    assert beside(output) == []
