"""The reading plugin's caches (docs/building.md, "Caches: reading"): a warm build converts no
Markdown and re-checks no unchanged document, and the output is byte for byte a cold build's
whatever the cache holds (nothing, warm entries, damaged or truncated ones, another code
version's, an edit that was reverted); sources read on worker processes give the same site and
the same problems as sources read in the build process.

Each build here is in-process (to count Markdown conversions) on a tiny generated site, with
its own cache folder (CACHE_PATH under the test's folder) and no search index.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any

import markdown
import pytest
from pelican import signals

from kopienu_zinas.common import checkcache, sourcereader
from kopienu_zinas.common.cachestore import MAGIC, CacheStore
from kopienu_zinas.common.frontmatter import SourceDocument
from kopienu_zinas.common.problems import document_check
from kopienu_zinas.reading import prereading, readahead
from kopienu_zinas.reading.membership import ArticleList
from kopienu_zinas.site import placeholders
from kopienu_zinas.tools import build
from tests.sitebuild import BUILD_DATE, ROOT

#: More articles than prereading.POOL_THRESHOLD, so that a cold build starts the pool.
ARTICLES = prereading.POOL_THRESHOLD + 2
ARTICLE = """---
title: Raksts {number}
date: 2026-0{month}-1{day}
region: Latgale
summary: Īss kopsavilkums par rakstu {number}.
tags: [kultūra, bibliotēkas]
authors: [Anna Bērziņa]
---
Pirmā rindkopa ar **treknu** tekstu un [saiti](https://example.org/{number}).

| Kas | Kad |
|-----|-----|
| Tikšanās | {number}. maijā |

Teksts ar vēri[^1].

[^1]: Piezīme {number}.
"""
PAGE = """---
title: Par mums
---
Mēs rakstām par kopienām.
"""


def write_site(content: Path) -> None:
    (content / "pages").mkdir(parents=True)
    for number in range(1, ARTICLES + 1):
        (content / f"raksts-{number:02}.md").write_text(ARTICLE.format(
            number=number, month=1 + number % 9, day=number % 10), encoding="utf-8")
    (content / "pages" / "par-mums.md").write_text(PAGE, encoding="utf-8")


class Counter:
    def __init__(self) -> None:
        self.conversions = 0


@pytest.fixture
def conversions(monkeypatch: pytest.MonkeyPatch) -> Counter:
    """Counts Markdown conversions in this process (workers count in their own)."""
    counter = Counter()
    convert = markdown.Markdown.convert

    def counted(self: markdown.Markdown, source: str) -> str:
        counter.conversions += 1
        return convert(self, source)

    monkeypatch.setattr(markdown.Markdown, "convert", counted)
    return counter


@pytest.fixture(scope="module")
def cold_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site built once, cold, in the build process: its content, cache and `cold/`."""
    folder = tmp_path_factory.mktemp("reading")
    write_site(folder / "content")
    assert run(folder, "cold") == 0
    return folder


@pytest.fixture
def site(cold_site: Path, tmp_path: Path) -> Path:
    """A copy of the cold-built site (keys hold no folder names, so the copy is warm)."""
    copy = tmp_path / "site"
    shutil.copytree(cold_site, copy, symlinks=True)
    return copy


def run(site: Path, output: str, *, workers: int = 0, cache: str = "cache",
        cached: bool = True) -> int:
    """One in-process build of the site into site/output; its cache under site/cache (none
    read or written unless `cached`)."""
    return build.main([
        "--settings", str(ROOT / "pelicanconf.py"), "--content", str(site / "content"),
        "--output", str(site / output), "--build-date", BUILD_DATE,
        "-e", f"CACHE_PATH={json.dumps(str(site / cache / 'pelican'))}",
        "-e", f"READING={json.dumps({'workers': workers, 'cache': cached})}",
        "-e", 'SEARCH={"index": false}'])


def files(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes()
            for path in sorted(folder.rglob("*")) if path.is_file()}


def entries(site: Path, kind: str, cache: str = "cache") -> list[Path]:
    folder = site / cache / "reading" / kind
    return sorted(path for path in folder.glob("*/*") if not path.name.startswith("."))


def document_entries(site: Path) -> list[Path]:
    """The `checks/` entries of documents (not the kept problems of rules across files)."""
    store = CacheStore(site / "cache" / "reading", "checks")
    return [path for path in entries(site, "checks")
            if isinstance(value := store.get(path.name), tuple) and value
            and isinstance(value[0], SourceDocument)]


def test_a_warm_build_converts_no_markdown_and_writes_the_same_site(
        site: Path, conversions: Counter) -> None:
    assert len(entries(site, "markdown")) == ARTICLES + 1  # every article and the page
    assert len(document_entries(site)) == ARTICLES + 1
    assert run(site, "warm") == 0
    assert conversions.conversions == 0
    assert files(site / "warm") == files(site / "cold")


def test_a_warm_build_asks_ahead_for_every_file_it_reads_one_by_one(
        site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Reading ahead (reading/readahead.py) names every Markdown file and both its entries, as
    the last build keyed them; without a key index, nothing; the site is the same either way."""
    assert run(site, "indexed", workers=2) == 0  # the key index is kept where sources are keyed
    advised: list[str] = []
    monkeypatch.setattr(readahead, "advise", advised.extend)
    assert run(site, "warm", workers=2) == 0
    expected = {str(path) for path in (site / "content").rglob("*.md")} | {
        str(path) for path in [*document_entries(site), *entries(site, "markdown")]}
    assert len(advised) == len(expected) == 3 * (ARTICLES + 1)
    assert set(advised) == expected
    shutil.rmtree(site / "cache" / "reading" / "keys")
    advised.clear()
    assert run(site, "unindexed", workers=2) == 0
    assert advised == []
    assert files(site / "unindexed") == files(site / "warm") == files(site / "cold")


#: Ways an entry can be damaged (None: cut to half its length).
DAMAGE: tuple[bytes | None, ...] = (
    None, b"", b"\x00\xff not a cache entry", MAGIC + b"\x80\x05K\x01.",  # a pickled int
    MAGIC + b"\x80\x05\x95")  # a pickle cut short


def test_damaged_entries_are_read_afresh_and_the_site_is_the_same(
        site: Path, conversions: Counter) -> None:
    damaged = entries(site, "markdown") + entries(site, "checks")
    for number, entry in enumerate(damaged):
        replacement = DAMAGE[number % len(DAMAGE)]
        data = entry.read_bytes()
        entry.write_bytes(data[: len(data) // 2] if replacement is None else replacement)
    assert run(site, "again") == 0
    assert conversions.conversions >= ARTICLES + 1  # nothing usable was in the cache
    assert files(site / "again") == files(site / "cold")


def test_entries_of_another_code_version_are_not_used(
        site: Path, conversions: Counter, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.rmtree(site / "cache")
    with monkeypatch.context() as other_version:
        for module in (sourcereader, checkcache):
            other_version.setattr(module, "code_digest", lambda: "another version")
        assert run(site, "other") == 0
    assert len(entries(site, "markdown")) == ARTICLES + 1  # only the other version's
    conversions.conversions = 0
    assert run(site, "ours") == 0
    assert conversions.conversions >= ARTICLES + 1
    assert files(site / "ours") == files(site / "cold") == files(site / "other")


def test_an_edit_is_read_again_and_its_reversal_finds_the_old_entry(
        site: Path, conversions: Counter) -> None:
    source = site / "content" / "raksts-03.md"
    original = source.read_text(encoding="utf-8")
    source.write_text(original.replace("Pirmā rindkopa", "Labota rindkopa"), encoding="utf-8")
    assert run(site, "edited") == 0
    assert conversions.conversions == 1
    edited = files(site / "edited")
    page = next(name for name in edited if name.endswith("raksts-3/index.html"))
    assert b"Labota rindkopa" in edited[page]
    assert edited != files(site / "cold")
    source.write_text(original, encoding="utf-8")
    conversions.conversions = 0
    assert run(site, "reverted") == 0
    assert conversions.conversions == 0
    assert files(site / "reverted") == files(site / "cold")


def test_a_failed_build_prunes_nothing_and_good_ones_drop_what_two_builds_did_not_use(
        site: Path) -> None:
    source = site / "content" / "raksts-05.md"
    original = source.read_text(encoding="utf-8")
    kept = set(entries(site, "markdown")) | set(entries(site, "checks"))
    source.write_text(original.replace("date: ", "date: 31.12.2026 #"), encoding="utf-8")
    assert run(site, "failed") != 0
    assert kept <= set(entries(site, "markdown")) | set(entries(site, "checks"))
    source.unlink()
    assert run(site, "second") == 0  # keeps what the cold build used, too
    assert kept <= set(entries(site, "markdown")) | set(entries(site, "checks"))
    assert run(site, "third") == 0
    assert len(entries(site, "markdown")) == ARTICLES  # the deleted article's entries went
    assert len(document_entries(site)) == ARTICLES


def problem_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith(("error:", "warning:"))]


def test_problems_from_the_cache_are_reported_as_found_afresh(
        site: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    content = site / "content"
    bad = content / "raksts-02.md"
    bad.write_text(bad.read_text(encoding="utf-8")
                   .replace("region: Latgale\n", "region: Nekur\n")
                   .replace("summary: Īss kopsavilkums par rakstu 2.\n", "")
                   + "\n[saite]({filename}/nav-tada.md)\n![](/atteli/nav.jpg)\n",
                   encoding="utf-8")
    capsys.readouterr()
    assert run(site, "fresh") != 0
    fresh = problem_lines(capsys.readouterr().err)
    assert any("raksts-02.md:4: region:" in line for line in fresh), fresh
    assert any("summary:" in line for line in fresh), fresh
    assert any(": link:" in line for line in fresh), fresh
    assert any(": alt:" in line for line in fresh), fresh
    parsed: list[Path] = []
    read_document = checkcache.read_document
    monkeypatch.setattr(checkcache, "read_document",
                        lambda root, file, data=None: (parsed.append(file),
                                                       read_document(root, file, data))[1])
    assert run(site, "warm") != 0
    assert parsed == []  # every document and its problems came from the cache
    assert problem_lines(capsys.readouterr().err) == fresh


def test_workers_and_the_build_process_read_the_same_site(
        site: Path, conversions: Counter) -> None:
    assert run(site, "serial", workers=0, cache="serial-cache") == 0
    assert conversions.conversions >= ARTICLES + 1
    conversions.conversions = 0
    assert run(site, "parallel", workers=2, cache="parallel-cache") == 0
    assert conversions.conversions == 0  # every source was converted by the workers
    assert files(site / "parallel") == files(site / "serial")
    assert [p.name for p in entries(site, "markdown", "parallel-cache")] == [
        p.name for p in entries(site, "markdown", "serial-cache")]


def test_a_warm_build_on_workers_reads_each_unchanged_source_once(
        site: Path, conversions: Counter, monkeypatch: pytest.MonkeyPatch) -> None:
    """The bytes the content check reads are the ones keyed for the reader, for the link
    planning (site/linkcheck.py) and for the location warning (images/rules.py, by their
    digest): an unchanged source is read by the check's plan, nothing else; the edited one
    also by the reader, which converts it, by the link planning, which plans it again, and by
    the location warning, which sniffs it again. The site is the one a build in the build
    process alone makes of the same sources."""
    source = site / "content" / "raksts-03.md"
    source.write_text(source.read_text(encoding="utf-8").replace("Pirmā", "Labota"),
                      encoding="utf-8")
    reads: dict[str, int] = {}
    read_bytes = Path.read_bytes

    def counted(path: Path) -> bytes:
        if path.suffix == ".md":
            name = path.relative_to(site / "content").as_posix()
            reads[name] = reads.get(name, 0) + 1
        return read_bytes(path)

    with monkeypatch.context() as counting:
        counting.setattr(Path, "read_bytes", counted)
        assert run(site, "parallel", workers=2) == 0
    assert conversions.conversions == 1
    assert reads.pop("raksts-03.md") == 4
    assert set(reads.values()) == {1} and len(reads) == ARTICLES
    assert run(site, "serial", workers=0, cache="serial-cache") == 0
    assert files(site / "parallel") == files(site / "serial")


def test_a_source_that_fails_in_a_worker_is_reported_as_in_the_build_process(
        site: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    convert = markdown.Markdown.convert

    def fragile(self: markdown.Markdown, source: str) -> str:
        if "NEPARASTS" in source:
            raise IndexError("list index out of range")
        return convert(self, source)

    monkeypatch.setattr(markdown.Markdown, "convert", fragile)
    source = site / "content" / "raksts-04.md"
    source.write_text(source.read_text(encoding="utf-8") + "\nNEPARASTS teksts\n",
                      encoding="utf-8")
    capsys.readouterr()
    reports = []
    for workers, cache in ((0, "serial-cache"), (2, "parallel-cache")):
        assert run(site, f"out-{workers}", workers=workers, cache=cache) != 0
        reports.append(problem_lines(capsys.readouterr().err))
    assert reports[0] == reports[1]
    assert [line.split(" ", 2)[1] for line in reports[0]] == ["raksts-04.md:1:"], reports[0]


def add_problems(content: Path, outside: Path) -> None:
    """A problem of every per-document kind in several articles, some through a symbolic link
    out of content/ (answered by the disk, not the listing)."""
    outside.mkdir()
    (outside / "slepens.jpg").write_bytes(b"jpg")
    (content / "ara").symlink_to(outside)
    for number, extra in (
            (2, "\n[saite]({filename}/nav-tada.md)\n![](/atteli/nav.jpg)\n"),
            (3, "\n![Bilde]({static}/ara/slepens.jpg)\n[ārā]({static}/../../etc/passwd)\n"),
            (6, "\nTeksts pēc starpvirsraksta.\n[mape]({filename}/nav-mapes/../raksts-01.md)\n"),
            (7, "\n![Bilde](<{static}/atteli/nav tāda.jpg>)\n")):
        source = content / f"raksts-{number:02}.md"
        source.write_text(source.read_text(encoding="utf-8").replace("region: Latgale\n", "")
                          + extra, encoding="utf-8")


def test_the_check_reports_the_same_without_cache_serially_and_on_workers(
        site: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    add_problems(site / "content", site / "outside")
    parsed: list[str] = []  # documents parsed in this process (a worker counts in its own)
    read_document = checkcache.read_document
    monkeypatch.setattr(checkcache, "read_document",
                        lambda root, file, data=None: (parsed.append(file.name),
                                                       read_document(root, file, data))[1])
    capsys.readouterr()
    reports = {}
    for name, workers, cached in (("off", 0, False), ("serial", 0, True),
                                  ("parallel", 2, True)):
        parsed.clear()
        assert run(site, name, workers=workers, cache=f"{name}-cache", cached=cached) != 0
        reports[name] = problem_lines(capsys.readouterr().err)
        if name == "parallel":
            assert parsed == []  # every document was checked on a worker
    assert reports["parallel"] == reports["serial"] == reports["off"]
    fields = {line.split(": ")[2] for line in reports["off"]}
    assert {"link", "image", "region", "text"} <= fields, reports["off"]
    serial, parallel = entries(site, "checks", "serial-cache"), entries(
        site, "checks", "parallel-cache")
    assert [p.name for p in parallel] == [p.name for p in serial]
    assert [p.read_bytes() for p in parallel] == [p.read_bytes() for p in serial]


def test_a_document_a_worker_cannot_check_is_checked_and_reported_by_the_build_process(
        site: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """A rule that fails on one document (in a worker, then in the build process) and a worker
    that dies (a broken pool): the build reports what it reports without workers."""
    add_problems(site / "content", site / "outside")
    check_document = placeholders.check_document
    build_process = os.getpid()

    def fragile(sender: object, document: SourceDocument, settings: dict) -> list:
        if "NEPARASTS" in document.body:
            raise IndexError("list index out of range")
        if "MIRSTOŠS" in document.body and os.getpid() != build_process:
            os._exit(1)  # a worker killed
        return check_document(sender, document, settings)

    monkeypatch.setattr(placeholders, "check_document", fragile)
    parsed: list[str] = []  # documents parsed in this process
    read_document = checkcache.read_document
    monkeypatch.setattr(checkcache, "read_document",
                        lambda root, file, data=None: (parsed.append(file.name),
                                                       read_document(root, file, data))[1])
    capsys.readouterr()
    source = site / "content" / "raksts-04.md"
    original = source.read_text(encoding="utf-8")
    reports = {}
    try:
        for marker in ("NEPARASTS", "MIRSTOŠS"):
            source.write_text(f"{original}\n{marker} teksts\n", encoding="utf-8")
            outcome = []
            for workers in (0, 2):
                parsed.clear()
                status = run(site, f"{marker}-{workers}", workers=workers,
                             cache=f"{marker}-{workers}-cache")
                outcome.append((status, problem_lines(capsys.readouterr().err)))
            assert "raksts-04.md" in parsed  # the build process checked it after the worker
            assert outcome[0] == outcome[1], marker
            reports[marker] = outcome[0][1]
    finally:  # the builds connected it; a traceback may keep it alive after the test
        document_check.disconnect(fragile)
    assert [line.split(" ", 3)[1:3] for line in reports["NEPARASTS"]] == [
        ["raksts-04.md:1:", "file:"]], reports["NEPARASTS"]
    assert "IndexError" in reports["NEPARASTS"][0]
    assert any("raksts-06.md:18: text:" in line for line in reports["MIRSTOŠS"])


def test_pelicans_tag_category_and_author_lists_answer_in_from_a_set(site: Path) -> None:
    """In a real build every list of articles Pelican's generator writes a tag, category or
    author page from is an `ArticleList` (reading/membership.py) once its context is complete,
    in the generator and in the context; the site is the same."""
    seen: list[Any] = []

    def keep(generators: list[Any]) -> None:
        seen.extend(generator for generator in generators if hasattr(generator, "tags"))

    signals.all_generators_finalized.connect(keep, weak=False)
    try:
        assert run(site, "indexed") == 0
    finally:
        signals.all_generators_finalized.disconnect(keep)
    [generator] = seen
    lists = [*generator.tags.values(),
             *(articles for _name, articles in generator.categories + generator.authors),
             *(articles for _name, articles in generator.context["tags"])]
    assert len(lists) > 3 and all(type(articles) is ArticleList for articles in lists)
    assert files(site / "indexed") == files(site / "cold")
