"""The images plugin: every editor picture outside the galleries (content/atteli/, STATIC_PATHS,
`image:` covers) through the shared pipeline; the pipeline itself is used by galleries too."""

from pelican import signals

from ..common.problems import content_check
from . import generator, rules


def register() -> None:
    signals.initialized.connect(rules.warn_located)
    content_check.connect(rules.check_documents)
    signals.get_generators.connect(generator.get_generators)
    signals.static_generator_finalized.connect(generator.static_addresses_in_nfc)
