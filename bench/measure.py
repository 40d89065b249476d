"""One timed build in a fresh process: wall seconds, CPU seconds and peak memory of its tree.

Peak memory is sampled every ``SAMPLE_SECONDS`` with psutil (the benchmark extra) over the build
process and all its descendants (the worker processes a build forks or spawns), as two sums:

- the proportional set size (PSS, Linux's ``/proc/PID/smaps_rollup``): each page counts once,
  split between the processes that share it, so forked workers' copy-on-write pages are not
  counted again in every worker — the memory the whole tree really occupies, and the figure
  the target is judged on;
- the resident set size (RSS), which counts each shared page once per process: an upper bound,
  printed beside it.

Sampling can miss a peak shorter than the interval. Where PSS is not available (not Linux) both
figures are the RSS sum; without psutil the figure is the largest single process's peak
(``ru_maxrss`` from ``wait4``), a lower bound of the sum; the report says which. CPU seconds
come from ``wait4`` too: the process and the descendants it waited for.
"""

from __future__ import annotations

import os
import resource
import select
import subprocess
import tempfile
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

try:
    import psutil
except ImportError:  # the benchmark extra is not installed: ru_maxrss only
    psutil = None

SAMPLE_SECONDS = 0.1
MIB = 1024 * 1024
#: How the peak memory was measured, as printed under the tables.
MEMORY_METHOD = (
    f"peak of the summed PSS of the build's process tree (shared pages split between the "
    f"processes sharing them), sampled every {SAMPLE_SECONDS * 1000:.0f} ms; RSS: the summed "
    "resident sets (shared pages counted in every process)"
    if psutil else
    "largest single process's peak RSS (ru_maxrss; psutil missing: a lower bound of the sum)")


class BenchError(RuntimeError):
    """A build in the benchmark failed or did not write what it should."""


@dataclass(frozen=True)
class Run:
    """What one process (and its descendants) took, and what it printed."""

    seconds: float
    #: User + system CPU seconds of the process and its reaped descendants.
    cpu_seconds: float
    #: The peak of the tree's summed PSS (see the module docstring).
    peak_bytes: int
    #: The peak of the tree's summed RSS.
    peak_rss_bytes: int
    log: str


def _tree_memory(root: psutil.Process) -> tuple[int, int]:
    """The summed PSS and RSS of `root` and every live descendant, in bytes (gone processes
    count 0; where PSS is unknown, the RSS stands for it)."""
    pss = rss = 0
    try:
        processes = [root, *root.children(recursive=True)]
    except psutil.NoSuchProcess:
        return 0, 0
    for process in processes:
        try:
            memory = process.memory_full_info()
        except (psutil.NoSuchProcess, psutil.ZombieProcess, psutil.AccessDenied):
            continue
        rss += memory.rss
        pss += getattr(memory, "pss", memory.rss)
    return pss, rss


def _reap(pid: int, block: bool) -> tuple[int, resource.struct_rusage] | None:
    """(exit code, resource usage) once the process has ended; None while it runs."""
    ended, status, usage = os.wait4(pid, 0 if block else os.WNOHANG)
    return (os.waitstatus_to_exitcode(status), usage) if ended else None


def run(command: list[str], cwd: Path | None = None,
        environment: Mapping[str, str] | None = None) -> Run:
    """Run `command` to its end, its output in a temporary file (no pipe to fill); raises
    BenchError with the end of its output when it exits with a non-zero status."""
    with tempfile.TemporaryFile(mode="w+", encoding="utf-8", errors="replace") as log:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, stdout=log, stderr=subprocess.STDOUT,
                                   env={**os.environ, **(environment or {})})
        peak = peak_rss = 0
        watched = psutil.Process(process.pid) if psutil is not None else None
        exited = os.pidfd_open(process.pid)  # readable once it exits: no sleep past its end
        ended = None
        while ended is None:
            ended = _reap(process.pid, block=watched is None)
            if ended is None and watched is not None:
                pss, rss = _tree_memory(watched)
                peak, peak_rss = max(peak, pss), max(peak_rss, rss)
                select.select([exited], [], [], SAMPLE_SECONDS)
        seconds = time.perf_counter() - start
        os.close(exited)
        process.returncode, usage = ended  # reaped here (wait4), not by Popen
        log.seek(0)
        text = log.read()
    if process.returncode != 0:
        raise BenchError(f"{' '.join(command[:4])} … failed ({process.returncode}):\n{text[-4000:]}")
    fallback = usage.ru_maxrss * 1024
    return Run(seconds, usage.ru_utime + usage.ru_stime, peak or fallback, peak_rss or fallback,
               text)


def count_files(folder: Path) -> int:
    """How many files a build wrote under `folder` (every depth)."""
    return sum(len(files) for _root, _folders, files in os.walk(folder))
