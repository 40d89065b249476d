"""`make serve` in a real browser: an open page reloads itself once the edited site is served."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page

from tests.functional.test_serve import GOOD, GOOD_PAGE, save_like_an_editor
from tests.functional.test_serve_missing import UNCLOSED
from tests.preview import running_preview, wait_for

pytestmark = pytest.mark.browser


def test_an_open_page_reloads_itself_after_a_save(tmp_path: Path, page: Page) -> None:
    content = tmp_path / "content"
    content.mkdir()
    (content / "nakts.md").write_text(GOOD, encoding="utf-8")
    with running_preview(content, tmp_path / "output") as preview:
        requested: list[str] = []
        page.on("request", lambda request: requested.append(request.url))
        page.goto(preview.url + GOOD_PAGE)
        page.wait_for_function("document.body.innerText.includes('Teksts.')")
        page.evaluate("window.openedBeforeTheSave = true")

        save_like_an_editor(content / "nakts.md", GOOD.replace("Teksts.", "Lasījumi līdz rītam."))
        page.wait_for_function("document.body.innerText.includes('Lasījumi līdz rītam.')",
                               timeout=90_000)
        assert page.evaluate("window.openedBeforeTheSave") is None, "a new page, not an edit"
        assert requested and all(url.startswith(preview.url) for url in requested), \
            "the preview asks nothing from elsewhere"


def test_a_broken_save_shows_its_problem_and_the_fixed_save_the_page_again(
        tmp_path: Path, page: Page) -> None:
    """QA: a front matter that could not be read replaced the open page with Python's bare
    English 404, which never reloaded: the editor had to press F5 after the fix."""
    content = tmp_path / "content"
    content.mkdir()
    (content / "nakts.md").write_text(GOOD, encoding="utf-8")
    with running_preview(content, tmp_path / "output") as preview:
        page.goto(preview.url + GOOD_PAGE)
        page.wait_for_function("document.body.innerText.includes('Teksts.')")

        save_like_an_editor(content / "nakts.md", UNCLOSED)
        page.wait_for_function("document.body.innerText.includes('nakts.md:2: title:')",
                               timeout=90_000)
        assert "Šīs adreses lapa netika uzbūvēta" in page.inner_text("body")

        save_like_an_editor(content / "nakts.md", GOOD.replace("Teksts.", "Labots teksts."))
        page.wait_for_function("document.body.innerText.includes('Labots teksts.')",
                               timeout=90_000)
        assert "nakts.md:2:" not in page.inner_text("body")


def test_a_hidden_page_reloads_when_shown_again(tmp_path: Path, page: Page) -> None:
    """Hidden tabs hold no connection (browsers allow about six per host): they catch up
    when shown."""
    content = tmp_path / "content"
    content.mkdir()
    (content / "nakts.md").write_text(GOOD, encoding="utf-8")
    with running_preview(content, tmp_path / "output") as preview:
        page.goto(preview.url + GOOD_PAGE)
        page.evaluate("window.openedBeforeTheSave = true")
        served = preview.current_build()
        hide_or_show(page, hidden=True)
        save_like_an_editor(content / "nakts.md", GOOD.replace("Teksts.", "Rīta kafija."))
        wait_for(lambda: served != preview.current_build(), "the new build's signal")
        page.wait_for_timeout(1000)  # time a listening page would have taken to reload
        assert page.evaluate("window.openedBeforeTheSave"), "a hidden page waits"
        hide_or_show(page, hidden=False)
        page.wait_for_function("document.body.innerText.includes('Rīta kafija.')",
                               timeout=90_000)


def hide_or_show(page: Page, hidden: bool) -> None:
    """What a browser does when its tab is put in the background or brought back."""
    page.evaluate("""hidden => {
        Object.defineProperty(document, "hidden", {value: hidden, configurable: true});
        document.dispatchEvent(new Event("visibilitychange"));
    }""", hidden)
