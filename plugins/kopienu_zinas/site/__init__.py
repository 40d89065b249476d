"""The site plugin: build clock, regions, scheduled articles, content rules, link check, output
guard, Jinja helpers, the feed writer and the sitemap."""

import blinker
from pelican import signals

from ..common import filenames
from ..common import slugs as plain_slugs
from ..common.problems import content_check, document_check
from . import (
    casenames,
    clashes,
    compressed,
    containment,
    documents,
    feeds,
    foreign,
    headings,
    images,
    linkcheck,
    links,
    outputs,
    placeholders,
    preview,
    preview_links,
    rawhtml,
    regions,
    related,
    reserved,
    rules,
    runnable,
    safety,
    schedule,
    sitemap,
    slugs,
    startup,
    taxonomy,
    templating,
    videos,
    yaml_reader,
)


def register() -> None:
    outputs.install()
    plain_slugs.install()  # after the reading plugin's memo (listed before this plugin)
    signals.initialized.connect(startup.prepare_build)
    signals.readers_init.connect(yaml_reader.use_libyaml_reader)
    signals.readers_init.connect(safety.guard_reading)
    signals.generator_init.connect(templating.install)
    signals.article_generator_context.connect(regions.assign_category)
    signals.article_generator_pretaxonomy.connect(schedule.withhold_scheduled)
    signals.article_generator_pretaxonomy.connect(taxonomy.unify_names)
    signals.article_generator_pretaxonomy.connect(clashes.withhold_clashing_articles)
    signals.get_writer.connect(feeds.get_writer)
    signals.article_generator_finalized.connect(related.attach_related)
    signals.article_generator_finalized.connect(feeds.note_feed_languages)
    signals.article_generator_finalized.connect(preview.attach_problems)
    signals.page_generator_finalized.connect(schedule.withhold_scheduled_pages)
    signals.page_generator_finalized.connect(reserved.withhold_reserved_pages)
    signals.page_generator_finalized.connect(clashes.withhold_clashing_pages)
    signals.page_generator_finalized.connect(preview.attach_problems)
    signals.static_generator_finalized.connect(outputs.guard_static_files)
    signals.all_generators_finalized.connect(sitemap.remember_content_dates)
    signals.all_generators_finalized.connect(linkcheck.plan_links)
    signals.all_generators_finalized.connect(preview_links.remember_banner)
    signals.finalized.connect(sitemap.write_sitemap)
    signals.finalized.connect(linkcheck.check_written_links)
    signals.finalized.connect(preview_links.show_reported_problems)  # after the link check
    blinker.signal("deploy").connect(compressed.check_copies)  # after pelican-precompress
    for rule in (rules, links, containment, images, placeholders, rawhtml, foreign,
                 headings):
        document_check.connect(rule.check_document)
    for rule in (rules, slugs, reserved, containment, placeholders, runnable, videos,
                 documents, casenames, filenames):
        content_check.connect(rule.check_documents)
    content_check.connect(taxonomy.check_documents)  # names in quotes, spelt otherwise
