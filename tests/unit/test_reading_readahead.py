"""Reading ahead (reading/readahead.py): the files named, in the order the build reads them,
and asking for them never fails or waits, whatever is now at those names."""

from __future__ import annotations

import os
from pathlib import Path

from kopienu_zinas.common.cachestore import CacheStore
from kopienu_zinas.reading import readahead


def test_the_check_reads_each_file_then_its_entry_and_the_reader_the_sources_entries(
        tmp_path: Path) -> None:
    checks, sources = CacheStore(tmp_path, "checks"), CacheStore(tmp_path, "markdown")
    previous = {"a.md": ("c1" * 32, "s1" * 32), "b/c.md": ("c2" * 32, "s2" * 32)}
    assert list(readahead.files_read_next(previous, tmp_path / "content", checks, sources)) == [
        f"{tmp_path}/content/a.md", f"{tmp_path}/checks/c1/{'c1' * 32}",
        f"{tmp_path}/content/b/c.md", f"{tmp_path}/checks/c2/{'c2' * 32}",
        f"{tmp_path}/markdown/s1/{'s1' * 32}", f"{tmp_path}/markdown/s2/{'s2' * 32}"]


def test_an_entry_file_is_where_the_store_keeps_the_entry(tmp_path: Path) -> None:
    store = CacheStore(tmp_path, "checks")
    store.folder.mkdir()
    key = "ab" * 32
    store.put(key, ("value",))
    assert Path(store.entry_file(key)).is_file()


def test_missing_files_folders_and_named_pipes_are_passed_over(tmp_path: Path) -> None:
    (tmp_path / "file.md").write_text("x", encoding="utf-8")
    (tmp_path / "folder").mkdir()
    os.mkfifo(tmp_path / "pipe.md")  # opened for reading, a pipe would wait for a writer
    readahead.advise(str(tmp_path / name) for name in ("file.md", "gone.md", "folder", "pipe.md"))
    assert (tmp_path / "file.md").read_text(encoding="utf-8") == "x"
