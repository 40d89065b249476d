"""The Decap CMS configuration follows our content model and writes what `make new` writes."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from pelican.settings import read_settings

from kopienu_zinas.cms.bundle import BundleMissing, bundle_files
from kopienu_zinas.cms.config import decap_config
from kopienu_zinas.cms.settings import CmsSettings
from kopienu_zinas.common.isodates import parse, parse_iso_date
from kopienu_zinas.common.problems import ProblemError
from kopienu_zinas.events.model import FIELDS as EVENT_FIELDS
from kopienu_zinas.events.model import STATUSES, exdate_when, parse_when
from kopienu_zinas.galleries.captions import PHOTO_FIELDS
from kopienu_zinas.site import register
from kopienu_zinas.site.rules import FIELDS as FRONT_MATTER_FIELDS
from kopienu_zinas.tools.new import Request, article_text, captions_text, event_text
from tests.jsregex import js_verdicts, python_verdicts
from tests.signals import registered
from tests.sitebuild import ROOT, problems_in_file


@pytest.fixture(scope="module")
def settings() -> dict:
    return read_settings(str(ROOT / "pelicanconf.py"))


def collection(config: dict, name: str) -> dict:
    return next(c for c in config["collections"] if c["name"] == name)


def fields(container: dict) -> dict[str, dict]:
    return {f["name"]: f for f in container["fields"]}


def test_regions_event_fields_and_statuses_come_from_the_model(settings: dict) -> None:
    config = decap_config({**settings, "REGIONS": ["Sēlija", "Kurzeme"]},
                          CmsSettings.from_pelican(settings))
    article = fields(collection(config, "articles"))
    assert article["region"]["options"] == ["Sēlija", "Kurzeme"]
    event = fields(article["events"])
    assert list(event) == list(EVENT_FIELDS)
    assert [o["value"] for o in event["status"]["options"]] == list(STATUSES)
    photo = fields(fields(collection(config, "galleries"))["photos"])
    assert list(photo) == list(PHOTO_FIELDS)


def test_the_required_fields_are_required(settings: dict) -> None:
    config = decap_config(settings, CmsSettings.from_pelican(settings))
    article = fields(collection(config, "articles"))
    required = {name for name, field in article.items() if field["required"]}
    assert required == {"title", "date", "region", "summary", "body"}
    assert {n for n, f in fields(article["events"]).items() if f["required"]} == {"title", "start"}
    photos = fields(fields(collection(config, "galleries"))["photos"])
    assert {n for n, f in photos.items() if f["required"]} == {"file", "caption", "alt"}


def keys(front_matter: str) -> list[str]:
    return list(yaml.safe_load(front_matter.split("---\n")[1]))


def commented_keys(text: str) -> list[str]:
    """Keys `make new` offers as comments for the editor to fill in (`# image: …`)."""
    return re.findall(r"^# ([a-z_]+):", text, flags=re.MULTILINE)


def test_the_cms_writes_keys_in_the_order_make_new_writes_them(settings: dict) -> None:
    config = decap_config(settings, CmsSettings.from_pelican(settings))
    order = list(fields(collection(config, "articles")))
    request = Request("event", "Talka", "Latgale", dt.date(2024, 4, 20))
    for text in (article_text(request), event_text(request)):
        offered = keys(text) + commented_keys(text)
        assert set(offered) <= set(order)
        assert keys(text) == [k for k in order if k in keys(text)]
        assert commented_keys(text) == [k for k in order if k in commented_keys(text)]
    event_keys = list(yaml.safe_load(event_text(request).split("---\n")[1])["events"][0])
    assert event_keys == [k for k in EVENT_FIELDS if k in event_keys]
    gallery_order = list(fields(collection(config, "galleries")))
    captions = yaml.safe_load(captions_text(request))
    assert list(captions) == [k for k in gallery_order if k in captions]


def test_the_cms_writes_only_front_matter_fields_the_content_check_knows(settings: dict) -> None:
    """A field the check did not know would stop every build of what the CMS saved."""
    config = decap_config(settings, CmsSettings.from_pelican(settings))
    for name, kind in (("articles", "article"), ("pages", "page"), ("newsletter", "newsletter")):
        written = set(fields(collection(config, name))) - {"body"}  # the text, not a field
        assert written <= FRONT_MATTER_FIELDS[kind], (name, written - FRONT_MATTER_FIELDS[kind])


def test_the_bundle_is_the_package_without_source_maps(tmp_path: Path) -> None:
    for name in ("decap-cms.js", "12.decap-cms.js", "12.decap-cms.js.map", "decap-cms.js.map",
                 "cms.js", "a1.wasm", "decap-cms.js.LICENSE.txt"):
        (tmp_path / name).write_text("x")
    assert [p.name for p in bundle_files(tmp_path)] == [
        "12.decap-cms.js", "a1.wasm", "decap-cms.js", "decap-cms.js.LICENSE.txt"]
    with pytest.raises(BundleMissing, match="make html"):
        bundle_files(tmp_path / "nav")


def test_unknown_cms_settings_are_refused() -> None:
    with pytest.raises(ValueError, match=r"CMS\[.repository.\]: nezināma atslēga "
                                         r"\(.*unknown CMS setting\(s\)\): repository"):
        CmsSettings.from_pelican({"CMS": {"repository": "x"}})


@pytest.mark.parametrize("url", ["/admin/", "admin", "../admin/", "a/../../b/"])
def test_the_editor_address_stays_inside_the_site(url: str) -> None:
    with pytest.raises(ValueError, match="site-relative folder"):
        CmsSettings.from_pelican({"CMS": {"url": url}})


def _article_date(text: str) -> bool:
    try:
        parse_iso_date(text)
    except ValueError:
        return False
    return True


def _event_time(text: str) -> bool:
    try:
        parse_when(text, "start", dt.date(2026, 12, 1))
    except ProblemError:
        return False
    return True


def _exdate(text: str) -> bool:
    """An `exdate:` value of a timed event (the CMS cannot know the event's start: the field
    takes the forms of the event that allows the most)."""
    try:
        exdate_when(text, True, dt.date(2026, 12, 1))
    except ProblemError:
        return False
    return True


def _gallery_date(text: str) -> bool:
    """captions.yml `date:` is a day without a time (galleries/discover.py)."""
    try:
        return parse(text)[1] == "date"
    except ValueError:
        return False


#: What editors type into the CMS's date fields (no clock-change hours: a time the build
#: refuses for Riga's clock, not for its form, cf. the content check's own tests).
TYPED = ["2026-12-01", "2026-12-01 10:00", "2026-12-01T10:00", "2026-12-01 10:00:00",
         "2026-12-01T9:05:30", "2026-12-01 9:05", "2026-12", "2026-12-01 24:00",
         "2026-12-01 10:60", "2026-02-29", "2028-02-29", "2026-04-31", "2026-13-01",
         "01.12.2026", "2026-12-01T10:00+02:00", "2026-12-01T10:00Z", "10:00", "2026-1-5"]


@pytest.mark.parametrize(("collection_name", "path", "reads"), [
    ("articles", ("date",), _article_date),
    ("articles", ("events", "start"), _event_time),
    ("articles", ("events", "end"), _event_time),
    ("articles", ("events", "exdate", "field"), _exdate),
    ("galleries", ("date",), _gallery_date),
])
def test_the_cms_date_fields_accept_what_the_build_reads(
        settings: dict, collection_name: str, path: tuple[str, ...], reads: Callable) -> None:
    """The editor's date check and the build agree: `2026-12-01T10:00` or a time with seconds
    is saved, `2026-02-29` or a gallery date with a time is refused before saving."""
    field = collection(decap_config(settings, CmsSettings.from_pelican(settings)),
                       collection_name)
    for name in path:
        field = field[name] if name == "field" else fields(field)[name]  # "field": a list's
    pattern = field["pattern"][0]
    expected = [reads(text) for text in TYPED]
    for verdicts in (python_verdicts(pattern, TYPED), js_verdicts(pattern, TYPED)):
        assert [t for t, v, e in zip(TYPED, verdicts, expected, strict=True) if v != e] == []


#: Addresses an editor may type into the CMS's `slug` field (the empty field writes nothing).
TYPED_SLUGS = ("tirgus-ludza", "2024-tirgus", "a", "rezeknes-domnica-2024", "089", "1e5",
               "0o17", "2024-5-1", "Tirgus-Ludza",
               "tirgus ludza", "tirgus--ludza", "-tirgus", "tirgus-", "tirgus-ludzā",
               "zinas/tirgus", "..", "tirgus_ludza", " tirgus",
               # QA: Decap's YAML 1.2 writer leaves these unquoted, and the build's YAML 1.1
               # reader reads them as yes/no, null, a number or a date
               "no", "yes", "on", "off", "true", "null", "2024", "0", "0777", "0b101", "0x1f",
               "2024-05-01")


def test_articles_and_pages_have_an_optional_slug_field_checked_as_the_build_checks_it(
        settings: dict, tmp_path: Path) -> None:
    """QA: the guide says to keep a published article's address with `slug:` when its title
    is corrected, but the browser editor had no such field for articles. Now articles and
    pages have it (optional, a Latvian hint), and its pattern accepts exactly what the
    content check accepts in `slug:` (Python's `re` and node's `RegExp`, as Decap runs it);
    a newsletter introduction's address is its month, so it has none."""
    config = decap_config(settings, CmsSettings.from_pelican(settings))
    for name, title in (("articles", "Tirgus Ludzā"), ("pages", "Par mums")):
        slug = fields(collection(config, name))["slug"]
        assert (slug["widget"], slug["required"]) == ("string", False)
        assert "veco adreses pēdējo daļu" in slug["hint"]
        accepted = [_slug_accepted(tmp_path, name, title, text) for text in TYPED_SLUGS]
        assert accepted[:8] == [True] * 8 and not any(accepted[8:])
        for verdicts in (python_verdicts(slug["pattern"][0], TYPED_SLUGS),
                         js_verdicts(slug["pattern"][0], TYPED_SLUGS)):
            assert verdicts == accepted
    assert "slug" not in fields(collection(config, "newsletter"))


def _slug_accepted(root: Path, collection_name: str, title: str, slug: str) -> bool:
    """Whether the content check takes `slug:` (an article or a page) as written."""
    name = "raksts.md" if collection_name == "articles" else "pages/lapa.md"
    # as Decap writes it: unquoted, but for white space at its ends
    written = slug if slug == slug.strip() else yaml.safe_dump(slug).splitlines()[0]
    text = (f"---\ntitle: {title}\nslug: {written}\n"
            "date: 2024-05-20\nregion: Latgale\nsummary: Īsi.\n---\n\nTeksts.\n")
    if collection_name == "pages":
        text = text.replace("region: Latgale\nsummary: Īsi.\n", "")
    with registered(register):
        found = problems_in_file(root, name, text, {"REGIONS": ["Latgale"],
                                                    "BUILD_DATE": "2026-11-23"})
    return not [p for p in found if p.field == "slug"]
