"""Whole builds of tiny sites: paths that leave content/ or the output folder are named errors
in every build mode and nothing is written outside (issue 10, point 3); `make check` names every
internal link or picture that leads nowhere, with its fix (issue 11, point 7)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

from tests.sitebuild import BUILD_DATE, ROOT, run_build, run_make_check

ARTICLE = """---
title: {title}
date: 2024-05-21
region: Latgale
summary: Īsi.
{extra}---
{body}
"""
SECRET = "private text from above content/"


def site(tmp_path: Path, articles: dict[str, tuple[str, str]]) -> Path:
    """content/ two levels deeper than the output folder, a secret file above content/."""
    content = tmp_path / "a" / "b" / "content"
    (content / "atteli").mkdir(parents=True)
    (content / "pages").mkdir()
    Image.new("RGB", (16, 16), "white").save(content / "atteli" / "foto.jpg")
    (content / "pages" / "par-mums.md").write_text("---\ntitle: Par mums\n---\nTeksts.\n",
                                                   encoding="utf-8")
    (tmp_path / "a" / "secret.txt").write_text(SECRET, encoding="utf-8")
    for number, (name, (extra, body)) in enumerate(articles.items()):
        (content / name).write_text(ARTICLE.format(title=f"Raksts {number}", extra=extra,
                                                   body=body), encoding="utf-8")
    return content


def files_with_secret(tmp_path: Path) -> list[str]:
    return sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*")
                  if p.is_file() and p.suffix in {".txt", ".html", ""}
                  and SECRET in p.read_text(encoding="utf-8", errors="replace"))


def preview(content: Path, output: Path) -> subprocess.CompletedProcess[str]:
    """Pelican itself, as the preview (`make serve`) runs it: errors are logged, not fatal."""
    return subprocess.run(
        [sys.executable, "-m", "pelican", str(content), "-o", str(output), "-s", "pelicanconf.py",
         "-e", f'BUILD_DATE="{BUILD_DATE}"'], cwd=ROOT, capture_output=True, text=True,
        timeout=300, env={**os.environ, "COLUMNS": "500"})


def errors(result: subprocess.CompletedProcess[str]) -> str:
    return " ".join((result.stdout + result.stderr).split())


MODES = {
    "make html": lambda content, output: run_build(output, content=content),
    "make check": lambda content, output: run_make_check(content, output),
    "make publish": lambda content, output: run_build(output, "--strict", content=content,
                                                      settings="publishconf.py"),
    "preview": preview,
}


@pytest.mark.parametrize("mode", MODES)
def test_a_static_link_above_content_is_an_error_and_copies_nothing(tmp_path: Path,
                                                                    mode: str) -> None:
    content = site(tmp_path, {"raksts.md": ("", "Teksts.\n\n![x]({static}/../../secret.txt)")})
    output = tmp_path / "out" / "site"
    result = MODES[mode](content, output)
    assert ("raksts.md:9: image: ceļš iziet ārpus content/ mapes (path leads outside the "
            "content/ folder): {static}/../../secret.txt — ") in errors(result)
    assert files_with_secret(tmp_path) == ["a/secret.txt"]
    if mode != "preview":
        assert result.returncode != 0 and not output.exists()


def test_the_preview_writes_nothing_outside_the_output_folder(tmp_path: Path) -> None:
    content = site(tmp_path, {
        "slug.md": ("slug: ../../../../izbegusi\nevents:\n  - title: Talka\n"
                    "    start: 2026-12-05 10:00\n    location: Ilgu muiža\n", "Teksts."),
        "save-as.md": ("save_as: ../site-2/x.html\n", "Teksts."),
        "labs.md": ("", "Teksts."),
    })
    output = tmp_path / "out" / "site"
    result = preview(content, output)
    text = errors(result)
    assert ("slug.md:6: slug: fails tiktu ierakstīts ārpus vietnes mapes (the file would be "
            "written outside the site's output folder)") in text
    assert ("save-as.md:6: save_as: fails tiktu ierakstīts ārpus vietnes mapes (the file would "
            "be written outside the site's output folder): ../site-2/x.html") in text
    written = {p.relative_to(tmp_path).parts[:2] for p in tmp_path.rglob("*") if p.is_file()}
    assert {parts for parts in written if parts[0] != "a"} == {("out", "site")}
    assert not (tmp_path / "izbegusi").exists()
    assert (output / "zinas/2024/raksts-2/index.html").is_file()


def test_make_check_names_links_and_pictures_that_lead_nowhere(tmp_path: Path) -> None:
    good = "\n".join([
        "[a]({filename}/raksts.md) [b](/par-mums/) [c](../../../par-mums/) [d](/rss.xml)",
        "![e]({static}/atteli/foto.jpg) ![f](/atteli/foto.jpg) [g](/kalendars.ics)",
        "[h](http://localhost:8000/regioni/latgale/) [i](https://kopienuzinas.lv/atom.xml)",
        "[j](webcal://kopienuzinas.lv/regioni/latgale/kalendars.ics) [k](/theme/css/site.css)",
        "[l](https://example.org/nav/) [m](#augsa) [n](mailto:redakcija@example.org)",
        "[o](/kalendars/arhivs/) [p](/izdevums/rss.xml) [q](/galerijas/macibas/)",
        "[r]({category}Latgale) [s]({index})"])
    bad = "\n".join(["Teksts.", "",
                     "[x](/zinas/2024/neesoss-raksts/)", "[x](raksts.md)",
                     "![x](atteli/foto.jpg)", "[x](https://kopienuzinas.lv/nav-tadas/)",
                     "[x]({tag}nav-tadas-temas)"])
    content = site(tmp_path, {"raksts.md": ("", good), "slikts.md": ("", bad)})
    gallery = content / "galleries" / "macibas"
    gallery.mkdir(parents=True)
    Image.new("RGB", (64, 48), "green").save(gallery / "01.jpg")
    (gallery / "captions.yml").write_text(
        "title: Mācības\ndate: 2024-05-01\nphotos:\n  01.jpg:\n    caption: Zāle\n"
        "    alt: Zaļa zāle\n", encoding="utf-8")
    expected = [
        "error: slikts.md:9: link: vietnē nav šādas lapas (no such page on the site): "
        "/zinas/2024/neesoss-raksts/ — pārbaudi adresi; saitei uz citu rakstu raksti "
        "{filename}/faila-nosaukums.md, attēlam {static}/atteli/faila-nosaukums.jpg",
        "error: slikts.md:10: link: saite uz Markdown failu, nevis tā lapu (link to a Markdown "
        "file, not its page): raksts.md — raksti {filename}/raksts.md",
        "error: slikts.md:11: image: ceļš skaitās no lapas adreses, tur šī faila nav (the path "
        "counts from the page's address, where this file is not): atteli/foto.jpg — raksti "
        "{static}/atteli/foto.jpg",
        "error: slikts.md:12: link: vietnē nav šādas lapas (no such page on the site): "
        "https://kopienuzinas.lv/nav-tadas/ — pārbaudi adresi; saitei uz citu rakstu raksti "
        "{filename}/faila-nosaukums.md, attēlam {static}/atteli/faila-nosaukums.jpg",
        "error: slikts.md:13: link: vietnē nav šādas lapas (no such page on the site): "
        "{tag}nav-tadas-temas — pārbaudi adresi; saitei uz citu rakstu raksti "
        "{filename}/faila-nosaukums.md, attēlam {static}/atteli/faila-nosaukums.jpg"]
    assert link_errors(content, tmp_path / "output") == expected
    # Plans are kept between builds (site/linkplans.py): slikts.md, unchanged, reports the same
    # while another article changes; once the page it links to exists, that link is fine.
    (content / "raksts.md").write_text((content / "raksts.md").read_text(encoding="utf-8")
                                       + "\nVēl viens teikums.\n", encoding="utf-8")
    assert link_errors(content, tmp_path / "output") == expected
    (content / "neesoss.md").write_text(ARTICLE.format(
        title="Neesošs raksts", extra="slug: neesoss-raksts\n", body="Teksts."), encoding="utf-8")
    assert link_errors(content, tmp_path / "output") == expected[1:]


def link_errors(content: Path, output: Path) -> list[str]:
    """The error lines of `make check` (which must fail)."""
    result = run_make_check(content, output)
    assert result.returncode != 0
    return [line for line in result.stderr.splitlines() if line.startswith("error: ")]
