"""The folders a build keeps beside the output folder, and removing them.

A build writes into a staging folder `.output.build-<pid>-<random>` beside `output/` and, when
it swaps it in, moves the old output to `.output.old-<pid>-<random>` (tools/build.py). It does
not wait for that folder's removal (thousands of files: seconds, on a busy disk far more): it
hands the folder over to a remover (`hand_over`), a process of its own that outlives the build,
in a session of its own (Ctrl+C in the terminal does not reach it). The folder is first moved
into one named after the remover's process ID, so while the remover runs its folder is left
alone. A build or remover that is killed (Ctrl+C in the preview, `kill -9`, a power cut) leaves
its folder behind: a full copy of the site. Each build therefore removes, before it starts,
every such folder whose process no longer runs; folders of builds and removers still running
are left alone.

This file is also the remover itself: `python -I -S leftovers.py NAME` (standard library only,
no site packages: it starts in a few milliseconds and needs no installed package).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

#: What a build's folder beside `output/` is for: its staging folder, or the output it replaced.
STAGING, REPLACED = "build", "old"

#: How the remover is told its folder: the path's bytes, then this byte, which no path holds
#: (a message cut short by a build that ended while telling it names no folder).
END = b"\0"

#: The removers this process started that still ran when last looked at. `hand_over` collects
#: the status of those that have ended, so a process that lives on (the preview's, a test
#: run's) keeps none as a zombie, and none is dropped while it runs (Python warns of that).
_REMOVERS: list[subprocess.Popen[bytes]] = []


def prefix(target: Path, kind: str, pid: int | None = None) -> str:
    """The name prefix of the `kind` folder beside `target` of process `pid` (default: this
    process)."""
    return f".{target.name}.{kind}-{os.getpid() if pid is None else pid}-"


def owner(folder: Path, target: Path) -> int | None:
    """The process ID in a build folder's name, or None for any other name."""
    for kind in (STAGING, REPLACED):
        start = f".{target.name}.{kind}-"
        if folder.name.startswith(start):
            number = folder.name[len(start):].split("-", 1)[0]
            return int(number) if number.isdigit() else None
    return None


def running(pid: int) -> bool:
    """Whether process `pid` runs: it exists and has not ended. A process that has ended but
    whose parent has not yet collected its exit status (a zombie: a remover killed while the
    build, the preview or the test run that started it still runs) has ended."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        return True
    return not ended(pid)


def ended(pid: int) -> bool:
    """Whether process `pid` is a zombie: state Z in Linux's /proc/PID/stat (proc(5): the
    state follows the command name's closing parenthesis). False where there is no /proc."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_bytes()
    except OSError:
        return False
    return stat[stat.rfind(b")") + 2:].startswith(b"Z")


def remove_abandoned(target: Path) -> None:
    """Remove the build folders beside `target` whose process has ended."""
    if not target.parent.is_dir():
        return
    for folder in target.parent.iterdir():
        pid = owner(folder, target)
        if pid is not None and folder.is_dir() and not folder.is_symlink() and not running(pid):
            shutil.rmtree(folder, ignore_errors=True)


def start_remover(target: Path) -> subprocess.Popen[bytes]:
    """A remover of a folder beside `target`, waiting on its standard input to be told which
    (`hand_over`). It holds none of this process's output streams or other files, so whoever
    reads what a build prints (make, a terminal, the tests) sees its end when the build ends.
    Raises OSError if no process can be started."""
    return subprocess.Popen([sys.executable, "-I", "-S", __file__, target.name],
                            stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, bufsize=0, start_new_session=True)


def hand_over(folder: Path, target: Path) -> None:
    """Have `folder` (beside `target`) removed without waiting for it: an empty folder is
    removed here, any other is moved into a folder named after a new remover's process ID
    (the REPLACED kind) and the remover is told it. Where no remover can be started or the
    folder cannot be moved, it is removed here, as before."""
    with contextlib.suppress(OSError):
        folder.rmdir()  # nothing was replaced (the first build into `target`)
        return
    try:
        remover = start_remover(target)
    except OSError:
        shutil.rmtree(folder, ignore_errors=True)
        return
    _REMOVERS[:] = [process for process in _REMOVERS if process.poll() is None]
    _REMOVERS.append(remover)
    assert remover.stdin is not None  # stdin=PIPE
    with remover.stdin:
        try:
            owned = Path(tempfile.mkdtemp(prefix=prefix(target, REPLACED, remover.pid),
                                          dir=folder.parent))
            folder.rename(owned / folder.name)
        except OSError:
            shutil.rmtree(folder, ignore_errors=True)  # the remover, told nothing, ends
            return
        with contextlib.suppress(BrokenPipeError):  # it was killed: a later build removes it
            remover.stdin.write(os.fsencode(owned) + END)


def remove_told(target_name: str) -> None:
    """The remover (`start_remover`): remove the folder named on standard input (up to END)
    if it is this process's REPLACED folder beside a folder named `target_name`; told anything
    else, or nothing, remove nothing."""
    told = sys.stdin.buffer.read()
    if not told.endswith(END):
        return
    folder = Path(os.fsdecode(told[:-len(END)]))
    if folder.is_absolute() and folder.name.startswith(
            prefix(folder.parent / target_name, REPLACED)):
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    remove_told(sys.argv[1])
