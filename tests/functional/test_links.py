"""Whole builds of tiny sites: paths that leave content/ or the output folder are named errors
in every build mode and nothing is written outside (issue 10, point 3); `make check` names every
internal link or picture that leads nowhere, with its fix (issue 11, point 7)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from PIL import Image

from tests.photos import upright
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
        "## Augša", "",
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


def test_links_to_files_with_spaces_and_diacritics_are_published_replaced(tmp_path: Path) -> None:
    """Every form the editors' guide gives for a file name with spaces and diacritics reaches
    the page and the feeds as the article's address; no marker is published anywhere."""
    links = "\n\n".join([
        "[a](<{filename}/Ēkas Ārpusē.md>) [b]({filename}/Ēkas Ārpusē.md)",
        "[c]({filename}/%C4%92kas%20%C4%80rpus%C4%93.md) [d][ekas]",
        "[ekas]: {filename}/%C4%92kas%20%C4%80rpus%C4%93.md \"Ēkas ārpusē\"",
        '<a href="{filename}/Ēkas Ārpusē.md">e</a>'])
    content = site(tmp_path, {"Ēkas Ārpusē.md": ("", "Teksts."),
                              "saites-uz-failiem.md": ("", links)})
    output = tmp_path / "output"
    result = run_build(output, content=content)
    assert result.returncode == 0, result.stderr
    page = (output / "zinas/2024/raksts-1/index.html").read_text(encoding="utf-8")
    hrefs = dict((text, href) for href, text in re.findall(r'href="([^"]*)"[^>]*>([a-e])</a>', page))
    assert hrefs == dict.fromkeys("abcde", "http://localhost:8000/zinas/2024/raksts-0/")
    feed = (output / "atom.xml").read_text(encoding="utf-8")
    assert feed.count("http://localhost:8000/zinas/2024/raksts-0/") >= 5
    markers = [p.relative_to(output).as_posix() for p in output.rglob("*")
               if p.suffix in {".html", ".xml"} and re.search(
                   r"[{|](filename|static|attach)[}|]", p.read_text(encoding="utf-8"))]
    assert markers == []


def test_make_check_names_links_pelican_would_publish_as_written(tmp_path: Path) -> None:
    """A `{filename}` link to a file stored with decomposed letters (as macOS stores them),
    percent-encoded or not, a definition Markdown does not take and a marker outside a link
    were passed by the check and published as `{filename}/…` (Pelican only warned)."""
    decomposed = unicodedata.normalize("NFD", "Ēkas Ārpusē.md")
    bad = "\n".join([
        "[c]({filename}/%C4%92kas%20%C4%80rpus%C4%93.md)", "", "[d][id]", "",
        '[id]: <{filename}/Ēkas Ārpusē.md> "Ēkas"', "", "[e] ({filename}/raksts.md)"])
    content = site(tmp_path, {decomposed: ("", "Teksts."), "raksts.md": ("", "Teksts."),
                              "slikts.md": ("", bad)})
    encoded = "{filename}/E%CC%84kas%20A%CC%84rpuse%CC%84.md"
    assert link_errors(content, tmp_path / "output") == [
        "error: slikts.md:7: link: Pelican failu pēc šāda ceļa neatrod: lapā saite paliktu "
        "neaizstāta (Pelican does not find the file by this path: the page would keep the link "
        "as written): {filename}/%C4%92kas%20%C4%80rpus%C4%93.md — raksti " + encoded
        + " vai pārdēvē failu par ekas-arpuse.md (faila nosaukumā garumzīmes glabājas atsevišķi"
        " no burtiem, kā tās saglabā macOS)",
        "error: slikts.md:11: link: šī zīme nav saitē: lapā tā būtu redzama kā teksts (a marker "
        "outside a link: the page would show it as text): [id]: <{filename}/Ēkas Ārpusē.md> "
        '"Ēkas" — atsauces definīcijā ([id]: …) adresē nedrīkst būt atstarpes: raksti %20 '
        "atstarpes vietā vai saiti tekstā [teksts](<{filename}/faila nosaukums.md>)",
        "error: slikts.md:13: link: šī zīme nav saitē: lapā tā būtu redzama kā teksts (a marker "
        "outside a link: the page would show it as text): [e] ({filename}/raksts.md) — raksti "
        "saiti kā [teksts]({filename}/raksts.md) (starp ] un ( nav atstarpes); faila "
        "nosaukumam ar atstarpēm: [teksts](<{filename}/faila nosaukums.md>); sintaksi rādot, "
        "liec to `…` zīmēs"]


def test_a_marker_pelican_leaves_in_the_page_is_an_error(tmp_path: Path) -> None:
    """Markdown reads no link inside a raw HTML block: the page would show `{filename}/…` as
    text. The link check reads the page Pelican makes, so nothing the reading of the source
    misses reaches a page or a feed."""
    body = "Teksts.\n\n<div class=\"izcelts\">\nSkat. [rakstu]({filename}/raksts.md).\n</div>"
    content = site(tmp_path, {"raksts.md": ("", "Teksts."), "izcelts.md": ("", body)})
    assert link_errors(content, tmp_path / "output") == [
        "error: izcelts.md:10: link: Pelican šo zīmi lapā atstātu neaizstātu (Pelican would "
        "leave this marker in the page unreplaced): {filename}/raksts.md). — {filename} der "
        "saitei uz rakstu vai lapu, {static} — uz failu content/ mapē; raksti saiti Markdown: "
        "[teksts]({filename}/raksts.md), ne HTML blokā"]


def test_a_link_to_a_picture_that_cannot_be_processed_names_the_picture_s_problem(
        tmp_path: Path) -> None:
    """A truncated picture in atteli/ is there, so "the file is not published — put it into
    content/atteli/" (what a link to it was told) sent editors looking for the wrong fault. The
    link check tells each link what is wrong with the picture and to fix the picture."""
    body = "![x]({static}/atteli/bojats.jpg)\n\n[y](/atteli/bojats.jpg)"
    content = site(tmp_path, {"raksts.md": ("", body)})
    upright().save(tmp_path / "vesels.jpg", "JPEG")  # its header whole: only processing fails
    (content / "atteli" / "bojats.jpg").write_bytes((tmp_path / "vesels.jpg").read_bytes()[:3000])
    result = run_build(tmp_path / "out", "--strict", content=content)
    assert result.returncode != 0
    errors = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    truncated = ("attēla fails ir nepilnīgs (beidzas pirms attēla beigām)",
                 "image file is cut short (it ends before the picture does)",
                 "saglabā vai eksportē attēlu no jauna (šis, iespējams, nav nokopēts līdz galam)")
    assert errors[0] == "error: atteli/bojats.jpg: image: {} ({}) — {}".format(*truncated)
    assert errors[1:] == [
        f"error: raksts.md:{line}: {field}: attēls netiek publicēts: {truncated[0]} (the picture "
        f"is not published: {truncated[1]}): {target} — izlabo atteli/bojats.jpg "
        f"({truncated[2]})" for line, field, target in [
            (7, "image", "{static}/atteli/bojats.jpg"), (9, "link", "/atteli/bojats.jpg")]]
