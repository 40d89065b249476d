"""Small site pieces without a build: the sitemap, the plugin-registration check, Jinja filters."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

import pytest
from jinja2 import Environment

from kopienu_zinas.common.cachestore import CacheStore
from kopienu_zinas.site.addresses import content_addresses
from kopienu_zinas.site.sitemap import Verdicts, content_dates, indexable_pages, sitemap_xml
from kopienu_zinas.site.templating import FILTERS
from kopienu_zinas.tools.build import missing_plugins
from kopienu_zinas.writing.manifest import Placed, identity
from tests.unit.newsletter_fakes import at


@dataclass
class Item:
    url: str
    date: dt.datetime
    modified: dt.datetime | None = None


def test_sitemap_lists_indexable_pages_with_content_dates(tmp_path: Path) -> None:
    (tmp_path / "zinas/a").mkdir(parents=True)
    (tmp_path / "zinas/a/index.html").write_text("<title>A</title>", encoding="utf-8")
    (tmp_path / "index.html").write_text("<title>Sākums</title>", encoding="utf-8")
    (tmp_path / "404.html").write_text('<meta name="robots" content="noindex">', encoding="utf-8")
    (tmp_path / "izdevums").mkdir()
    (tmp_path / "izdevums/epasts.html").write_text(
        '<meta name="robots" content="noindex, nofollow">', encoding="utf-8")
    assert list(indexable_pages(tmp_path)) == ["", "zinas/a/"]
    article = Item("zinas/a/", at("2024-05-01 10:00"), modified=at("2024-05-03 09:00"))
    context = {"articles": [article], "categories": [(Item("regioni/x/", at("2024-01-01")),
                                                      [article])]}
    dates = content_dates(context, content_addresses({}, context))
    assert dates == {"": article.modified, "zinas/a/": article.modified,
                     "regioni/x/": article.modified}
    xml = sitemap_xml("https://example.lv", ["zinas/a/", "", "a&b/"], dates)
    assert xml.splitlines()[2:5] == [
        "<url><loc>https://example.lv/</loc><lastmod>2024-05-03T09:00:00+03:00</lastmod></url>",
        "<url><loc>https://example.lv/a&amp;b/</loc></url>",
        "<url><loc>https://example.lv/zinas/a/</loc>"
        "<lastmod>2024-05-03T09:00:00+03:00</lastmod></url>"]


def test_a_requested_plugin_that_did_not_register_is_named() -> None:
    registered = ["pelican.plugins.yaml_metadata", "kopienu_zinas.site", "kopienu_zinas.events"]
    requested = ["pelican.plugins.yaml_metadata", "kopienu_zinas.site", "kopienu_zinas.events",
                 "kopienu_zinas.galeries", "yaml_metadata"]
    assert missing_plugins(requested, registered) == ["kopienu_zinas.galeries"]


def render(template: str, **values: object) -> str:
    env = Environment()
    env.filters.update(FILTERS)
    return env.from_string(template).render(page_lang=lambda: "lv", **values)


def test_date_filters_speak_latvian_and_english() -> None:
    moment = at("2024-05-16 18:30")
    assert render("{{ d|date_long }} · {{ d|weekday }} · {{ d|time }}", d=moment) == (
        "2024. gada 16. maijs · ceturtdiena · 18:30")
    assert render("{{ d|month_year }} {{ d|isodate }}", d=dt.date(2024, 5, 1)) == (
        "2024. gada maijs 2024-05-01")


def test_latvian_sort_and_absolute_url_filters() -> None:
    assert render("{{ ['zāle', 'čūska', 'cits', 'ābols']|latvian_sort|join(' ') }}") == (
        "ābols cits čūska zāle")
    assert render("{{ '/par-mums/'|absolute_url }} {{ 'https://x.lv/'|absolute_url }}",
                  SITEURL="https://example.lv/") == "https://example.lv/par-mums/ https://x.lv/"


def placed_pages(output: Path, pages: dict[str, bytes]) -> dict[str, Placed]:
    """Write `pages` under `output` as the writer would, with what it records of each."""
    placed = {}
    for relative, data in pages.items():
        file = output / relative
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_bytes(data)
        placed[str(file)] = Placed(identity(os.stat(file)), hashlib.sha256(data).hexdigest())
    return placed


PAGES = {"index.html": b"<title>S</title>", "404.html": b'<meta name="robots" content="noindex">',
         "zinas/a/index.html": b"<title>A</title>"}


def test_a_page_still_as_placed_is_judged_by_its_digest_without_reading_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    output, store = tmp_path / "output", CacheStore(tmp_path / "cache", "sitemap")
    placed = placed_pages(output, PAGES)
    first = Verdicts(store)
    assert list(indexable_pages(output, placed, first)) == ["", "zinas/a/"]
    first.save()
    opened: list[str] = []
    real_open = open
    monkeypatch.setattr("builtins.open", lambda path, *a, **k: (opened.append(str(path)),
                                                                  real_open(path, *a, **k))[1])
    assert list(indexable_pages(output, placed, Verdicts(store))) == ["", "zinas/a/"]
    assert opened == []


def test_a_page_changed_since_it_was_placed_or_unknown_verdicts_are_read(tmp_path: Path) -> None:
    output, store = tmp_path / "output", CacheStore(tmp_path / "cache", "sitemap")
    placed = placed_pages(output, PAGES)
    verdicts = Verdicts(store)
    list(indexable_pages(output, placed, verdicts))
    verdicts.save()
    (output / "zinas/a/index.html").write_bytes(b'<meta name="robots" content="NOINDEX">')
    assert list(indexable_pages(output, placed, Verdicts(store))) == [""]
    entry = next((tmp_path / "cache" / "sitemap").glob("*/*"))
    entry.write_bytes(entry.read_bytes()[:-5])  # a damaged entry: a miss
    damaged = Verdicts(store)
    assert damaged.previous == {}
    placed = placed_pages(output, {"zinas/a/index.html": b"<title>A</title>"})
    assert list(indexable_pages(output, placed, damaged)) == ["", "zinas/a/"]
