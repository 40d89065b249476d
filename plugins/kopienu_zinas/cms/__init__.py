"""The CMS plugin: the browser editor at /admin/ (Decap CMS), configured from our content model."""

from pelican import signals

from . import generator


def register() -> None:
    signals.get_generators.connect(generator.get_generators)
