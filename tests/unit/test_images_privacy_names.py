"""Originals' location data (found, stripped in place), NFC names, collisions, <picture> markup."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from PIL import Image, ImageChops

from kopienu_zinas.images.markup import for_feeds, replace_images
from kopienu_zinas.images.paths import collisions, find, output_stem
from kopienu_zinas.images.privacy import CannotStrip, has_location, strip_location
from tests.photos import CAMERA, camera_exif, upright

XMP = b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:Description exif:GPSLatitude="56,6N"/></x:xmpmeta>'


def phone_picture(path: Path, fmt: str) -> Path:
    upright((120, 80)).save(path, fmt, exif=camera_exif(6), xmp=XMP)
    return path


@pytest.mark.parametrize("fmt, suffix", [("JPEG", "jpg"), ("PNG", "png"), ("WEBP", "webp")])
def test_strip_location_removes_gps_and_camera_but_keeps_pixels_and_orientation(
        tmp_path: Path, fmt: str, suffix: str) -> None:
    path = phone_picture(tmp_path / f"foto.{suffix}", fmt)
    with Image.open(path) as before:
        pixels = before.convert("RGB")
    assert has_location(path) and CAMERA.encode() in path.read_bytes()
    assert strip_location(path) is not None
    assert not has_location(path)
    data = path.read_bytes()
    assert CAMERA.encode() not in data and b"GPSLatitude" not in data
    with Image.open(path) as after:
        assert after.format == fmt
        assert after.getexif().get(0x0112) == 6  # still upright when shown
        assert not after.getexif().get_ifd(0x8825)
        assert ImageChops.difference(after.convert("RGB"), pixels).getbbox() is None
    assert strip_location(path) is None  # nothing left to remove: the file stays as it is


def test_strip_location_refuses_an_mpo_rather_than_drop_its_second_frame(
        tmp_path: Path) -> None:
    path = tmp_path / "kamera.jpg"
    first, second = upright((60, 40)), upright((60, 40))
    first.save(path, format="MPO", save_all=True, append_images=[second], exif=camera_exif())
    before = path.read_bytes()
    with pytest.raises(CannotStrip, match="second frame"):
        strip_location(path)
    assert path.read_bytes() == before
    with Image.open(path) as image:
        assert image.format == "MPO" and image.n_frames == 2


def test_formats_without_an_in_place_strip_say_so(tmp_path: Path) -> None:
    path = tmp_path / "skenets.tif"
    upright((20, 20)).save(path, "TIFF")
    with pytest.raises(CannotStrip):
        strip_location(path)


def test_names_typed_composed_find_files_saved_decomposed(tmp_path: Path) -> None:
    decomposed = unicodedata.normalize("NFD", "Rēzekne")
    (tmp_path / decomposed).mkdir()
    (tmp_path / decomposed / unicodedata.normalize("NFD", "pļava.jpg")).write_bytes(b"x")
    found = find(tmp_path, "Rēzekne/pļava.jpg")
    assert found is not None and found.read_bytes() == b"x"
    assert find(tmp_path, "Rēzekne/nav.jpg") is None
    assert find(tmp_path, "../etc/passwd") is None
    assert output_stem(unicodedata.normalize("NFD", "Pļava 1.JPG")) == "plava-1"


def test_output_name_collisions_name_both_files() -> None:
    assert collisions(["g/plakats.jpg", "g/plakats.png", "g/Foto 1.JPG", "g/foto-1.jpg",
                       "h/plakats.jpg", "Ēkas/a.jpg", "ekas/a.png"]) == [
        ("g/Foto 1.JPG", "g/foto-1.jpg"), ("g/plakats.jpg", "g/plakats.png"),
        ("ekas/a.png", "Ēkas/a.jpg")]


def test_folder_addresses_are_ascii_slugs() -> None:
    from kopienu_zinas.images.paths import url_folder
    assert url_folder(unicodedata.normalize("NFD", "atteli/Ēkas vasarā")) == "atteli/ekas-vasara"
    assert url_folder("biblioteku-tilti-rezekne") == "biblioteku-tilti-rezekne"
    assert url_folder(".") == ""


def test_static_images_become_pictures_and_feeds_get_one_img() -> None:
    html = ('<p><img alt="Lasītāji" src="{static}/atteli/a.jpg"></p>'
            '<p><img alt="Web" src="https://example.org/b.jpg"></p>'
            '<p><img alt="Otrs" src="|static|c.png" title="x"></p>')
    seen = []

    def render(path: str, alt: str, index: int) -> str:
        seen.append((path, alt, index))
        return (f'<picture><source srcset="s.webp 480w"><img src="https://x/{index}.jpg" '
                f'srcset="https://x/{index}.jpg 480w" sizes="100vw" width="4" height="3" '
                f'alt="{alt}" loading="lazy" decoding="async"></picture>')

    html += ('<p><img alt="Sakne" src="/atteli/P%C4%BCava.jpg"></p>'
             '<p><img alt="Cits" src="/atteli/nav.jpg"></p>')
    out = replace_images(html, render, {"atteli/Pļava.jpg"})
    assert seen == [("/atteli/a.jpg", "Lasītāji", 0), ("c.png", "Otrs", 1),
                    ("/atteli/Pļava.jpg", "Sakne", 2)]
    assert out.count("<picture>") == 3 and "https://example.org/b.jpg" in out
    assert '<img alt="Cits" src="/atteli/nav.jpg">' in out
    flat = for_feeds(out)
    assert "<picture" not in flat and "srcset" not in flat and "loading" not in flat
    assert '<img src="https://x/0.jpg" width="4" height="3" alt="Lasītāji">' in flat


def test_the_strip_location_command_cleans_what_it_can_and_names_the_rest(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from kopienu_zinas.tools.strip_location import main

    (tmp_path / "atteli").mkdir()
    jpeg = phone_picture(tmp_path / "atteli/foto.jpg", "JPEG")
    iphone = tmp_path / "atteli/iphone.heic"
    upright((40, 30)).save(iphone, "HEIF", exif=camera_exif().tobytes())
    clean = tmp_path / "atteli/tirs.png"
    upright((40, 30)).save(clean)
    before = clean.read_bytes()
    disguised = [phone_picture(tmp_path / f"atteli/{name}", "JPEG")
                 for name in ("foto.jfif", "bez-galotnes", "foto.jpg.txt", "foto.bmp")]
    assert has_location(iphone)
    assert main(["--content", str(tmp_path)]) == 1  # the HEIC could not be cleaned
    out, err = capsys.readouterr()
    assert "atteli/foto.jpg: notīrīts: atrašanās vieta" in out
    for path in disguised:  # recognised by content, whatever the ending
        assert f"atteli/{path.name}: notīrīts: atrašanās vieta" in out
        assert not has_location(path) and CAMERA.encode() not in path.read_bytes()
    assert "atteli/iphone.heic: location: " in err and "eksportē" in err
    assert not has_location(jpeg) and clean.read_bytes() == before


def test_paths_resolve_as_pelican_resolves_static_links() -> None:
    from kopienu_zinas.images.paths import content_relative
    assert content_relative("/atteli/a.jpg", "zinas/raksts.md", relative_to_root=False) == \
        "atteli/a.jpg"
    assert content_relative("../atteli/P%C4%BCava.jpg#x", "zinas/raksts.md",
                            relative_to_root=False) == "atteli/Pļava.jpg"
    assert content_relative("atteli/a.jpg", "zinas/raksts.md", relative_to_root=True) == \
        "atteli/a.jpg"
    assert content_relative("../../etc/a.jpg", "zinas/raksts.md", relative_to_root=False) is None
    assert content_relative("https://example.org/a.jpg", "r.md", relative_to_root=True) is None
