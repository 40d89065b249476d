"""What the pipeline writes is as large as every encoder and reader takes, upright and true to
its description; a picture too thin for social sites gets a share JPEG (QA report of session
11: a phone's scrolling screenshot stopped the build, a TIFF with Orientation 6 was squeezed, a
panorama's og:image was 1200×8)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from kopienu_zinas.images.pipeline import MAX_SIDE, SHARE, render, thin_warning
from kopienu_zinas.images.settings import from_pelican
from tests.photos import QUADRANTS, STORED_AS, close, quadrant_colours, upright


def imaging(**images: object):
    return from_pelican({"IMAGES": images}).imaging


@pytest.mark.parametrize("orientation", range(1, 9))
@pytest.mark.parametrize("compression", [None, "tiff_lzw"])
def test_every_tiff_orientation_comes_out_upright(tmp_path: Path, orientation: int,
                                                  compression: str | None) -> None:
    """TIFF 6.0 Orientation (tag 274), as a scanner writes it: the stored pixels turned."""
    transform = STORED_AS[orientation]
    stored = upright().transpose(transform) if transform is not None else upright()
    source = tmp_path / "skenets.tif"
    stored.save(source, tiffinfo={274: orientation}, compression=compression)
    rendered = render(source, imaging(widths=[300], formats=["webp", "jpeg"]), tmp_path / "out")
    assert (rendered.width, rendered.height) == (600, 400)
    for name in ("300.jpg", "300.webp", "600.jpg"):
        with Image.open(tmp_path / "out" / name) as out:
            assert out.size[0] * 2 == out.size[1] * 3, name
            assert all(close(c, q) for c, q in zip(quadrant_colours(out), QUADRANTS,
                                                   strict=True)), (name, orientation)


def written_sizes(folder: Path) -> dict[str, tuple[int, int]]:
    """Every written file's size as Pillow reads it again (AVIF by libavif, as browsers do)."""
    sizes = {}
    for path in sorted(folder.iterdir()):
        with Image.open(path) as image:
            image.load()
            sizes[path.name] = image.size
    return sizes


@pytest.mark.parametrize("formats", [["avif", "webp", "jpeg"], ["avif", "jpeg"], ["jpeg"]])
def test_a_picture_taller_than_an_encoder_takes_is_scaled_to_fit_every_format(
        tmp_path: Path, formats: list[str]) -> None:
    limit = min(MAX_SIDE[fmt] for fmt in formats)
    source = tmp_path / "ekranuznemums.png"  # a scrolling screenshot, narrow to keep it small
    Image.new("RGB", (30, limit + 1000), (250, 250, 250)).save(source)
    rendered = render(source, imaging(widths=[16, 480], formats=formats), tmp_path / "out")
    assert (rendered.width, rendered.height) == (30, limit + 1000)
    sizes = written_sizes(tmp_path / "out")
    described = {r.name(fmt): (r.width, r.height) for r in rendered.renditions
                 for fmt in r.formats}
    assert {name: size for name, size in sizes.items() if name != SHARE} == described
    assert max(max(size) for size in described.values()) <= limit
    widest = rendered.renditions[-1]
    assert widest.width == 30 * limit // (limit + 1000)  # as wide as fits, the aspect kept
    assert abs(widest.height / widest.width - (limit + 1000) / 30) < 1.5


def test_a_thin_panorama_gets_a_share_jpeg_of_at_least_200_px_cut_from_its_middle(
        tmp_path: Path) -> None:
    panorama = Image.new("RGB", (6000, 40), (30, 30, 220))
    panorama.paste((220, 30, 30), (2700, 0, 3300, 40))  # the middle is red
    source = tmp_path / "panorama.jpg"
    panorama.save(source, quality=95)
    rendered = render(source, imaging(), tmp_path / "out")
    og = next(r for r in rendered.renditions if r.width == 1200)
    assert (og.width, og.height) == (1200, 8)  # what og:image was
    assert rendered.share == (1200, 200)
    with Image.open(tmp_path / "out" / SHARE) as share:
        assert share.size == (1200, 200)
        assert close(share.getpixel((600, 100)), (220, 30, 30))
    assert "strip" in (thin_warning(rendered) or pytest.fail("no warning")).what_en


def test_a_narrow_tall_picture_gets_an_upright_share_jpeg(tmp_path: Path) -> None:
    source = tmp_path / "stabs.png"
    Image.new("RGB", (40, 3000), (30, 120, 30)).save(source)
    rendered = render(source, imaging(), tmp_path / "out")
    assert rendered.share == (200, 1200)
    with Image.open(tmp_path / "out" / SHARE) as share:
        assert share.size == (200, 1200)


def test_an_ordinary_photo_has_no_share_jpeg_nor_warning(tmp_path: Path) -> None:
    source = tmp_path / "foto.jpg"
    upright((1600, 1200)).save(source)
    rendered = render(source, imaging(), tmp_path / "out")
    assert rendered.share is None and not (tmp_path / "out" / SHARE).exists()
    assert thin_warning(rendered) is None


def test_galleries_make_no_share_jpeg(tmp_path: Path) -> None:
    from kopienu_zinas.galleries.settings import from_pelican as galleries_settings

    source = tmp_path / "panorama.png"
    Image.new("RGB", (6000, 40), (30, 30, 220)).save(source)
    settings = galleries_settings({"CACHE_PATH": "unused/pelican"}).imaging
    assert render(source, settings, tmp_path / "out").share is None
