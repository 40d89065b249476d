"""The preview shows the link check's problems on the pages too (PREVIEW, `make serve`).

The link check (linkcheck.py) can only run at ``finalized``, once every file is written: it
compares links with what the build wrote. The pages are written by then, so in the preview its
problems are put into them afterwards: the banner of each affected source's page (its content
problems and its link problems, in file order) and the home page's list of all problems are
rendered again with the theme's `partials/problem_list.html`, replacing the banner the page
has or the marker comment `<!-- problems-banner -->` that preview_problems.html leaves on a
page without problems.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from ..common.atomicfile import replace_file
from ..common.build import build_of
from ..common.problems import ContentProblem
from .preview import content_problems

#: Where plan_links leaves the theme's banner template (a jinja2.Template) for the preview.
BANNER_TEMPLATE = "partials/problem_list.html"
MARKER = "<!-- problems-banner -->"
_BANNER = re.compile(r'<section class="preview-problems".*?</section>\n?', re.S)


def remember_banner(generators: list[Any]) -> None:
    """At all_generators_finalized (preview only): keep the theme's banner template."""
    env = next((g.env for g in generators if getattr(g, "env", None) is not None), None)
    build = build_of(generators[0].settings) if generators else None
    if env is not None and build is not None and build.settings.get("PREVIEW"):
        build.banner_template = env.get_template(BANNER_TEMPLATE)


def _put_banner(file: Path, banner: str) -> None:
    if not file.is_file():
        return
    html = file.read_text(encoding="utf-8")
    if _BANNER.search(html):
        html = _BANNER.sub(lambda _match: banner, html, count=1)
    elif MARKER in html:
        html = html.replace(MARKER, banner.rstrip("\n"), 1)
    else:
        return  # a page without the site's layout (e.g. an e-mail edition)
    replace_file(file, html.encode("utf-8"))  # never in place: the file may be a hardlink


def show_link_problems(settings: dict[str, Any], output: Path,
                       link_problems: Iterable[ContentProblem],
                       page_files: Mapping[str, str]) -> None:
    """Put `link_problems` on the written pages of their sources (`page_files`: content path →
    output file) and on the home page, next to the content check's problems."""
    build = build_of(settings)
    template = build.banner_template if build is not None else None
    found = sorted(set(link_problems))
    if template is None or not found:
        return
    checked = content_problems(settings)
    by_source: dict[str, set[ContentProblem]] = defaultdict(set)
    for problem in (*checked, *found):
        by_source[problem.path].add(problem)
    for source in sorted({problem.path for problem in found}):
        if source in page_files:
            _put_banner(output / page_files[source],
                        template.render(shown=sorted(by_source[source])))
    everything = sorted({*checked, *found})
    _put_banner(output / settings.get("INDEX_SAVE_AS", "index.html"),
                template.render(shown=everything))
