"""Pelican glue: process photos (cached), attach galleries to articles, write pages and images.

Covers (`image:`) are the images plugin's (images/covers.py), whichever folder they come from.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from pathlib import Path
from typing import Any

from pelican.generators import Generator

from ..common.atomicfile import usual_mode
from ..common.clock import build_now
from ..common.problems import ContentProblem, log_problem
from ..common.schedule import is_scheduled
from ..images.batch import process_photos
from ..images.cache import PhotoCache
from ..images.output import link_or_copy
from ..images.paths import find, nfc, url_folder
from .discover import CAPTIONS, FOLDER, GallerySource, discover_once
from .pages import Gallery, gallery_view, photo_view
from .settings import from_pelican

logger = logging.getLogger(__name__)


def scheduled_notice(root: Path, source: GallerySource) -> ContentProblem:
    """The `make check` notice (not an error) for a gallery dated after "now", at the line of
    its `date:` in captions.yml, like a scheduled article's (site/schedule.py)."""
    captions = find(root, f"{FOLDER}/{source.name}/{CAPTIONS}")  # NFC, as macOS may store it
    try:
        lines = captions.read_text(encoding="utf-8").splitlines() if captions else []
    except (OSError, UnicodeDecodeError):
        lines = []
    line = next((n for n, text in enumerate(lines, 1) if text.startswith("date:")), 0)
    return ContentProblem(f"{FOLDER}/{source.name}/{CAPTIONS}", line, "date",
                          "ieplānota galerija", "scheduled gallery",
                          "parādīsies pirmajā publicēšanā pēc šī laika "
                          "(appears with the first build after this time)", str(source.date))


class GalleriesGenerator(Generator):
    """Gallery pages (/galerijas/<name>/), the index (/galerijas/) and every processed image."""

    def generate_context(self) -> None:
        config = from_pelican(self.settings)
        self.config = config
        root = Path(self.settings["PATH"])
        found, _problems = discover_once(self.settings, config.imaging.max_pixels)  # rules.py reports
        sources = list(found)
        now = build_now(self.settings)
        for source in sources:
            if is_scheduled(source.date, now):
                notice = scheduled_notice(root, source)
                logger.info("%s", notice.format(), extra={"notice": notice})
        if not self.settings.get("PREVIEW", False):  # scheduled galleries wait (common/schedule)
            sources = [source for source in sources if not is_scheduled(source.date, now)]
        cache = PhotoCache(config.cache)
        photos = [photo.path for gallery in sources for photo in gallery.photos]
        result = process_photos(photos, config.imaging, cache, config.workers)
        logger.info("galleries: %d photos, %d processed, %d from the cache", len(photos),
                    result.processed, len(result.done) - result.processed)
        for path, problem in sorted(result.failed.items()):
            log_problem(problem.placed(path.relative_to(root).as_posix(), field="photo"))
        siteurl = self.settings.get("SITEURL", "")
        galleries = []
        for source in sources:
            folder = f"{config.url}{url_folder(source.name)}/"
            views = [photo_view(photo, photo.path.relative_to(root).as_posix(),
                                result.done[photo.path][1],
                                str(cache.entry(result.done[photo.path][0])), folder, siteurl)
                     for photo in source.photos if photo.path in result.done]
            if views:
                galleries.append(gallery_view(source, views, config.url, siteurl))
        galleries.sort(key=lambda g: (g.date, g.name), reverse=True)
        galleries = self._attach(galleries)
        self.galleries = galleries
        self.context["galleries"] = galleries
        self.context["galleries_url"] = config.url
        self.context["recent_galleries"] = galleries[:config.recent]
        self.context["region_galleries"] = by_region(galleries, config.recent)

    def _attach(self, galleries: list[Gallery]) -> list[Gallery]:
        """Each gallery with the published articles that show it; every article's, translation's
        and draft's `gallery` set to its Gallery or None."""
        published = _with_translations(self.context.get("articles", []))
        drafts = _with_translations(self.context.get("drafts", []))
        names = {id(a): _name(a) for a in published + drafts}
        shown_in: dict[str, list[Any]] = {}
        for article in published:
            name = names[id(article)]
            if name is not None and article not in shown_in.setdefault(name, []):
                shown_in[name].append(article)
        final = [replace(g, articles=tuple(shown_in.get(g.name, ()))) for g in galleries]
        by_name = {gallery.name: gallery for gallery in final}
        for article in published + drafts:
            name = names[id(article)]
            article.gallery = by_name.get(name) if name is not None else None
        return final

    def generate_output(self, writer: Any) -> None:
        mode = usual_mode()  # a cold build's, whatever the cache's (images/output.py)
        for gallery in self.galleries:
            for photo in gallery.photos:
                for path, cached in photo.files.items():
                    link_or_copy(Path(cached), Path(self.output_path) / path, mode)
            writer.write_file(f"{gallery.path}index.html", self.get_template("gallery"),
                              self.context, url=gallery.path, gallery=gallery)
        if self.galleries:
            writer.write_file(f"{self.config.url}index.html", self.get_template("galleries"),
                              self.context, url=self.config.url)


def by_region(galleries: list[Gallery], limit: int) -> dict[str, tuple[Gallery, ...]]:
    """Region (category) slug → the newest `limit` galleries shown by an article of it."""
    found: dict[str, list[Gallery]] = {}
    for gallery in galleries:
        for slug in dict.fromkeys(getattr(getattr(a, "category", None), "slug", None)
                                  for a in gallery.articles):
            if slug is not None:
                found.setdefault(slug, []).append(gallery)
    return {slug: tuple(shown[:limit]) for slug, shown in found.items()}


def _with_translations(articles: Any) -> list[Any]:
    found = list(articles)
    return found + [t for a in found for t in getattr(a, "translations", [])]


def _name(article: Any) -> str | None:
    """The gallery an article names (`gallery: <name>`, NFC), or None."""
    name = getattr(article, "gallery", None)
    return nfc(name.strip()) if isinstance(name, str) else None


def get_generators(pelican: Any) -> type[Generator]:
    return GalleriesGenerator
