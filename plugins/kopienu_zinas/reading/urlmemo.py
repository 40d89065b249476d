"""Pelican's URL formatting remembered per content object while contents are final.

Pelican formats the `url` and `save_as` of an article or page afresh at every access
(`Content.get_url_setting`: the URL setting formatted with a copy of the metadata, the slug,
date, language, author and category slugs and the source path, about 45 µs), and a build asks
for them hundreds of thousands of times (every list page shows dozens of articles; the render
keys, `{filename}` links, the link check and the sitemap ask again). Tags, regions and
authors are not remembered: Pelican makes new ones for every article, each asked for its URL
once or twice, so entries (21,000 at 2,000 articles) would cost memory and save nothing.

From `all_generators_finalized` until `finalized` (the *window*) contents are final: every
generator has completed its context before any generator writes, and no plugin changes a
content object after it (plugins/PLUGIN_ARCH.md, writing/parallel.py). In the window each
object's formatting gives the same string at every access, so the first one is remembered, per
object and key, and later accesses return it. Outside the window nothing is remembered:

- before it, Pelican's generators and our plugins change slugs, dates, languages, categories and
  authors (site/taxonomy.py, site/schedule.py, translations), and tests change them after
  reading;
- after it, the preview's resident (tools/fast_render.py) reads saved sources again and
  renders copies of changed articles; a build that ended without `finalized` (it raised) has
  its window closed by the next build's `initialized`.

Entries are per object identity and hold the object until the window closes, so an id is never
another object's while its entry exists, and a copy made in the window (`copy.copy`) is a new
object, formatted afresh. Static files are never remembered: Pelican moves one on its first
`{attach}` link (`Static.attach_to`), which can come while a page is rendered. Forked
rendering workers (writing/parallel.py) inherit the window and its entries, which hold there
too. What is remembered is what Pelican computes (tests/unit/test_reading_urlmemo.py).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pelican.contents

#: Pelican's own function, as installed before :func:`install`.
ORIGINAL_GET_URL_SETTING: Callable[[Any, str], str] = pelican.contents.Content.get_url_setting

#: (id of the object, what was asked) → (the object, held while its entry exists; the value);
#: None outside the window.
_memo: dict[tuple[int, str], tuple[Any, str]] | None = None


def open_window(*_signal_args: Any) -> None:
    """Receiver of `all_generators_finalized`: contents are final from now on."""
    global _memo
    _memo = {}


def close_window(*_signal_args: Any) -> None:
    """Receiver of `finalized` (and of `initialized`, for a build that raised): forget every
    remembered value; formatting is done afresh at every access again."""
    global _memo
    _memo = None


def get_url_setting(self: Any, key: str) -> str:
    """`Content.get_url_setting` ('url', 'save_as'), remembered in the window."""
    memo = _memo
    if memo is None or isinstance(self, pelican.contents.Static):
        return ORIGINAL_GET_URL_SETTING(self, key)
    entry = memo.get((id(self), key))
    if entry is None:
        entry = memo[(id(self), key)] = (self, ORIGINAL_GET_URL_SETTING(self, key))
    return entry[1]


def install() -> None:
    """Put the remembering function where Pelican looks it up (idempotent)."""
    pelican.contents.Content.get_url_setting = get_url_setting
