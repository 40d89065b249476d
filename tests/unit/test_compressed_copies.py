"""`make publish`'s compressed copies are whole, or the build fails (site/compressed.py)."""

from __future__ import annotations

import gzip
import logging
from pathlib import Path
from types import SimpleNamespace

import brotli
import pytest

from kopienu_zinas.site.compressed import broken_copies, check_copies

PAGE = "<!doctype html><title>Sveiki</title><p>Kopienu ziņas</p>".encode() * 10


def published(output: Path, gz: bytes, br: bytes) -> SimpleNamespace:
    (output / "zinas").mkdir(parents=True)
    (output / "zinas" / "index.html").write_bytes(PAGE)
    (output / "zinas" / "index.html.gz").write_bytes(gz)
    (output / "zinas" / "index.html.br").write_bytes(br)
    return SimpleNamespace(settings={"OUTPUT_PATH": str(output), "PRECOMPRESS_GZIP": True,
                                     "PRECOMPRESS_BROTLI": True, "PRECOMPRESS_ZOPFLI": False,
                                     "PRECOMPRESS_ZSTANDARD": False})


def test_whole_copies_pass(tmp_path: Path) -> None:
    pelican = published(tmp_path, gzip.compress(PAGE, mtime=0), brotli.compress(PAGE))
    assert broken_copies(pelican) == []


def test_empty_and_cut_copies_fail_the_build_by_name(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    """QA: on a nearly full disk pelican-precompress's workers' writes failed unseen (ENOSPC)
    and `make publish` said "Gatavs" with 244 empty .gz and .br files."""
    pelican = published(tmp_path, b"", brotli.compress(PAGE)[:-5])
    assert [p.name for p in broken_copies(pelican)] == ["index.html.br", "index.html.gz"]
    with caplog.at_level(logging.ERROR):
        check_copies(pelican)
    [record] = caplog.records
    assert "zinas/index.html.br, zinas/index.html.gz" in record.getMessage()
    assert "the compressed copies are not whole" in record.getMessage()
