"""The cache decides by content, never by file dates: unchanged photos are never redone."""

from __future__ import annotations

import dataclasses
import os
import shutil
from pathlib import Path

from kopienu_zinas.galleries.settings import from_pelican
from kopienu_zinas.images.batch import process_photos
from kopienu_zinas.images.cache import PhotoCache
from tests.photos import write_photo, write_truncated

IMAGING = from_pelican({"CACHE_PATH": "unused/pelican",
                        "GALLERIES": {"widths": [120, 240]}}).imaging


def photos(folder: Path, count: int = 3) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    return [write_photo(folder / f"p{i}.jpg", orientation=i + 1, size=(300 + 20 * i, 200))
            for i in range(count)]


def entries(cache: PhotoCache) -> set[str]:
    return {p.name for p in cache.root.iterdir()}


def test_second_run_processes_nothing(tmp_path: Path) -> None:
    cache = PhotoCache(tmp_path / "cache")
    files = photos(tmp_path / "a")
    assert process_photos(files, IMAGING, cache, workers=1).processed == 3
    again = process_photos(files, IMAGING, cache, workers=1)
    assert again.processed == 0 and len(again.done) == 3


def test_a_fresh_clone_with_the_cache_restored_processes_nothing(tmp_path: Path) -> None:
    cache = PhotoCache(tmp_path / "cache")
    process_photos(photos(tmp_path / "a"), IMAGING, cache, workers=1)
    clone = tmp_path / "clone"
    shutil.copytree(tmp_path / "a", clone)  # new paths, new dates, same bytes
    for path in clone.iterdir():
        os.utime(path, (1_000_000_000, 1_000_000_000))
    assert process_photos(sorted(clone.iterdir()), IMAGING, cache, workers=1).processed == 0


def test_one_changed_photo_is_processed_and_its_old_entry_pruned(tmp_path: Path) -> None:
    cache = PhotoCache(tmp_path / "cache")
    files = photos(tmp_path / "a")
    process_photos(files, IMAGING, cache, workers=1)
    before = entries(cache)
    write_photo(files[1], orientation=1, size=(500, 300))
    result = process_photos(files, IMAGING, cache, workers=1)
    assert result.processed == 1
    after = entries(cache)
    assert len(after) == 3 and len(before - after) == 1


def test_a_changed_width_setting_reprocesses_every_photo(tmp_path: Path) -> None:
    cache = PhotoCache(tmp_path / "cache")
    files = photos(tmp_path / "a")
    process_photos(files, IMAGING, cache, workers=1)
    wider = dataclasses.replace(IMAGING, widths=(120, 260))
    assert process_photos(files, wider, cache, workers=1).processed == 3
    assert len(entries(cache)) == 3


def test_spawned_workers_process_in_parallel_and_a_bad_file_spoils_nothing(tmp_path: Path) -> None:
    cache = PhotoCache(tmp_path / "cache")
    files = photos(tmp_path / "a", 4)
    bad = write_truncated(tmp_path / "a" / "cut.jpg")
    result = process_photos([*files, bad], IMAGING, cache, workers=2, start_method="spawn")
    assert result.processed == 4 and set(result.done) == set(files)
    assert "cut short" in result.failed[bad].what_en
    assert len(entries(cache)) == 4  # nothing half-written stays behind
