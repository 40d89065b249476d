"""Selection done in Python, not in templates: related articles, a region's galleries and
events, each bounded by its setting."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from typing import Any

from kopienu_zinas.events.attach import by_region as events_by_region
from kopienu_zinas.events.model import Event
from kopienu_zinas.galleries.generator import by_region as galleries_by_region
from kopienu_zinas.site.related import related
from tests.unit.newsletter_fakes import at, gallery


@dataclass(frozen=True)
class Region:
    slug: str


@dataclass(eq=False)
class Article:
    title: str
    category: Region
    translations: list[Any] = field(default_factory=list)


LATGALE, SELIJA = Region("latgale"), Region("selija")


def test_related_are_three_of_the_regions_four_newest_other_than_this_one() -> None:
    latgale = [Article(f"L{i}", LATGALE) for i in range(6)]  # newest first, as Pelican sorts
    categories = [(LATGALE, latgale), (SELIJA, [Article("S", SELIJA)])]
    assert [a.title for a in related(latgale[0], categories)] == ["L1", "L2", "L3"]
    assert [a.title for a in related(latgale[5], categories)] == ["L0", "L1", "L2"]
    assert related(Article("Vidzeme", Region("vidzeme")), categories) == ()


def test_a_regions_galleries_are_its_newest_up_to_the_recent_setting() -> None:
    shown = [replace(gallery(f"g{i}", f"G{i}", at(f"2024-0{9 - i}-01"), f"galerijas/g{i}/"),
                     articles=(Article("A", LATGALE), Article("B", LATGALE)))
             for i in range(5)]
    other = replace(gallery("s", "S", at("2024-01-01"), "galerijas/s/"),
                    articles=(Article("C", SELIJA),))
    found = galleries_by_region([*shown, other], 4)
    assert [g.name for g in found["latgale"]] == ["g0", "g1", "g2", "g3"]
    assert [g.name for g in found["selija"]] == ["s"]


def test_a_regions_upcoming_events_up_to_the_region_limit() -> None:
    upcoming = [Event(title=f"E{i}", start=dt.date(2026, 12, i + 1), all_day=True,
                      region_slug="latgale" if i % 2 else "selija") for i in range(7)]
    found = events_by_region(upcoming, 2)
    assert [e.title for e in found["latgale"]] == ["E1", "E3"]
    assert [e.title for e in found["selija"]] == ["E0", "E2"]
