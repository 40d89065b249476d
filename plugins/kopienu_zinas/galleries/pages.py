"""What templates and other plugins see: galleries and photos with their URLs."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from ..images.paths import output_stem, url_folder
from ..images.pipeline import Rendered
from ..images.views import Picture, picture_fields
from .discover import GallerySource, PhotoSource


@dataclass(kw_only=True)
class Photo(Picture):
    """A gallery photo: the shared Picture plus its caption and photographer."""

    caption: str
    photographer: str | None


@dataclass
class Gallery:
    name: str
    title: str
    date: dt.date
    credit: str | None
    url: str  # absolute
    path: str  # site-relative, e.g. galerijas/name/
    photos: list[Photo]
    articles: list[Any] = field(default_factory=list)

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
    return Gallery(source.name, source.title, source.date, source.credit, f"{siteurl}/{path}",
                   path, photos)
