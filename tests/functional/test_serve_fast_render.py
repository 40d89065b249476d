"""The preview's fast render (tools/fast_render.py) leaves to the full build what it cannot show
as that build would (an article's events, a file's problems), and stopping the preview
mid-build leaves no staging folder behind (the QA pass of the fast render)."""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

from tests.functional.test_serve import holding_site, save_like_an_editor
from tests.photos import upright
from tests.preview import AT_ONCE, BUILT, REBUILDING, Preview, running_preview, wait_for
from tests.sitebuild import BUILD_DATE, ROOT

EVENT = """---
title: Talka parkā
slug: talka
date: 2024-04-03
region: Latgale
summary: Sākotnējais kopsavilkums.
events:
  - title: Talka
    start: 2024-05-01 10:00
    location: Parks
---
Nāciet.
"""
EVENT_PAGE = "zinas/2024/talka/index.html"
COVER = """---
title: Bilde
slug: bilde
date: 2024-04-02
region: Latgale
summary: Ar bildi.
image: atteli/a.jpg
image_credit: "Foto: Anna"
---
Teksts.
"""
COVER_PAGE = "zinas/2024/bilde/index.html"


def saved_during_held_build(preview: Preview, output: Path, hold: Path, source: Path,
                            text: str, page: str) -> tuple[bool, bytes]:
    """Save `text` while the full build is held: whether its page was fast-rendered, and the
    page's bytes once the full build has been let go and has finished."""
    before = preview.terminal()
    hold.touch()
    save_like_an_editor(source, text)
    wait_for(lambda: preview.terminal().count(REBUILDING) > before.count(REBUILDING),
             "the full build to start")
    fast = f"{AT_ONCE}{page}" in preview.terminal()[len(before):]
    hold.unlink()
    wait_for(lambda: preview.terminal().count(BUILT) > before.count(BUILT), "the full build")
    return fast, (output / page).read_bytes()


def test_an_article_with_events_waits_for_the_full_build(tmp_path: Path) -> None:
    """An event's calendar description is the article's summary (events/attach.py): a fast
    render, which keeps the events the last build attached, would show the old one."""
    settings, content, hold = holding_site(tmp_path)
    (content / "talka.md").write_text(EVENT, encoding="utf-8")
    output = tmp_path / "output"
    with running_preview(content, output, "--settings", str(settings)) as preview:
        preview.page_with("/zinas/2024/talka/", "Nāciet.")
        fast, full = saved_during_held_build(
            preview, output, hold, content / "talka.md",
            EVENT.replace("Sākotnējais kopsavilkums.", "Jauns kopsavilkums."), EVENT_PAGE)
    assert not fast
    assert '"description": "Jauns kopsavilkums."' in full.decode()


def test_a_problem_fixed_or_made_waits_for_the_full_build(tmp_path: Path) -> None:
    """The preview's banner comes from the full build: fixing the missing image_alt (an
    own-page field) or removing it again is not fast-rendered with a stale banner."""
    settings, content, hold = holding_site(tmp_path)
    upright().save(content / "atteli" / "a.jpg", "JPEG")
    (content / "bilde.md").write_text(COVER, encoding="utf-8")
    output = tmp_path / "output"
    fixed = COVER.replace("image_credit:", "image_alt: Krāsaini kvadrāti\nimage_credit:")
    with running_preview(content, output, "--settings", str(settings)) as preview:
        preview.page_with("/zinas/2024/bilde/", "preview-problems")
        fast, full = saved_during_held_build(preview, output, hold, content / "bilde.md",
                                             fixed, COVER_PAGE)
        assert not fast and b"preview-problems" not in full
        fast, full = saved_during_held_build(preview, output, hold, content / "bilde.md",
                                             fixed.replace("Teksts.", "Cits teksts."), COVER_PAGE)
        assert fast, "a clean file's edit is fast-rendered"
        fast, full = saved_during_held_build(preview, output, hold, content / "bilde.md",
                                             COVER, COVER_PAGE)
        assert not fast and b"preview-problems" in full


def test_stopping_the_preview_during_a_build_leaves_no_staging_folder(tmp_path: Path) -> None:
    settings, content, hold = holding_site(tmp_path)
    (content / "talka.md").write_text(EVENT, encoding="utf-8")
    output = tmp_path / "output"
    log = tmp_path / "serve.log"
    with log.open("w", encoding="utf-8") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "kopienu_zinas.tools.serve", "--port", "0", "--content",
             str(content), "--output", str(output), "--build-date", BUILD_DATE,
             "--settings", str(settings)],
            cwd=ROOT, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        try:
            wait_for(lambda: "Ctrl+C" in log.read_text("utf-8"), "the first build")
            hold.touch()
            save_like_an_editor(content / "talka.md", EVENT.replace("Nāciet.", "Nāciet visi."))
            wait_for(lambda: any(tmp_path.glob(".output.build-*/zinas/2024/talka/index.html")),
                     "the held build's pages")
            process.send_signal(signal.SIGTERM)  # as Ctrl+C: serve.py stops the same way
            process.wait(timeout=30)
        finally:
            hold.unlink(missing_ok=True)
            if process.poll() is None:
                process.kill()
                process.wait()
    wait_for(lambda: not any(tmp_path.glob(".output.build-*")) or None,
             "the staging folder to be removed", timeout=10)
