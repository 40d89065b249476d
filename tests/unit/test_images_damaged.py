"""Damaged pictures are refused in our words, each named as itself (QA report of session 11).

Every file is made here: HEIF with pillow-heif, TIFF with Pillow, then cut or altered as a copy
that stopped early or a fuzzer would leave it.
"""

from __future__ import annotations

import os
import warnings
from pathlib import Path

import pytest
from PIL import Image

from kopienu_zinas.common.problems import ContentProblem
from kopienu_zinas.galleries.discover import discover
from kopienu_zinas.images import batch
from kopienu_zinas.images.batch import process_photos
from kopienu_zinas.images.cache import PhotoCache
from kopienu_zinas.images.kinds import picture_format
from kopienu_zinas.images.pipeline import PhotoError, open_picture, render, render_entry
from kopienu_zinas.images.privacy import read_metadata
from kopienu_zinas.images.settings import ImagingSettings, from_pelican
from tests.photos import (
    heif_bytes,
    iso_boxes,
    tiles,
    upright,
    write_cut,
    write_cut_grid_heic,
    write_cut_tiff,
    write_heif_short_item,
    write_photo,
)

SETTINGS = from_pelican({"IMAGES": {"widths": [32, 64], "formats": ["webp", "jpeg"]}}).imaging
CUT_SHORT = "image file is cut short (it ends before the picture does)"
DAMAGED = "image file is damaged or not a picture"


