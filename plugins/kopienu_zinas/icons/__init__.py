"""Site icons: favicon.ico, favicon.svg and touch icons rendered from the theme's one SVG
(docs/building.md, "Site icons")."""

from pelican import signals

from . import generator


def register() -> None:
    signals.get_generators.connect(generator.get_generators)
