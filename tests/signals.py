"""Plugins registered for one test only.

Blinker signals are process-wide: a receiver a unit test connects (by calling a plugin's
`register()`) stays connected for every later test, and changes the order in which a later
in-process build's receivers run (our Markdown reader connected before
pelican-yaml-metadata's is then replaced by it). `registered` disconnects what it connected.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from blinker import Signal
from pelican.plugins import signals as pelican_signals

from kopienu_zinas.common.problems import content_check, document_check


def _all_signals() -> list[Signal]:
    found = [value for value in vars(pelican_signals).values() if isinstance(value, Signal)]
    return [*found, content_check, document_check]


@contextmanager
def registered(*registers: Callable[[], None]) -> Iterator[None]:
    """Call each plugin's `register()`; on exit disconnect every receiver they connected."""
    before = {id(signal): set(signal.receivers) for signal in _all_signals()}
    try:
        for register in registers:
            register()
        yield
    finally:
        for signal in _all_signals():
            for receiver_id in set(signal.receivers) - before.get(id(signal), set()):
                receiver = signal.receivers[receiver_id]
                if isinstance(receiver, weakref.ref):
                    receiver = receiver()
                if receiver is not None:
                    signal.disconnect(receiver)
