"""The safety net: whatever goes wrong while one source is processed is named against that
source, the rest of the build's problems are still collected, and never "build stopped"."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import markdown
import pytest
from pelican import contents

from kopienu_zinas.site.feeds import FeedWriter
from kopienu_zinas.tools import build
from tests.sitebuild import BUILD_DATE, run_build

ARTICLE = """---
title: {title}
date: 2024-04-0{day}
region: Latgale
summary: Īss kopsavilkums.
---
{body}
"""


def article(content: Path, name: str, title: str, body: str = "Teksts.", day: int = 1) -> None:
    content.mkdir(parents=True, exist_ok=True)
    (content / name).write_text(ARTICLE.format(title=title, body=body, day=day), encoding="utf-8")


def errors(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("error: ")]



def markdown_raises_on_neparasts(monkeypatch: pytest.MonkeyPatch, error: Exception) -> None:
    """Make the Markdown library raise `error` on any text with the word NEPARASTS."""
    convert = markdown.Markdown.convert

    def fragile(self: markdown.Markdown, source: str) -> str:
        if "NEPARASTS" in source:
            raise error
        return convert(self, source)

    monkeypatch.setattr(markdown.Markdown, "convert", fragile)

def test_titles_too_long_for_a_file_name_are_each_named_and_the_output_kept(tmp_path: Path) -> None:
    content = tmp_path / "content"
    long_title = " ".join(["Garš virsraksts par kopienas dzīvi Latgalē"] * 10)
    article(content, "pirmais.md", long_title, day=1)
    article(content, "otrais.md", long_title + " otrais", day=2)
    article(content, "labs.md", "Labs raksts", day=3)
    output = tmp_path / "output"
    result = run_build(output, content=content)
    assert result.returncode != 0
    assert sorted(line.split(" ", 2)[1] for line in errors(result.stderr)) == [
        "otrais.md:2:", "pirmais.md:2:"], result.stderr
    assert all("title: " in line and "slug:" in line for line in errors(result.stderr))
    assert "build stopped" not in result.stderr
    assert not output.exists(), "a failed build leaves no half-written site"


def test_a_link_to_a_page_that_could_not_be_written_is_not_reported_again(
        tmp_path: Path) -> None:
    """The page's own problem names what to fix; "a page this build does not publish (a draft
    or scheduled)" against every article linking to it would send the editor the wrong way."""
    content = tmp_path / "content"
    long_title = " ".join(["Garš virsraksts par kopienas dzīvi Latgalē"] * 10)
    article(content, "garais.md", long_title, day=1)
    article(content, "labs.md", "Labs raksts", body="Skat [garo]({filename}garais.md).", day=2)
    result = run_build(tmp_path / "output", content=content)
    assert result.returncode != 0
    assert [line.split(" ", 2)[1] for line in errors(result.stderr)] == ["garais.md:2:"], \
        result.stderr
    assert "1 problem(s)" in result.stderr


def test_a_save_as_on_an_events_own_ics_is_named_at_its_line_not_lost(tmp_path: Path) -> None:
    """An event's .ics lies beside its article at a name no setting gives; an article whose
    own `save_as:` took it was written and the calendar file silently replaced it."""
    content = tmp_path / "content"
    article(content, "koncerts.md", "Koncerts", day=1, body="Teksts.")
    text = (content / "koncerts.md").read_text(encoding="utf-8")
    (content / "koncerts.md").write_text(text.replace("summary: Īss kopsavilkums.\n", (
        "summary: Īss kopsavilkums.\nevents:\n  - title: Dzejas vakars\n"
        "    start: 2024-05-01 18:00\n    location: Zāle\n")), encoding="utf-8")
    article(content, "cits.md", "Cits", day=2)
    text = (content / "cits.md").read_text(encoding="utf-8")
    (content / "cits.md").write_text(text.replace("summary: Īss kopsavilkums.\n", (
        "summary: Īss kopsavilkums.\n"
        "save_as: zinas/2024/koncerts/notikums-dzejas-vakars.ics\n")), encoding="utf-8")
    result = run_build(tmp_path / "output", content=content)
    assert result.returncode != 0
    assert [line.split(": ", 4)[1:4] for line in errors(result.stderr)] == [
        ["cits.md:6", "save_as", "šī adrese jau ir vietnes pašas failam (the address is "
         "already a file the site writes itself)"]], result.stderr


