"""What the galleries plugin publishes (its contract, listed in plugins/PLUGIN_ARCH.md):
galleries and photos with their URLs.

`article.gallery` is a :class:`Gallery` or None on every article, translation and draft (the
editor's `gallery: <name>` is replaced by the gallery it names); context `galleries` lists every
published gallery, newest first, `recent_galleries` the first GALLERIES["recent"] of them, and
`region_galleries` maps a region's (category's) slug to its newest GALLERIES["recent"] (the
galleries its articles show).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from ..common.absolute_urls import on_site
from ..images.paths import output_stem, url_folder
from ..images.pipeline import Rendered
from ..images.views import Picture, picture_fields
from .discover import GallerySource, PhotoSource


@dataclass(kw_only=True)
class Photo(Picture):
    """A gallery photo: the shared Picture plus its caption and photographer."""

    caption: str
    photographer: str | None


@dataclass(frozen=True)
class Gallery:
    """A published gallery: `name` its folder under content/galleries/ (NFC), `date` and
    `title` from captions.yml, `photos` in their order, `articles` the published articles and
    translations that show it (drafts never listed)."""

    name: str
    title: str
    date: dt.date
    credit: str | None
    url: str  # absolute
    path: str  # site-relative, e.g. galerijas/name/
    photos: tuple[Photo, ...]
    articles: tuple[Any, ...] = ()

    @property
    def cover(self) -> Photo | None:
        return self.photos[0] if self.photos else None


def photo_view(source: PhotoSource, original: str, rendered: Rendered, entry: str, folder: str,
               siteurl: str) -> Photo:
    return Photo(source=original, alt=source.alt, caption=source.caption,
                 photographer=source.photographer,
                 **picture_fields(rendered, entry, folder, output_stem(source.file), siteurl))


def gallery_view(source: GallerySource, photos: list[Photo], base: str,
                 siteurl: str) -> Gallery:
    path = f"{base}{url_folder(source.name)}/"  # ASCII, like every address of the site
    return Gallery(source.name, source.title, source.date, source.credit, on_site(siteurl, path),
                   path, tuple(photos))
