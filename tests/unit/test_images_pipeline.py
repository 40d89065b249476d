"""The shared pipeline takes what real cameras, phones and scanners write, by content.

Every picture is generated here with Pillow; each test asserts the published pixels or sizes.
"""

from __future__ import annotations

import itertools
import pickle
from pathlib import Path

import pytest
from PIL import Image

from kopienu_zinas.images.pipeline import PhotoError, render
from kopienu_zinas.images.settings import from_pelican
from tests.photos import camera_exif, upright

SETTINGS = from_pelican({"IMAGES": {"widths": [32, 64, 1600], "formats": ["webp", "jpeg"]}}
                        ).imaging


def rendered_jpeg(source: Path, tmp_path: Path) -> Image.Image:
    """The largest JPEG rendition of `source`, loaded."""
    result = render(source, SETTINGS, tmp_path / "out")
    widest = result.renditions[-1]
    image = Image.open(tmp_path / "out" / widest.name("jpeg"))
    image.load()
    return image


def test_an_mpo_camera_jpeg_is_published_as_its_first_frame(tmp_path: Path) -> None:
    first, second = Image.new("RGB", (80, 60), (200, 30, 30)), Image.new("RGB", (80, 60),
                                                                        (30, 30, 200))
    source = tmp_path / "kamera.jpg"
    first.save(source, format="MPO", save_all=True, append_images=[second])
    assert Image.open(source).format == "MPO"
    image = rendered_jpeg(source, tmp_path)
    r, _g, b = image.getpixel((40, 30))
    assert r > 150 and b < 80


def test_a_16_bit_grayscale_scan_keeps_its_ramp(tmp_path: Path) -> None:
    ramp = Image.new("I;16", (64, 8))
    ramp.putdata([x * 65535 // 63 for _y in range(8) for x in range(64)])
    source = tmp_path / "skenets.png"
    ramp.save(source)
    assert Image.open(source).mode.startswith("I")
    image = rendered_jpeg(source, tmp_path).convert("L")
    row = [image.getpixel((x, 4)) for x in range(64)]
    assert row[0] <= 8 and row[-1] >= 247 and 110 <= row[32] <= 145
    assert all(b >= a - 6 for a, b in itertools.pairwise(row))  # rises (JPEG noise aside)


def test_32_bit_grayscale_is_scaled_too(tmp_path: Path) -> None:
    ramp = Image.new("I", (64, 8))
    ramp.putdata([x * 65535 // 63 for _y in range(8) for x in range(64)])
    source = tmp_path / "skenets.tif"
    ramp.save(source)
    row = [rendered_jpeg(source, tmp_path).convert("L").getpixel((x, 4)) for x in (0, 32, 63)]
    assert row[0] <= 8 and 110 <= row[1] <= 145 and row[2] >= 247


def test_palette_transparency_is_flattened_onto_white(tmp_path: Path) -> None:
    picture = Image.new("RGBA", (40, 40), (0, 0, 0, 0))
    picture.paste((20, 120, 20, 255), (0, 0, 20, 40))
    source = tmp_path / "logo.png"
    picture.convert("P", palette=Image.Palette.ADAPTIVE).save(source, transparency=0)
    with Image.open(source) as saved:
        assert saved.mode == "P"
    image = rendered_jpeg(source, tmp_path)
    assert min(image.getpixel((35, 20))) >= 240  # transparent: white, not black
    assert image.getpixel((5, 20))[1] > 90


def test_a_cmyk_poster_keeps_its_colours(tmp_path: Path) -> None:
    poster = Image.new("CMYK", (60, 40), (255, 0, 0, 0))  # pure cyan ink
    source = tmp_path / "plakats.jpg"
    poster.save(source, quality=95)
    r, g, b = rendered_jpeg(source, tmp_path).getpixel((30, 20))
    assert r <= 30 and g >= 225 and b >= 225


def test_an_embedded_icc_profile_is_converted_and_not_published(tmp_path: Path) -> None:
    from PIL import ImageCms
    profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    source = tmp_path / "krasa.jpg"
    Image.new("RGB", (40, 40), (200, 100, 50)).save(source, icc_profile=profile, quality=95)
    image = rendered_jpeg(source, tmp_path)
    assert "icc_profile" not in image.info
    r, g, b = image.getpixel((20, 20))
    assert abs(r - 200) <= 8 and abs(g - 100) <= 8 and abs(b - 50) <= 8


@pytest.mark.parametrize("name, fmt", [("skenets.tif", "TIFF"), ("zime.gif", "GIF")])
def test_static_scans_and_gifs_are_accepted(tmp_path: Path, name: str, fmt: str) -> None:
    source = tmp_path / name
    upright((80, 40)).save(source, fmt)
    image = rendered_jpeg(source, tmp_path)
    assert image.size == (80, 40)
    assert image.getpixel((5, 5))[0] > 150  # top-left quadrant is red


def test_an_animated_gif_gives_its_first_frame(tmp_path: Path) -> None:
    frames = [Image.new("RGB", (40, 40), colour) for colour in ((220, 30, 30), (30, 30, 220))]
    source = tmp_path / "kustiba.gif"
    frames[0].save(source, save_all=True, append_images=frames[1:], duration=100)
    r, _g, b = rendered_jpeg(source, tmp_path).getpixel((20, 20))
    assert r > 150 and b < 80


def test_an_iphone_heic_is_accepted(tmp_path: Path) -> None:
    source = tmp_path / "iphone.heic"
    upright((80, 40)).save(source, "HEIF", quality=90)
    image = rendered_jpeg(source, tmp_path)
    assert image.size == (80, 40) and image.getpixel((5, 5))[0] > 150


def test_a_picture_is_never_enlarged(tmp_path: Path) -> None:
    source = tmp_path / "mazs.png"
    upright((50, 30)).save(source)
    result = render(source, SETTINGS, tmp_path / "out")
    assert [r.width for r in result.renditions] == [32, 50]


def test_not_a_picture_is_refused_saying_what_to_do(tmp_path: Path) -> None:
    source = tmp_path / "dokuments.jpg"
    source.write_text("%PDF-1.4 not a picture")
    with pytest.raises(PhotoError) as error:
        render(source, SETTINGS, tmp_path / "out")
    problem = error.value.problem
    assert "not a picture" in problem.what_en and problem.what_lv and problem.fix
    assert problem.placed("atteli/dokuments.jpg").format().startswith("atteli/dokuments.jpg: image: ")


def test_a_refusal_crosses_process_boundaries_whole() -> None:
    """Image workers return and raise these: pickling keeps the type and every field."""
    error = PhotoError.of("lv teksts", "en text", "detail", "labo tā")
    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is PhotoError and copy.problem == error.problem


@pytest.mark.parametrize("fmt, suffix", [("JPEG", "jpg"), ("PNG", "png"), ("WEBP", "webp")])
def test_no_metadata_reaches_any_output(tmp_path: Path, fmt: str, suffix: str) -> None:
    source = tmp_path / f"telefons.{suffix}"
    upright((80, 40)).save(source, fmt, exif=camera_exif(6), xmp=b"<x:xmpmeta GPSLatitude/>")
    render(source, SETTINGS, tmp_path / "out")
    for output in (tmp_path / "out").iterdir():
        with Image.open(output) as image:
            assert not image.getexif() and "xmp" not in image.info and "exif" not in image.info
            assert image.height == 2 * image.width  # upright: the orientation tag applied
        assert b"KopienuTest" not in output.read_bytes()
