"""The events plugin: events in articles, calendar pages, subscribable iCalendar files."""

from pelican import signals

from ..common.problems import content_check
from . import attach, checks, generator, templating


def register() -> None:
    content_check.connect(checks.check_documents)
    signals.generator_init.connect(templating.install)
    signals.article_generator_finalized.connect(attach.attach_events)
    signals.get_generators.connect(generator.get_generators)
