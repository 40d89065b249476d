"""The reading plugin: caches of reading each source (header and Markdown → HTML) and of each
document's content-check results under .cache/reading/, keyed by content hashes; the files the
last build read asked of the system ahead (reading/readahead.py); the sources missing from the
cache read on every core before the generators read them; Pelican's slugify
and source-path arithmetic memoized (reading/memo.py), Pelican's URL formatting remembered
while contents are final, from `all_generators_finalized` to `finalized` (reading/urlmemo.py),
and its tag, category and author lists answering `in` without a scan (reading/membership.py)
(docs/building.md, "Caches: reading").

List it before `kopienu_zinas.site` in PLUGINS: its `initialized` must run before the site
plugin's content check.
"""

from pelican import signals

from . import caches, membership, memo, urlmemo

memo.install()  # before the plugins listed after this one import Pelican's slugify
urlmemo.install()


def register() -> None:
    signals.initialized.connect(urlmemo.close_window)  # left open by a build that raised
    signals.initialized.connect(caches.open_caches)
    signals.readers_init.connect(caches.wait_for_prereading)
    signals.article_generator_finalized.connect(membership.index_article_lists)
    signals.all_generators_finalized.connect(urlmemo.open_window)  # before the site's receivers
    signals.finalized.connect(urlmemo.close_window)
    signals.finalized.connect(caches.prune_after_success)
