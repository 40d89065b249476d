"""What happens once per build, before any content is read."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..common.build import open_build
from ..common.frontmatter import discover_documents
from ..common.problems import log_all, run_content_checks
from .schedule import log_notices


def prepare_build(pelican: Any) -> None:
    """Open the build (its "now" fixed once: common/build.py), run every content rule over
    content/ and list scheduled articles. The problems stay on the build: the preview shows
    them on the pages."""
    build = open_build(pelican)
    documents, problems = discover_documents(Path(pelican.settings["PATH"]))
    problems += run_content_checks(documents, pelican.settings)
    build.problems = tuple(sorted(set(problems)))
    log_all(build.problems)
    log_notices(documents, pelican.settings)
