"""What happens once per build, before any content is read."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..common.clock import build_now
from ..common.frontmatter import discover_documents
from ..common.problems import log_all, run_content_checks
from .preview import PROBLEMS_SETTING
from .schedule import log_notices


def prepare_build(pelican: Any) -> None:
    """Fix the build clock, run every content rule over content/ and list scheduled articles.

    BUILD_NOW is resolved here once, so all plugins and templates agree on "now" even when
    BUILD_DATE is unset and the real clock is used.
    """
    pelican.settings["BUILD_NOW"] = build_now(pelican.settings)
    documents, problems = discover_documents(Path(pelican.settings["PATH"]))
    problems += run_content_checks(documents, pelican.settings)
    problems = sorted(set(problems))
    pelican.settings[PROBLEMS_SETTING] = tuple(problems)  # the preview shows them on the pages
    log_all(problems)
    log_notices(documents, pelican.settings)
