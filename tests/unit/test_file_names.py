"""File and folder names that are not UTF-8 (what `unzip` on Linux leaves for names from a
Windows-made ZIP archive): each one problem, named as a file manager shows it, with the name
meant and a command that renames it (common/filenames.py); and the preview's watcher, which
watchfiles stops on such a name, goes on (tools/watch.py)."""

from __future__ import annotations

import os
import queue
import time
from pathlib import Path

import pytest

from kopienu_zinas.common.filenames import meant_name, name_problems, shell_quoted
from kopienu_zinas.tools.watch import SourceWatcher, undecodable_path


def make(root: Path, *names: bytes) -> None:
    """Files (and the folders they lie in) under `root`, named by their bytes."""
    top = os.fsencode(root)
    for name in names:
        path = top + b"/" + name
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as file:
            file.write(b"---\ntitle: Teksts\n---\n")


def test_a_windows_1257_file_name_is_one_problem_naming_the_name_meant(tmp_path: Path) -> None:
    make(tmp_path / "content", b"zi\xf2as.md", b"raksts.md")
    assert [problem.format() for problem in name_problems(str(tmp_path / "content"))] == [
        "zi\ufffdas.md: file: faila nosaukums nav UTF-8: fails netiek publicēts (the file name "
        "is not UTF-8: the file is not published) — pārsauc failu par 'ziņas.md' (rename the "
        "file to 'ziņas.md': the name read as Windows-1257); terminālī mapē content/ (in a "
        "terminal, in content/): mv -- $'zi\\xf2as.md' 'ziņas.md'"]


def test_folders_and_what_they_hold_are_named_each_once(tmp_path: Path) -> None:
    """A gallery folder from a Windows archive holds photos with such names too: each is
    named (renaming the folder leaves them as they are), the command keeping the folder's
    bytes; a file a tool leaves behind (`.swp`) is not named."""
    make(tmp_path / "content", b"galleries/gr\xe2mata/b\xe7rni.jpg", b"galleries/gr\xe2mata/01.jpg",
         b"galleries/gr\xe2mata/.b\xe7rni.jpg.swp")
    problems = name_problems(str(tmp_path / "content"))
    assert [(problem.path, problem.what_en) for problem in problems] == [
        ("galleries/gr\ufffdmata", "the folder name is not UTF-8: its files are not published"),
        ("galleries/gr\ufffdmata/b\ufffdrni.jpg",
         "the file name is not UTF-8: the file is not published")]
    assert problems[0].fix.startswith("pārsauc mapi par 'grāmata' (rename the folder to "
                                      "'grāmata': the name read as Windows-1257)")
    assert problems[0].fix.endswith("mv -- $'galleries/gr\\xe2mata' 'galleries/grāmata'")
    assert problems[1].fix.endswith("mv -- $'galleries/grāmata/b\\xe7rni.jpg' "
                                    "'galleries/grāmata/bērni.jpg'")


def test_the_commands_run_in_their_order_rename_everything(tmp_path: Path) -> None:
    """QA re-test: the file's command inside a folder so named used the folder's old name, so
    after the folder's command it failed ("cannot stat")."""
    import subprocess

    content = tmp_path / "content"
    make(content, b"galleries/\xc7kas/f\xe7.jpg", b"galleries/\xc7kas/02.jpg")
    for problem in name_problems(str(content)):
        command = problem.fix.rpartition("): ")[2]
        subprocess.run(["bash", "-c", command], cwd=content, check=True)
    assert name_problems(str(content)) == []
    assert sorted(p.relative_to(content).as_posix() for p in content.rglob("*.jpg")) == [
        "galleries/Ēkas/02.jpg", "galleries/Ēkas/fē.jpg"]


def test_the_code_page_that_gives_likelier_latvian_letters_is_the_guess() -> None:
    """Byte EC is `ģ` in Windows-1257 and `ņ` in cp775 (the DOS code page Windows' own ZIP
    folders use): `ņ` is the likelier letter; a reading with other letters or signs is none."""
    assert meant_name(os.fsdecode(b"zi\xecas.md")) == ("ziņas.md", "cp775 (DOS)")
    assert meant_name(os.fsdecode(b"R\xe7zekne")) == ("Rēzekne", "Windows-1257")
    assert meant_name(os.fsdecode(b"R\x89zekne")) == ("Rēzekne", "cp775 (DOS)")
    assert meant_name(os.fsdecode(b"x\xff\xfe.md")) is None  # no Latvian letter either way
    assert meant_name(os.fsdecode("Rēzekne".encode() + b"\xf2.md")) is None  # half UTF-8


