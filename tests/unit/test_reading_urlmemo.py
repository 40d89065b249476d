"""Pelican's URL formatting remembered while contents are final (reading/urlmemo.py): the same
strings as Pelican's, formatted once per object in the window (all_generators_finalized to
finalized), and afresh outside it, so a change before or after the window shows at once."""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pelican.contents
import pytest
from pelican import signals
from pelican.contents import Article, Page, Static

from kopienu_zinas import reading
from kopienu_zinas.reading import urlmemo
from tests.unit.test_reading_memo import make_article, settings_for


@pytest.fixture
def window() -> Iterator[None]:
    """The window open for the test (and closed after it, whatever happens)."""
    urlmemo.open_window()
    try:
        yield
    finally:
        urlmemo.close_window()


class Counting:
    """Counts Pelican's formattings of content URLs (Article._expand_settings)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.formatted = 0
        expand = Article._expand_settings

        def counted(article: Article, key: str) -> str:
            self.formatted += 1
            return expand(article, key)

        monkeypatch.setattr(Article, "_expand_settings", counted)


def test_the_reading_plugin_installs_the_memo_where_pelican_looks() -> None:
    assert pelican.contents.Content.get_url_setting is urlmemo.get_url_setting


def test_the_window_opens_when_contents_are_final_and_closes_at_every_builds_end() -> None:
    """Opened at `all_generators_finalized` (before the site plugin's receivers, which ask for
    every article's URL), closed at `finalized` and at `initialized` (a build that raised)."""
    reading.register()

    def receivers(signal: object) -> list[object]:
        return list(signal.receivers_for(object()))  # type: ignore[attr-defined]

    assert urlmemo.close_window in receivers(signals.initialized)
    assert urlmemo.close_window in receivers(signals.finalized)
    opening = receivers(signals.all_generators_finalized)
    assert urlmemo.open_window in opening
    from kopienu_zinas.site import linkcheck, sitemap
    for later in (linkcheck.plan_links, sitemap.remember_content_dates):
        if later in opening:
            assert opening.index(urlmemo.open_window) < opening.index(later)


def test_in_the_window_each_url_is_pelicans_and_formatted_once(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, window: None) -> None:
    settings = settings_for(str(tmp_path / "content"))
    article = make_article(settings, str(tmp_path / "content" / "zinas" / "talka.md"))
    expected = {key: urlmemo.ORIGINAL_GET_URL_SETTING(article, key) for key in ("url", "save_as")}
    counting = Counting(monkeypatch)
    asked = []
    for _again in range(3):
        assert article.url == expected["url"] == "selija/anna-liepa/2024/talka-selija/"
        assert article.save_as == expected["save_as"]
        asked.append(counting.formatted)
    # url and save_as once each (no receiver of a plugin loaded by an earlier in-process build
    # asks for them when an article is made: the output guard checks Pelican's validation's)
    assert asked == [2, 2, 2]


def test_a_copy_made_in_the_window_is_formatted_afresh(tmp_path: Path, window: None) -> None:
    settings = settings_for(str(tmp_path / "content"))
    article = make_article(settings, str(tmp_path / "content" / "zinas" / "talka.md"))
    assert article.url == "selija/anna-liepa/2024/talka-selija/"
    other = copy.copy(article)
    other.slug = "cita"
    assert other.url == "selija/anna-liepa/2024/cita/"
    assert article.url == "selija/anna-liepa/2024/talka-selija/"


def test_after_the_window_a_changed_article_has_its_new_url_at_once(tmp_path: Path) -> None:
    """The preview's resident reads saved sources after its build's window (tools/fast_render);
    tests and the next build change articles after it: no URL of the window outlives it."""
    settings = settings_for(str(tmp_path / "content"))
    article = make_article(settings, str(tmp_path / "content" / "zinas" / "talka.md"))
    region = article.category
    urlmemo.open_window()
    assert article.url == "selija/anna-liepa/2024/talka-selija/"
    assert region.url == "category/selija.html"
    urlmemo.close_window()
    article.slug = "cita-talka"
    article.date = dt.datetime(2025, 1, 2)
    region.name = "Latgale"
    assert article.url == "latgale/anna-liepa/2025/cita-talka/"
    assert article.save_as == "latgale/anna-liepa/2025/cita-talka/index.html"
    assert region.url == "category/latgale.html"


def test_static_files_are_never_remembered(tmp_path: Path, window: None) -> None:
    """Pelican moves a static file to its first `{attach}` linker's folder (Static.attach_to),
    possibly while a page is rendered: its URL is asked of Pelican every time."""
    settings = settings_for(str(tmp_path / "content"))
    settings.update(STATIC_URL="{path}", STATIC_SAVE_AS="{path}")
    picture = Static("", settings=settings, source_path=str(tmp_path / "content/atteli/a.jpg"),
                     metadata={"title": "a"})
    linker = make_article(settings, str(tmp_path / "content" / "zinas" / "talka.md"))
    assert picture.get_url_setting("url") == "atteli/a.jpg"
    picture.attach_to(linker)
    assert picture.url == "selija/anna-liepa/2024/talka-selija/a.jpg"


def test_a_page_in_the_window_gives_pelicans_url(tmp_path: Path, window: None) -> None:
    settings = settings_for(str(tmp_path / "content"))
    page = Page("<p>x</p>", metadata={"title": "Par mums"}, settings=settings,
                source_path=str(tmp_path / "content" / "pages" / "par-mums.md"))
    assert page.url == page.url == urlmemo.ORIGINAL_GET_URL_SETTING(page, "url")
    assert page.url == "pages/par-mums.html"
