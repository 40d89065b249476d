"""The newsletter built from a small fixture site at several dates, and bad introductions.

Fixture: tests/fixtures/newsletter/ (articles in April, May and June 2024, the April one
announcing an event in May, an introduction for May). Builds in June see April and May as issues
and June as the preview.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import feedparser
import pytest

from tests.feedrules import atom_problems, rss_problems
from tests.functional.test_serve import banner, reported_lines
from tests.sitebuild import ROOT, run_build
from tests.sources import front_matter

FIXTURE = ROOT / "tests/fixtures/newsletter"
SITEURL = "http://localhost:8000"


def build(tmp_path_factory: pytest.TempPathFactory, date: str) -> Path:
    output = tmp_path_factory.mktemp("newsletter") / "out"
    result = run_build(output, "--strict", "--build-date", date, content=FIXTURE)
    assert result.returncode == 0, result.stderr
    return output


@pytest.fixture(scope="module")
def early_june(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(tmp_path_factory, "2024-06-03T09:00:00+03:00")


@pytest.fixture(scope="module")
def late_june(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(tmp_path_factory, "2024-06-28T20:00:00+03:00")


@pytest.fixture(scope="module")
def july(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(tmp_path_factory, "2024-07-02T09:00:00+03:00")


def fixture_months() -> dict[str, list[str]]:
    months: dict[str, list[str]] = {}
    for file in sorted(FIXTURE.glob("*.md")):
        meta = front_matter(file)
        months.setdefault(str(meta["date"])[:7], []).append(meta["title"])
    return months


def entries(output: Path, name: str) -> list[feedparser.FeedParserDict]:
    parsed = feedparser.parse((output / "izdevums" / name).read_bytes())
    assert not parsed.bozo, parsed.get("bozo_exception")
    return parsed.entries


def test_builds_in_the_same_month_give_identical_feeds(early_june: Path, late_june: Path) -> None:
    for name in ("rss.xml", "atom.xml"):
        assert (early_june / "izdevums" / name).read_bytes() == (late_june / "izdevums" / name).read_bytes()


def test_closed_months_are_items_the_current_month_only_a_preview(early_june: Path,
                                                                  late_june: Path) -> None:
    closed = sorted((m for m in fixture_months() if m < "2024-06"), reverse=True)
    for name in ("rss.xml", "atom.xml"):
        links = [e.link for e in entries(early_june, name)]
        assert links == [f"{SITEURL}/izdevums/{m.replace('-', '/')}/" for m in closed]
        assert [e.id for e in entries(early_june, name)] == links
    preview = (late_june / "izdevums/prieksskatijums/index.html").read_text("utf-8")
    assert "Priekšskatījums" in preview and 'name="robots" content="noindex"' in preview
    for title in fixture_months()["2024-06"]:
        assert title in preview
    # On 3 June the article dated 10 June is scheduled: not even in the preview of the issue.
    early = (early_june / "izdevums/prieksskatijums/index.html").read_text("utf-8")
    assert all(title not in early for title in fixture_months()["2024-06"])
    assert not (early_june / "izdevums/2024/06").exists()


def test_a_build_after_the_month_ends_adds_exactly_one_item(early_june: Path, july: Path) -> None:
    for name in ("rss.xml", "atom.xml"):
        before, after = entries(early_june, name), entries(july, name)
        assert len(after) == len(before) + 1
        assert after[0].link == f"{SITEURL}/izdevums/2024/06/"
        dated = (lambda e: (e.id, e.published, e.updated)) if name == "atom.xml" else (
            lambda e: (e.id, e.published))
        assert [dated(e) for e in after[1:]] == [dated(e) for e in before]


def test_issue_pages_hold_their_month_and_link_neighbours(july: Path) -> None:
    may = (july / "izdevums/2024/05/index.html").read_text("utf-8")
    for title in fixture_months()["2024-05"]:
        assert title in may
    for title in fixture_months()["2024-04"] + fixture_months()["2024-06"]:
        assert title not in may
    assert "Maija ievads" in may and "Redakcija" in may
    assert 'href="http://localhost:8000/izdevums/2024/04/" rel="prev"' in may
    assert 'href="http://localhost:8000/izdevums/2024/06/" rel="next"' in may
    april = (july / "izdevums/2024/04/index.html").read_text("utf-8")
    assert "Maija talka Sunākstē" in april and "Sunākstes parks" in april  # next month's event
    assert "Maija talka Sunākstē" in (july / "izdevums/2024/04/epasts.txt").read_text("utf-8")
    archive = (july / "izdevums/index.html").read_text("utf-8")
    positions = [archive.index(f"izdevums/2024/{m:02d}/") for m in (6, 5, 4)]
    assert positions == sorted(positions), "newest first"


def test_written_feeds_follow_the_w3c_rules(july: Path) -> None:
    assert rss_problems((july / "izdevums/rss.xml").read_bytes(), f"{SITEURL}/izdevums/rss.xml") == []
    assert atom_problems((july / "izdevums/atom.xml").read_bytes(), f"{SITEURL}/izdevums/atom.xml") == []
    may = next(e for e in entries(july, "atom.xml") if e.link.endswith("/2024/05/"))
    assert may.title == "Kopienu ziņas — 2024. gada maijs"
    assert f'href="{SITEURL}/par-mums/"' in may.content[0].value  # the intro's link made absolute


def test_bad_introduction_names_and_future_months_fail_strict_builds(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    for name in ("2024-13.md", "2024-08.md"):
        shutil.copy(FIXTURE / "newsletter/2024-05.md", content / "newsletter" / name)
    result = run_build(tmp_path / "out", "--strict", "--build-date", "2024-06-03", content=content)
    assert result.returncode != 0
    problems = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    assert any(line.startswith("error: newsletter/2024-13.md:1: file name:") for line in problems)
    assert any(line.startswith("error: newsletter/2024-08.md:1: file name:") for line in problems)
    assert not (tmp_path / "out").exists()


def _preview(content: Path, output: Path) -> list[str]:
    """A preview build (`make serve`'s) on 2 July 2024: the problems it printed."""
    result = run_build(output, "--preview", "--build-date", "2024-07-02T09:00:00+03:00",
                       content=content)
    assert "Priekšskatījums gatavs (preview ready)" in result.stderr, result.stderr
    return reported_lines(result.stderr)


def test_the_preview_shows_an_introductions_problems_on_its_issue_page(tmp_path: Path) -> None:
    """QA s10: with an unclosed quote in content/newsletter/2024-05.md the home page had the
    banner, but /izdevums/2024/05/ had none and still showed the introduction's text (read with
    no fields, under the default heading). Now the issue page has the banner and, the
    introduction being unreadable, the issue without it; a readable introduction with a problem
    (the month in progress too) is shown with its banner; the fix takes the banner away."""
    content, output = tmp_path / "content", tmp_path / "out"
    shutil.copytree(FIXTURE, content)
    intro = content / "newsletter/2024-05.md"
    good = intro.read_text(encoding="utf-8")
    intro.write_text(good.replace("title: Maija ievads", 'title: "Maija ievads'), "utf-8")
    (content / "newsletter/2024-07.md").write_text(
        "---\ntitle: Jūlijs\nauthors: [no]\n---\nJūlija ievads.\n", "utf-8")
    printed = _preview(content, output)
    may, july = output / "izdevums/2024/05/index.html", output / "izdevums/prieksskatijums/index.html"
    assert [line for line in printed if line.startswith("newsletter/2024-05.md:")] == banner(may)
    assert banner(may)[0].startswith("newsletter/2024-05.md:2: title:")
    assert "Maijā divas ziņas" not in may.read_text("utf-8"), "the issue without the intro"
    assert "Rēzekne" in may.read_text("utf-8"), "the month's news still shown"
    assert banner(july) == [line for line in printed if line.startswith("newsletter/2024-07.md:")]
    assert 'authors: ["no"]' in banner(july)[0] and "Jūlija ievads." in july.read_text("utf-8")

    intro.write_text(good.replace("title: Maija ievads", "title: 2024"), "utf-8")
    printed = _preview(content, output)
    assert banner(may) == [line for line in printed if line.startswith("newsletter/2024-05.md:")]
    assert 'title: "2024"' in banner(may)[0] and "Maijā divas ziņas" in may.read_text("utf-8")

    intro.write_text(good, "utf-8")
    _preview(content, output)
    page = may.read_text("utf-8")
    assert "preview-problems" not in page and "Maija ievads" in page and "Maijā divas" in page


def test_an_introductions_picture_gets_its_size_and_styles_in_the_email(
        tmp_path: Path) -> None:
    """A picture in the introduction (Markdown, the site address of a picture in atteli/) gets
    width and height at most the e-mail's 552 px column, in proportion, and the edition's
    picture styles; its links the edition's colour (issue 15)."""
    from PIL import Image

    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    (content / "atteli").mkdir()
    Image.new("RGB", (1200, 800), (120, 60, 60)).save(content / "atteli" / "ainava.jpg")
    intro = content / "newsletter" / "2024-05.md"
    intro.write_text(intro.read_text(encoding="utf-8")
                     + "\n![Ainava pie ezera](/atteli/ainava.jpg)\n", encoding="utf-8")
    output = tmp_path / "out"
    result = run_build(output, "--strict", "--build-date", "2024-06-03T09:00:00+03:00",
                       content=content)
    assert result.returncode == 0, result.stderr
    email = (output / "izdevums/2024/05/epasts.html").read_text(encoding="utf-8")
    [picture] = re.findall(r'<img alt="Ainava pie ezera"[^>]*>', email)
    assert 'width="552" height="368"' in picture
    assert "max-width:100%;" in picture and "height:auto;" in picture
    [link] = re.findall(r'<a href="[^"]*/par-mums/"[^>]*>', email)
    assert 'style="color:' in link
