"""Waiting for the removers of replaced output folders (tools/leftovers.py): a build hands its
old output to a process that outlives it, so a test that expects the folder gone waits for
that process explicitly."""

from __future__ import annotations

import os
import select
from pathlib import Path

from kopienu_zinas.tools import leftovers

#: Seconds a test waits for one remover before it fails (a remover of a test's site takes
#: milliseconds; this only keeps a hung remover from hanging the test run).
PATIENCE = 120


def wait_for_removers(output: Path) -> None:
    """Return once every remover of a replaced folder beside `output` has ended (other than
    this process's own folders: a build running in this process). Linux's pidfd tells when a
    process ends, whoever its parent is."""
    for folder in output.parent.glob(f".{output.name}.{leftovers.REPLACED}-*"):
        pid = leftovers.owner(folder, output)
        if pid is None or pid == os.getpid():
            continue
        try:
            handle = os.pidfd_open(pid)
        except ProcessLookupError:
            continue
        try:
            ended, _, _ = select.select([handle], [], [], PATIENCE)
        finally:
            os.close(handle)
        assert ended, f"the remover of {folder.name} still runs after {PATIENCE} s"


def beside(output: Path) -> list[str]:
    """The names of the build folders beside `output` (staging folders and replaced ones)."""
    return sorted(folder.name for folder in output.parent.iterdir()
                  if leftovers.owner(folder, output) is not None)
