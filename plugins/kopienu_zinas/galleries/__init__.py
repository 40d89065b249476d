"""The galleries plugin: photo folders → processed images (cached), gallery pages, covers."""

from pelican import signals

from ..common.problems import content_check
from . import generator, jsonld, rules


def register() -> None:
    content_check.connect(rules.check_documents)
    signals.generator_init.connect(jsonld.install)
    signals.get_generators.connect(generator.get_generators)
