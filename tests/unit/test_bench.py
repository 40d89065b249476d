"""The benchmark's pure parts (bench/): what Hugo is given, how figures are read and judged.

No timing is asserted: the benchmark prints figures, tests check that they are computed right.
"""

from __future__ import annotations

import json
import random
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from pelican.settings import read_settings

from bench import bench, hugo_build, measure, pelican_build, serve_latency, synthetic
from kopienu_zinas.common.isodates import parse_iso_date, wall_time_fault
from tests.sitebuild import ROOT

ARTICLE = textwrap.dedent("""\
    ---
    title: "Sporta diena Ludzā: gaidīti visi interesenti"
    date: {date}
    region: Latgale
    tags: ["sports", "kopienas"]
    ---

    date: 2024-01-01 10:00 is body text, not front matter.
    """)


@pytest.mark.parametrize(("written", "rfc3339"), [
    ("2024-01-15 14:15", "2024-01-15T14:15:00+02:00"),  # winter: EET
    ("2024-07-15 14:15", "2024-07-15T14:15:00+03:00"),  # summer: EEST
    ("2024-03-31 04:30", "2024-03-31T04:30:00+03:00"),  # just after the spring change
    ("2024-07-15", "2024-07-15T00:00:00+03:00"),  # all day: Riga's midnight
])
def test_hugo_gets_dates_in_rfc3339_riga_time(written: str, rfc3339: str) -> None:
    converted = hugo_build.rfc3339_front_matter(ARTICLE.format(date=written))
    assert converted == ARTICLE.format(date=rfc3339)


def test_a_date_our_build_refuses_is_refused_for_hugo_too() -> None:
    with pytest.raises(ValueError):
        hugo_build.rfc3339_front_matter(ARTICLE.format(date="15.07.2024"))


def test_hugo_site_has_every_synthetic_article_with_converted_dates(tmp_path: Path) -> None:
    paths = synthetic.write_site(tmp_path / "content", 12)
    hugo_build.write_site(paths, tmp_path / "hugo")
    written = sorted((tmp_path / "hugo" / hugo_build.SECTION).iterdir())
    assert [path.name for path in written] == [path.name for path in paths]
    for ours, hugos in zip(paths, written, strict=True):
        ours_lines = ours.read_text(encoding="utf-8").splitlines()
        hugo_lines = hugos.read_text(encoding="utf-8").splitlines()
        differing = [(a, b) for a, b in zip(ours_lines, hugo_lines, strict=True) if a != b]
        assert len(differing) == 1 and differing[0][1].startswith("date: ")
    assert (tmp_path / "hugo" / "hugo.toml").is_file()


def test_synthetic_dates_are_never_in_riga_clock_change_hours() -> None:
    """The content check refuses such a time: the benchmark's 4,000 articles had one."""
    rng = random.Random(7)
    planned = synthetic.Planned("raksts.md", "Raksts", "Latgale")
    date_line = re.compile(r"^date: (.*)$", re.M)  # written bare: the text YAML gives Pelican
    written = [date_line.findall(synthetic.front_matter(planned, rng)) for _ in range(20000)]
    assert all(len(dates) == 1 for dates in written)
    times = [parse_iso_date(date) for [date] in written if " " in date]
    assert len(times) > 5000
    assert [t for t in times if wall_time_fault(t.replace(tzinfo=None))] == []


def test_scaling_sizes_are_read_sorted_and_once() -> None:
    assert bench.parse_sizes("16000,1000,4000,1000") == [1000, 4000, 16000]
    assert bench.parse_sizes("") == []
    with pytest.raises(ValueError):
        bench.parse_sizes("1000,0")
    with pytest.raises(SystemExit):
        bench.parse_arguments(["--scaling", "tūkstotis"])


@pytest.mark.parametrize(("label", "ratio", "text"), [
    (bench.COLD, 2.0, "≤ 2.0×: met"),
    (bench.COLD, 2.01, "≤ 2.0×: NOT met"),
    (bench.ONE_CHANGED, 0.49, "≤ 0.5×: met"),
    (bench.UNCHANGED, 0.31, "≤ 0.3×: NOT met"),
    (bench.HUGO, 1.0, ""),
])
def test_each_build_is_judged_against_its_own_target(label: str, ratio: float, text: str) -> None:
    assert bench.target_text(label, ratio) == text


def test_repeated_runs_give_each_builds_median() -> None:
    def run(seconds: float) -> list[bench.Timing]:
        return [bench.Timing(bench.COLD, seconds, seconds / 2, 100 + seconds, 150 + seconds, 50),
                bench.Timing(bench.HUGO, 1.0, 1.0, 200.0, 200.0, 40)]
    medians = bench.medians([run(9.0), run(3.0), run(4.0)])
    assert medians == [bench.Timing(bench.COLD, 4.0, 2.0, 104.0, 154.0, 50),
                       bench.Timing(bench.HUGO, 1.0, 1.0, 200.0, 200.0, 40)]


