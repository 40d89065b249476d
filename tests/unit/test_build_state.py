"""One build's state (common/build.py): "now" fixed once, and each parse shared by the content
check and the generators, so events and galleries are read once per build."""

import datetime as dt
from pathlib import Path
from types import SimpleNamespace

import pytest
from PIL import Image

from kopienu_zinas.common.build import build_of, open_build
from kopienu_zinas.common.clock import build_now
from kopienu_zinas.common.frontmatter import discover_documents
from kopienu_zinas.common.isodates import RIGA
from kopienu_zinas.common.problems import ContentRoot
from kopienu_zinas.events import attach, checks
from kopienu_zinas.events.settings import EventsSettings
from kopienu_zinas.galleries import discover

ARTICLE = """---
title: Talka
date: 2026-11-01
region: Latgale
events:
  - start: 2026-12-05 10:00
    location: Rēzekne
  - start: 2026-12-32
---
Teksts.
"""


def pelican_for(root: Path, build_date: str | None = "2026-11-23") -> SimpleNamespace:
    return SimpleNamespace(settings={"PATH": str(root), "BUILD_DATE": build_date,
                                     "SITEURL": "https://kopienuzinas.lv"})


def test_now_is_resolved_once_per_build_and_is_not_a_setting(tmp_path: Path) -> None:
    pelican = pelican_for(tmp_path, build_date=None)  # the real clock
    build = open_build(pelican)
    assert build_now(pelican.settings) is build.now
    assert build_of(dict(pelican.settings)) is None  # a copy is not this build's settings
    assert set(pelican.settings) == {"PATH", "BUILD_DATE", "SITEURL"}


def test_the_content_check_and_the_calendar_share_one_parse_of_the_events(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "talka.md").write_text(ARTICLE, encoding="utf-8")
    calls: list[object] = []
    parse = checks.parse_events
    monkeypatch.setattr(checks, "parse_events", lambda *a: calls.append(a) or parse(*a))
    pelican = pelican_for(tmp_path)
    open_build(pelican)
    documents, _ = discover_documents(tmp_path)
    problems = checks.check_documents(None, documents, pelican.settings)
    assert [(p.path, p.line, p.field) for p in problems] == [("talka.md", 8, "events[2].start")]
    article = SimpleNamespace(
        source_path=str(tmp_path / "talka.md"), title="Talka", url="zinas/2026/talka/",
        save_as="zinas/2026/talka/index.html", date=dt.datetime(2026, 11, 1, tzinfo=RIGA),
        category=None, lang="lv", summary="", events=[{"start": "2026-12-05 10:00"}])
    events = attach.article_events(article, EventsSettings.from_pelican(pelican.settings),
                                   pelican.settings, ContentRoot(pelican.settings["PATH"]))
    assert len(calls) == 1
    assert [(e.start, e.location, e.uid) for e in events] == [
        (dt.datetime(2026, 12, 5, 10, tzinfo=RIGA), "Rēzekne",
         "talka.notikums@kopienuzinas.lv")]  # source file talka.md, untitled event


def test_galleries_are_discovered_once_per_build(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "galleries" / "talka"
    folder.mkdir(parents=True)
    Image.new("RGB", (40, 30), "green").save(folder / "a.jpg")
    (folder / "captions.yml").write_text(
        "title: Talka\ndate: 2026-11-01\nphotos:\n  - file: a.jpg\n    caption: Talka\n"
        "    alt: Zaļš laukums\n", encoding="utf-8")
    calls: list[Path] = []
    read = discover.discover
    monkeypatch.setattr(discover, "discover",
                        lambda root, pixels: calls.append(root) or read(root, pixels))
    pelican = pelican_for(tmp_path)
    assert discover.discover_once(pelican.settings, 10**8) == discover.discover_once(
        pelican.settings, 10**8)
    assert len(calls) == 2  # outside a build nothing is kept
    open_build(pelican)
    first = discover.discover_once(pelican.settings, 10**8)
    assert discover.discover_once(pelican.settings, 10**8) is first
    assert [g.name for g in first[0]] == ["talka"] and len(calls) == 3
