"""The build's problem collector names the source file of every per-file failure once."""

from __future__ import annotations

import gc
import logging
from pathlib import Path

import pytest

from kopienu_zinas.common.problems import ContentProblem, SourceFailed, failure_problem
from kopienu_zinas.tools import build
from kopienu_zinas.tools.build import PELICAN_READ_FAILED, ProblemCollector


def record(msg: str, args: tuple[object, ...], error: BaseException | None = None,
           **extra: object) -> logging.LogRecord:
    made = logging.LogRecord("pelican.generators", logging.ERROR, __file__, 1, msg, args,
                             (type(error), error, None) if error else None)
    made.__dict__.update(extra)
    return made


def test_pelicans_could_not_process_becomes_a_problem_of_that_file(tmp_path: Path) -> None:
    collector = ProblemCollector(str(tmp_path))
    collector.emit(record(PELICAN_READ_FAILED, ("./pages/par-mums.md",)))
    [(level, text)] = collector.records
    assert level == logging.ERROR
    assert text.startswith("pages/par-mums.md:1: file: šo failu neizdevās apstrādāt")


def test_the_echo_of_a_failure_already_named_is_not_repeated(tmp_path: Path) -> None:
    collector = ProblemCollector(str(tmp_path))
    problem = failure_problem("raksts.md", ValueError("x"), "reading")
    collector.emit(record("%s", (problem.format(),), content_problem=problem))
    collector.emit(record(PELICAN_READ_FAILED, (str(tmp_path / "raksts.md"),)))
    collector.emit(record("Could not read %s", ("x",), SourceFailed(problem)))
    assert collector.records == [(logging.ERROR, problem.format())]


DATE = ContentProblem("raksts.md", 3, "date", "datums nav saprotams", "date could not be read",
                      "raksti GGGG-MM-DD", "2026-13-01")


class Skipped:
    """A Pelican content object as its "Skipping" messages name it (by its source path)."""

    def __init__(self, source_path: str) -> None:
        self.source_path = source_path

    def __str__(self) -> str:
        return self.source_path


def test_pelicans_echoes_of_a_reported_source_problem_are_left_out(tmp_path: Path) -> None:
    """QA: the preview printed `date: 2026-13-01` properly, then the YAML plugin's "month must
    be in 1..12" and Pelican's "could not find information about 'title'" (the title is
    there): three problems counted, one on the pages."""
    collector = ProblemCollector(str(tmp_path))
    collector.emit(record("%s", (DATE.format(),), content_problem=DATE))
    source = str(tmp_path / "raksts.md")
    collector.emit(record("Error parsing YAML for file '%s", (source,),
                          ValueError("month must be in 1..12")))
    collector.emit(record("YAML header didn't parse as a dict for file '%s'", (source,)))
    collector.emit(record("Skipping %s: could not find information about '%s'",
                          (Skipped(source), "title")))
    collector.emit(record("Skipping %s: file %r would be written outside output path",
                          (Skipped(source), "../x.html")))
    assert collector.records == [(logging.ERROR, DATE.format())]
    assert collector.failures(strict=True) == [DATE.format()]


SHARED = 'There are %s items "%s" with lang %s: \n%s\n%s'  # as pelican.utils formats it


def slug_clash(source: str) -> ContentProblem:
    return ContentProblem(source, 2, "title", "adrese jau aizņemta", "address already taken",
                          "pievieno slug:")


def test_pelicans_shared_address_warning_is_an_echo_once_each_source_is_reported(
        tmp_path: Path) -> None:
    """QA: the preview's banner showed Pelican's English "There are 2 items …" with machine
    paths, twice, beside our own message about the two files."""
    collector = ProblemCollector(str(tmp_path))
    for source in ("a1.md", "a2.md"):
        collector.emit(record("%s", (slug_clash(source).format(),),
                              content_problem=slug_clash(source)))
    paths = (str(tmp_path / "a2.md"), str(tmp_path / "a1.md"))
    collector.emit(record(SHARED, (2, 'with slug "viena-adrese"', "lv", *paths)))
    assert collector.records == [(logging.ERROR, slug_clash(s).format()) for s in ("a1.md", "a2.md")]


def test_pelicans_shared_address_warning_is_an_echo_of_the_clash_named_at_one_source(
        tmp_path: Path) -> None:
    """The content check names a slug shared by two years' articles at the newer one only
    (site/slugs.py): Pelican's English words about both are its echo."""
    collector = ProblemCollector(str(tmp_path))
    collector.emit(record("%s", (slug_clash("a1.md").format(),), content_problem=slug_clash("a1.md")))
    paths = (str(tmp_path / "a2.md"), str(tmp_path / "a1.md"))
    collector.emit(record(SHARED, (2, 'with slug "viena-adrese"', "lv", *paths)))
    assert collector.records == [(logging.ERROR, slug_clash("a1.md").format())]


