"""The image pipeline: upright, stripped, sized, and clear about files it cannot use."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from kopienu_zinas.galleries.settings import from_pelican
from kopienu_zinas.images.pipeline import PhotoError, render, target_widths
from tests.photos import CAMERA, QUADRANTS, close, quadrant_colours, write_photo, write_truncated


def settings(**galleries: object):
    return from_pelican({"CACHE_PATH": "unused/pelican", "GALLERIES": galleries}).imaging


@pytest.mark.parametrize("orientation", range(1, 9))
def test_every_exif_orientation_comes_out_upright(orientation: int, tmp_path: Path) -> None:
    source = write_photo(tmp_path / "photo.jpg", orientation)
    rendered = render(source, settings(widths=[300]), tmp_path / "out")
    assert (rendered.width, rendered.height) == (600, 400)
    for fmt in ("jpg", "webp"):
        with Image.open(tmp_path / "out" / f"300.{fmt}") as out:
            assert out.size == (300, 200)
            colours = quadrant_colours(out)
        assert all(close(c, q) for c, q in zip(colours, QUADRANTS, strict=True)), colours


def test_no_metadata_reaches_any_written_file(tmp_path: Path) -> None:
    source = write_photo(tmp_path / "photo.jpg", 6)
    with Image.open(source) as original:  # the fixture really carries what must go
        assert original.getexif().get_ifd(0x8825) and "xmp" in original.info
    render(source, settings(), tmp_path / "out")
    written = sorted((tmp_path / "out").iterdir())
    assert {p.suffix for p in written} >= {".jpg", ".webp"}
    for path in written:
        data = path.read_bytes()
        for secret in (CAMERA.encode(), b"KopienuTest", b"secret home", b"xmpmeta", b"Exif\0"):
            assert secret not in data, (path.name, secret)
        with Image.open(path) as out:
            assert not out.getexif(), path.name
            assert not {"exif", "xmp", "comment", "icc_profile"} & set(out.info), path.name


def test_widths_are_capped_at_the_original_width() -> None:
    assert target_widths(4000, (480, 960, 1600)) == (480, 960, 1600)
    assert target_widths(1200, (480, 960, 1600)) == (480, 960, 1200)
    assert target_widths(300, (480, 960, 1600)) == (300,)


def test_a_large_photo_is_decoded_at_a_reduced_scale_and_resized_exactly(tmp_path: Path) -> None:
    source = write_photo(tmp_path / "big.jpg", 8, size=(4000, 3000))
    rendered = render(source, settings(widths=[480, 960]), tmp_path / "out")
    assert [(r.width, r.height) for r in rendered.renditions] == [(480, 360), (960, 720)]
    with Image.open(tmp_path / "out" / "960.jpg") as out:
        assert out.size == (960, 720)
        assert all(close(c, q) for c, q in zip(quadrant_colours(out), QUADRANTS, strict=True))


def test_a_truncated_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(PhotoError, match="cut short"):
        render(write_truncated(tmp_path / "cut.jpg"), settings(), tmp_path / "out")


def test_a_decompression_bomb_is_refused_before_decoding(tmp_path: Path) -> None:
    source = write_photo(tmp_path / "huge.jpg", size=(1200, 1000))
    with pytest.raises(PhotoError, match="decompression bomb"):
        render(source, settings(max_pixels=1_000_000), tmp_path / "out")


def test_transparent_png_is_flattened_onto_white(tmp_path: Path) -> None:
    Image.new("RGBA", (200, 100), (0, 0, 0, 0)).save(tmp_path / "clear.png")
    render(tmp_path / "clear.png", settings(widths=[100]), tmp_path / "out")
    with Image.open(tmp_path / "out" / "100.jpg") as out:
        assert close(out.getpixel((50, 25)), (255, 255, 255), 5)
