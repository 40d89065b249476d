"""GALLERIES is validated once; mistakes name the plugin."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import features

from kopienu_zinas.galleries.settings import from_pelican


def test_defaults_sit_beside_pelicans_cache_and_use_what_pillow_can_write() -> None:
    config = from_pelican({"CACHE_PATH": "site/.cache/pelican"})
    assert config.cache == Path("site/.cache/galleries")
    assert config.imaging.widths == (480, 960, 1600)
    expected = [f for f in ("avif", "webp") if features.check(f)] + ["jpeg"]
    assert list(config.imaging.formats) == expected
    assert config.url == "galerijas/"


@pytest.mark.parametrize("galleries, words", [
    ({"widht": [480]}, "unknown GALLERIES setting(s)): widht"),
    ({"widths": [0]}, "whole number ≥ 1"),
    ({"formats": ["webp"]}, "must include 'jpeg'"),
    ({"formats": ["jpeg", "gif"]}, "must include 'jpeg'"),
])
def test_bad_settings_are_reported_with_the_plugin_name(galleries: dict, words: str) -> None:
    with pytest.raises(ValueError, match=r"kopienu_zinas\.galleries") as error:
        from_pelican({"CACHE_PATH": "c/pelican", "GALLERIES": galleries})
    assert words in str(error.value)
