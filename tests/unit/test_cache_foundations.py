"""The caches' foundations: content-hash keys and a store that never trusts its folder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from kopienu_zinas.common.cachestore import MAGIC, CacheStore
from kopienu_zinas.common.fingerprint import (
    Heads,
    TreeRead,
    code_digest,
    digest,
    read_tree,
    settings_digest,
    templates_digest,
    tree_digest,
)


def test_digest_separates_its_parts() -> None:
    assert digest("ab", "c") != digest("a", "bc")
    assert digest("ab", "c") == digest(b"ab", b"c")


def test_settings_digest_ignores_locations_and_addresses() -> None:
    def slugify(text: str) -> str:
        return text

    first = {"SITENAME": "Kopienu ziņas", "OUTPUT_PATH": "/a", "FILTER": slugify}
    second = {"SITENAME": "Kopienu ziņas", "OUTPUT_PATH": "/b", "FILTER": slugify}
    assert settings_digest(first) == settings_digest(second)
    assert settings_digest(first) != settings_digest({**first, "SITENAME": "Cits"})
    dated = {**first, "BUILD_DATE": "2026-12-01"}
    assert settings_digest(dated, leave_out=["BUILD_DATE"]) == settings_digest(first)


def test_tree_digest_follows_bytes_and_names_not_times(tmp_path: Path) -> None:
    (tmp_path / "templates").mkdir()
    page = tmp_path / "templates" / "page.html"
    page.write_text("<p>{{ x }}</p>", encoding="utf-8")
    before = templates_digest({"THEME": str(tmp_path)})
    page.touch()
    assert tree_digest(tmp_path) == before
    page.write_text("<p>{{ y }}</p>", encoding="utf-8")
    assert tree_digest(tmp_path) != before
    assert len(code_digest()) == 64


def test_a_template_in_a_linked_folder_counts_under_the_links_name(tmp_path: Path) -> None:
    """A theme whose partials are a symbolic link to a shared folder: Jinja reads the templates
    through the link, so an edit there must change the theme's digest (the render keys and the
    "nothing changed" check), else every page keeps the old template (QA of issue 5)."""
    shared = tmp_path / "shared-partials"
    shared.mkdir()
    footer = shared / "footer.html"
    footer.write_text("<footer>vecs</footer>", encoding="utf-8")
    theme = tmp_path / "theme"
    (theme / "templates").mkdir(parents=True)
    (theme / "templates" / "partials").symlink_to(shared, target_is_directory=True)
    (theme / "templates" / "partials" / "loop").symlink_to(theme, target_is_directory=True)
    before = templates_digest({"THEME": str(theme)})
    footer.write_text("<footer>jauns</footer>", encoding="utf-8")
    assert templates_digest({"THEME": str(theme)}) != before


def test_store_round_trip_and_damaged_entries_are_misses(tmp_path: Path) -> None:
    store = CacheStore(tmp_path, "markdown")
    store.put("ab12", {"html": "<p>Sveiki</p>"})
    assert CacheStore(tmp_path, "markdown").get("ab12") == {"html": "<p>Sveiki</p>"}
    entry = tmp_path / "markdown" / "ab" / "ab12"
    entry.write_bytes(entry.read_bytes()[:-3])  # truncated
    assert CacheStore(tmp_path, "markdown").get("ab12") is None
    assert not entry.exists()
    entry.parent.mkdir(parents=True, exist_ok=True)
    entry.write_bytes(b"garbage")  # not ours
    assert CacheStore(tmp_path, "markdown").get("ab12") is None
    entry.write_bytes(MAGIC + b"\x80\x05garbage")  # corrupted pickle
    assert CacheStore(tmp_path, "markdown").get("ab12") is None


def test_store_prunes_what_this_build_did_not_use(tmp_path: Path) -> None:
    CacheStore(tmp_path, "pages").put("aa01", 1)
    store = CacheStore(tmp_path, "pages")
    store.put("bb02", 2)
    assert store.prune() == 1
    assert store.get("bb02") == 2
    assert store.get("aa01") is None


def test_pruning_keeps_the_previous_builds_entries_and_no_older(tmp_path: Path) -> None:
    def build(*keys: str) -> CacheStore:
        store = CacheStore(tmp_path, "kind")
        for key in keys:
            if store.get(key) is None:
                store.put(key, key)
        return store

    build("aa1", "bb1").prune_keeping_previous()
    assert build("aa1").prune_keeping_previous() == 0  # bb1: used by the previous build
    assert CacheStore(tmp_path, "kind").contains("bb1")
    assert build("aa1").prune_keeping_previous() == 1  # two builds without bb1
    assert not CacheStore(tmp_path, "kind").contains("bb1")
    (tmp_path / "kind" / "previous-build").write_bytes(b"\xff\xfe damaged")
    store = build("cc1")
    assert store.prune_keeping_previous() == 1  # a damaged record keeps only this build's
    assert store.contains("cc1") and not store.contains("aa1")


def test_settings_digest_follows_the_code_of_the_plugin_folders(tmp_path: Path) -> None:
    plugins = tmp_path / "plugins"
    plugins.mkdir()
    (plugins / "marker.py").write_text("VERSION = 1\n", encoding="utf-8")
    settings = {"SITENAME": "Kopienu ziņas", "PLUGIN_PATHS": [str(plugins)]}
    before = settings_digest(settings)
    (plugins / "marker.py").write_text("VERSION = 2\n", encoding="utf-8")
    assert settings_digest(settings) != before


def test_an_entry_under_another_key_or_with_a_flipped_byte_is_a_miss(tmp_path: Path) -> None:
    store = CacheStore(tmp_path, "pages")
    store.put("aa01", "<p>Sēlija</p>")
    store.put("bb02", "<p>Latgale</p>")
    first, second = tmp_path / "pages" / "aa" / "aa01", tmp_path / "pages" / "bb" / "bb02"
    second.write_bytes(first.read_bytes())  # a restored cache mixing entries
    assert CacheStore(tmp_path, "pages").get("bb02") is None
    data = bytearray(first.read_bytes())
    data[-5] ^= 0x01  # still unpickles, to other text
    first.write_bytes(bytes(data))
    assert CacheStore(tmp_path, "pages").get("aa01") is None


def test_replaced_files_and_swapped_folders_are_readable_by_a_web_server(tmp_path: Path) -> None:
    from kopienu_zinas.common.atomicfile import replace_file
    from kopienu_zinas.tools.build import replace_folder

    previous = os.umask(0o022)
    try:
        page = tmp_path / "new" / "index.html"
        replace_file(page, b"<p>Sveiki</p>")
        assert page.stat().st_mode & 0o777 == 0o644
        (tmp_path / "output").mkdir()
        aside = replace_folder(tmp_path / "new", tmp_path / "output")
        assert (tmp_path / "output" / "index.html").read_bytes() == b"<p>Sveiki</p>"
        assert (tmp_path / "output").stat().st_mode & 0o777 == 0o755
        assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["output", aside.name]), \
            "only the old output left aside, for the caller to remove"
    finally:
        os.umask(previous)


def test_a_build_killed_during_the_swap_leaves_output_old_or_new_never_missing(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """QA: a kill -9 between the swap's two renames (the old output moved aside, the new one
    not yet in) left no output/ at all. The folders now trade places in one step."""
    from kopienu_zinas.tools.build import replace_folder

    (tmp_path / "new").mkdir()
    (tmp_path / "new" / "index.html").write_text("jaunā", encoding="utf-8")
    (tmp_path / "output").mkdir()
    (tmp_path / "output" / "index.html").write_text("vecā", encoding="utf-8")

    def killed(self: Path, target: Path) -> Path:
        raise SystemExit("killed")  # the first rename is where a kill would land

    monkeypatch.setattr(Path, "rename", killed)
    with pytest.raises(SystemExit):
        replace_folder(tmp_path / "new", tmp_path / "output")
    assert (tmp_path / "output" / "index.html").read_text(encoding="utf-8") == "jaunā"


def test_exchange_swaps_two_folders_and_declines_what_it_cannot(tmp_path: Path) -> None:
    from kopienu_zinas.common.exchange import exchange

    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "x").touch()
    assert exchange(tmp_path / "a", tmp_path / "b")
    assert [p.name for p in (tmp_path / "b").iterdir()] == ["x"]
    assert not exchange(tmp_path / "a", tmp_path / "missing")
    assert (tmp_path / "a").is_dir() and not (tmp_path / "missing").exists()


def test_replacing_skips_a_taken_temporary_name_and_makes_missing_folders(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A temporary file left by an earlier process that had this pid is neither written
    through nor removed; a missing folder is made; an existing file is replaced, not written
    through (here: a hardlink whose other name keeps its bytes)."""
    import itertools

    from kopienu_zinas.common import atomicfile

    monkeypatch.setattr(atomicfile, "_COUNTER", itertools.count())
    folder = tmp_path / "a" / "b"
    folder.mkdir(parents=True)
    leftover = folder / f".tmp-{os.getpid()}-0"
    leftover.write_bytes(b"cits process")
    atomicfile.replace_file(folder / "page.html", b"<p>1</p>")
    assert leftover.read_bytes() == b"cits process"
    os.link(folder / "page.html", tmp_path / "published.html")
    atomicfile.replace_file(folder / "page.html", b"<p>2</p>")
    assert (folder / "page.html").read_bytes() == b"<p>2</p>"
    assert (tmp_path / "published.html").read_bytes() == b"<p>1</p>"
    atomicfile.replace_file(tmp_path / "new" / "deeper" / "page.html", b"<p>3</p>")
    assert (tmp_path / "new" / "deeper" / "page.html").read_bytes() == b"<p>3</p>"
    assert sorted(p.name for p in folder.iterdir()) == [leftover.name, "page.html"]


