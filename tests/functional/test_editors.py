"""Editors' workflow: `make new` scaffolds pass `make check` as they are, drafts are previewed but
never published, publishing writes deterministic pre-compressed copies, and the CI workflow and
pre-commit hook only call Makefile targets that exist."""

from __future__ import annotations

import gzip
import re
import shutil
import subprocess
import sys
from pathlib import Path

import brotli
import pytest
import yaml

from kopienu_zinas.common.leftbehind import left_behind
from tests.sitebuild import BUILD_DATE, ROOT, BuiltSite, run_build

TODAY = BUILD_DATE[:10]
DRAFT = """---
title: Melnraksts, kas vēl nav gatavs
date: 2024-05-22
region: Latgale
summary: Melnraksts priekšskatījumam.
status: draft
---
Vēl tikai melnraksts.
"""
NEW_KINDS = [("article", "Jauna grāmatu maiņas vieta Rēzeknē", "rezekne"),
             ("event", "Tiešsaistes apmācības: „Kopienu stāsti”", "2"),
             ("gallery", "Ilgu muižas mācības", None)]


def make(*arguments: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["make", "--no-print-directory", *arguments], cwd=ROOT,
                          capture_output=True, text=True, timeout=300, stdin=subprocess.DEVNULL)


def make_new(content: Path, kind: str, title: str,
             region: str | None) -> subprocess.CompletedProcess[str]:
    arguments = ["new", f"KIND={kind}", f"TITLE={title}", f"CONTENT={content}", f"TODAY={TODAY}"]
    return make(*arguments, *([f"REGION={region}"] if region else []))


def created_path(result: subprocess.CompletedProcess[str]) -> Path:
    match = re.search(r"Izveidots \(created\): (.+)", result.stdout)
    assert match, result.stdout + result.stderr
    return Path(match.group(1).strip())


