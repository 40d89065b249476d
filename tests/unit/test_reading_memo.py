"""Pelican's slugify and source-path arithmetic, memoized (reading/memo.py), give exactly what
Pelican computes, and an article's URL still follows every change made to it before writing."""

from __future__ import annotations

import copy
import datetime as dt
import inspect
import os
from pathlib import Path

import pelican.contents
import pelican.urlwrappers
import pelican.utils
import pytest
from markupsafe import Markup
from pelican.contents import Article
from pelican.settings import DEFAULT_CONFIG
from pelican.urlwrappers import Author, Category

from kopienu_zinas.common import slugs
from kopienu_zinas.reading import memo

SUBSTITUTIONS = [
    (),
    DEFAULT_CONFIG["SLUG_REGEX_SUBSTITUTIONS"],
    [["ž", "zh"], [r"[^\w\s-]", ""]],  # lists, as a JSON or YAML setting gives them
]
TEXTS = ["Sēlijas kopienu „Darbīgā” diena", "  ĻOTI   Svarīgi!  ", "<b>Tags</b> un tā",
         Markup("Jau <i>drošs</i> teksts"), "", "Ēdiens & dzēriens: 2024/25"]


@pytest.mark.parametrize("subs", SUBSTITUTIONS)
@pytest.mark.parametrize("preserve_case", [False, True])
@pytest.mark.parametrize("use_unicode", [False, True])
def test_slugify_gives_pelicans_slug_for_every_argument(subs, preserve_case, use_unicode) -> None:
    for text in TEXTS:
        for _twice in range(2):  # the second call comes from the memo
            assert memo.slugify(text, regex_subs=subs, preserve_case=preserve_case,
                                use_unicode=use_unicode) == memo.ORIGINAL_SLUGIFY(
                text, regex_subs=subs, preserve_case=preserve_case, use_unicode=use_unicode)


def test_the_reading_plugin_installs_the_memos_where_pelican_looks() -> None:
    """(The site plugin may have wrapped them since: common/slugs.py `plain_text`.)"""
    assert inspect.unwrap(pelican.utils.slugify) is memo.slugify
    assert inspect.unwrap(pelican.contents.slugify) is memo.slugify
    assert inspect.unwrap(pelican.urlwrappers.slugify) is memo.slugify
    assert pelican.contents.Content.get_relative_source_path is memo.get_relative_source_path


