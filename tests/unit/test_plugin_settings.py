"""One settings reader for every plugin: lower-case keys, the old EVENTS keys still read with a
warning naming the new key, unknown keys and wrong types refused with the plugin's name."""

from __future__ import annotations

import datetime as dt
import logging

import pytest

from kopienu_zinas.common.settings import SettingsError
from kopienu_zinas.events.settings import EventsSettings
from kopienu_zinas.galleries.settings import from_pelican as galleries_settings
from kopienu_zinas.images.settings import from_pelican as images_settings
from kopienu_zinas.newsletter.settings import NewsletterSettings
from kopienu_zinas.search.settings import SearchSettings

BASE = {"SITEURL": "https://example.lv", "BUILD_DATE": "2026-11-23", "CACHE_PATH": "cache"}


def test_events_keys_are_lower_case() -> None:
    settings = EventsSettings.from_pelican({**BASE, "EVENTS": {"refresh_hours": 6,
                                                               "calendar_url": "/notikumi/"}})
    assert settings.refresh == dt.timedelta(hours=6) and settings.calendar_url == "notikumi/"


def test_an_old_upper_case_events_key_works_and_names_its_new_spelling(
        caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING):
        settings = EventsSettings.from_pelican({**BASE, "EVENTS": {"HOME_LIMIT": 7}})
    assert settings.home_limit == 7
    [record] = caplog.records
    assert "EVENTS['HOME_LIMIT'] is now EVENTS['home_limit']" in record.getMessage()


def test_old_and_new_spelling_together_is_an_error() -> None:
    with pytest.raises(ValueError, match=r"both 'HOME_LIMIT' and 'home_limit'"):
        EventsSettings.from_pelican({**BASE, "EVENTS": {"HOME_LIMIT": 7, "home_limit": 2}})


@pytest.mark.parametrize("read, setting, key", [
    (EventsSettings.from_pelican, "EVENTS", "home_limit"),
    (EventsSettings.from_pelican, "EVENTS", "recurrence_limit"),
    (images_settings, "IMAGES", "og_width"),
    (images_settings, "IMAGES", "avif_speed"),
    (galleries_settings, "GALLERIES", "recent"),
    (NewsletterSettings.from_pelican, "NEWSLETTER", "feed_items"),
])
def test_true_is_not_a_number(read: object, setting: str, key: str) -> None:
    with pytest.raises(ValueError, match=rf"{setting}\['{key}'\]: jābūt veselam skaitlim ≥ \d "
                                         r"\(.*must be a whole number ≥ \d\): True"):
        read({**BASE, setting: {key: True}})  # type: ignore[operator]


@pytest.mark.parametrize("read, setting, key", [
    (images_settings, "IMAGES", "warn_location"),
    (SearchSettings.from_pelican, "SEARCH", "index"),
])
def test_a_flag_is_true_or_false_only(read: object, setting: str, key: str) -> None:
    with pytest.raises(ValueError, match=rf"{setting}\['{key}'\]: jābūt True vai False "
                                         r"\(.*must be True or False\): 1"):
        read({**BASE, setting: {key: 1}})  # type: ignore[operator]


@pytest.mark.parametrize("read, setting", [
    (EventsSettings.from_pelican, "EVENTS"), (images_settings, "IMAGES"),
    (galleries_settings, "GALLERIES"), (NewsletterSettings.from_pelican, "NEWSLETTER"),
    (SearchSettings.from_pelican, "SEARCH")])
def test_unknown_keys_and_non_dicts_are_refused_naming_the_plugin(read: object,
                                                                  setting: str) -> None:
    with pytest.raises(ValueError, match=rf"{setting}\['colour'\]: nezināma atslēga "
                                         rf"\(kopienu_zinas\.\w+: unknown {setting} setting\(s\)\): "
                                         r"colour; zināmās \(known\): "):
        read({**BASE, setting: {"colour": "red"}})  # type: ignore[operator]
    with pytest.raises(ValueError, match=rf"{setting}: jābūt vārdnīcai .*must be a dict\): list"):
        read({**BASE, setting: ["colour"]})  # type: ignore[operator]


@pytest.mark.parametrize("read, setting, given, key", [
    (images_settings, "IMAGES", {"widths": 960}, "widths"),
    (images_settings, "IMAGES", {"quality": 80}, "quality"),
    (galleries_settings, "GALLERIES", {"formats": None}, "formats"),
])
def test_one_value_where_a_list_or_dict_is_meant_names_the_key(read: object, setting: str,
                                                              given: dict, key: str) -> None:
    """`widths: 960` (one number for a list of them) was a TypeError traceback, not a
    settings problem at its line (QA of issue 5)."""
    with pytest.raises(SettingsError) as refused:
        read({**BASE, setting: given})  # type: ignore[operator]
    assert refused.value.field == f"{setting}[{key!r}]"
    assert refused.value.detail == repr(given[key])
