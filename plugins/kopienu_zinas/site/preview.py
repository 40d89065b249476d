"""The preview (PREVIEW = True, `make serve`) shows every problem the build reports on the pages.

Editors look at the browser, not the terminal. Every warning and error the build reports (what
`make check` fails on; the preview's "N problem(s) shown on the pages") is in a banner: on the
page of the source it concerns when that source has one, and all of them on the home page.
What is reported before the pages are written (the content check, originals with a location,
a source that cannot be read) is on them as they are rendered: each article and page gets
`problems` (the ContentProblems of its source file, file order) and the context gets
`content_problems` (all of them, then the reports about no source: their text). What is
reported later (a picture the pipeline cannot take, the link check, a page that cannot be
written) is put into the written pages at the end (preview_links.py). Templates show a banner
when either is non-empty. Outside the preview nothing is attached: publishing builds stop on
problems instead.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

from ..common.build import build_of
from ..common.problems import ContentProblem, ContentRoot


def reported(settings: Mapping[str, Any]) -> tuple[ContentProblem | str, ...]:
    """What the build has reported so far (common/build.py `Build.reported`; the content
    check's problems when no build tool runs the build): the problems of sources in file
    order, each once, then the other reports' texts in the order they came."""
    build = build_of(settings)
    if build is None:
        return ()
    found = build.reported() if build.reported is not None else build.problems
    problems = sorted({item for item in found if isinstance(item, ContentProblem)})
    texts = dict.fromkeys(item for item in found if isinstance(item, str))
    return (*problems, *texts)


def by_source(shown: Iterable[ContentProblem | str]) -> dict[str, list[ContentProblem]]:
    """The problems among `shown` by their source (its path under content/), order kept."""
    found: dict[str, list[ContentProblem]] = defaultdict(list)
    for problem in shown:
        if isinstance(problem, ContentProblem):
            found[problem.path].append(problem)
    return found


def _contents(generator: Any) -> Iterable[Any]:
    for name in ("articles", "translations", "drafts", "drafts_translations",
                 "hidden_articles", "hidden_translations", "pages", "hidden_pages",
                 "draft_pages", "draft_translations"):
        yield from getattr(generator, name, None) or ()


def attach_problems(generator: Any) -> None:
    """article/page_generator_finalized: `problems` on each content object (preview only)."""
    if not generator.settings.get("PREVIEW"):
        return
    shown = reported(generator.settings)
    sources = by_source(shown)
    content_root = ContentRoot(generator.settings["PATH"])
    for content in _contents(generator):
        source = content_root.relative(content.source_path)
        content.problems = tuple(sources.get(source, ()))
    generator.context["content_problems"] = shown