def test_pruning_removes_leftover_temporary_files_and_keeps_the_used_entries(
        tmp_path: Path) -> None:
    store = CacheStore(tmp_path, "pages")
    store.put("aa01", "<p>1</p>")
    store.put("ab02", "<p>2</p>")
    (tmp_path / "pages" / "aa" / ".tmp-1-1").write_bytes(b"half")  # a build stopped half-way
    kept = CacheStore(tmp_path, "pages")
    assert kept.get("aa01") == "<p>1</p>"
    assert kept.prune() == 2
    assert [p.name for p in (tmp_path / "pages").rglob("*") if p.is_file()] == ["aa01"]
    assert CacheStore(tmp_path / "none", "pages").prune() == 0


def test_a_new_entry_is_written_at_its_name_and_an_existing_one_replaced_not_written_through(
        tmp_path: Path) -> None:
    store = CacheStore(tmp_path, "pages")
    store.put("aa01", "<p>1</p>")
    entry = tmp_path / "pages" / "aa" / "aa01"
    os.link(entry, tmp_path / "other-name")
    store.put("aa01", "<p>2</p>")  # e.g. after a damaged entry that could not be removed
    assert CacheStore(tmp_path, "pages").get("aa01") == "<p>2</p>"
    assert b"<p>1</p>" in (tmp_path / "other-name").read_bytes()
    entry.write_bytes(entry.read_bytes()[:-4])  # half written: a build stopped meanwhile
    assert CacheStore(tmp_path, "pages").get("aa01") is None
    assert sorted(p.name for p in (tmp_path / "pages" / "aa").iterdir()) == []