def refusal(source: Path, tmp_path: Path) -> str:
    """What render says of `source` (its English), with nothing left on stderr."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        with pytest.raises(PhotoError) as error:
            render(source, SETTINGS, tmp_path / "out")
    assert [str(w.message) for w in caught] == []
    return error.value.problem.what_en


def test_a_cut_iphone_heic_is_refused_though_libheif_decodes_it(tmp_path: Path) -> None:
    source = write_cut_grid_heic(tmp_path / "IMG_0001.HEIC")
    with Image.open(source) as image:  # libheif fills the missing tiles without an error
        image.load()
        assert image.getpixel((250, 250)) == (0, 136, 0)
    assert refusal(source, tmp_path) == CUT_SHORT
    with pytest.raises(PhotoError, match="cut short"):  # the content check's reading too
        open_picture(source, 10_000_000)


@pytest.mark.parametrize("fraction", [0.5, 0.95])  # inside its `meta` box, inside `mdat`
def test_a_cut_heif_is_cut_short_not_an_unsupported_format(tmp_path: Path,
                                                           fraction: float) -> None:
    source = write_cut(tmp_path / "plain.heif", heif_bytes(upright((64, 48))), fraction)
    assert refusal(source, tmp_path) == CUT_SHORT


def test_a_heif_with_a_damaged_box_cannot_be_read_and_is_not_unsupported(tmp_path: Path) -> None:
    """As drewnoakes' fuzzed NegativeArraySizeException.*.heif: the meta box's content scrambled."""
    data = bytearray(heif_bytes(upright((64, 48))))
    meta, length = iso_boxes(bytes(data))[b"meta"]
    data[meta + 12:meta + length] = b"\xff" * (length - 12)
    source = tmp_path / "fuzzed.heif"
    source.write_bytes(bytes(data))
    assert refusal(source, tmp_path) == DAMAGED


def test_a_heif_the_decoder_gives_up_on_is_its_own_problem(tmp_path: Path) -> None:
    source = write_heif_short_item(tmp_path / "short.heif")
    with Image.open(source) as image, pytest.raises(EOFError):  # what escaped the worker
        image.load()
    assert refusal(source, tmp_path) == CUT_SHORT  # pillow-heif: "Unexpected end of file"


def test_a_cut_multipage_tiff_is_cut_short_everywhere_without_a_warning(tmp_path: Path) -> None:
    source = write_cut_tiff(tmp_path / "skenets.tif")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert picture_format(source) == "TIFF"
        assert read_metadata(source).location == ()  # raised TypeError "Missing dimensions"
        with pytest.raises(PhotoError, match="cut short"):
            open_picture(source, 10_000_000)
    assert [str(w.message) for w in caught] == []  # "Corrupt EXIF data" was printed
    assert refusal(source, tmp_path) == CUT_SHORT


def test_a_tiff_whose_later_page_is_cut_is_refused_though_its_first_page_loads(
        tmp_path: Path) -> None:
    data = tmp_path / "whole.tif"
    tiles((64, 48)).save(data, save_all=True, append_images=[tiles((256, 256))],
                         compression="tiff_lzw")
    source = write_cut(tmp_path / "lapas.tif", data.read_bytes(), 0.6)
    with Image.open(source) as image:
        image.load()
    assert refusal(source, tmp_path) == CUT_SHORT


def test_whole_heif_and_tiff_files_are_not_taken_for_cut_ones(tmp_path: Path) -> None:
    heif = tmp_path / "grid.heic"
    heif.write_bytes(heif_bytes(tiles(), tile_size=64))
    tiff = tmp_path / "lapas.tif"
    upright().save(tiff, save_all=True, append_images=[upright((64, 48))])
    for source in (heif, tiff):
        assert render(source, SETTINGS, tmp_path / source.stem).renditions


def test_gallery_copies_of_damaged_files_are_named_as_such(tmp_path: Path) -> None:
    folder = tmp_path / "galleries/talka"
    folder.mkdir(parents=True)
    write_cut_grid_heic(folder / "IMG_0001.HEIC")
    write_cut_tiff(folder / "skenets.tif")
    write_cut(folder / "plain.heif", heif_bytes(upright((64, 48))), 0.6)
    write_photo(folder / "vesels.jpg")
    _galleries, problems = discover(tmp_path, 10_000_000)
    assert {(p.path, p.what_en) for p in problems if p.field == "photo"} == {
        (f"galleries/talka/{name}", CUT_SHORT)
        for name in ("IMG_0001.HEIC", "skenets.tif", "plain.heif")}


def failing_render_entry(source: str, settings: ImagingSettings, entry: str
                         ) -> tuple[str, ContentProblem | None]:
    """render_entry, raising for a picture named a-bad.* (module-level: workers unpickle it)."""
    if Path(source).stem == "a-bad":
        raise RuntimeError("a fault no picture should cause")
    if Path(source).stem == "a-crash":
        os._exit(1)  # as a decoder's crash ends its worker process
    return render_entry(source, settings, entry)


@pytest.mark.parametrize("workers", [1, 2])
def test_an_exception_is_its_own_pictures_problem_never_anothers(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, workers: int) -> None:
    photos = [write_photo(tmp_path / f"{name}.jpg") for name in ("a-bad", "b", "zz-last")]
    photos[1].write_bytes(photos[1].read_bytes() + b"b")  # three cache entries
    photos[2].write_bytes(photos[2].read_bytes() + b"zz")
    monkeypatch.setattr(batch, "render_entry", failing_render_entry)
    result = process_photos(photos, SETTINGS, PhotoCache(tmp_path / "cache"), workers=workers,
                            start_method="fork")
    assert set(result.failed) == {photos[0]} and set(result.done) == set(photos[1:])
    assert "RuntimeError" in result.failed[photos[0]].value


def test_a_picture_that_ends_its_worker_is_named_and_the_others_are_done(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    photos = [write_photo(tmp_path / f"{name}.jpg", size=(64 + 8 * i, 48))
              for i, name in enumerate(("a-crash", "b", "c", "zz-last"))]
    monkeypatch.setattr(batch, "render_entry", failing_render_entry)
    result = process_photos(photos, SETTINGS, PhotoCache(tmp_path / "cache"), workers=2,
                            start_method="fork")
    assert set(result.failed) == {photos[0]} and set(result.done) == set(photos[1:])
    assert "worker process" in result.failed[photos[0]].what_en