def test_a_name_with_no_guess_is_to_be_typed_anew(tmp_path: Path) -> None:
    make(tmp_path / "saturs", "Rēzekne".encode() + b"\xff.md")
    [problem] = name_problems(str(tmp_path / "saturs"))
    assert problem.path == "Rēzekne\ufffd.md"
    assert problem.fix == (
        "pārsauc failu, nosaukumu uzrakstot no jauna (rename the file, typing the name anew); "
        "terminālī mapē saturs/ (in a terminal, in saturs/): "
        "mv -- $'Rēzekne\\xff.md' 'jauns-nosaukums.md'")


def test_the_command_quotes_as_bash_does() -> None:
    assert shell_quoted("ziņas.md") == "'ziņas.md'"
    assert shell_quoted("Jāņa 'diena'.md") == "$'Jāņa \\'diena\\'.md'"
    assert shell_quoted(os.fsdecode(b"a\\b\x07\xf2")) == "$'a\\\\b\\x07\\xf2'"


def test_the_path_watchfiles_could_not_decode_is_read_from_its_message() -> None:
    """watchfiles writes the path as Rust's `{:?}` does: bytes that are not UTF-8 as \\xHH."""
    error = RuntimeError('Unable to decode path "/s/content/zi\\xF2as.md" to string')
    assert undecodable_path(error) == os.fsdecode(b"/s/content/zi\xf2as.md")
    error = RuntimeError('Unable to decode path "/s/\\"J\\u{101}\\\\\\xe7" to string')
    assert undecodable_path(error) == os.fsdecode('/s/"J\u0101\\'.encode() + b"\xe7")
    assert undecodable_path(RuntimeError("error in underlying watcher: x")) is None


def changed_until(watcher: SourceWatcher, wanted: bytes, timeout: float = 60) -> set[str]:
    """The paths the watcher reports until one of them starts with `wanted` (its bytes)."""
    seen: set[str] = set()
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            seen |= watcher.changes.get(timeout=0.2)
        except queue.Empty:
            continue
        if any(os.fsencode(path).startswith(wanted) for path in seen):
            return seen
    raise AssertionError(f"{wanted!r} not reported; reported: {seen}")


def until_watching(watcher: SourceWatcher, content: Path) -> None:
    """Once the watcher reports a file written (written again until it does)."""
    probe = content / "proba.md"
    for _attempt in range(300):
        make(content, b"proba.md")
        try:
            if str(probe) in watcher.changes.get(timeout=0.2):
                return
        except queue.Empty:
            continue
    raise AssertionError("the watcher never reported a change")


@pytest.mark.parametrize("name", [b"zi\xf2as.md", b"R\xe7zekne/raksts.md"])
def test_the_watcher_reports_such_a_name_and_keeps_watching(
        tmp_path: Path, name: bytes, capsys: pytest.CaptureFixture[str]) -> None:
    """The preview's watcher died with watchfiles' "Unable to decode path" (QA): the
    preview then never built again. With file events (inotify) such a name stops every watch
    (a folder at once, a file whenever it is read); the watcher polls instead, reports the
    name as changed (for the build to name it), and later saves as before."""
    content = tmp_path / "content"
    make(content, b"raksts.md")
    watcher = SourceWatcher([content], [], tmp_path, interval=0.2, poll=False)
    try:
        until_watching(watcher, content)
        make(content, name)
        changed_until(watcher, os.fsencode(content) + b"/" + name.split(b"/")[0])
        with open(os.fsencode(content) + b"/" + name, "rb") as file:
            file.read()  # as every build reads it
        make(content, b"jauns.md")
        changed_until(watcher, os.fsencode(content / "jauns.md"))
        assert all(thread.is_alive() for thread in watcher.threads)
    finally:
        watcher.stop()
        for thread in watcher.threads:
            thread.join(timeout=30)
    terminal = capsys.readouterr().err
    assert "Traceback" not in terminal
    assert ("Failu notikumi nav pieejami (file events unavailable): nosaukums nav UTF-8 "
            "(a name that is not UTF-8): ") in terminal and "(polling)" in terminal
