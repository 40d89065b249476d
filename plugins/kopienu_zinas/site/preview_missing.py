"""What the preview server needs to answer an address that has no page (PREVIEW, `make serve`).

A source whose front matter cannot be read (an unclosed quote, an empty file) gives no page:
its address disappears from the output, and an editor looking at that page would get "not
found". The preview server (tools/missing_pages.py) answers such an address with the banner of
that source's problems instead, so it needs, from each finished preview build: which source
each page was written from (``Build.link_files``, content path → output file), and the banner
(the theme's ``partials/problem_list.html``, as on the pages) of every source with a problem
that has no page in this build (articles and pages, as the content check finds their
Markdown sources: pictures, galleries and newsletter introductions have no page of their own).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any

from ..common.build import Build
from ..common.frontmatter import is_source, kind_of
from .preview import by_source, reported


@dataclass(frozen=True)
class Unbuilt:
    """One finished preview build, as the preview server answers missing addresses from it.

    `pages`: output file (relative to the output folder, `/`-separated, e.g.
    `zinas/2024/x/index.html`) → its source (path under content/); `banners`: source → the
    HTML banner of its problems, for each source with problems and no page; `all_banners`:
    one banner of all of those sources' problems ('' when there are none)."""

    pages: dict[str, str]
    banners: dict[str, str]
    all_banners: str

    def as_json(self) -> dict[str, Any]:
        return {"pages": self.pages, "banners": self.banners, "all_banners": self.all_banners}


def unbuilt_sources(build: Build) -> Unbuilt:
    """The pages of a finished preview build and the banners of its sources without one
    (none without the theme's banner template: then the build was not a preview)."""
    pages = {output: source for source, output in build.link_files.items()}
    template = build.banner_template
    if template is None:
        return Unbuilt(pages, {}, "")
    with_page = set(build.link_files)
    problems = {source: found for source, found in by_source(reported(build.settings)).items()
                if source not in with_page and is_page_source(source)}
    banners = {source: template.render(shown=found) for source, found in problems.items()}
    every = [problem for found in problems.values() for problem in found]
    return Unbuilt(pages, banners, template.render(shown=every) if every else "")


def is_page_source(source: str) -> bool:
    """Whether a source under content/ is an article's or a page's Markdown file."""
    return is_source(source) and kind_of(PurePosixPath(source)) in ("article", "page")
