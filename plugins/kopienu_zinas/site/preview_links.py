"""The preview puts what the build reported after the pages were written on them (PREVIEW).

Some problems are only found once pages are written: a picture the pipeline cannot take (while
the images generator processes it), the link check (linkcheck.py, at ``finalized``: it compares
links with what the build wrote), a page that cannot be written. At ``finalized``, after the link
check, every source with a reported problem gets the banner of its page (all its problems, in
file order; a newsletter introduction on its issue's page: `Build.banner_pages`) and the home
page the list of everything reported (preview.py `reported`), rendered again with the theme's
`partials/problem_list.html`; it replaces the banner the page has or the marker comment
`<!-- problems-banner -->` that preview_problems.html leaves on a page without problems. A page
whose banner is already what it should be is left as it is.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..common.atomicfile import replace_file
from ..common.build import build_of
from .preview import by_source, reported

#: Where remember_banner leaves the theme's banner template (a jinja2.Template) for the preview.
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
        changed = _BANNER.sub(lambda _match: banner, html, count=1)
    elif MARKER in html:
        changed = html.replace(MARKER, banner.rstrip("\n"), 1)
    else:
        return  # a page without the site's layout (e.g. an e-mail edition)
    if changed != html:
        replace_file(file, changed.encode("utf-8"))  # never in place: it may be a hardlink


def show_reported_problems(pelican: Any) -> None:
    """Receiver of finalized, after the link check (preview only): every reported problem on
    the written page of its source (`Build.link_files`: content path → output file; a source
    that is no document, on the page `Build.banner_pages` names: a newsletter introduction's
    issue) and all of them on the home page."""
    build = build_of(pelican.settings)
    template = build.banner_template if build is not None else None
    shown = reported(pelican.settings)
    if build is None or template is None or not shown:
        return
    output = Path(pelican.output_path)
    pages: Mapping[str, str] = {**build.banner_pages, **build.link_files}
    for source, problems in by_source(shown).items():
        if source in pages:
            _put_banner(output / pages[source], template.render(shown=problems))
    _put_banner(output / pelican.settings.get("INDEX_SAVE_AS", "index.html"),
                template.render(shown=shown))
