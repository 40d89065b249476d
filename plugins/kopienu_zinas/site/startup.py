"""What happens once per build, before any content is read."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..common.build import open_build
from ..common.checkcache import check_content
from ..common.problems import log_all
from .schedule import log_notices


def prepare_build(pelican: Any) -> None:
    """Open the build (its "now" fixed once: common/build.py), run every content rule over
    content/ (each document's own results cached when the reading plugin is on:
    common/checkcache.py) and list scheduled articles. The problems stay on the build: the
    preview shows them on the pages."""
    build = open_build(pelican)
    documents, problems = check_content(Path(pelican.settings["PATH"]), pelican.settings)
    build.problems = tuple(problems)
    log_all(build.problems)
    log_notices(documents, pelican.settings)
