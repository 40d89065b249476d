"""Build folders beside output/ that no running build owns are removed (tools/leftovers.py):
a killed build's staging folder is a full copy of the site."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from kopienu_zinas.tools import leftovers


def ended_pid() -> int:
    """The ID of a process that has ended."""
    process = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                             capture_output=True, text=True, check=True)
    return int(process.stdout)


def test_only_folders_of_ended_builds_are_removed(tmp_path: Path) -> None:
    target = tmp_path / "output"
    dead = ended_pid()
    abandoned = [tmp_path / f".output.build-{dead}-abc", tmp_path / f".output.old-{dead}-xyz"]
    kept = [target, tmp_path / f".output.build-{os.getpid()}-abc",  # a build still running
            tmp_path / ".output.build-abc",  # no process in its name
            tmp_path / f".other.build-{dead}-abc", tmp_path / "content"]
    for folder in [*abandoned, *kept]:
        (folder / "zinas").mkdir(parents=True)
    leftovers.remove_abandoned(target)
    assert [folder.exists() for folder in abandoned] == [False, False]
    assert all(folder.exists() for folder in kept)


def test_this_process_names_its_folders_with_its_id(tmp_path: Path) -> None:
    target = tmp_path / "output"
    name = leftovers.prefix(target, leftovers.STAGING) + "abc"
    assert leftovers.owner(tmp_path / name, target) == os.getpid()
