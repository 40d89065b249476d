"""Pelican glue: process photos (cached), attach galleries to articles, write pages and images.

Covers (`image:`) are the images plugin's (images/covers.py), whichever folder they come from.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from pelican.generators import Generator

from ..common.clock import build_now
from ..common.problems import ContentProblem, log_problem
from ..common.schedule import is_scheduled
from ..images.batch import process_photos
from ..images.cache import PhotoCache
from ..images.output import link_or_copy
from ..images.paths import find, nfc, url_folder
from .discover import CAPTIONS, FOLDER, GallerySource, discover
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
        sources, _problems = discover(root, config.imaging.max_pixels)  # reported by rules.py
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
        for path, failure in sorted(result.failed.items()):
            log_problem(ContentProblem(path.relative_to(root).as_posix(), 0, "photo",
                                       failure.lv, failure.en, failure.fix, failure.detail))
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
        self.galleries = galleries
        self._attach(galleries)
        self.context["galleries"] = galleries
        self.context["galleries_url"] = config.url
        self.context["recent_galleries"] = galleries[:config.recent]

    def _attach(self, galleries: list[Gallery]) -> None:
        by_name = {gallery.name: gallery for gallery in galleries}
        articles = list(self.context.get("articles", []))
        articles += [t for a in articles for t in getattr(a, "translations", [])]
        for article in articles:
            name = getattr(article, "gallery", None)
            gallery = by_name.get(nfc(name.strip())) if isinstance(name, str) else None
            article.gallery = gallery
            if gallery is not None and article not in gallery.articles:
                gallery.articles.append(article)

    def generate_output(self, writer: Any) -> None:
        for gallery in self.galleries:
            for photo in gallery.photos:
                for path, cached in photo.files.items():
                    link_or_copy(Path(cached), Path(self.output_path) / path)
            writer.write_file(f"{gallery.path}index.html", self.get_template("gallery"),
                              self.context, url=gallery.path, gallery=gallery)
        if self.galleries:
            writer.write_file(f"{self.config.url}index.html", self.get_template("galleries"),
                              self.context, url=self.config.url)


def get_generators(pelican: Any) -> type[Generator]:
    return GalleriesGenerator