def test_benchmark_settings_keep_every_cache_in_the_runs_folder(tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch
                                                                ) -> None:
    monkeypatch.chdir(ROOT)
    workspace = bench.new_workspace(tmp_path / "run")
    settings = read_settings(str(workspace.settings))
    assert Path(settings["CACHE_PATH"]).parent == workspace.cache
    assert settings["SEARCH"]["index"] is False
    assert settings["THEME"] == read_settings(str(ROOT / "pelicanconf.py"))["THEME"]


def test_preview_address_of_an_article_is_the_one_pelican_writes(tmp_path: Path) -> None:
    article = tmp_path / "raksts.md"
    article.write_text(ARTICLE.format(date="2019-07-29 10:00"), encoding="utf-8")
    settings = read_settings(str(ROOT / "pelicanconf.py"))
    assert (serve_latency.article_address(article, settings)
            == "zinas/2019/sporta-diena-ludza-gaiditi-visi-interesenti/")


def test_peak_memory_is_the_sum_over_the_process_tree() -> None:
    """Two child processes hold 64 MiB each at the same time: the peak counts both."""
    child = "import time; block = bytearray(64 * 1024 * 1024); time.sleep(1.5)"
    parent = (f"import subprocess, sys; children = [subprocess.Popen([sys.executable, '-c', {child!r}])"
              " for _ in range(2)]; [c.wait() for c in children]")
    result = measure.run([sys.executable, "-c", parent])
    assert result.peak_bytes >= 128 * measure.MIB


def test_pages_shared_by_forked_workers_count_once_in_the_peak() -> None:
    """A build fills 96 MiB and forks a worker that only shares it (copy-on-write): the tree
    occupies it once (summed PSS), though each process's resident set shows it (summed RSS)."""
    size = 96 * measure.MIB
    code = (f"import os, time; block = bytearray({size}); block[::4096] = b'x' * len(block[::4096]); "
            "pid = os.fork(); time.sleep(1.5); os._exit(0) if pid == 0 else os.waitpid(pid, 0)")
    result = measure.run([sys.executable, "-c", code])
    assert result.peak_rss_bytes >= 2 * size
    assert size <= result.peak_bytes < 1.5 * size


def test_a_failing_build_stops_the_benchmark_with_its_output() -> None:
    with pytest.raises(measure.BenchError, match="broken front matter"):
        measure.run([sys.executable, "-c", "import sys; print('broken front matter'); sys.exit(3)"])


