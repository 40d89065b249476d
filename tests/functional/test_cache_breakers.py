"""Caches never change output, whatever happened to them (QA of issue 13: each case once made a
warm build write other bytes than a cold one, or fail where a cold build succeeds).

A damaged or mismatched entry of any cache (pages, Markdown, processed pictures) is a miss: the
build after it equals a cold build (no cache, no earlier output) byte for byte. The site is a
copy of the project's own content/ (it has galleries, so the picture caches are used), built
with the search index off; the warm states are copies of one warm build.
"""

from __future__ import annotations

import json
import os
import shutil
import stat
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.functional.test_incremental import first_difference
from tests.sitebuild import ROOT, run_build


class Site:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.content = root / "content"
        shutil.copytree(ROOT / "content", self.content)

    def build(self, name: str) -> tuple[int, str]:
        """Build into root/<name>/output with the cache root/<name>/cache (kept between calls)."""
        folder = self.root / name
        result = run_build(folder / "output", '-eSEARCH={"index": false}',
                           f"-eCACHE_PATH={json.dumps(str(folder / 'cache' / 'pelican'))}",
                           content=self.content)
        return result.returncode, result.stderr

    def fresh(self, name: str) -> Path:
        shutil.rmtree(self.root / name, ignore_errors=True)
        code, report = self.build(name)
        assert code == 0, report[-3000:]
        return self.root / name


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    return Site(tmp_path_factory.mktemp("breakers"))


@pytest.fixture(scope="module")
def cold(site: Site) -> Path:
    return site.fresh("cold") / "output"


@pytest.fixture(scope="module")
def warm_build(site: Site, cold: Path) -> Path:
    """A build with its cache and output, then built again (warm) — copied by each test."""
    folder = site.fresh("warm")
    assert site.build("warm")[0] == 0
    return folder


def warm_copy(site: Site, warm_build: Path, name: str) -> Path:
    """A copy of the warm build's output and cache (plain copies: no hardlink shared)."""
    target = site.root / name
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(warm_build, target)
    return target


def _entries(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file() and p.parent != folder)


def _rebuild_and_compare(site: Site, warm: Path, cold: Path, what: str) -> None:
    shutil.rmtree(warm / "cache" / "writing" / "manifests", ignore_errors=True)
    code, report = site.build(warm.name)
    assert code == 0, f"{what}: the build failed where a cold build succeeds:\n{report[-2000:]}"
    difference = first_difference(warm / "output", cold)
    assert difference is None, f"{what}: {difference}"


@pytest.mark.parametrize("kind", ["writing/pages", "reading/markdown"])
def test_an_entry_stored_under_another_key_is_not_used(site: Site, cold: Path, warm_build: Path,
                                                      kind: str) -> None:
    """A valid entry with another entry's bytes (a copy, a restored cache mixing two builds)."""
    warm = warm_copy(site, warm_build, f"wrong-key-{kind.replace('/', '-')}")
    entries = _entries(warm / "cache" / kind)
    assert len(entries) >= 2
    shutil.copyfile(entries[0], entries[1])
    _rebuild_and_compare(site, warm, cold, f"{kind}: an entry with another key's bytes")


def test_a_gallery_file_edited_in_place_in_the_output_does_not_reach_the_cache(
        site: Site, cold: Path) -> None:
    """Output gallery files are hardlinks into .cache/galleries: appending to one in output/
    changes the cached file; the next build (even into an empty output folder) finds it."""
    warm = site.fresh("hand-edit")
    picture = next(iter(sorted((warm / "output").rglob("*-480.jpg"))))
    with picture.open("ab") as file:  # in place, as `echo >>` or an image editor saving in place
        file.write(b"edited by hand")
    shutil.rmtree(warm / "output")
    _rebuild_and_compare(site, warm, cold, "a gallery file edited in output/")


@pytest.mark.parametrize("cache", ["galleries", "images"])
def test_a_truncated_processed_picture_in_the_cache_is_a_miss(site: Site, cold: Path,
                                                              warm_build: Path, cache: str) -> None:
    warm = warm_copy(site, warm_build, f"truncated-{cache}")
    pictures = sorted((warm / "cache" / cache).rglob("*.webp"))
    assert pictures
    pictures[0].write_bytes(b"")
    shutil.rmtree(warm / "output")
    _rebuild_and_compare(site, warm, cold, f"a truncated picture in .cache/{cache}")


def test_a_damaged_gallery_meta_json_is_a_miss(site: Site, cold: Path, warm_build: Path) -> None:
    """It once failed the build with "apstrādāto attēlu nevar nolasīt", blaming the photo."""
    warm = warm_copy(site, warm_build, "meta-json")
    metas = sorted((warm / "cache" / "galleries").rglob("meta.json"))
    assert metas
    metas[0].write_text("{garbage", encoding="utf-8")
    _rebuild_and_compare(site, warm, cold, "a damaged meta.json in .cache/galleries")


