"""In a build, the work Pelican repeats is done once per title and content: every caller of
Pelican's slugify, Pelican's own modules and ours (common/slugs.py, imported before the reading
plugin, for the content check), gets a title's slug from one memo (reading/memo.py), and the
output guard (site/outputs.py) formats no `save_as` of its own."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from kopienu_zinas.reading import memo, urlmemo
from kopienu_zinas.tools import build
from tests.functional.test_url_memo import settings_args

TITLE = "Talka ar atmiņu Sēlijas parkā"
ARTICLE = f"""---
title: {TITLE}
date: 2024-04-03
region: Latgale
tags: [kultūra]
summary: Par talku parkā.
---
Nāciet visi.
"""


def test_a_titles_slug_is_made_once_and_the_guard_formats_no_address(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    content = tmp_path / "content"
    content.mkdir()
    (content / "talka.md").write_text(ARTICLE, encoding="utf-8")
    slugified: Counter[str] = Counter()
    formatted: Counter[str] = Counter()
    pelican_slugify, pelican_format = memo.ORIGINAL_SLUGIFY, urlmemo.ORIGINAL_GET_URL_SETTING

    def slugify(value: str, **arguments: Any) -> str:
        slugified[value] += 1
        return pelican_slugify(value, **arguments)

    def get_url_setting(content_object: Any, key: str) -> str:
        if getattr(content_object, "title", None) == TITLE:
            formatted[key] += 1
        return pelican_format(content_object, key)

    monkeypatch.setattr(memo, "ORIGINAL_SLUGIFY", slugify)
    monkeypatch.setattr(urlmemo, "ORIGINAL_GET_URL_SETTING", get_url_setting)
    # a `make html` build: the preview also leaves out documents that clash on one file
    # (site/clashes.py), which formats each `save_as` before contents are final
    arguments = [a for a in settings_args(tmp_path) if a != "--preview"]
    assert build.main([*arguments, "--output", str(tmp_path / "output")]) == 0
    assert (tmp_path / "output/zinas/2024/talka-ar-atminu-selijas-parka/index.html").is_file()
    assert slugified[TITLE] == 1
    # Pelican's validation when the article is read (the guard's check too), then once in
    # the URL memo's window (reading/urlmemo.py)
    assert formatted["save_as"] == 2
