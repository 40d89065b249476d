"""Incremental writing (docs/building.md, "Caches: writing"): each page is rendered only when
the digest of its declared inputs changed (render.py, reads.py, values.py), every file is
written by temp file + rename with unchanged files hardlinked from the previous output
(output.py), the output manifest lets an unchanged build stop at once (manifest.py), and
each page's dependency record lets a page whose content did not change be placed without
computing its key (records.py).

At `initialized` it gives the build (common/build.py) a :class:`Writing`; the site's writer
(site/feeds.py `FeedWriter`) renders and writes through it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from pelican import signals

from ..common.build import ATTRIBUTE, Build, build_of
from ..common.problems import ContentProblem
from . import bytecode
from .output import SOURCE_ENCODING, OutputFiles, Placement, relative_path
from .records import DependencyRecords, PageRecord
from .render import RenderCache


@dataclass(frozen=True)
class Writing:
    """One build's render cache, output files and dependency records. The writer's pages are
    queued and their jobs (key, render cache, rendering, placing the files) run together on
    every core by :meth:`flush` (writing/parallel.py)."""

    render: RenderCache
    outputs: OutputFiles
    records: DependencyRecords = field(default_factory=DependencyRecords)

    def flush(self, context: Mapping[str, Any] | None = None,
              build: Build | None = None) -> None:
        """Run the queued pages' jobs (writing/render.py `RenderCache.render_queued`): each
        page's files are put in place by the process that ran its job, from the published
        files that hold its text (linked) or from its text (no process holds every page's
        text); the build process notes the placements for the manifest. A page whose
        previous record still holds (writing/records.py; `context`: Pelican's, final; `build`:
        what it reported so far) is placed from its previous key, without computing it, and
        content digests kept by earlier builds that still hold are taken, not computed
        (writing/digests.py); this build's are kept for the next."""
        pending = self.outputs.take_pending()
        reported = _reported(build)
        changed = self.records.settle(context or {}, self.render.fingerprints.settings,
                                      reported)
        self.render.keep_digests(self.records, (context or {}).get("generated_content", {}))
        recorded: dict[int, PageRecord] = {}
        if changed is not None:
            for index, files in pending.items():
                record = self.records.page_record(
                    [relative_path(root, target) for root, target, _ in files], changed)
                if record is not None:
                    recorded[index] = record

        def reuse(index: int, key: str) -> tuple[Placement, ...] | None:
            files = pending.get(index, [])
            proven = self.outputs.published_page(key) if files else None
            if proven is None:
                return None
            return tuple(self.outputs.place_proven(root, target, proven, encoding)
                         for root, target, encoding in files)

        def place(index: int, key: str, text: str) -> tuple[Placement, ...]:
            return tuple(self.outputs.place(root, target, text.encode(encoding),
                                            key if encoding == SOURCE_ENCODING else None)
                         for root, target, encoding in pending.get(index, ()))

        done = self.render.render_queued(reuse, place, recorded)
        for placements, touched in zip(done, self.render.touched, strict=True):
            for placement in placements or ():
                self.outputs.note(placement, touched)
        self.records.close(_reported(build))
        self.render.save_digests(self.records)


def _reported(build: Build | None) -> Sequence[ContentProblem | str] | None:
    """What the build reported so far (tools/build.py's collector), None when unknown."""
    return build.reported() if build is not None and build.reported is not None else None


class FlushGenerator:
    """The last of the plugins' generators: once every other generator has asked for its
    pages, render the queued ones and write them (before `finalized`, whose receivers read
    the written pages: sitemap, link check, search index)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        #: Pelican's context (every generator's, final by now) and settings
        self.context: Mapping[str, Any] = kwargs.get("context", {})
        self.settings: Mapping[str, Any] = kwargs.get("settings", {})

    def generate_output(self, writer: Any) -> None:
        writing = getattr(writer, "writing", None)
        if writing is not None:
            writing.flush(self.context, build_of(self.settings))


def open_writing(pelican: Any) -> None:
    build = getattr(pelican, ATTRIBUTE, None)
    if build is not None:
        render = RenderCache(pelican.settings)
        render.queue = []
        build.writing = Writing(render, OutputFiles())


def use_stored_bytecode(generator: Any) -> None:
    """`generator_init`: the generator's template environment keeps its compiled templates in
    `.cache/writing/jinja/` (writing/bytecode.py)."""
    build = build_of(generator.settings)
    writing = getattr(build, "writing", None)
    env = getattr(generator, "env", None)
    if writing is not None and env is not None and env.bytecode_cache is None:
        bytecode.install(env, writing.render.bytecode_store)


def get_generators(pelican: Any) -> type[FlushGenerator]:
    return FlushGenerator


def register() -> None:
    signals.initialized.connect(open_writing)
    signals.get_generators.connect(get_generators)
    signals.generator_init.connect(use_stored_bytecode)