def clone_at(folder: Path) -> Path:
    """The project's files a build reads (settings, content, theme, plugins; the browser
    editor's bundle `make html` installs in .cache/), at `folder`."""
    for name in ("pelicanconf.py", "content", "theme", "plugins", ".cache/decap-cms"):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, folder / name, symlinks=True,
                            ignore=shutil.ignore_patterns("__pycache__"))
        else:
            folder.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, folder / name)
    return folder


def test_a_cache_copied_to_a_clone_at_another_path_is_warm(tmp_path: Path) -> None:
    """QA: a `.cache/` copied to a clone at another path (a moved clone, a CI runner's work
    folder) rendered every page again: the settings held the clone's path (`HERE`,
    `CMS["bundle"]`), and the page keys a source's and a gallery's absolute path."""
    first = clone_at(tmp_path / "a" / "site")
    second = clone_at(tmp_path / "kur citur ziņas" / "site")
    search_off = '-eSEARCH={"index": false}'
    built = run_build(first / "output", search_off, settings=str(first / "pelicanconf.py"))
    assert built.returncode == 0, built.stderr[-3000:]
    shutil.rmtree(second / ".cache")
    shutil.copytree(first / ".cache", second / ".cache", symlinks=True)
    moved = run_build(second / "output", search_off, settings=str(second / "pelicanconf.py"))
    assert moved.returncode == 0, moved.stderr[-3000:]
    assert "Lapas (pages): 0 rendered" in moved.stderr, moved.stderr[-2000:]
    assert first_difference(first / "output", second / "output") is None


def _a_file(path: Path) -> None:
    path.write_text("x\n", encoding="utf-8")


def _a_dangling_link(path: Path) -> None:
    path.symlink_to(path.with_name("nowhere"))


@pytest.mark.parametrize("cache", ["galleries", "images"])
@pytest.mark.parametrize("shape", ["entry is a file", "entry is a dangling link",
                                   "folder is a file", "folder is a dangling link"])
def test_a_picture_cache_folder_replaced_is_a_miss(site: Site, cold: Path, warm_build: Path,
                                                   cache: str, shape: str) -> None:
    """QA report of session 11: `.cache/galleries/<entry>` or `.cache/galleries` itself as a
    file failed every build (blaming an editor's photo) until `make clean`."""
    warm = warm_copy(site, warm_build, f"shape-{cache}-{shape.replace(' ', '-')}")
    folder = warm / "cache" / cache
    damaged = sorted(folder.iterdir())[0] if shape.startswith("entry") else folder
    shutil.rmtree(damaged)
    (_a_dangling_link if "link" in shape else _a_file)(damaged)
    _rebuild_and_compare(site, warm, cold, f".cache/{cache}: {shape}")


def _modes(folder: Path) -> dict[str, int]:
    return {path.relative_to(folder).as_posix(): stat.S_IMODE(path.stat().st_mode)
            for path in folder.rglob("*")}


def _in_umask(mask: int, build: Callable[[], tuple[int, str]]) -> tuple[int, str]:
    previous = os.umask(mask)
    try:
        return build()
    finally:
        os.umask(previous)


def _first_other_mode(folder: Path, cold: Path) -> str | None:
    built, expected = _modes(folder), _modes(cold)
    return next((f"{name}: {oct(built[name])}, a cold build: {oct(mode)}"
                 for name, mode in sorted(expected.items()) if built.get(name) != mode), None)


def test_published_pictures_have_a_cold_builds_permissions_whatever_the_caches_umask(
        site: Site, cold: Path) -> None:
    """QA report of session 11: pictures are hard links into the cache, so a cache filled
    under umask 077 published every picture 0600 in every later build (a web server running as
    another user answered 403 for each)."""
    here = os.umask(0o022)
    os.umask(here)
    other = 0o077 if here != 0o077 else 0o022
    shutil.rmtree(site.root / "umask", ignore_errors=True)
    code, report = _in_umask(other, lambda: site.build("umask"))
    assert code == 0, report[-2000:]
    code, report = site.build("umask")
    assert code == 0, report[-2000:]
    assert _first_other_mode(site.root / "umask" / "output", cold) is None
    shutil.rmtree(site.root / "umask" / "output")  # a build into a new folder, from the cache
    assert site.build("umask")[0] == 0
    assert _first_other_mode(site.root / "umask" / "output", cold) is None


def test_a_read_only_picture_cache_publishes_pictures_its_owner_can_write(
        site: Site, cold: Path, warm_build: Path) -> None:
    """QA report of session 11: with `chmod -R a-w .cache` the pictures came out 0444."""
    warm = warm_copy(site, warm_build, "read-only")
    caches = [warm / "cache" / "galleries", warm / "cache" / "images"]
    for cache in caches:
        for path in [cache, *cache.rglob("*")]:
            path.chmod(stat.S_IMODE(path.stat().st_mode) & ~0o222)
    try:
        shutil.rmtree(warm / "output")
        _rebuild_and_compare(site, warm, cold, "a read-only picture cache")
        assert _first_other_mode(warm / "output", cold) is None
    finally:
        for cache in caches:
            for path in [cache, *cache.rglob("*")]:
                path.chmod(stat.S_IMODE(path.stat().st_mode) | 0o200)
