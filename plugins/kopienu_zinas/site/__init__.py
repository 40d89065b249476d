"""The site plugin: build clock, regions, content rules, Jinja helpers and the sitemap."""

from pelican import signals

from ..common.problems import content_check
from . import regions, rules, sitemap, startup, templating


def register() -> None:
    signals.initialized.connect(startup.prepare_build)
    signals.generator_init.connect(templating.install)
    signals.article_generator_context.connect(regions.assign_category)
    signals.get_generators.connect(sitemap.get_generators)
    content_check.connect(rules.check_documents)
