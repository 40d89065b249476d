"""An article with `lang: en` gets the English interface and English dates; others Latvian."""

from __future__ import annotations

import re
from pathlib import Path

from babel.messages.pofile import read_po

from tests.sitebuild import ROOT, run_build

FIXTURE = ROOT / "tests/fixtures/english"


def english_ui_strings() -> dict[str, str]:
    with (ROOT / "theme/translations/en/LC_MESSAGES/messages.po").open("rb") as source:
        return {m.id: m.string for m in read_po(source, locale="en") if isinstance(m.id, str) and m.id}


def test_english_article_has_english_ui_and_dates(tmp_path: Path) -> None:
    result = run_build(tmp_path / "out", "--strict", content=FIXTURE)
    assert result.returncode == 0, result.stderr
    english = (tmp_path / "out/en/zinas/2024/welcome-to-community-news/index.html").read_text("utf-8")
    latvian = (tmp_path / "out/zinas/2024/sveicinati-kopienu-zinas/index.html").read_text("utf-8")
    assert re.search(r'<html[^>]* lang="en"', english)
    assert re.search(r'<html[^>]* lang="lv"', latvian)
    assert "May 16, 2024" in english and "Thursday" in english
    assert "2024. gada 16. maijs" in latvian and "ceturtdiena" in latvian
    ui = english_ui_strings()
    skip_link = re.search(r'<a[^>]+href="#saturs"[^>]*>([^<]+)</a>', latvian).group(1).strip()
    assert skip_link in ui, "the skip link text must come from the catalog"
    assert ui[skip_link] in english and ui[skip_link] != skip_link
