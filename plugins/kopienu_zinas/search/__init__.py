"""Site search: the search pages and a Pagefind index of the built site (docs/search.md)."""

from pelican import signals

from . import generator, indexing


def register() -> None:
    signals.get_generators.connect(generator.get_generators)
    signals.finalized.connect(indexing.index_built_site)
