"""Scheduled articles: dated after the build's "now", withheld from public builds."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

from kopienu_zinas.common.isodates import RIGA
from kopienu_zinas.common.schedule import is_scheduled, latest_allowed
from kopienu_zinas.site.schedule import withhold_scheduled

NOW = dt.datetime(2026, 11, 30, 12, 0, tzinfo=RIGA)


def test_scheduled_means_strictly_after_now() -> None:
    assert is_scheduled(dt.datetime(2026, 12, 22, 10, 0, tzinfo=RIGA), NOW)
    assert is_scheduled(dt.datetime(2026, 11, 30, 12, 0, 1, tzinfo=RIGA), NOW)
    assert not is_scheduled(NOW, NOW)
    assert not is_scheduled(dt.date(2026, 11, 30), NOW)  # a date alone: its midnight
    assert is_scheduled(dt.date(2026, 12, 1), NOW)
    assert not is_scheduled(dt.datetime(2026, 11, 30, 10, 0, 0, tzinfo=dt.UTC), NOW)  # 12:00 Riga


def test_a_year_ahead_is_the_same_moment_next_year() -> None:
    assert latest_allowed(NOW) == dt.datetime(2027, 11, 30, 12, 0, tzinfo=RIGA)
    leap = dt.datetime(2028, 2, 29, 9, 0, tzinfo=RIGA)
    assert latest_allowed(leap) == dt.datetime(2029, 2, 28, 9, 0, tzinfo=RIGA)


def fake_generator(preview: bool) -> SimpleNamespace:
    def art(title: str, day: int, hour: int = 0, translations=()):
        return SimpleNamespace(title=title, date=dt.datetime(2026, 11, day, hour, tzinfo=RIGA),
                               translations=list(translations))
    english_later = art("Later (en)", 30, 13)
    english_now = art("Now (en)", 30, 9)
    return SimpleNamespace(
        settings={"BUILD_DATE": NOW, "PREVIEW": preview},
        articles=[art("Vakar", 29), art("Šodien 9:00", 30, 9, [english_now]),
                  art("Šodien 13:00", 30, 13, [english_later])],
        translations=[english_now, english_later],
        hidden_articles=[art("Slēpts vēlāk", 30, 18)], hidden_translations=[])


def test_a_public_build_removes_scheduled_articles_and_translations() -> None:
    generator = fake_generator(preview=False)
    withhold_scheduled(generator)
    assert [a.title for a in generator.articles] == ["Vakar", "Šodien 9:00"]
    assert [a.title for a in generator.translations] == ["Now (en)"]
    assert generator.hidden_articles == []
    assert [t.title for t in generator.articles[1].translations] == ["Now (en)"]


def test_the_preview_keeps_them_marked() -> None:
    generator = fake_generator(preview=True)
    withhold_scheduled(generator)
    assert [(a.title, a.scheduled) for a in generator.articles] == [
        ("Vakar", False), ("Šodien 9:00", False), ("Šodien 13:00", True)]
    assert [(a.title, a.scheduled) for a in generator.translations] == [
        ("Now (en)", False), ("Later (en)", True)]
