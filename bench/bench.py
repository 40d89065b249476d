"""Time our build against plain Pelican on a synthetic site (`make bench`).

    python -m bench.bench [--articles 4000] [--profile] [--keep]

Run from the project folder. Four timed builds of the same generated articles, each a fresh
interpreter (so both sides pay the same start-up): ours cold, ours again with nothing changed,
ours after one article changed, and plain Pelican with its default theme. The target is a cold
build at most 1.3× plain Pelican. Plain Pelican has no search, so our timed builds skip the
search index (SEARCH index False); the Pagefind step is then timed on its own on our output,
with the index's size (`make html` takes the cold build plus that step).
--profile then runs our cold build once more, in this process
under cProfile, and prints where the time went.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from kopienu_zinas.search.indexing import BUNDLE, IndexReport, build_index
from kopienu_zinas.tools import build

from . import synthetic

TARGET = 1.3
SETTINGS = "pelicanconf.py"
BUILD_DATE = "2026-11-23"
PROFILE_LINES = 25
#: Plain Pelican's settings: only what it needs to read YAML front matter; everything else
#: (theme, URLs, feeds, no pagination) is its default. Paths are relative to this file.
PLAIN_SETTINGS = '''"""Plain Pelican for the benchmark (written by bench.bench)."""
PATH = "content"
TIMEZONE = "Europe/Riga"
PLUGINS = ["pelican.plugins.yaml_metadata"]
'''
_PROCESSED = re.compile(r"Processed\s+(\d+)\s+articles")


class BenchError(RuntimeError):
    """A build in the benchmark failed or did not read every article."""


@dataclass(frozen=True)
class Timing:
    label: str
    seconds: float
    #: User + system CPU seconds of the build process: steadier than wall time on a busy machine.
    cpu_seconds: float


def our_build_arguments(content: Path, output: Path) -> list[str]:
    return ["--settings", SETTINGS, "--content", str(content), "--output", str(output),
            "--build-date", BUILD_DATE, "-e", 'SEARCH={"index": false}']


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def measure(label: str, command: list[str], articles: int) -> Timing:
    """One build's wall and CPU seconds; it must succeed and report every article processed."""
    progress(f"timing {label} …")
    cpu_before, start = _children_cpu(), time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    seconds, cpu_seconds = time.perf_counter() - start, _children_cpu() - cpu_before
    log = result.stdout + result.stderr
    if result.returncode != 0:
        raise BenchError(f"{label} failed:\n{log[-4000:]}")
    processed = _PROCESSED.search(log)
    if not processed or int(processed.group(1)) != articles:
        raise BenchError(f"expected {articles} articles processed, the build said:\n{log[-2000:]}")
    return Timing(label, seconds, cpu_seconds)


def run_timings(folder: Path, articles: int) -> list[Timing]:
    """The four timed builds; plain Pelican's comes last."""
    content = folder / "content"
    paths = synthetic.write_site(content, articles)
    ours = [sys.executable, "-m", "kopienu_zinas.tools.build",
            *our_build_arguments(content, folder / "output")]
    plain_settings = folder / "plainconf.py"
    plain_settings.write_text(PLAIN_SETTINGS, encoding="utf-8")
    plain = [sys.executable, "-m", "pelican", "--settings", str(plain_settings),
             "--output", str(folder / "plain-output")]
    timings = [measure("ours, cold", ours, articles),
               measure("ours, nothing changed", ours, articles)]
    synthetic.edit_article(paths[len(paths) // 2])
    timings.append(measure("ours, one article changed", ours, articles))
    timings.append(measure("plain Pelican, default theme", plain, articles))
    return timings


def print_table(timings: list[Timing], articles: int) -> None:
    plain, plain_cpu = timings[-1].seconds, timings[-1].cpu_seconds
    print(f"\n{articles} articles\n")
    print(f"{'build':<30} {'seconds':>8} {'articles/s':>11} {'× plain':>8} "
          f"{'CPU s':>8} {'CPU × plain':>12}")
    for timing in timings:
        print(f"{timing.label:<30} {timing.seconds:>8.2f} {articles / timing.seconds:>11.1f} "
              f"{timing.seconds / plain:>8.2f} {timing.cpu_seconds:>8.2f} "
              f"{timing.cpu_seconds / plain_cpu:>12.2f}")
    ratio = timings[0].seconds / plain
    verdict = "met" if ratio <= TARGET else "NOT met"
    print(f"\nTarget: cold build at most {TARGET}× plain Pelican (wall time): {verdict} "
          f"({ratio:.2f}×; CPU time {timings[0].cpu_seconds / plain_cpu:.2f}×)")


def time_search_index(output: Path, language: str = "lv") -> tuple[IndexReport, float]:
    """Pagefind alone on a built site: its report and the CPU seconds it used."""
    progress("timing the search index …")
    shutil.rmtree(output / BUNDLE, ignore_errors=True)
    cpu_before = _children_cpu()
    report = build_index(output, language)
    return report, _children_cpu() - cpu_before


def print_search_index(report: IndexReport, cpu_seconds: float, cold: Timing,
                       articles: int) -> None:
    per_page = report.bytes / report.pages
    print(f"\nSearch index (Pagefind step of make html, not in the builds above): "
          f"{report.pages} pages in {report.seconds:.2f} s ({cpu_seconds:.2f} CPU s); "
          f"{report.files} files, {report.bytes / 1_000_000:.1f} MB "
          f"({per_page / 1000:.1f} kB per page) for {articles} articles")
    print(f"make html at {articles} articles, cold: about {cold.seconds + report.seconds:.1f} s "
          f"({cold.cpu_seconds + cpu_seconds:.1f} CPU s)")


def profile_cold_build(folder: Path, keep: bool) -> None:
    """Our cold build in this process under cProfile; top functions by cumulative time."""
    progress("profiling ours, cold …")
    arguments = our_build_arguments(folder / "content", folder / "profile-output")
    profiler = cProfile.Profile()
    status = profiler.runcall(build.main, arguments)
    if status != 0:
        raise BenchError("the profiled build failed (see the messages above)")
    if keep:
        profiler.dump_stats(folder / "cold-build.prof")
    print(f"\nOur cold build under cProfile, top {PROFILE_LINES} by cumulative time:")
    pstats.Stats(profiler, stream=sys.stdout).sort_stats("cumulative").print_stats(PROFILE_LINES)


def progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def parse_arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=4000, help="how many articles (4000)")
    parser.add_argument("--profile", action="store_true",
                        help="also profile our cold build and print the top functions")
    parser.add_argument("--keep", action="store_true",
                        help="keep the temporary folder (site, outputs, profile); print its path")
    arguments = parser.parse_args(argv)
    if arguments.articles < 1:
        parser.error("--articles must be at least 1")
    return arguments


def main(argv: list[str] | None = None) -> int:
    arguments = parse_arguments(argv)
    if not Path(SETTINGS).is_file():
        progress(f"{SETTINGS} not found: run this from the project folder (make bench).")
        return 2
    folder = Path(tempfile.mkdtemp(prefix="kopienu-bench-"))
    try:
        progress(f"writing {arguments.articles} synthetic articles …")
        timings = run_timings(folder, arguments.articles)
        print_table(timings, arguments.articles)
        report, cpu_seconds = time_search_index(folder / "output")
        print_search_index(report, cpu_seconds, timings[0], arguments.articles)
        if arguments.profile:
            profile_cold_build(folder, arguments.keep)
    except BenchError as error:
        progress(f"bench stopped: {error}")
        return 1
    finally:
        if arguments.keep:
            print(f"\nKept: {folder}")
        else:
            shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
