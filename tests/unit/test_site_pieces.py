"""Small site pieces without a build: the sitemap, the plugin-registration check, Jinja filters."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment

from kopienu_zinas.site.addresses import content_addresses
from kopienu_zinas.site.sitemap import content_dates, indexable_pages, sitemap_xml
from kopienu_zinas.site.templating import FILTERS
from kopienu_zinas.tools.build import missing_plugins
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
