"""Run Pagefind on a built site: the search index under <output>/pagefind/.

Pagefind (https://pagefind.app, pinned in pyproject.toml; 1.5 folds diacritics, so `kraslava`
finds "Krāslava") reads the finished HTML. Only elements marked `data-pagefind-body` are indexed
(theme/templates/macros/search.html says which pages carry it). All languages go into one index
(`--force-language`, see docs/search.md), so one search covers Latvian and English pages.

The index is written inside Pelican's run, at the `finalized` signal: that is still inside the
build tool's staging folder (a failed build leaves output/ as it was), and before
pelican-precompress, whose `compress` signal pelican-granular-signals sends only after every
`finalized` receiver has returned, so the index's JavaScript and JSON get .gz/.br copies too.
"""

from __future__ import annotations

import logging
import os
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .settings import SearchSettings
from .stable import stabilise

logger = logging.getLogger(__name__)

#: The index's folder inside the site; the search page's script imports BUNDLE/pagefind.js.
BUNDLE = "pagefind"
#: Pagefind's own search UIs, written with every index; our search page uses Pagefind's JS API
#: (pagefind.js) instead, so these are removed: nothing unused is published.
UNUSED_UI = ("pagefind-ui.*", "pagefind-component-ui.*", "pagefind-modular-ui.*",
             "pagefind-highlight.js")
#: The attribute that makes a page searchable (theme/templates/macros/search.html).
MARKER = b"data-pagefind-body"


class SearchIndexError(RuntimeError):
    """Pagefind failed or indexed nothing; the message says what it printed."""


@dataclass(frozen=True)
class IndexReport:
    """What one indexing run did: pages indexed, wall time in seconds (Pagefind and stable.py),
    files written and index size in bytes."""

    pages: int
    seconds: float
    files: int
    bytes: int


def pagefind_executable() -> Path:
    """The Pagefind binary shipped by the `pagefind[bin]` wheel (nothing is downloaded)."""
    import pagefind_bin

    return Path(pagefind_bin.get_executable())


def build_index(site: Path, language: str) -> IndexReport:
    """Index the HTML under `site` into `site/pagefind/`, as one index in `language`.

    Pagefind's own configuration sources (PAGEFIND_* variables, a pagefind.yml in the working
    folder) are ignored, so the index depends only on the site and these arguments.
    Pagefind's own UI bundles are removed (unused); the index is made the same bytes on every
    build and file system (stable.py: pages renumbered by URL, files renamed).
    Raises SearchIndexError when no page is marked searchable, Pagefind exits non-zero, indexes
    no page or writes an index stable.py does not know (another layout or version).
    """
    if not any(MARKER in page.read_bytes() for page in site.rglob("*.html")):
        # Without any marked page Pagefind would index every page whole (lists, 404 and all).
        raise SearchIndexError("no page is marked data-pagefind-body: the theme's templates "
                               "must mark the searchable pages (docs/search.md)")
    command = [str(pagefind_executable()), "--site", ".", "--output-subdir", BUNDLE,
               "--force-language", language, "--quiet"]
    environment = {key: value for key, value in os.environ.items()
                   if not key.startswith("PAGEFIND_")}
    started = time.perf_counter()
    result = subprocess.run(command, cwd=site, env=environment, capture_output=True, text=True,
                            check=False)
    said = (result.stdout + result.stderr).strip()
    if result.returncode != 0:
        raise SearchIndexError(f"Pagefind exited with {result.returncode}: {said}")
    bundle = site / BUNDLE
    for pattern in UNUSED_UI:
        for unused in bundle.glob(pattern):
            unused.unlink()
    try:
        stabilise(bundle)
    except (ValueError, KeyError, OSError) as error:
        raise SearchIndexError(f"the index could not be made deterministic (search/stable.py): "
                               f"{error}") from error
    seconds = time.perf_counter() - started
    pages = len(list((bundle / "fragment").glob("*.pf_fragment")))
    if pages == 0:
        raise SearchIndexError("Pagefind indexed no page (no element has data-pagefind-body)"
                               + (f": {said}" if said else ""))
    files = [path for path in bundle.rglob("*") if path.is_file()]
    return IndexReport(pages=pages, seconds=seconds, files=len(files),
                       bytes=sum(path.stat().st_size for path in files))


def index_built_site(pelican: Any) -> None:
    """`finalized` receiver: index Pelican's output folder unless SEARCH['index'] is False."""
    options = SearchSettings.from_pelican(pelican.settings)
    if not options.index:
        return
    try:
        report = build_index(Path(pelican.output_path), options.default_lang)
    except (SearchIndexError, OSError) as error:
        logger.error("search index not built: %s", error)
        return
    logger.info("search index: %d pages, %d files, %d bytes, %.2f s", report.pages,
                report.files, report.bytes, report.seconds)
