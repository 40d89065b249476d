"""`make serve` at an address with no page: a source whose front matter cannot be read has
its problems shown where its page was, with the reload script, so the fix brings the page back
by itself; any other missing address is the site's own "not found" page; a save that empties
the file before writing it starts no build of the empty file."""

from __future__ import annotations

import html
import time
from pathlib import Path

from tests.functional.test_serve import GOOD, GOOD_PAGE, reported_lines, save_like_an_editor
from tests.preview import REBUILDING, fetch_with_status, running_preview, wait_for

#: The QA tester's save: a title whose quote is never closed.
UNCLOSED = GOOD.replace("title: Bibliotēku nakts", 'title: "Bibliotēku nakts: 2. daļa')
DRAFT = """---
title: Zupas vakars Ludzā
date: 2024-04-05
region: Latgale
summary: Zupa visiem.
status: draft
---
Gatavojam zupu.
"""
DRAFT_PAGE = "/melnraksti/zupas-vakars-ludza/"
RELOAD_SCRIPT = '<script src="/__preview__/reload.js" data-build="'
NOT_FOUND = "Lapa nav atrasta"  # the theme's 404 page


def printed_for(terminal: str, source: str) -> list[str]:
    """The problems the terminal printed for one source."""
    return [line for line in reported_lines(terminal) if line.startswith(f"{source}:")]


def without_banner(url: str) -> tuple[int, str] | None:
    """The answer at `url` once it shows no problem banner (the build's facts have come)."""
    answer = fetch_with_status(url)
    return answer if answer and "preview-problems" not in answer[1] else None


def test_a_page_whose_front_matter_breaks_shows_its_problems_until_the_fix(
        tmp_path: Path) -> None:
    """QA: the open page reloaded to Python's bare English "Error code: 404", without the
    reload script, and stayed there after the fix was saved."""
    content = tmp_path / "content"
    content.mkdir()
    (content / "nakts.md").write_text(GOOD, encoding="utf-8")
    (content / "zupa.md").write_text(DRAFT, encoding="utf-8")
    with running_preview(content, tmp_path / "output") as preview:
        preview.page_with(GOOD_PAGE, "Teksts.")
        preview.page_with(DRAFT_PAGE, "Gatavojam zupu.")

        save_like_an_editor(content / "nakts.md", UNCLOSED)
        (content / "zupa.md").write_text("", encoding="utf-8")  # saved empty, and left so
        status, page = preview.answer_with(GOOD_PAGE, "nakts.md:")
        shown = html.unescape(page)
        assert status == 404
        article = printed_for(preview.terminal(), "nakts.md")
        assert article and all(line in shown for line in article), "what the terminal printed"
        assert "nakts.md:2: title:" in article[0] and "Error code" not in shown
        assert "Šīs adreses lapa netika uzbūvēta" in shown and NOT_FOUND in shown
        assert "zupa.md:" not in shown, "only the problems of the page's own source"
        assert RELOAD_SCRIPT in page, "the page reloads itself once the fix is built"

        status, page = preview.answer_with(DRAFT_PAGE, "zupa.md:")
        draft = printed_for(preview.terminal(), "zupa.md")
        assert status == 404 and draft and all(line in html.unescape(page) for line in draft)
        assert RELOAD_SCRIPT in page

        # an address no build of this preview had: every source without a page may be its
        answer = fetch_with_status(f"{preview.url}/zinas/2024/nav-tadas/")
        assert answer and answer[0] == 404 and RELOAD_SCRIPT in answer[1]
        assert all(line in html.unescape(answer[1]) for line in article + draft)

        save_like_an_editor(content / "nakts.md", GOOD.replace("Teksts.", "Labots."))
        save_like_an_editor(content / "zupa.md", DRAFT)
        assert preview.answer_with(GOOD_PAGE, "Labots.")[0] == 200
        assert preview.answer_with(DRAFT_PAGE, "Gatavojam zupu.")[0] == 200

        for address in ("/zinas/2024/nav-tadas/", "/zinas/2024/"):  # no folder listings
            status, page = wait_for(lambda url=preview.url + address: without_banner(url),
                                    f"the site's own 404 page at {address}")
            assert status == 404 and NOT_FOUND in page and RELOAD_SCRIPT in page


def test_a_save_that_empties_the_file_first_builds_the_written_file_only(tmp_path: Path) -> None:
    """An editor that truncates the file and then writes it leaves it empty for a moment: no
    build of the empty file, no problem flashing on the page."""
    content = tmp_path / "content"
    content.mkdir()
    (content / "nakts.md").write_text(GOOD, encoding="utf-8")
    with running_preview(content, tmp_path / "output") as preview:
        preview.page_with(GOOD_PAGE, "Teksts.")
        (content / "nakts.md").write_text("", encoding="utf-8")
        time.sleep(0.8)  # a slow editor's two writes, within the watcher's wait for an empty file
        (content / "nakts.md").write_text(GOOD.replace("Teksts.", "Otrais teksts."), "utf-8")
        preview.page_with(GOOD_PAGE, "Otrais teksts.")
        preview.wait_for_builds(2)
        assert printed_for(preview.terminal(), "nakts.md") == [], "the empty file was not built"
        assert preview.terminal().count(REBUILDING) == 1
