"""Incremental writing (docs/building.md, "Caches: writing"): each page is rendered only when
the digest of its declared inputs changed (render.py, reads.py, values.py), every file is
written by temp file + rename with unchanged files hardlinked from the previous output
(output.py), and the output manifest lets an unchanged build stop at once (manifest.py).

At `initialized` it gives the build (common/build.py) a :class:`Writing`; the site's writer
(site/feeds.py `FeedWriter`) renders and writes through it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pelican import signals

from ..common.build import ATTRIBUTE
from .output import OutputFiles
from .render import RenderCache


@dataclass(frozen=True)
class Writing:
    """One build's render cache and output files."""

    render: RenderCache
    outputs: OutputFiles


def open_writing(pelican: Any) -> None:
    build = getattr(pelican, ATTRIBUTE, None)
    if build is not None:
        build.writing = Writing(RenderCache(pelican.settings), OutputFiles())


def register() -> None:
    signals.initialized.connect(open_writing)
