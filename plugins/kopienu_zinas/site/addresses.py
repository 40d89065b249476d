"""Each content object's URL and file name (`url`, `save_as`), asked of Pelican once per build.

Pelican computes both again on every access (the URL setting formatted with the content's
metadata, its slug and its source path made relative), and several receivers of
`all_generators_finalized` need them for every article (the link check, the sitemap). By that
signal every generator has finished its context, and no plugin changes an article's metadata
after it (docs/building.md, "Rendering on both cores"), so one look-up per content object and
build gives the same values.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..common.build import once


@dataclass(frozen=True)
class Addresses:
    """Pelican's `generated_content` (articles, translations, drafts, pages) by source path:
    (url, save_as) of content it writes, (None, "") of content it does not write."""

    by_path: Mapping[str, tuple[str | None, str]]
    by_object: Mapping[int, str]  # id() of a written content object in by_path → its url

    def url(self, content: Any) -> str:
        """The content's URL (asked of Pelican for an object that is not in the map)."""
        known = self.by_object.get(id(content))
        return known if known is not None else str(content.url)


def content_addresses(settings: Mapping[str, Any], context: Mapping[str, Any]) -> Addresses:
    """The addresses of this build's content, computed the first time they are asked for
    (call from `all_generators_finalized` on: earlier, contexts are still being made)."""

    def compute() -> Addresses:
        by_path: dict[str, tuple[str | None, str]] = {}
        by_object: dict[int, str] = {}
        for path, content in context.get("generated_content", {}).items():
            if content is None:
                continue
            save_as = str(getattr(content, "save_as", "") or "")
            url = str(content.url) if save_as else None
            by_path[path] = (url, save_as)
            if url is not None:  # kept alive by generated_content, so its id stays its own
                by_object[id(content)] = url
        return Addresses(by_path, by_object)

    return once(settings, "content-addresses", compute)
