"""Render the site's icons from one SVG: PNG touch icons and a multi-size favicon.ico.

Pure (no Pelican). resvg (the `resvg-py` wheel) draws the SVG at each size, so small icons are
drawn for their size rather than scaled down from a large one; Pillow packs the ICO. Neither
writes a time or any other metadata chunk, so the same SVG always gives the same bytes.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from dataclasses import dataclass

import resvg_py
from PIL import Image

#: The sizes inside favicon.ico (px): browsers' tabs, bookmarks and Windows' taskbar.
ICO_SIZES = (16, 32, 48)


@dataclass(frozen=True)
class Icon:
    """One icon file: its site-relative path, MIME type, square size in px (0 for SVG) and
    the `rel` of the <link> that names it."""

    path: str
    type: str
    size: int = 0
    rel: str = "icon"
    #: the CSS colour that fills the transparent corners (iOS shows those black otherwise)
    background: str | None = None

    @property
    def sizes(self) -> str:
        """The `sizes` attribute of its <link>: "16x16 32x32 48x48", "180x180" or "any"."""
        if self.path.endswith(".ico"):
            return " ".join(f"{s}x{s}" for s in ICO_SIZES)
        return f"{self.size}x{self.size}" if self.size else "any"


class IconError(ValueError):
    """The theme's SVG cannot be rendered (resvg's message says why)."""


def render_png(svg: str, size: int, background: str | None = None) -> bytes:
    """The SVG drawn on a `size`×`size` px canvas as PNG bytes (IHDR, IDAT, IEND only)."""
    try:
        return bytes(resvg_py.svg_to_bytes(svg_string=svg, width=size, height=size,
                                           background=background))
    except ValueError as error:
        raise IconError(str(error)) from None


def render_ico(svg: str) -> bytes:
    """favicon.ico holding the SVG drawn at each of ICO_SIZES (PNG-compressed entries)."""
    images = [Image.open(io.BytesIO(render_png(svg, size))) for size in ICO_SIZES]
    out = io.BytesIO()
    images[-1].save(out, format="ICO", sizes=[(s, s) for s in ICO_SIZES], append_images=images[:-1])
    return out.getvalue()


def render(svg: str, icons: tuple[Icon, ...]) -> Mapping[str, bytes]:
    """Every icon's bytes by its path: the SVG itself, the ICO, PNGs at their sizes."""
    files: dict[str, bytes] = {}
    for icon in icons:
        if icon.type == "image/svg+xml":
            files[icon.path] = svg.encode("utf-8")
        elif icon.type == "image/x-icon":
            files[icon.path] = render_ico(svg)
        else:
            files[icon.path] = render_png(svg, icon.size, icon.background)
    return files