def test_our_slugs_are_the_memos_whenever_our_module_was_imported(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """common/slugs.py is imported before the reading plugin (the settings file imports our
    plugins' settings): it holds no slugify of Pelican's by name, so its slugs come from the
    memo the plugin installed, and a title is slugified once for it and for Pelican."""
    calls: list[str] = []

    def counting(value: str, **arguments: object) -> str:
        calls.append(value)
        return pelican_slugify(value, **arguments)

    pelican_slugify = memo.ORIGINAL_SLUGIFY
    monkeypatch.setattr(memo, "ORIGINAL_SLUGIFY", counting)
    title = "Slugs no atmiņas: test_our_slugs_are_the_memos"  # in no other test's memo
    settings = settings_for("content")
    assert slugs.slugify_with_settings(title, settings) == "slugs-no-atminas-test_our_slugs_are_the_memos"
    assert pelican.utils.slugify(title, regex_subs=settings["SLUG_REGEX_SUBSTITUTIONS"]) == \
        slugs.slugify_with_settings(title, settings)
    assert calls == [title]


def settings_for(root: str) -> dict:
    settings = copy.deepcopy(DEFAULT_CONFIG)
    settings.update(PATH=root, ARTICLE_URL="{category}/{author}/{date:%Y}/{slug}/",
                    ARTICLE_SAVE_AS="{category}/{author}/{date:%Y}/{slug}/index.html")
    return settings


def make_article(settings: dict, source: str, **metadata) -> Article:
    fields = {"title": "Talka Sēlijā", "date": dt.datetime(2024, 5, 1, 10, 0),
              "category": Category("Sēlija", settings), "author": Author("Anna Liepa", settings),
              **metadata}
    return Article("<p>x</p>", metadata=fields, settings=settings, source_path=source)


@pytest.mark.parametrize("root", ["content", "../a/./content", "/srv/site/content",
                                  "/srv/site/content/", "../../../../../../../../content"])
@pytest.mark.parametrize("source", ["zinas/talka.md", "/srv/site/content/zinas/talka.md",
                                    "../other/x.md", "/elsewhere/y.md"])
def test_relative_paths_are_pelicans_in_any_working_folder(tmp_path: Path, root: str,
                                                           source: str) -> None:
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    here = os.getcwd()
    try:
        for folder in (tmp_path, deep, tmp_path):  # the same arguments, another meaning
            os.chdir(folder)
            article = make_article(settings_for(root), source)
            relative = memo.ORIGINAL_RELATIVE_SOURCE_PATH(article)
            assert article.get_relative_source_path() == relative
            assert article.get_relative_source_path("x/../y.md") == \
                memo.ORIGINAL_RELATIVE_SOURCE_PATH(article, "x/../y.md")
            assert article.relative_dir == memo.ORIGINAL_RELATIVE_DIR.fget(article)
            assert article.relative_source_path == relative
    finally:
        os.chdir(here)


def test_an_articles_url_follows_every_change_before_it_is_written(tmp_path: Path) -> None:
    """No URL is remembered: changing the slug, category, author, date, language or source
    path (as our pretaxonomy receivers and Pelican's generators do) changes it at once."""
    settings = settings_for(str(tmp_path / "content"))
    article = make_article(settings, str(tmp_path / "content" / "zinas" / "talka.md"))
    assert article.url == "selija/anna-liepa/2024/talka-selija/"
    article.slug = "cita-talka"
    article.category = Category("Latgale", settings)
    article.author = Author("Ēriks Ozols", settings)
    article.date = dt.datetime(2025, 1, 2)
    assert article.url == "latgale/eriks-ozols/2025/cita-talka/"
    assert article.save_as == "latgale/eriks-ozols/2025/cita-talka/index.html"
    settings["ARTICLE_URL"] = "{path}"
    article.source_path = str(tmp_path / "content" / "citur" / "talka.md")
    assert article.url == "citur/talka.md"
    article.metadata["path"] = "noteikts/cels.md"
    assert article.url == "noteikts/cels.md"


def resolved_relative(source, content_root) -> str:
    """What common/problems.relative_source computed with pathlib before it used strings."""
    root = Path(content_root).resolve()
    path = (root / source).resolve()
    return path.relative_to(root).as_posix() if path.is_relative_to(root) else path.as_posix()


def test_relative_source_is_what_pathlib_resolves(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """Editors' paths in problems (safety net, events): symbolic links in and out of content/,
    `..`, the folder itself, absolute paths, relative roots, a link loop (an error either way)."""
    from kopienu_zinas.common.problems import ContentRoot, relative_source

    (tmp_path / "c" / "a").mkdir(parents=True)
    (tmp_path / "x").mkdir()
    (tmp_path / "c" / "a" / "f.md").write_text("x", encoding="utf-8")
    (tmp_path / "c" / "ara").symlink_to(tmp_path / "x")
    (tmp_path / "c" / "iek").symlink_to(tmp_path / "c" / "a")
    (tmp_path / "caur").symlink_to(tmp_path / "c")
    (tmp_path / "c" / "cilpa").symlink_to(tmp_path / "c" / "cilpa")
    monkeypatch.chdir(tmp_path)
    for root in (tmp_path / "c", f"{tmp_path}/c/", "c", "c/", "", "/", tmp_path / "caur",
                 "caur/a/.."):
        for source in ("a/f.md", "/etc/hosts", "ara/z.md", "iek/f.md", "../c/a/f.md", ".",
                       tmp_path / "c" / "a" / "f.md", "a//f.md", "nav/../a/f.md", "cilpa/x",
                       tmp_path / "c" / "iek" / "f.md", tmp_path / "c" / "nav.md",
                       f"{tmp_path}/c/a/./f.md", "a/f.md/x", tmp_path / "caur" / "a" / "f.md"):
            try:
                expected = resolved_relative(source, root)
            except RuntimeError:
                with pytest.raises(RuntimeError):
                    relative_source(source, root)
                with pytest.raises(RuntimeError):
                    ContentRoot(root).relative(source)
                continue
            assert relative_source(source, root) == expected, (root, source)
            assert ContentRoot(root).relative(source) == expected, (root, source)


def test_slugs_are_kept_for_the_next_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                           ) -> None:
    """Each build made its 4,000 titles' slugs again (0.25 s at 4,000 articles): the slugs a
    build asked for are kept in the reading cache, and the next process takes them instead of
    slugifying; a damaged entry is not used."""
    from kopienu_zinas.common.cachestore import CacheStore

    made: list[str] = []
    pelican_slugify = memo.ORIGINAL_SLUGIFY

    def counting(value: str, **arguments: object) -> str:
        made.append(value)
        return pelican_slugify(value, **arguments)

    monkeypatch.setattr(memo, "ORIGINAL_SLUGIFY", counting)
    monkeypatch.setattr(memo, "_slugs", {})
    store = CacheStore(tmp_path, "slugs")
    titles = ["Kept: Sēlijas diena", "Kept: Ēdiens & dzēriens"]
    expected = [pelican_slugify(title) for title in titles]
    memo.keep_slugs(store)
    assert [memo.slugify(title) for title in titles] == expected
    memo.save_slugs(store)
    assert made == titles
    for damaged in (False, True):
        monkeypatch.setattr(memo, "_slugs", {})  # a new process
        made.clear()
        if damaged:
            for entry in tmp_path.glob("slugs/*/*"):
                entry.write_bytes(entry.read_bytes()[:-3])
        memo.keep_slugs(store)
        assert [memo.slugify(title) for title in titles] == expected
        memo.save_slugs(store)
        assert made == (titles if damaged else [])
