"""The monthly newsletter: issue pages, RSS and Atom feeds, e-mail editions (docs/newsletter.md)."""

from pelican import signals

from ..common.problems import content_check
from . import generator, rules


def register() -> None:
    signals.get_generators.connect(generator.get_generators)
    content_check.connect(rules.check_documents)
