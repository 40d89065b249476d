"""Topic (tag) and author pages keep the oldest article's spelling of their name, whatever a
newer article writes (QA, session 11: a new article renamed a topic site-wide)."""

from __future__ import annotations

import re
from pathlib import Path

from tests.sitebuild import BuiltSite, run_build

ARTICLE = """---
title: {title}
date: {date}
region: Latgale
summary: Īsi.
tags: {tags}
authors: {authors}
---
Teksts.
"""


def write(content: Path, name: str, date: str, tags: str, authors: str) -> None:
    content.mkdir(parents=True, exist_ok=True)
    (content / name).write_text(ARTICLE.format(title=name[:-3].capitalize(), date=date,
                                               tags=tags, authors=authors), encoding="utf-8")


def heading(site: BuiltSite, url: str) -> str:
    found = re.search(r"<h1[^>]*>(.*?)</h1>", site.page(url), re.S)
    assert found, url
    return found.group(1).strip()


def test_newer_spellings_of_a_topic_neither_rename_it_nor_link_it_twice(tmp_path: Path) -> None:
    content, output = tmp_path / "content", tmp_path / "output"
    write(content, "vecs.md", "2024-01-31", "[bibliotēkas, kopienas]", "[Jānis Dzimtais]")
    write(content, "jauns.md", "2026-03-01", '[Kopienas, kopienās, "bibliotēkas!"]',
          "[jānis dzimtais]")
    built = run_build(output, content=content)
    assert built.returncode == 0, built.stderr
    site = BuiltSite(output, "")
    assert heading(site, "/temas/kopienas/") == "Tēma: kopienas"
    assert heading(site, "/temas/bibliotekas/") == "Tēma: bibliotēkas"
    assert "Jānis Dzimtais" in heading(site, "/autori/janis-dzimtais/")
    article = site.page("/zinas/2026/jauns/")
    assert re.findall(r'href="[^"]*/temas/([^"/]*)/" rel="tag">([^<]*)<', article) == [
        ("kopienas", "kopienas"), ("bibliotekas", "bibliotēkas")]
    checked = run_build(output, "--strict", content=content)
    assert checked.returncode != 0
    assert "warning: jauns.md:6: tags: tēma „kopienās” ir tajā pašā adresē /temas/kopienas/ " \
        "kā „kopienas”" in checked.stderr, checked.stderr
    assert "tags: [kopienas, bibliotēkas]" in checked.stderr
    write(content, "jauns.md", "2026-03-01", "[“kopienas”, ”bibliotēkas”]", "[Jānis Dzimtais]")
    checked = run_build(output, "--strict", content=content)
    assert checked.returncode != 0
    assert "error: jauns.md:6: tags: pēdiņas “ ” ap nosaukumu YAML patur kā daļu no nosaukuma" \
        in checked.stderr, checked.stderr
    assert "raksti bez tām: tags: [kopienas, bibliotēkas]" in checked.stderr
