"""Site icons rendered from one SVG: sizes, determinism, no metadata (kopienu_zinas.icons)."""

from __future__ import annotations

import io
import struct
from pathlib import Path

import pytest
from PIL import Image

from kopienu_zinas.icons.generator import ICONS, SOURCE
from kopienu_zinas.icons.render import ICO_SIZES, IconError, render, render_png

THEME_SVG = Path(__file__).resolve().parents[2] / "theme" / SOURCE
SQUARE = ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">'
          '<rect width="10" height="10" fill="{colour}"/></svg>')


def png_chunks(data: bytes) -> list[bytes]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    chunks, position = [], 8
    while position < len(data):
        (length,) = struct.unpack(">I", data[position:position + 4])
        chunks.append(data[position + 4:position + 8])
        position += 12 + length
    return chunks


def test_each_icon_has_its_size_from_the_themes_svg() -> None:
    files = render(THEME_SVG.read_text(encoding="utf-8"), ICONS)
    assert set(files) == {icon.path for icon in ICONS}
    for icon in ICONS:
        if icon.size:
            with Image.open(io.BytesIO(files[icon.path])) as image:
                assert (image.format, image.size) == ("PNG", (icon.size, icon.size)), icon.path
    with Image.open(io.BytesIO(files["favicon.ico"])) as ico:
        assert ico.format == "ICO"
        assert sorted(ico.info["sizes"]) == [(s, s) for s in ICO_SIZES]
    assert files["favicon.svg"] == THEME_SVG.read_bytes()


def test_each_size_is_drawn_from_the_svg_not_left_blank() -> None:
    files = render(SQUARE.format(colour="#9e3039"), ICONS)
    with Image.open(io.BytesIO(files["favicon.ico"])) as ico:
        for size in ICO_SIZES:
            ico.size = (size, size)
            frame = ico.convert("RGB")
            assert frame.size == (size, size)
            assert frame.getpixel((size // 2, size // 2)) == (0x9E, 0x30, 0x39)


def test_same_svg_same_bytes_and_no_time_or_text_in_the_pngs() -> None:
    svg = THEME_SVG.read_text(encoding="utf-8")
    first, again = render(svg, ICONS), render(svg, ICONS)
    assert first == again
    for path, data in first.items():
        if path.endswith(".png"):
            assert png_chunks(data) == [b"IHDR", b"IDAT", b"IEND"], path
    assert render(SQUARE.format(colour="#000"), ICONS) != render(SQUARE.format(colour="#fff"), ICONS)


def test_a_broken_svg_is_an_icon_error() -> None:
    with pytest.raises(IconError):
        render_png("<svg", 16)
