"""What templates, feeds and other plugins see of a processed picture: URLs, sizes, srcsets."""

from __future__ import annotations

from dataclasses import dataclass, field

from .pipeline import EXTENSIONS, MIME_TYPES, SHARE, Rendered

#: The JPEG width given as a picture's `src` (newsletter, e-mail, feeds, <img> fallback).
DEFAULT_WIDTH = 960


@dataclass(frozen=True)
class Source:
    """One <source>: MIME type and a srcset of absolute URLs."""

    mime: str
    srcset: str


@dataclass(frozen=True)
class Jpeg:
    """One processed JPEG: absolute URL, site-relative path, pixels."""

    url: str
    path: str
    width: int
    height: int


@dataclass(kw_only=True)
class Picture:
    """A processed picture.

    source: the original, relative to content/ (NFC); alt: its alt text; src/width/height: the
    default JPEG (≤ 960 px, absolute URL); large: the largest JPEG's URL; srcset: JPEG srcset for
    <img>; sources: AVIF/WebP <source>s; jpegs: every JPEG by width (ascending); share: the
    share JPEG of a picture too thin for social sites (pipeline.share_size: a centre crop, never
    in a srcset), else None; files: output path → cache file, written by the plugin that made
    the view.
    """

    source: str
    alt: str
    src: str
    width: int
    height: int
    large: str
    srcset: str
    sources: tuple[Source, ...]
    jpegs: tuple[Jpeg, ...] = ()
    share: Jpeg | None = None
    files: dict[str, str] = field(default_factory=dict)

    def jpeg_near(self, width: int) -> Jpeg:
        """The JPEG of exactly `width` px, else the widest narrower one, else the narrowest."""
        narrower = [j for j in self.jpegs if j.width <= width]
        return narrower[-1] if narrower else self.jpegs[0]


def rendition_urls(rendered: Rendered, entry: str, folder: str, stem: str, siteurl: str
                   ) -> tuple[dict[str, str], dict[str, list[tuple[int, str]]]]:
    """(output path → cache file, format → [(width, absolute URL)]) of every rendition."""
    files: dict[str, str] = {}
    urls: dict[str, list[tuple[int, str]]] = {}
    for rendition in rendered.renditions:
        for fmt in rendition.formats:
            path = f"{folder}{stem}-{rendition.width}.{EXTENSIONS[fmt]}"
            files[path] = f"{entry}/{rendition.name(fmt)}"
            urls.setdefault(fmt, []).append((rendition.width, f"{siteurl}/{path}"))
    return files, urls


def picture_fields(rendered: Rendered, entry: str, folder: str, stem: str, siteurl: str,
                   ) -> dict:
    """The keyword arguments of a Picture (or subclass) for one processed picture, except
    `source` and `alt`. Output files are `<folder><stem>-<width>.<ext>`, and the share JPEG's
    `<folder><stem>-<width>x<height>.jpg`."""
    files, urls = rendition_urls(rendered, entry, folder, stem, siteurl)
    share = None
    if rendered.share is not None:
        share_width, share_height = rendered.share
        path = f"{folder}{stem}-{share_width}x{share_height}.jpg"
        files[path] = f"{entry}/{SHARE}"
        share = Jpeg(f"{siteurl}/{path}", path, share_width, share_height)
    full = [r for r in rendered.renditions if len(r.formats) > 1 or len(urls) == 1]
    default = max((r for r in full if r.width <= DEFAULT_WIDTH), key=lambda r: r.width,
                  default=full[0])
    jpeg = dict(urls["jpeg"])
    widths = {r.width for r in full}
    return dict(
        src=jpeg[default.width], width=default.width, height=default.height,
        large=jpeg[full[-1].width],
        srcset=", ".join(f"{url} {w}w" for w, url in urls["jpeg"] if w in widths),
        sources=tuple(Source(MIME_TYPES[fmt], ", ".join(f"{url} {w}w" for w, url in urls[fmt]))
                      for fmt in urls if fmt != "jpeg"),
        jpegs=tuple(Jpeg(url, url.removeprefix(f"{siteurl}/"), r.width, r.height)
                    for r in rendered.renditions for w, url in urls["jpeg"] if w == r.width),
        share=share, files=files)


@dataclass(kw_only=True)
class Cover(Picture):
    """An article's cover (`image:`), set as ``article.cover`` by the images plugin.

    credit: the article's `image_credit` (shown with the picture, never alone); og: the Open
    Graph JPEG (IMAGES['og_width'], 1200 px, or the original's width when narrower; the share
    JPEG when that one has a side under pipeline.SHARE_MIN), whose absolute URL is also
    ``article.image``.
    """

    credit: str | None
    og: Jpeg
