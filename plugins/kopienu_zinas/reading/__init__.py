"""The reading plugin: caches of reading each source (header and Markdown → HTML) and of each
document's content-check results under .cache/reading/, keyed by content hashes; the sources
missing from the cache read on every core before the generators read them; Pelican's slugify
and source-path arithmetic memoized (reading/memo.py) (docs/building.md, "Caches: reading").

List it before `kopienu_zinas.site` in PLUGINS: its `initialized` must run before the site
plugin's content check.
"""

from pelican import signals

from . import caches, memo

memo.install()  # before the plugins listed after this one import Pelican's slugify


def register() -> None:
    signals.initialized.connect(caches.open_caches)
    signals.readers_init.connect(caches.wait_for_prereading)
    signals.finalized.connect(caches.prune_after_success)
