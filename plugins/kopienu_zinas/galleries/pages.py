"""What templates and other plugins see: galleries and photos with their URLs."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any

from ..common.slugs import slugify
from .discover import GallerySource, PhotoSource
from .imaging import EXTENSIONS, MIME_TYPES, Rendered

#: The JPEG width given to others (newsletter, Open Graph) as a photo's `src`.
DEFAULT_WIDTH = 960


@dataclass(frozen=True)
class Source:
    mime: str
    srcset: str


@dataclass
class Photo:
    source: str  # the original, relative to content/ (galleries/<name>/<file>)
    alt: str
    caption: str
    photographer: str | None
    src: str  # absolute URL of the default JPEG
    width: int
    height: int
    large: str  # absolute URL of the largest JPEG (the no-JavaScript view)
    srcset: str  # JPEG srcset for <img>
    sources: tuple[Source, ...]  # AVIF/WebP <source>s
    files: dict[str, str] = field(default_factory=dict)  # output path → cache file


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
    stem = slugify(PurePosixPath(source.file).stem) or "foto"
    files: dict[str, str] = {}
    urls: dict[str, list[tuple[int, str]]] = {}
    for rendition in rendered.renditions:
        for fmt in rendition.formats:
            path = f"{folder}{stem}-{rendition.width}.{EXTENSIONS[fmt]}"
            files[path] = f"{entry}/{rendition.name(fmt)}"
            urls.setdefault(fmt, []).append((rendition.width, f"{siteurl}/{path}"))
    default = max((r for r in rendered.renditions if r.width <= DEFAULT_WIDTH),
                  key=lambda r: r.width, default=rendered.renditions[0])
    jpeg = dict(urls["jpeg"])
    return Photo(
        source=original, alt=source.alt, caption=source.caption, photographer=source.photographer,
        src=jpeg[default.width], width=default.width, height=default.height,
        large=jpeg[rendered.renditions[-1].width],
        srcset=", ".join(f"{url} {w}w" for w, url in urls["jpeg"]),
        sources=tuple(Source(MIME_TYPES[fmt], ", ".join(f"{url} {w}w" for w, url in urls[fmt]))
                      for fmt in urls if fmt != "jpeg"),
        files=files)


def gallery_view(source: GallerySource, photos: list[Photo], base: str,
                 siteurl: str) -> Gallery:
    path = f"{base}{source.name}/"
    return Gallery(source.name, source.title, source.date, source.credit, f"{siteurl}/{path}",
                   path, photos)