def test_make_new_creates_each_kind_that_passes_make_check_unchanged(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    created = []
    for kind, title, region in NEW_KINDS:
        result = make_new(content, kind, title, region)
        assert result.returncode == 0, result.stderr
        path = created_path(result)
        assert path.is_file() and path.is_relative_to(content), path
        created.append((path, path.read_bytes()))
    article, event, gallery = (path for path, _ in created)
    assert article == content / "jauna-gramatu-mainas-vieta-rezekne.md"
    assert gallery == content / "galleries/ilgu-muizas-macibas/captions.yml"
    meta = yaml.safe_load(event.read_text(encoding="utf-8").split("---")[1])
    assert str(meta["date"]) == TODAY and meta["region"] == "Latgale"
    assert str(meta["events"][0]["start"]) > TODAY, "the placeholder event lies ahead"
    check = make("check", f"CONTENT={content}", f"OUTPUT={tmp_path / 'output'}",
                 f"BUILD_DATE={TODAY}")
    assert check.returncode == 0, check.stderr
    assert [path.read_bytes() for path, _ in created] == [text for _, text in created]
    assert (tmp_path / "output/melnraksti/jauna-gramatu-mainas-vieta-rezekne/index.html").exists()


def test_make_new_keeps_the_title_and_region_as_typed(tmp_path: Path) -> None:
    """QA: make read `$5` in TITLE='Cena $5 & …' as its own (empty) variable: the title
    became "Cena  & …" without a word."""
    title = "Cena $5 & $(viss) „tirgū”"
    result = make_new(tmp_path, "article", title, "Latgale")
    assert result.returncode == 0, result.stderr
    assert f'title: "{title}"' in created_path(result).read_text(encoding="utf-8")


@pytest.mark.parametrize(("kind", "title", "region"), NEW_KINDS, ids=[k for k, *_ in NEW_KINDS])
def test_make_new_refuses_to_overwrite(tmp_path: Path, kind: str, title: str,
                                       region: str | None) -> None:
    first = make_new(tmp_path, kind, title, region)
    assert first.returncode == 0, first.stderr
    path = created_path(first)
    path.write_text("redaktora teksts", encoding="utf-8")
    again = make_new(tmp_path, kind, title, region)
    assert again.returncode != 0
    assert "already exists" in again.stderr
    assert path.read_text(encoding="utf-8") == "redaktora teksts"


def test_make_new_without_a_terminal_says_what_is_missing(tmp_path: Path) -> None:
    result = make("new", "KIND=article", "TITLE=Bez reģiona", f"CONTENT={tmp_path}")
    assert result.returncode != 0
    assert "REGION" in result.stderr
    assert list(tmp_path.iterdir()) == []


def article(title: str, date: str = "2026-03-05", extra: str = "") -> str:
    return (f"---\ntitle: {title}\ndate: {date}\nregion: Latgale\nsummary: Īsi.\n{extra}---\n"
            "Teksts.\n")


def test_check_names_each_front_matter_slip_at_its_line_before_building(tmp_path: Path) -> None:
    """What used to publish a draft, lose a field, take another page's address, or stop the
    build late with Pelican's own words: each is a problem at its line, and nothing is built."""
    content = tmp_path / "content"
    (content / "pages").mkdir(parents=True)
    files = {"a.md": article("🎉🎉🎉"), "b.md": article("🎉🎉🎉", "2026-03-06"),
             "c.md": article('"—…!?"'), "pages/x.md": "---\ntitle: ⭐\n---\nTeksts.\n",
             "d.md": article("Melnraksts", extra="stauts: draft\n"),
             "e.md": article("Pulksteņi", "2026-03-29 03:30"),
             "f.md": article("Atstarpe").replace("region: ", "region:\u00a0")}
    for name, text in files.items():
        (content / name).write_text(text, encoding="utf-8")
    result = run_build(tmp_path / "output", "--strict", content=content)
    assert result.returncode == 1
    named = re.findall(r"^error: (\S+:\d+: [\w ]+): .*?\((.+?)\)", result.stderr, re.M)
    no_address = "the title gives no address: it has no letters or digits"
    assert named == [("a.md:2: title", no_address), ("b.md:2: title", no_address),
                     ("c.md:2: title", no_address), ("d.md:6: stauts", "unknown field"),
                     ("e.md:3: date", "this local time does not exist in Riga (clock change"),
                     ("f.md:4: region", "a no-break space, U+00A0, that YAML does not read as a "
                                        "space"),
                     ("pages/x.md:2: title", no_address)], result.stderr
    for words in ("FileOverwriteFailedError", "with slug", "outside the site's output folder",
                  "mapping values"):
        assert words not in result.stderr
    assert not (tmp_path / "output").exists()


def test_the_iso_date_forms_the_check_accepts_are_the_times_pelican_publishes(
        tmp_path: Path) -> None:
    content = tmp_path / "content"
    content.mkdir()
    forms = {"a": "2026-03-05 10:00", "b": "2026-03-05T10:00", "c": "2026-03-05 10:00:00",
             "d": "2026-03-05T9:05:30", "e": "2026-07-05T10:00"}
    for name, date in forms.items():
        (content / f"{name}.md").write_text(article(f"Laiks {name}", date), encoding="utf-8")
    result = run_build(tmp_path / "output", "--strict", content=content)
    assert result.returncode == 0, result.stderr
    published = {name: re.search(r'<time datetime="([^"]+)"', BuiltSite(
        tmp_path / "output", "").page(f"/zinas/2026/laiks-{name}/")).group(1) for name in forms}
    assert published == {"a": "2026-03-05T10:00:00+02:00", "b": "2026-03-05T10:00:00+02:00",
                         "c": "2026-03-05T10:00:00+02:00", "d": "2026-03-05T09:05:30+02:00",
                         "e": "2026-07-05T10:00:00+03:00"}


@pytest.fixture(scope="module")
def site_with_draft(tmp_path_factory: pytest.TempPathFactory) -> Path:
    content = tmp_path_factory.mktemp("draft") / "content"
    shutil.copytree(ROOT / "content", content)
    (content / "melnraksts.md").write_text(DRAFT, encoding="utf-8")
    return content


def files_mentioning(folder: Path, text: str) -> list[str]:
    return [str(p.relative_to(folder)) for p in folder.rglob("*")
            if p.is_file() and text.encode() in p.read_bytes()]


def test_a_draft_is_shown_in_preview_only_at_its_own_address(site_with_draft: Path,
                                                              tmp_path: Path) -> None:
    result = run_build(tmp_path, "--strict", content=site_with_draft)
    assert result.returncode == 0, result.stderr
    assert files_mentioning(tmp_path, "Melnraksts, kas vēl nav gatavs") == [
        "melnraksti/melnraksts-kas-vel-nav-gatavs/index.html"]


@pytest.fixture(scope="module")
def published(site_with_draft: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    output = tmp_path_factory.mktemp("published") / "output"
    result = run_build(output, "--strict", content=site_with_draft, settings="publishconf.py")
    assert result.returncode == 0, result.stderr
    return output


def test_publishing_never_writes_a_draft(published: Path) -> None:
    assert (published / "index.html").exists()
    assert files_mentioning(published, "Melnraksts, kas vēl nav gatavs") == []
    assert files_mentioning(published, "melnraksti") == []


#: What macOS, Windows and emacs leave behind (the QA report): each was copied to /atteli/ or
#: failed `make check`; `.#raksts.md` is emacs' lock, a symbolic link to nowhere.
LEFT_BEHIND = {".DS_Store": b"\x00\x00\x00\x01Bud1 foto.jpg", "._foto.jpg": b"\x00\x05\x16\x07",
               "Thumbs.db": b"\xd0\xcf\x11\xe0 thumbnails", "desktop.ini": b"[.ShellClassInfo]",
               "._raksts.md": b"\x00\x05\x16\x07\x00\x02\x00\x00Mac OS X"}


def test_what_editors_tools_leave_behind_is_never_published_nor_reported(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    gallery = next(folder for folder in sorted((content / "galleries").iterdir()))
    (content / "atteli").mkdir(exist_ok=True)
    shutil.copy(next(gallery.glob("*.jpg")), content / "atteli/foto.jpg")
    for folder in (content, content / "atteli", gallery):
        for name, data in LEFT_BEHIND.items():
            (folder / name).write_bytes(data)
        (folder / ".#raksts.md").symlink_to("redaktors@dators.4242:1700000000")
    output = tmp_path / "output"
    result = run_build(output, "--strict", content=content, settings="publishconf.py")
    assert result.returncode == 0, result.stderr
    assert (output / "atteli/foto.jpg").is_file()
    assert [path for path in output.rglob("*") if left_behind(path.name)] == []
    assert not any(name in result.stderr for name in LEFT_BEHIND)


def test_an_article_no_reader_takes_fails_the_check_naming_it(tmp_path: Path) -> None:
    """`LIELAIS.MD` passed `make check` and was not on the site."""
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    (content / "LIELAIS.MD").write_text(DRAFT.replace("status: draft\n", ""), encoding="utf-8")
    result = run_build(tmp_path / "output", "--strict", content=content)
    assert result.returncode != 0
    assert ("LIELAIS.MD: file: fails netiek lasīts: raksti ir Markdown faili ar galotni .md "
            "(this file is not read: articles are Markdown files whose names end in .md) — "
            "pārsauc to par LIELAIS.md") in result.stderr


def test_published_text_files_have_identical_gzip_and_brotli_copies(published: Path) -> None:
    pages = [p for p in published.rglob("*") if p.suffix in {".html", ".xml", ".css"}
             and p.stat().st_size > 1000]
    assert pages
    for page in pages:
        original = page.read_bytes()
        packed = page.with_name(page.name + ".gz").read_bytes()
        assert gzip.decompress(packed) == original, page
        assert packed[4:8] == b"\0\0\0\0", f"{page}.gz carries a time stamp: not reproducible"
        assert brotli.decompress(page.with_name(page.name + ".br").read_bytes()) == original


def test_preview_builds_are_not_precompressed(built_site: BuiltSite) -> None:
    assert list(built_site.output.rglob("*.gz")) == []


def makefile_targets() -> set[str]:
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    return set(re.findall(r"^([a-z][\w-]*):", text, re.M))


def make_targets_called(command: str) -> list[str]:
    return [target for call in re.findall(r"\bmake\b((?:\s+[\w-]+)+)", command)
            for target in call.split() if not target.startswith("-") and "=" not in target]


def test_the_workflow_tests_publishes_and_deploys_only_main_with_existing_targets() -> None:
    workflow = yaml.safe_load((ROOT / ".github/workflows/site.yml").read_text(encoding="utf-8"))
    triggers = workflow[True]  # YAML 1.1 reads the key `on` as true
    assert triggers["push"]["branches"] == ["main"] and "pull_request" in triggers
    steps = [step for job in workflow["jobs"].values() for step in job.get("steps", [])]
    called = [t for step in steps for t in make_targets_called(step.get("run", ""))]
    assert called == ["test", "publish"]
    assert set(called) <= makefile_targets()
    cached = [str(step.get("with", {}).get("path", "")).split() for step in steps]
    assert [".cache"] in cached, "CI restores every cache (all of .cache/), not some of them"
    deploy = workflow["jobs"]["deploy"]
    assert "refs/heads/main" in deploy["if"] and "push" in deploy["if"]
    for step in steps:
        if "uses" in step:
            assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", step["uses"]), step["uses"]


def test_the_pre_commit_hook_runs_an_existing_target_on_content_changes() -> None:
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    [hook] = [hook for repo in config["repos"] for hook in repo["hooks"]]
    assert set(make_targets_called(hook["entry"])) == {"check"} <= makefile_targets()
    assert re.search(hook["files"], "content/raksts.md")
    assert not re.search(hook["files"], "README.md")
    result = subprocess.run([sys.executable, "-m", "pre_commit", "validate-config",
                             str(ROOT / ".pre-commit-config.yaml")], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
