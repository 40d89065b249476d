"""The link check's plans kept between builds: a source file is planned again only when it, its
address or the site around it changed (docs/building.md, "Links and paths").

A document's plan (site/linkcheck.plan_document: the URLs its links need, and the problems found
already, among them the markers Pelican would leave in its page, linkcheck.left_in_page)
depends on its bytes, its path and its page's URL, and on the site around it: every
source file's URL and every static file's URL (`{filename}`, `{static}`), the URLs Pelican gives
tags, regions, authors and the index (the settings), the site's own addresses (the settings),
the names under content/ (a plain path that names a file there gets a fix naming it), and our
code and library versions (how Markdown and Pelican read links: the page's HTML is Markdown's
output of the bytes with the settings' MARKDOWN, changed by our images plugin from the names
under content/). The last three and the URL maps make one digest, the *site key*; the plans of
one build are one entry in `.cache/site/link-plans/` under it, each plan by the digest of its
document's path, page URL and bytes (their SHA-256, as the content check read them: the file is not read
again when its plan is kept). A build whose site key differs (an article added, moved or deleted;
a setting or the code changed) plans every document again; an edited document is planned again
alone. Plans hold no absolute path (content/ may move), only paths relative to it.

The entry of the last build is the only one kept (common/cachestore.py: a damaged entry is a
miss). Nothing here changes what is reported: a plan read from the cache is the value the
planning returns.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..common.build import once
from ..common.cachestore import CacheStore
from ..common.checkcache import LISTING_DIGEST, UNREAD_SETTINGS
from ..common.contentfolder import ContentFolder
from ..common.fingerprint import code_digest, digest, settings_digest
from ..common.lastbuild import LastBuildTable

#: Bumped when a plan's shape changes.
PLAN_VERSION = "link-plans-3"

Plan = tuple[Any, ...]  # PlannedLink | ContentProblem, in the order planning found them


def site_key(settings: Mapping[str, Any], pages: Mapping[str, str | None],
             static: Mapping[str, str], content_root: Path) -> str:
    """The digest of all a plan depends on besides its own document (module docstring); the
    names under content/ as the content check listed them this build."""
    listing = once(settings, LISTING_DIGEST, lambda: ContentFolder.scan(content_root).digest())
    return digest(PLAN_VERSION, code_digest(), settings_digest(settings, leave_out=UNREAD_SETTINGS),
                  json.dumps(sorted(pages.items(), key=lambda pair: pair[0])),
                  json.dumps(sorted(static.items())), listing)


def document_key(path: str, page_url: str | None, sha: str) -> str:
    """The digest of one document's path, page URL (None: a newsletter introduction) and bytes
    (`sha`: the SHA-256 hex of the bytes)."""
    return digest(path, json.dumps(page_url), sha)


class PlanCache(LastBuildTable[Plan]):
    """One build's plans: those of the last build with the same site key, and the new ones
    (common/lastbuild.py)."""

    def __init__(self, cache_root: Path, key: str) -> None:
        super().__init__(CacheStore(cache_root / "site", "link-plans"), key)
