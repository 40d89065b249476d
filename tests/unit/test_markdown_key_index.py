"""The Markdown cache's key index (reading/prereading.missing_jobs): a source whose bytes the
content check keyed as in the last build is not decoded and digested again; its key is the one
decoding gives, and a changed file, a missing or a damaged index decode as before."""

from __future__ import annotations

from pathlib import Path

import pytest

from kopienu_zinas.common.cachestore import CacheStore
from kopienu_zinas.common.fingerprint import digest
from kopienu_zinas.common.sourcereader import SourceCache
from kopienu_zinas.common.sourcetext import SourceText, read_source
from kopienu_zinas.reading import prereading

SETTINGS = {"MARKDOWN": {"extension_configs": {}, "output_format": "html5"}}


def sources(root: Path, texts: dict[str, bytes]) -> tuple[list[tuple[Path, str]],
                                                          dict[str, bytes], dict[str, str]]:
    """The files (written), their bytes and a check key of each (a digest of path and bytes)."""
    root.mkdir(exist_ok=True)
    for name, data in texts.items():
        (root / name).write_bytes(data)
    return ([(root / name, name) for name in texts], dict(texts),
            {name: digest("check", name, data) for name, data in texts.items()})


def keys_after(tmp_path: Path, texts: dict[str, bytes], monkeypatch: pytest.MonkeyPatch,
               decoded: list[str]) -> dict[str, str]:
    """Each source's key after missing_jobs, noting in `decoded` which files were decoded."""
    cache = SourceCache(SETTINGS, CacheStore(tmp_path / "cache", "markdown"))
    def counted(file: Path, path: str, data: bytes | None = None) -> SourceText:
        decoded.append(path)
        return read_source(file, path, data)

    monkeypatch.setattr(prereading, "read_source", counted)
    files, data, check_keys = sources(tmp_path / "content", texts)
    indexes = CacheStore(tmp_path / "cache", "keys")
    prereading.missing_jobs(cache, files, data, check_keys, indexes,
                            prereading.last_index(cache, indexes))
    return {path: cache.keys[str(file.resolve())] for file, path in files}


TEXTS = {"a.md": b"---\ntitle: A\n---\nTeksts\r\n", "b.md": b"---\ntitle: B\n---\nCits\n"}


def test_an_unchanged_source_is_keyed_from_the_index_as_decoding_keys_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    decoded: list[str] = []
    first = keys_after(tmp_path, TEXTS, monkeypatch, decoded)
    assert decoded == ["a.md", "b.md"]
    decoded.clear()
    assert keys_after(tmp_path, TEXTS, monkeypatch, decoded) == first
    assert decoded == ["a.md", "b.md"]  # no entry stored yet: each is still a job
    (tmp_path / "cache" / "markdown").mkdir(parents=True, exist_ok=True)
    cache = CacheStore(tmp_path / "cache", "markdown")
    for key in first.values():
        cache.put(key, "converted")
    decoded.clear()
    assert keys_after(tmp_path, TEXTS, monkeypatch, decoded) == first
    assert decoded == []
    changed = {**TEXTS, "b.md": b"---\ntitle: B\n---\nLabots\n"}
    keys = keys_after(tmp_path, changed, monkeypatch, decoded)
    assert decoded == ["b.md"] and keys["a.md"] == first["a.md"] != keys["b.md"]


def test_a_damaged_index_is_none(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    decoded: list[str] = []
    first = keys_after(tmp_path, TEXTS, monkeypatch, decoded)
    [entry] = (tmp_path / "cache" / "keys").glob("*/*")
    entry.write_bytes(entry.read_bytes()[:-3])
    decoded.clear()
    assert keys_after(tmp_path, TEXTS, monkeypatch, decoded) == first
    assert decoded == ["a.md", "b.md"]


def test_the_index_names_each_files_keys_by_path(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """What reading ahead (reading/readahead.py) asks for: each file's check and source key."""
    keys = keys_after(tmp_path, TEXTS, monkeypatch, [])
    cache = SourceCache(SETTINGS, CacheStore(tmp_path / "cache", "markdown"))
    index = prereading.last_index(cache, CacheStore(tmp_path / "cache", "keys"))
    _files, _data, check_keys = sources(tmp_path / "content", TEXTS)
    assert index == {path: (check_keys[path], keys[path]) for path in TEXTS}
