"""The file published at an original's own address: the processed picture, never the original.

`/atteli/foto.jpg` (already shared, or an old og:image) serves the largest processed JPEG; an
original whose ending names another format the browser shows (.png, .webp, .gif, .avif) gets
the same pixels in that format, so the address and the served type agree. Made once per cache
entry (beside the renditions), without metadata.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from PIL import Image

#: Ending → Pillow format of the copy at the original's address; other endings get the JPEG.
_FORMATS = {".png": "PNG", ".webp": "WEBP", ".gif": "GIF", ".avif": "AVIF"}


def original_copy(largest_jpeg: Path, site_path: str) -> Path:
    """The cached file to publish at `site_path`, given the entry's largest JPEG rendition."""
    fmt = _FORMATS.get(PurePosixPath(site_path).suffix.lower())
    if fmt is None:
        return largest_jpeg
    target = largest_jpeg.with_name(f"original.{fmt.lower()}")
    if not target.is_file():
        with Image.open(largest_jpeg) as image:
            image.load()
            image.info.clear()
            staging = target.with_name(f".{target.name}.tmp")
            image.save(staging, fmt)
            staging.replace(target)
    return target