def test_files_written_are_counted_at_every_depth(tmp_path: Path) -> None:
    for name in ("index.html", "zinas/2024/a/index.html", "zinas/2024/b/index.html", "rss.xml"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x", encoding="utf-8")
    assert measure.count_files(tmp_path) == 4


def test_hugo_writes_our_page_kinds_for_the_same_articles(tmp_path: Path) -> None:
    """Hugo's side of the benchmark builds: every article page (its `{filename}` links lead
    to written pages), the paginated home page, region pages with feeds, the lists of regions,
    tags and authors, the archive and the 404 page."""
    paths = synthetic.write_site(tmp_path / "content", 25)
    hugo_build.write_site(paths, tmp_path / "hugo")
    output = tmp_path / "output"
    measure.run(hugo_build.build_command(tmp_path / "hugo", output, tmp_path / "cache"))
    pages = list(output.glob(bench.ARTICLE_PAGES))
    assert len(pages) == 25
    links = {link for page in pages
             for link in re.findall(r'Lasiet arī: <a href="([^"]+)"', page.read_text("utf-8"))}
    assert links and all((output / link.strip("/") / "index.html").is_file() for link in links)
    for written in ("index.html", "lapa/2/index.html", "index.xml", "regioni/index.html",
                    "regioni/latgale/index.html", "regioni/latgale/index.xml", "temas/index.html",
                    "autori/index.html", "arhivs/index.html", "404.html", "sitemap.xml"):
        assert (output / written).is_file(), written


PLAIN_ARTICLE = textwrap.dedent("""\
    ---
    title: "Sporta diena Ludzā: gaidīti visi interesenti"
    date: 2024-07-15 14:15
    region: Latgale
    tags: ["sports", "pilsoniskā līdzdalība"]
    authors: ["Ilze Ozoliņa", "Jānis Bērziņš"]
    summary: "Sacentās komandas no piecām sādžām. Uzvarēja \\"Ludza\\"."
    ---

    tags: ["body", "text"] stays as written.
    """)


def test_plain_pelican_reads_our_front_matter_values_as_we_wrote_them(tmp_path: Path) -> None:
    """Pelican's Markdown reader (the meta extension) gets the title without JSON's quotes,
    each tag and author by name, and the date in Riga time; the body is untouched."""
    article = tmp_path / "raksts.md"
    article.write_text(PLAIN_ARTICLE, encoding="utf-8")
    [converted] = pelican_build.write_site([article], tmp_path / "site")
    pelican_build.write_settings(tmp_path / "plainconf.py", tmp_path / "site", tmp_path / "cache")
    # in a fresh interpreter, as the benchmark runs plain Pelican: plugins other tests loaded
    # into this one (their signal receivers are global) would read the file their own way
    script = textwrap.dedent(f"""
        import json
        from pelican.readers import Readers
        from pelican.settings import read_settings
        settings = read_settings({str(tmp_path / "plainconf.py")!r})
        read = Readers(settings).read_file(base_path=settings["PATH"], path={converted.name!r})
        print(json.dumps({{"title": read.title, "tags": [tag.name for tag in read.tags],
                          "authors": [author.name for author in read.authors],
                          "date": read.date.isoformat(), "region": read.metadata["region"],
                          "summary": read.summary}}))
        """)
    read = json.loads(subprocess.run([sys.executable, "-c", script], check=True,
                                     capture_output=True, text=True).stdout)
    assert read == {"title": "Sporta diena Ludzā: gaidīti visi interesenti",
                    "tags": ["sports", "pilsoniskā līdzdalība"],
                    "authors": ["Ilze Ozoliņa", "Jānis Bērziņš"],
                    "date": "2024-07-15T14:15:00+03:00", "region": "Latgale",
                    "summary": '<p>Sacentās komandas no piecām sādžām. Uzvarēja "Ludza".</p>'}
    assert converted.read_text("utf-8").endswith('\n---\n\ntags: ["body", "text"] stays as written.\n')


def test_a_value_plain_pelican_would_split_differently_is_refused() -> None:
    with pytest.raises(ValueError, match="comma"):
        pelican_build.meta_front_matter(PLAIN_ARTICLE.replace('"sports"', '"sports, spēles"'))
    with pytest.raises(ValueError, match="front matter"):
        pelican_build.meta_front_matter("title: no front matter\n")


def test_plain_pelican_writes_every_article_and_rebuilds_the_edited_one(tmp_path: Path) -> None:
    """Plain Pelican's two timed builds on a tiny synthetic site: every article's page is
    written (the benchmark stops otherwise), `{filename}` links lead to written pages, no
    installed plugin ran (no compressed copies), and the cached rebuild shows the edit."""
    paths = synthetic.write_site(tmp_path / "content", 12)
    site = bench.plain_site(tmp_path / "plain", paths)
    output = site.workspace.output
    timings = bench.plain_pelican(site)
    assert [timing.label for timing in timings] == [bench.PLAIN_COLD, bench.PLAIN_ONE_CHANGED]
    assert all(timing.files == measure.count_files(output) for timing in timings)
    pages = list(output.glob(bench.ARTICLE_PAGES))
    assert len(pages) == 12
    links = {link for page in pages
             for link in re.findall(r'Lasiet arī: <a href="([^"]+)"', page.read_text("utf-8"))}
    assert links and all((output / link.strip("/") / "index.html").is_file() for link in links)
    assert not list(output.rglob("*.gz")) and not list(output.rglob("*.br"))
    assert any(site.workspace.cache.iterdir())
    [edited_page] = [page for page in pages if synthetic.EDIT.strip() in page.read_text("utf-8")]
    title = re.search(r'^title: (".*")$', bench.edited(paths).read_text("utf-8"), re.MULTILINE)
    assert title and json.loads(title.group(1)) in edited_page.read_text("utf-8")


def test_plain_pelican_rows_are_printed_beside_ours_with_the_ratios(
        capsys: pytest.CaptureFixture[str]) -> None:
    timings = [bench.Timing(bench.COLD, 20.0, 30.0, 300.0, 500.0, 5000),
               bench.Timing(bench.ONE_CHANGED, 8.0, 6.0, 200.0, 210.0, 5000),
               bench.Timing(bench.UNCHANGED, 1.0, 1.0, 40.0, 45.0, 5000),
               bench.Timing(bench.PLAIN_COLD, 10.0, 10.0, 90.0, 90.0, 1070),
               bench.Timing(bench.PLAIN_ONE_CHANGED, 4.0, 4.0, 90.0, 90.0, 1070),
               bench.Timing(bench.HUGO, 5.0, 10.0, 200.0, 200.0, 4000)]
    bench.print_table(timings, 1000, 1)
    lines = capsys.readouterr().out.splitlines()
    plain_cold = next(line for line in lines if line.startswith(bench.PLAIN_COLD))
    assert plain_cold.split()[3:10] == ["10.00", "10.00", "90", "90", "1070", "2.00×", "1.00×"]
    assert any(line.startswith(bench.PLAIN_ONE_CHANGED) for line in lines)
    assert ("ours ÷ plain Pelican (wall / CPU): cold 2.00× / 3.00×; "
            "one article changed 2.00× / 1.50×") in lines
    bench.print_table([timings[0], timings[-1]], 1000, 1)
    assert "plain Pelican" not in capsys.readouterr().out


def test_plain_pelican_can_be_left_out_of_quick_runs() -> None:
    assert bench.parse_arguments([]).no_pelican is False
    assert bench.parse_arguments(["--no-pelican"]).no_pelican is True
