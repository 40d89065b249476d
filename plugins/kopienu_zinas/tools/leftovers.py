"""The folders a build keeps beside the output folder, and removing those no build owns.

A build writes into a staging folder `.output.build-<pid>-<random>` beside `output/` and, when
it swaps it in, moves the old output to `.output.old-<pid>-<random>` until it has removed it
(tools/build.py). A build that is killed (Ctrl+C in the preview, `kill -9`, a power cut) leaves
its folder behind: a full copy of the site. Each build therefore removes, before it starts,
every such folder whose process no longer runs; folders of builds still running are left alone.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

#: What a build's folder beside `output/` is for: its staging folder, or the output it replaced.
STAGING, REPLACED = "build", "old"


def prefix(target: Path, kind: str) -> str:
    """The name prefix of this process's `kind` folder beside `target`."""
    return f".{target.name}.{kind}-{os.getpid()}-"


def owner(folder: Path, target: Path) -> int | None:
    """The process ID in a build folder's name, or None for any other name."""
    for kind in (STAGING, REPLACED):
        start = f".{target.name}.{kind}-"
        if folder.name.startswith(start):
            number = folder.name[len(start):].split("-", 1)[0]
            return int(number) if number.isdigit() else None
    return None


def running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        return True
    return True


def remove_abandoned(target: Path) -> None:
    """Remove the build folders beside `target` whose process has ended."""
    if not target.parent.is_dir():
        return
    for folder in target.parent.iterdir():
        pid = owner(folder, target)
        if pid is not None and folder.is_dir() and not folder.is_symlink() and not running(pid):
            shutil.rmtree(folder, ignore_errors=True)
