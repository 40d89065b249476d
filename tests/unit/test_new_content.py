"""`make new` asks for what it was not told, understands editors' answers, and never overwrites."""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pelican.settings import read_settings

from kopienu_zinas.tools.new import EVENT_OFFSET, Refused, complete, create
from tests.sitebuild import ROOT

SETTINGS = read_settings(str(ROOT / "pelicanconf.py"))


def arguments(**given: str) -> argparse.Namespace:
    return argparse.Namespace(kind=given.get("kind"), title=given.get("title"),
                              region=given.get("region"), today="2026-11-23")


def answers(*replies: str) -> tuple[list[str], Callable[[str], str]]:
    asked: list[str] = []
    queue: Iterator[str] = iter(replies)

    def ask(prompt: str) -> str:
        asked.append(prompt)
        return next(queue)

    return asked, ask


def test_it_asks_for_everything_missing_and_retries_what_it_did_not_understand() -> None:
    asked, ask = answers("kas?", "2", "  Bibliotēku nakts  ", "Kurzeme", "selija")
    request = complete(arguments(), SETTINGS, ask)
    assert (request.kind, request.title, request.region) == ("event", "Bibliotēku nakts", "Sēlija")
    assert request.today == dt.date(2026, 11, 23)
    assert len(asked) == 5


def test_a_gallery_needs_no_region_and_given_answers_are_not_asked_again() -> None:
    asked, ask = answers()
    request = complete(arguments(kind="galerija", title="Ilgu muiža"), SETTINGS, ask)
    assert (request.kind, request.region) == ("gallery", None)
    assert asked == []


def test_the_gallery_template_names_the_formats_the_pipeline_takes() -> None:
    from kopienu_zinas.tools.new import captions_text
    request = complete(arguments(kind="galerija", title="Ilgu muiža"), SETTINGS, answers()[1])
    header = captions_text(request).split("title:", 1)[0]
    for ending in (".jpg", ".png", ".webp", ".heic", ".avif", ".tif", ".gif"):
        assert ending in header


@pytest.mark.parametrize(("given", "words"), [
    ({"kind": "video", "title": "X", "region": "Latgale"}, "unknown kind"),
    ({"kind": "article", "title": "X", "region": "Kurzeme"}, "unknown region"),
    ({"kind": "article", "title": "X"}, "REGION"),
])
def test_without_a_terminal_it_refuses_with_the_reason(given: dict[str, str], words: str) -> None:
    with pytest.raises(Refused, match=words):
        complete(arguments(**given), SETTINGS, None)


def test_the_event_lies_ahead_and_nothing_is_overwritten(tmp_path: Path) -> None:
    request = complete(arguments(kind="event", title="Domnīca: kopienas", region="Rēzekne"),
                       SETTINGS, None)
    path = create(request, tmp_path, SETTINGS)
    assert path == tmp_path / "domnica-kopienas.md"
    text = path.read_text(encoding="utf-8")
    assert f"start: {(request.today + EVENT_OFFSET).isoformat()} " in text
    assert 'title: "Domnīca: kopienas"' in text and "status: draft" in text
    with pytest.raises(Refused, match="already exists"):
        create(request, tmp_path, SETTINGS)
    assert path.read_text(encoding="utf-8") == text


@pytest.mark.parametrize("title", ["„…”", "—…!?", "🎉🎉🎉"])  # slugs "", "-", ""
def test_a_title_without_letters_is_refused(tmp_path: Path, title: str) -> None:
    request = complete(arguments(kind="article", title=title, region="Latgale"), SETTINGS, None)
    with pytest.raises(Refused, match="no address"):
        create(request, tmp_path, SETTINGS)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("today", ["2026-13-45", "vakar"])
def test_a_today_that_is_no_date_is_refused_with_its_name(today: str) -> None:
    """QA: `make new … TODAY=2026-13-45` printed a traceback about BUILD_DATE."""
    given = argparse.Namespace(kind="article", title="X", region="Latgale", today=today)
    with pytest.raises(Refused, match=f"TODAY is not a date.*{today}"):
        complete(given, SETTINGS, None)