def test_pelicans_shared_address_warning_stays_when_no_source_was_named_for_its_address(
        tmp_path: Path) -> None:
    collector = ProblemCollector(str(tmp_path))
    collector.emit(record("%s", (DATE.format(),), content_problem=DATE))
    paths = (str(tmp_path / "a2.md"), str(tmp_path / "raksts.md"))
    collector.emit(record(SHARED, (2, 'with slug "viena-adrese"', "lv", *paths)))
    assert len(collector.records) == 2 and "There are 2 items" in collector.records[1][1]


def test_pelicans_message_about_a_source_without_a_reported_problem_stays(tmp_path: Path) -> None:
    collector = ProblemCollector(str(tmp_path))
    collector.emit(record("%s", (DATE.format(),), content_problem=DATE))
    other = Skipped(str(tmp_path / "cits.md"))
    collector.emit(record("Skipping %s: could not find information about '%s'", (other, "date")))
    assert collector.failures(strict=False) == [
        DATE.format(), f"pelican.generators: Skipping {other}: could not find information "
                       "about 'date'"]


def test_what_is_reported_is_each_warning_and_error_with_its_problem_in_order(
        tmp_path: Path) -> None:
    """What the preview shows on the pages (site/preview.py): the same entries the summary
    counts, a source's as its ContentProblem; notices are not problems."""
    collector = ProblemCollector(str(tmp_path))
    located = ContentProblem("atteli/gps.jpg", 0, "location", "GPS", "GPS", "make strip-location")
    warning = record("%s", (located.format(),), content_problem=located)
    warning.levelno = logging.WARNING
    notice = record("%s", ("scheduled",), notice=located)
    notice.levelno = logging.INFO
    for each in (warning, notice, record("%s", (DATE.format(),), content_problem=DATE),
                 record("search index not built: %s", ("no pagefind",))):
        collector.emit(each)
    assert collector.reported() == [located, DATE,
                                    "pelican.generators: search index not built: no pagefind"]
    assert len(collector.reported()) == len(collector.failures(strict=True))


def test_a_missing_content_folder_is_one_clear_message(tmp_path: Path, capsys) -> None:
    from kopienu_zinas.tools.build import main

    missing = tmp_path / "nav"
    assert main(["--content", str(missing), "--output", str(tmp_path / "out")]) == 2
    error = capsys.readouterr().err
    assert error.strip() == (f"error: satura mape nav atrasta (content folder not found): "
                             f"{missing} — pārbaudi --content ceļu")
    assert not (tmp_path / "out").exists()


def test_full_collections_are_rare_while_pelican_runs_and_as_before_afterwards(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A build keeps nearly all it makes: its full collections would scan it all again and
    again while Pelican starts and runs. The preview's process builds again and again: the
    thresholds are restored after a build, also after one that fails."""
    before = gc.get_threshold()
    seen: list[tuple[str, tuple[int, int, int]]] = []

    class Recording:
        def __init__(self, settings: dict[str, object]) -> None:
            self.settings = settings
            seen.append(("start", gc.get_threshold()))

        def run(self) -> None:
            seen.append(("run", gc.get_threshold()))
            raise ValueError("a build that fails")

    monkeypatch.setattr(build, "Pelican", Recording)
    content = tmp_path / "content"
    content.mkdir()
    assert build.main(["--content", str(content), "--output", str(tmp_path / "out")]) == 1
    rare = (before[0], before[1], build.FULL_COLLECTION_AFTER)
    assert seen == [("start", rare), ("run", rare)]
    assert gc.get_threshold() == before


def test_a_build_that_stops_early_ends_its_reading_workers(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A pool of reading workers left to the interpreter's exit could fail there and print
    "Exception ignored … OSError: [Errno 9] Bad file descriptor" after the build's report."""
    from concurrent.futures import ProcessPoolExecutor

    from kopienu_zinas.reading.caches import ATTRIBUTE, ReadingCaches
    from kopienu_zinas.reading.prereading import Prereading

    pools: list[ProcessPoolExecutor] = []

    class StartsReading:
        def __init__(self, settings: dict[str, object]) -> None:
            self.settings = settings
            pool = ProcessPoolExecutor(max_workers=1)
            pools.append(pool)
            caches = object.__new__(ReadingCaches)
            caches.prereading = Prereading(pool, iter(pool.map(abs, range(1000))))
            setattr(self, ATTRIBUTE, caches)

        def run(self) -> None:
            raise ValueError("a build that fails before reading")

    monkeypatch.setattr(build, "Pelican", StartsReading)
    content = tmp_path / "content"
    content.mkdir()
    assert build.main(["--content", str(content), "--output", str(tmp_path / "out")]) == 1
    [pool] = pools
    with pytest.raises(RuntimeError, match="after shutdown"):
        pool.submit(abs, 1)
