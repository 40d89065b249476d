"""schema.org ImageGallery data for a gallery page, and the Jinja filter that gives it."""

from __future__ import annotations

from typing import Any

from .pages import Gallery, Photo


def _image(photo: Photo, gallery: Gallery) -> dict[str, Any]:
    image: dict[str, Any] = {
        "@type": "ImageObject", "contentUrl": photo.large, "thumbnailUrl": photo.src,
        "caption": photo.caption, "description": photo.alt, "width": photo.width,
        "height": photo.height}
    if photo.photographer:
        image["creator"] = {"@type": "Person", "name": photo.photographer}
    elif gallery.credit:
        image["creditText"] = gallery.credit
    return image


def gallery_data(gallery: Gallery) -> dict[str, Any]:
    """The ImageGallery: name, url, datePublished, and each photo as an ImageObject (the
    photographer as its creator, else the gallery's credit as creditText)."""
    return {"@context": "https://schema.org", "@type": "ImageGallery", "name": gallery.title,
            "url": gallery.url, "datePublished": gallery.date.isoformat(),
            "image": [_image(photo, gallery) for photo in gallery.photos]}


FILTERS = {"gallery_jsonld": gallery_data}


def install(generator: Any) -> None:
    env = getattr(generator, "env", None)
    if env is not None:
        env.filters.update(FILTERS)
