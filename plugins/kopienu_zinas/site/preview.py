"""The preview (PREVIEW = True, `make serve`) shows every content problem on the page it concerns.

Editors look at the browser, not the terminal: each article and page gets `problems` (the
ContentProblems of its source file, file order) and the context gets `content_problems` (all
of them, for the home page). Templates show a banner when either is non-empty. Outside the
preview nothing is attached: publishing builds stop on problems instead.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from ..common.build import build_of
from ..common.problems import ContentProblem, relative_source


def content_problems(settings: dict[str, Any]) -> tuple[ContentProblem, ...]:
    """The content check's problems of this build (startup.prepare_build keeps them on it)."""
    build = build_of(settings)
    return build.problems if build is not None else ()


def _contents(generator: Any) -> Iterable[Any]:
    for name in ("articles", "translations", "drafts", "drafts_translations",
                 "hidden_articles", "hidden_translations", "pages", "hidden_pages",
                 "draft_pages", "draft_translations"):
        yield from getattr(generator, name, None) or ()


def attach_problems(generator: Any) -> None:
    """article/page_generator_finalized: `problems` on each content object (preview only)."""
    if not generator.settings.get("PREVIEW"):
        return
    problems = content_problems(generator.settings)
    by_source: dict[str, list[ContentProblem]] = defaultdict(list)
    for problem in problems:
        by_source[problem.path].append(problem)
    for content in _contents(generator):
        source = relative_source(content.source_path, generator.settings["PATH"])
        content.problems = tuple(by_source.get(source, ()))
    generator.context["content_problems"] = problems