def in_process_build(content: Path, output: Path, *extra: str) -> int:
    return build.main(["--content", str(content), "--output", str(output),
                       "--build-date", BUILD_DATE, *extra])


def test_a_library_raising_while_reading_names_the_file_and_the_rest_goes_on(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    markdown_raises_on_neparasts(monkeypatch, IndexError("list index out of range"))
    content = tmp_path / "content"
    article(content, "a-slikts.md", "Slikts", body="NEPARASTS teksts", day=1)
    article(content, "b-labs.md", "Labs", day=2)
    assert in_process_build(content, tmp_path / "out") != 0
    stderr = capsys.readouterr().err
    assert errors(stderr) == [
        "error: a-slikts.md:1: file: šo failu neizdevās apstrādāt (IndexError: list index out "
        "of range) (this file could not be processed while reading) — pārbaudi neparastas "
        "vietas šajā failā (rakstzīmes, tabulas, saites); ja nevari atrast, sūti šo ziņu "
        "izstrādātājiem"], stderr
    assert "build stopped" not in stderr


def test_pelican_failing_on_one_file_names_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    slugify = contents.slugify

    def fragile(value: str, *args: object, **kwargs: object) -> str:
        if "Neparasts" in value:
            raise UnicodeError("odd input")
        return slugify(value, *args, **kwargs)

    monkeypatch.setattr(contents, "slugify", fragile)
    content = tmp_path / "content"
    article(content, "neparasts.md", "Neparasts virsraksts", day=1)
    article(content, "labs.md", "Labs", day=2)
    assert in_process_build(content, tmp_path / "out") != 0
    stderr = capsys.readouterr().err
    assert [line.split(": ")[1:3] for line in errors(stderr)] == [["neparasts.md:1", "file"]]
    assert "UnicodeError: odd input" in stderr and "build stopped" not in stderr


def test_a_feed_that_cannot_take_an_article_names_that_article(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    add = FeedWriter._add_item_to_the_feed

    def fragile(self: FeedWriter, feed: object, item: object) -> None:
        if "Nebarojams" in item.title:  # type: ignore[attr-defined]
            raise ValueError("All strings must be XML compatible")
        add(self, feed, item)

    monkeypatch.setattr(FeedWriter, "_add_item_to_the_feed", fragile)
    content = tmp_path / "content"
    article(content, "nebarojams.md", "Nebarojams", day=1)
    article(content, "labs.md", "Labs", day=2)
    assert in_process_build(content, tmp_path / "out") != 0
    stderr = capsys.readouterr().err
    assert [line.split(": ")[1:3] for line in errors(stderr)] == [["nebarojams.md:1", "file"]]
    assert "while writing the feeds" in stderr and "build stopped" not in stderr


def test_the_issues_example_a_vertical_tab_is_named_not_a_crash(tmp_path: Path) -> None:
    content = tmp_path / "content"
    article(content, "word.md", "No Word", body="Pirmā rinda\x0bturpinājums.")
    result = run_build(tmp_path / "out", content=content)
    assert result.returncode != 0
    assert errors(result.stderr) == [
        "error: word.md:7: text: neredzama aizliegta rakstzīme (a character XML 1.0 forbids): "
        "U+000B vertikālā tabulācija (vertical tab) (kolonna 12) — izdzēs to un uzraksti "
        "tekstu vēlreiz (tā bieži ienāk, kopējot no Word vai PDF)"]


@pytest.mark.parametrize("variant", ["bom", "crlf"])
def test_bom_and_crlf_files_build_exactly_like_the_plain_file(tmp_path: Path,
                                                              variant: str) -> None:
    outputs = []
    for name in ("plain", variant):
        content = tmp_path / name / "content"
        article(content, "raksts.md", "Rēzeknes bibliotēkas talka",
                body="Pirmā rindkopa.\n\nOtrā rindkopa ar **ž**.")
        file = content / "raksts.md"
        data = file.read_bytes()
        if name == "bom":
            file.write_bytes(b"\xef\xbb\xbf" + data)
        elif name == "crlf":
            file.write_bytes(data.replace(b"\n", b"\r\n"))
        output = tmp_path / name / "output"
        result = run_build(output, "--strict", content=content)
        assert result.returncode == 0, result.stderr
        outputs.append({str(p.relative_to(output)): p.read_bytes()
                        for p in sorted(output.rglob("*")) if p.is_file()})
    assert outputs[0] == outputs[1]


def test_a_newsletter_introduction_that_cannot_be_read_is_named_and_left_out(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    markdown_raises_on_neparasts(monkeypatch, RecursionError("maximum recursion depth exceeded"))
    content = tmp_path / "content"
    article(content, "labs.md", "Labs", day=2)
    (content / "newsletter").mkdir()
    (content / "newsletter" / "2024-04.md").write_text(
        "---\ntitle: Aprīlis\n---\nNEPARASTS ievads.\n", encoding="utf-8")
    assert in_process_build(content, tmp_path / "out") != 0
    stderr = capsys.readouterr().err
    assert [line.split(": ")[1:3] for line in errors(stderr)] == [["newsletter/2024-04.md:1",
                                                                   "file"]], stderr
    assert "RecursionError" in stderr and "build stopped" not in stderr


def test_an_error_outside_any_guard_is_named_by_the_content_object_it_was_about(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    content = tmp_path / "content"

    def generator_step(article: object) -> None:
        raise KeyError("lang")

    with pytest.raises(KeyError) as caught:
        generator_step(SimpleNamespace(source_path=str(content / "raksts.md")))
    assert build.source_in_traceback(caught.value.__traceback__, str(content)) == "raksts.md"
    build.report_crash(caught.value, str(content), tmp_path / "output")
    [record] = caplog.records
    assert record.content_problem.path == "raksts.md"  # type: ignore[attr-defined]
    assert "KeyError" in record.getMessage() and "build stopped" not in record.getMessage()


def test_an_error_about_a_file_in_content_names_that_file(tmp_path: Path) -> None:
    content = tmp_path / "content"

    def process(photo: Path) -> None:
        raise MemoryError("decoder")

    def gallery_step(root: Path) -> None:
        process(root / "galleries" / "talka" / "a.jpg")

    with pytest.raises(MemoryError) as caught:
        gallery_step(content)
    assert build.source_in_traceback(caught.value.__traceback__, str(content)) == (
        "galleries/talka/a.jpg")


def test_a_crash_about_a_loop_of_links_is_reported_not_crashed_on(tmp_path: Path) -> None:
    """The crash reporter resolved every path in the traceback: a loop of symbolic links made
    it raise in turn ("Symlink loop"), and the editor saw two tracebacks."""
    content = tmp_path / "content"
    content.mkdir()
    (content / "a.md").symlink_to("b.md")
    (content / "b.md").symlink_to("a.md")

    def read(file: Path) -> bytes:
        return file.read_bytes()

    with pytest.raises(OSError) as caught:
        read(content / "a.md")
    assert build.source_in_traceback(caught.value.__traceback__, str(content)) is None


def test_a_full_disk_is_said_once_not_as_each_files_problem(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    """QA (the output on a full 30 MB disk): each page that could not be written was an
    editor's problem, "check the odd characters, tables and links" of a calendar page."""
    import errno

    from pelican.writers import Writer

    def full(self: Writer, name: object, *args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device", str(name))

    monkeypatch.setattr(Writer, "write_file", full)
    content = tmp_path / "content"
    article(content, "a.md", "Raksts")
    output = tmp_path / "output"
    assert in_process_build(content, output) != 0
    stderr = capsys.readouterr().err
    assert errors(stderr) == [
        f"error: diskā nav vietas (no space left on the disk) mapē "
        f"{tmp_path} — atbrīvo vietu un palaid būvēšanu vēlreiz; output/ palika, kāda bija "
        "(was left as it was)"], stderr
    assert not output.exists()