def test_a_link_to_no_file_counts_in_the_tree_by_where_it_points(tmp_path: Path) -> None:
    """'Nothing changed' compares this digest: a link to nothing (or a loop) added by an
    editor was not in it, so the build that would have named the link never ran."""
    (tmp_path / "raksts.md").write_text("Teksts.", encoding="utf-8")
    before = tree_digest(tmp_path)
    (tmp_path / "nav.md").symlink_to("nav-tada.md")
    broken = tree_digest(tmp_path)
    assert broken != before
    (tmp_path / "nav.md").unlink()
    (tmp_path / "nav.md").symlink_to("cits.md")
    assert tree_digest(tmp_path) not in (before, broken)
    (tmp_path / "nav.md").unlink()
    (tmp_path / "cilpa-a.md").symlink_to("cilpa-b.md")
    (tmp_path / "cilpa-b.md").symlink_to("cilpa-a.md")
    assert tree_digest(tmp_path) not in (before, broken)


def test_a_tree_read_tells_a_file_saved_added_removed_or_a_link_that_now_leads_somewhere(
        tmp_path: Path) -> None:
    """What the build tool asks after a build (tools/build.py): whether a source changed
    since the build read it."""
    (tmp_path / "raksts.md").write_text("Teksts.", encoding="utf-8")
    (tmp_path / "nav.md").symlink_to("nav-tada.md")
    read = read_tree(tmp_path)
    assert read.digest == tree_digest(tmp_path) and not read.changed()
    (tmp_path / "jauns.md").write_text("Jauns.", encoding="utf-8")
    assert read.changed()
    (tmp_path / "jauns.md").unlink()
    assert not read.changed()
    (tmp_path / "nav-tada.md").write_text("Tagad ir.", encoding="utf-8")
    assert read.changed()
    (tmp_path / "nav-tada.md").unlink()
    (tmp_path / "raksts.md").write_text("Cits.", encoding="utf-8")
    assert read.changed()


