"""An article page with one 12 MP picture stays light on a phone (issue: ≤ 150 KiB at 390 px,
device pixel ratio 2), measured in Chromium as `make bench` does."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image
from playwright.sync_api import Browser

from bench.bench_images import TARGET_PAGE_KIB, camera_photo, page_weight

pytestmark = pytest.mark.browser


def test_a_12_mp_picture_in_the_text_transfers_under_150_kib_on_a_phone(
        tmp_path: Path, browser: Browser) -> None:
    photo = camera_photo(tmp_path / "foto.jpg", 0)
    with Image.open(photo) as original:
        assert original.width * original.height == 12_000_000
    sizes = page_weight(photo, tmp_path, browser)
    assert sizes.get("image", 0) > 20 * 1024  # the picture was loaded, at phone size
    assert sum(sizes.values()) < TARGET_PAGE_KIB * 1024, sizes
