"""Ctrl+C in a build that runs worker processes.

A terminal sends SIGINT to its whole foreground process group: the build process and every
worker it forked (reading and checking, rendering, pictures). With Python's handler each
worker raised KeyboardInterrupt wherever it was: it printed its own traceback before the
build's one line (tools/build.py), and a worker interrupted while it was starting could wait
forever on a lock it had inherited in use, with the build process waiting for it (QA). So
every process the build forks gets the kernel's default action for SIGINT right after the
fork, before any of its Python code runs (:func:`workers_end_on_interrupt`; os.register_at_fork):
Ctrl+C ends a worker at once, silently, wherever it is; the build process, which gets the same
signal, reports it once and removes its staging folder.
"""

from __future__ import annotations

import os
import signal

#: The exit status of a process stopped by Ctrl+C (SIGINT), as shells give it: 128 + 2.
INTERRUPTED = 128 + signal.SIGINT

_registered = False


def workers_end_on_interrupt() -> None:
    """From now on, every process this one forks (multiprocessing's fork workers; not
    `subprocess`, which runs no fork handlers) starts with SIGINT's default action: ended by
    the kernel, no Python handler, no traceback. Once per process."""
    global _registered
    if not _registered:
        os.register_at_fork(after_in_child=_default_interrupt)
        _registered = True


def _default_interrupt() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)
