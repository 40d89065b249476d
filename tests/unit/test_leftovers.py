"""Build folders beside output/ that no running build or remover owns are removed, and a
replaced output folder is removed by a process of its own (tools/leftovers.py): a killed
build's staging folder is a full copy of the site."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from kopienu_zinas.tools import leftovers
from tests.removers import PATIENCE, beside, wait_for_removers


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


def told(remover: subprocess.Popen[bytes], message: bytes) -> None:
    """Tell a remover `message` and wait for it to end."""
    assert remover.stdin is not None
    with remover.stdin:
        remover.stdin.write(message)
    assert remover.wait(timeout=PATIENCE) == 0


def replaced_folder(target: Path, pid: int) -> Path:
    """A replaced output folder beside `target` owned by process `pid`, holding a small site."""
    folder = Path(tempfile.mkdtemp(prefix=leftovers.prefix(target, leftovers.REPLACED, pid),
                                   dir=target.parent))
    (folder / "0" / "zinas").mkdir(parents=True)
    (folder / "0" / "zinas" / "index.html").write_text("vecā lapa", encoding="utf-8")
    return folder


def test_a_handed_over_folder_is_removed_by_another_process_that_this_one_does_not_wait_for(
        tmp_path: Path) -> None:
    target = tmp_path / "output"
    target.mkdir()
    old = replaced_folder(target, os.getpid())
    leftovers.hand_over(old, target)
    assert not old.exists(), "moved to its remover's folder at once"
    assert [leftovers.owner(tmp_path / name, target) != os.getpid()
            for name in beside(target)] in ([], [True]), "left to a process of its own"
    wait_for_removers(target)
    assert beside(target) == []
    assert [p.name for p in tmp_path.iterdir()] == ["output"]


def test_an_empty_folder_is_removed_at_once_and_one_no_remover_takes_is_removed_here(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "output"
    empty = Path(tempfile.mkdtemp(prefix=leftovers.prefix(target, leftovers.REPLACED),
                                  dir=tmp_path))
    leftovers.hand_over(empty, target)  # the first build: nothing was replaced
    assert beside(target) == []

    def no_process(_target: Path) -> subprocess.Popen[bytes]:
        raise OSError("no more processes")

    monkeypatch.setattr(leftovers, "start_remover", no_process)
    leftovers.hand_over(replaced_folder(target, os.getpid()), target)
    assert beside(target) == []


def test_a_running_removers_folder_is_left_and_a_killed_ones_removed(tmp_path: Path) -> None:
    """A killed remover whose parent (the preview, a test run) has not yet collected its exit
    status is a zombie: it has ended, and its folder was kept until the parent ended."""
    target = tmp_path / "output"
    with leftovers.start_remover(target) as remover:  # told nothing yet: it waits
        folder = replaced_folder(target, remover.pid)
        leftovers.remove_abandoned(target)
        assert folder.exists(), "its remover runs"
        remover.kill()
        os.waitid(os.P_PID, remover.pid, os.WEXITED | os.WNOWAIT)  # ended, not collected
        leftovers.remove_abandoned(target)
        assert not folder.exists()


def test_a_remover_removes_only_its_own_folder_and_only_when_told_it_whole(
        tmp_path: Path) -> None:
    target = tmp_path / "output"
    content = tmp_path / "content"
    content.mkdir()
    (content / "raksts.md").write_text("teksts", encoding="utf-8")
    told(leftovers.start_remover(target), os.fsencode(content) + leftovers.END)
    remover = leftovers.start_remover(target)
    own = replaced_folder(target, remover.pid)
    told(remover, os.fsencode(own))  # cut short: the build ended while telling it
    assert content.exists() and own.exists()
    remover = leftovers.start_remover(target)
    own = replaced_folder(target, remover.pid)
    told(remover, os.fsencode(own) + leftovers.END)
    assert not own.exists()
