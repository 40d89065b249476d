"""The picture caches (.cache/images, .cache/galleries) whatever shape or permissions they were
left in (QA report of session 11).

A file or a symbolic link where a folder belongs (an entry's, or the cache's own) is a miss: the
picture is processed again and the build goes on, as the other caches do. A published picture
has the permissions of a new file under the build's umask, whatever permissions its cache file
was given when it was written or since (a cache filled under umask 077, or made read-only).
"""

from __future__ import annotations

import os
import shutil
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from kopienu_zinas.common.atomicfile import usual_mode
from kopienu_zinas.galleries.settings import from_pelican
from kopienu_zinas.images.batch import process_photos
from kopienu_zinas.images.cache import PhotoCache
from kopienu_zinas.images.output import link_or_copy
from tests.photos import write_photo

IMAGING = from_pelican({"CACHE_PATH": "unused/pelican",
                        "GALLERIES": {"widths": [120, 240]}}).imaging


def photos(folder: Path, count: int = 2) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    return [write_photo(folder / f"p{i}.jpg", orientation=1, size=(300 + 20 * i, 200))
            for i in range(count)]


def _file(path: Path) -> None:
    path.write_text("x", encoding="utf-8")


def _dangling(path: Path) -> None:
    path.symlink_to(path.with_name("nowhere"))


SHAPES = {"a file": _file, "a dangling symbolic link": _dangling}


@pytest.mark.parametrize("shape", SHAPES)
def test_an_entry_folder_replaced_is_a_miss(tmp_path: Path, shape: str) -> None:
    cache = PhotoCache(tmp_path / "cache")
    files = photos(tmp_path / "a")
    first = process_photos(files, IMAGING, cache, workers=1)
    key = first.done[files[0]][0]
    shutil.rmtree(cache.entry(key))
    SHAPES[shape](cache.entry(key))
    again = process_photos(files, IMAGING, cache, workers=1)
    assert not again.failed, again.failed
    assert again.processed == 1 and again.done == first.done
    assert cache.entry(key).is_dir() and not cache.entry(key).is_symlink()


@pytest.mark.parametrize("shape", SHAPES)
def test_the_cache_folder_replaced_is_a_miss(tmp_path: Path, shape: str) -> None:
    cache = PhotoCache(tmp_path / "cache")
    files = photos(tmp_path / "a")
    first = process_photos(files, IMAGING, cache, workers=1)
    shutil.rmtree(cache.root)
    SHAPES[shape](cache.root)
    again = process_photos(files, IMAGING, cache, workers=1)
    assert not again.failed, again.failed
    assert again.processed == 2 and again.done == first.done
    assert cache.root.is_dir() and not cache.root.is_symlink()


def test_a_cache_folder_that_is_a_link_to_a_folder_is_used(tmp_path: Path) -> None:
    """A cache kept on another disk through a symbolic link stays where it is."""
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "cache").symlink_to(tmp_path / "elsewhere")
    cache = PhotoCache(tmp_path / "cache")
    files = photos(tmp_path / "a")
    assert process_photos(files, IMAGING, cache, workers=1).processed == 2
    assert (tmp_path / "cache").is_symlink() and len(list((tmp_path / "elsewhere").iterdir())) == 2
    assert process_photos(files, IMAGING, cache, workers=1).processed == 0


def test_prune_removes_links_and_files_in_the_cache_folder(tmp_path: Path) -> None:
    cache = PhotoCache(tmp_path / "cache")
    files = photos(tmp_path / "a", 1)
    process_photos(files, IMAGING, cache, workers=1)
    (tmp_path / "kept-elsewhere").mkdir()
    (cache.root / "a-link").symlink_to(tmp_path / "kept-elsewhere")
    _dangling(cache.root / "dangling")
    _file(cache.root / "stray")
    process_photos(files, IMAGING, cache, workers=1)
    assert len(list(cache.root.iterdir())) == 1
    assert (tmp_path / "kept-elsewhere").is_dir()  # the link went, never what it points to


@pytest.fixture
def umask_022() -> Iterator[None]:
    previous = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(previous)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.usefixtures("umask_022")
@pytest.mark.parametrize("cached_mode", [0o600, 0o444, 0o640, 0o664], ids=oct)
def test_a_published_picture_has_a_new_files_permissions_whatever_the_caches(
        tmp_path: Path, cached_mode: int) -> None:
    """0600: an entry written under umask 077 (a web server of another user answered 403);
    0444: a cache made read-only; the others: a cache shared with another umask."""
    (tmp_path / "entry").mkdir()
    cached = tmp_path / "entry" / "p-480.jpg"
    cached.write_bytes(b"picture")
    cached.chmod(cached_mode)
    target = tmp_path / "output" / "bildes" / "p-480.jpg"
    link_or_copy(cached, target)
    assert mode(target) == usual_mode() == 0o644
    assert target.read_bytes() == b"picture"
    again = tmp_path / "output2" / "p-480.jpg"
    link_or_copy(cached, again)  # the next build links the cache's file as it is now
    assert mode(again) == 0o644 and again.stat().st_ino == cached.stat().st_ino


@pytest.mark.usefixtures("umask_022")
def test_the_cache_files_old_links_keep_their_permissions(tmp_path: Path) -> None:
    """The earlier build's published file (a hard link to the same cache file) is not touched:
    the cache file is replaced, never changed with chmod."""
    (tmp_path / "entry").mkdir()
    cached = tmp_path / "entry" / "p.jpg"
    cached.write_bytes(b"picture")
    cached.chmod(0o640)
    published = tmp_path / "published.jpg"
    os.link(cached, published)
    link_or_copy(cached, tmp_path / "output" / "p.jpg")
    assert mode(published) == 0o640 and published.read_bytes() == b"picture"


@pytest.mark.usefixtures("umask_022")
def test_an_unwritable_cache_folder_gives_a_copy(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """A read-only cache (the test runs as root too, where permissions do not refuse: the
    refusal is simulated) is never made writable: the picture is copied with the usual mode."""
    from kopienu_zinas.images import output

    def refuse(path: Path, data: bytes) -> None:
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(output, "replace_file", refuse)
    (tmp_path / "entry").mkdir()
    cached = tmp_path / "entry" / "p.jpg"
    cached.write_bytes(b"picture")
    cached.chmod(0o444)
    target = tmp_path / "output" / "p.jpg"
    link_or_copy(cached, target)
    assert mode(target) == 0o644 and target.read_bytes() == b"picture"
    assert target.stat().st_ino != cached.stat().st_ino and mode(cached) == 0o444


@pytest.mark.usefixtures("umask_022")
def test_a_rendered_entry_written_under_another_umask_is_published_with_this_ones(
        tmp_path: Path) -> None:
    cache = PhotoCache(tmp_path / "cache")
    files = photos(tmp_path / "a", 1)
    os.umask(0o077)
    rendered = process_photos(files, IMAGING, cache, workers=1).done[files[0]]
    os.umask(0o022)
    entry = cache.entry(rendered[0])
    for name in sorted(p.name for p in entry.iterdir()):
        link_or_copy(entry / name, tmp_path / "output" / name)
        assert mode(tmp_path / "output" / name) == 0o644, name