def test_a_file_changed_just_before_it_was_read_is_read_again(tmp_path: Path) -> None:
    """Two saves within one tick of the file system's clock can leave a file's identity as it
    was: for a file changed just before the tree was read, the bytes are compared too."""
    source = tmp_path / "raksts.md"
    source.write_text("Pirmais.", encoding="utf-8")
    first = read_tree(tmp_path)
    assert list(first.recent) == ["raksts.md"]
    source.write_text("Otrais.", encoding="utf-8")
    now = read_tree(tmp_path)
    same_identity = TreeRead(tmp_path, first.digest, now.states, first.recent)
    assert same_identity.changed()
    assert not TreeRead(tmp_path, now.digest, now.states, now.recent).changed()


def test_a_killed_builds_temporary_file_beside_the_entries_is_pruned(tmp_path: Path) -> None:
    """QA: `.cache/writing/digests/.tmp-11181-4` (the previous-build record's temporary file
    of a build killed mid-write) survived every later build; a running process's is kept."""
    store = CacheStore(tmp_path, "digests")
    store.put("aa01", "x")
    store.get("aa01")
    folder = tmp_path / "digests"
    dead = folder / ".tmp-999999999-4"  # above any pid_max: no such process
    live = folder / f".tmp-{os.getpid()}-7"
    dead.touch()
    live.touch()
    store.prune_keeping_previous()
    assert not dead.exists() and live.exists()
    assert store.get("aa01") == "x"


def test_a_file_name_that_is_not_utf8_counts_in_the_tree_by_its_bytes(tmp_path: Path) -> None:
    """A name in the Windows code page, as `unzip` leaves one from a Windows-made archive
    (`zi\\xf2as.md`): the digest stopped the build with UnicodeEncodeError (QA). It counts by
    its bytes, so another such name or a rename changes the tree; no Heads is asked about it
    (no build reads it)."""
    (tmp_path / "raksts.md").write_text("Teksts.", encoding="utf-8")
    before = tree_digest(tmp_path)
    (Path(os.fsdecode(tmp_path)) / os.fsdecode(b"zi\xf2as.md")).write_text("Teksts.",
                                                                          encoding="utf-8")
    windows = tree_digest(tmp_path)
    assert windows != before
    os.rename(os.fsencode(tmp_path) + b"/zi\xf2as.md", os.fsencode(tmp_path) + b"/zi\xecas.md")
    assert tree_digest(tmp_path) not in (before, windows)
    assert digest(os.fsdecode(b"zi\xf2as.md")) == digest(b"zi\xf2as.md")
    asked: list[str] = []
    read = read_tree(tmp_path, Heads(lambda relative: asked.append(relative) or True,
                                     lambda data: digest(data)))
    assert asked == ["raksts.md"] and list(read.heads) == ["raksts.md"]
    assert len(read.parts) == 2 and not read.changed()


def test_no_cache_key_holds_where_the_clone_is() -> None:
    """QA: a `.cache/` copied to a clone at another path was cold ("63 rendered, 0 reused"):
    the settings' digest held `HERE` and `CMS["bundle"]`, absolute paths of the clone."""
    import json

    from pelican.settings import read_settings

    from kopienu_zinas.common.fingerprint import (
        LOCATION_SETTINGS,
        _stable,
        project_folder,
        settings_digest,
    )
    from tests.sitebuild import ROOT

    for name in ("pelicanconf.py", "publishconf.py"):
        settings = read_settings(str(ROOT / name))
        keyed = json.dumps({key: _stable(value, project_folder(settings))
                            for key, value in settings.items()
                            if key not in LOCATION_SETTINGS}, ensure_ascii=False)
        assert str(ROOT) not in keyed, name
        elsewhere = "/kur/citur/site"
        moved = {**settings, "PATH": f"{elsewhere}/content",
                 "CMS": {**settings["CMS"], "bundle": f"{elsewhere}/.cache/decap-cms/dist"}}
        assert settings_digest(moved) == settings_digest(settings), name
