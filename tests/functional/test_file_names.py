"""File and folder names that are not UTF-8 in content/ — what `unzip` on Linux leaves for
names from a Windows-made ZIP archive (Windows-1257 `zi\\xf2as.md` for `ziņas.md`): QA found
that `make check` stopped with "build stopped (in fingerprint.py:39): UnicodeEncodeError",
with BUILD_DATE a traceback, and that the preview's watcher died (it never built again, and a
new article stayed "not found"). Each such name is one problem, in the editors' format, with
the name meant and a command that renames it; the other problems are listed as before; the
preview shows it and goes on."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

from tests.functional.test_serve import GOOD, GOOD_PAGE
from tests.preview import SERVING, fetch, wait_for
from tests.sitebuild import BUILD_DATE, ROOT, run_build, run_make_check

#: An article that is valid once its file has a name.
ARTICLE = """---
title: {title}
date: 2024-05-02
region: Latgale
summary: Īss apraksts.
---
Teksts.
"""
#: The problem of `zi\xf2as.md`, as `make check` prints it.
ZINAS = ("error: zi\ufffdas.md: file: faila nosaukums nav UTF-8: fails netiek publicēts (the "
         "file name is not UTF-8: the file is not published) — pārsauc failu par 'ziņas.md' "
         "(rename the file to 'ziņas.md': the name read as Windows-1257); terminālī mapē "
         "content/ (in a terminal, in content/): mv -- $'zi\\xf2as.md' 'ziņas.md'")
#: Every name that is not UTF-8 in the site below, as the problems name them.
NAMED = ("R\ufffdzekne: file: mapes nosaukums nav UTF-8",
         "galleries/gr\ufffdmata: file: mapes nosaukums nav UTF-8",
         "galleries/gramatas-plaukta/b\ufffdrni.jpg: file: faila nosaukums nav UTF-8",
         "zi\ufffdas.md: file: faila nosaukums nav UTF-8")
#: An ordinary problem in the same site.
TALKA = "talka.md:3: date: datums nav saprotams (date could not be read): 03.04.2024"


def write(path: bytes, text: str) -> None:
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as file:
        file.write(text)


def windows_names_site(tmp_path: Path) -> Path:
    """The site's content/ with an article, a folder with an article, a gallery folder (its
    photos and captions.yml) and a photo in a gallery, each named in Windows-1257, and an
    article with a date no one can read."""
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    root = os.fsencode(content)
    write(root + b"/zi\xf2as.md", ARTICLE.format(title="Ziņas no Latgales"))
    write(root + b"/R\xe7zekne/raksts.md", ARTICLE.format(title="Rēzeknes ziņas"))
    shutil.copytree(root + b"/galleries/gramatas-plaukta", root + b"/galleries/gr\xe2mata")
    shutil.copy(root + b"/galleries/gramatas-plaukta/01-gramatas-plaukta.jpg",
                root + b"/galleries/gramatas-plaukta/b\xe7rni.jpg")
    (content / "talka.md").write_text(
        ARTICLE.format(title="Talka").replace("2024-05-02", "03.04.2024"), encoding="utf-8")
    return content


def assert_named_each_once(printed: str) -> None:
    assert "Traceback" not in printed and "build stopped" not in printed, printed
    assert ZINAS in printed.splitlines(), printed
    for name in NAMED:
        assert printed.count(name) == 1, (name, printed)
    assert printed.count("nav UTF-8") == len(NAMED), printed
    assert f"error: {TALKA}" in printed, "the other problems are listed as before"


def test_each_name_that_is_not_utf8_is_one_problem_and_the_output_stays(tmp_path: Path) -> None:
    content = windows_names_site(tmp_path)
    output = tmp_path / "output"
    output.mkdir()
    (output / "index.html").write_text("iepriekšējā būve", encoding="utf-8")

    checked = run_make_check(content, output)  # no BUILD_DATE: QA's UnicodeEncodeError
    assert checked.returncode != 0
    assert_named_each_once(checked.stderr)
    dated = run_build(output, "--strict", content=content)  # BUILD_DATE: QA's traceback
    assert dated.returncode == 1
    assert_named_each_once(dated.stderr)
    assert [path.name for path in output.iterdir()] == ["index.html"]
    assert (output / "index.html").read_text(encoding="utf-8") == "iepriekšējā būve"

    # The commands the problems give, deepest first, rename each to the name meant.
    commands = [line[line.index("mv -- "):] for line in dated.stderr.splitlines()
                if "nav UTF-8" in line]
    for command in reversed(commands):
        subprocess.run(["bash", "-c", command], cwd=content, check=True)
    (content / "talka.md").unlink()
    captions = content / "galleries/gramatas-plaukta/captions.yml"
    captions.write_text(captions.read_text(encoding="utf-8").replace("notes:", (
        "  - file: bērni.jpg\n    caption: Bērni\n    alt: Zīmējums\nnotes:")), encoding="utf-8")
    built = run_build(output, "--strict", content=content)
    assert built.returncode == 0, built.stderr
    for page in ("zinas/2024/zinas-no-latgales", "zinas/2024/rezeknes-zinas"):
        assert (output / page / "index.html").is_file(), page


def test_the_preview_names_such_a_file_builds_on_and_stops_on_ctrl_c(tmp_path: Path) -> None:
    """With file events (inotify) the watcher goes over to polling (said in the terminal);
    each such name is shown on the pages and in the terminal; later saves build as before;
    Ctrl+C (SIGINT to the terminal's process group) stops it."""
    content = tmp_path / "content"
    content.mkdir()
    (content / "nakts.md").write_text(GOOD, encoding="utf-8")
    root = os.fsencode(content)
    log = tmp_path / "serve.log"
    with log.open("w", encoding="utf-8") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "kopienu_zinas.tools.serve", "--port", "0", "--content",
             str(content), "--output", str(tmp_path / "output"), "--build-date", BUILD_DATE,
             "--interval", "0.2"],
            cwd=ROOT, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
            start_new_session=True)
        try:
            line = wait_for(lambda: next((x for x in log.read_text("utf-8").splitlines()
                                          if SERVING in x), None), "the preview's address")
            url = line.split("(preview): ")[1].split("/ ")[0]

            def home_with(text: str) -> str:
                return wait_for(lambda: (lambda page: page if page and text in page else None)(
                    fetch(f"{url}/")), f"{text!r} on the home page")

            write(root + b"/zi\xf2as.md", ARTICLE.format(title="Ziņas no Latgales"))
            home_with("zi\ufffdas.md: file: faila nosaukums nav UTF-8")
            write(root + b"/R\xe7zekne/raksts.md", ARTICLE.format(title="Rēzeknes ziņas"))
            home_with("R\ufffdzekne: file: mapes nosaukums nav UTF-8")
            (content / "jauns.md").write_text(ARTICLE.format(title="Jauna ziņa"), "utf-8")
            wait_for(lambda: fetch(f"{url}/zinas/2024/jauna-zina/"), "a new article's page")
            os.rename(root + b"/zi\xf2as.md", os.fsencode(content / "ziņas.md"))
            wait_for(lambda: fetch(f"{url}/zinas/2024/zinas-no-latgales/"), "the renamed one")
            home = home_with("R\ufffdzekne: file:")
            assert "zi\ufffdas.md" not in home
            assert fetch(f"{url}{GOOD_PAGE}")
            os.killpg(process.pid, signal.SIGINT)
            assert process.wait(timeout=60) == 0
        finally:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    terminal = log.read_text(encoding="utf-8")
    assert "Traceback" not in terminal, terminal
    assert "error: zi\ufffdas.md: file: faila nosaukums nav UTF-8" in terminal
    assert "Priekšskatījums beigts (preview stopped)." in terminal
