"""The site-wide event check: no two events of the site share a UID."""

from pathlib import Path
from types import SimpleNamespace

from kopienu_zinas.common.build import open_build
from kopienu_zinas.common.frontmatter import discover_documents
from kopienu_zinas.events import checks

ARTICLE = """---
title: Svētki
date: 2026-11-01
events:
  - title: Koncerts
    start: 2026-12-05 18:00
    location: Rēzekne
---
Teksts.
"""


def _problems(root: Path) -> list[str]:
    pelican = SimpleNamespace(settings={"PATH": str(root), "BUILD_DATE": "2026-11-23",
                                        "SITEURL": "https://kopienuzinas.lv"})
    open_build(pelican)
    documents, _ = discover_documents(root)
    return [p.format() for p in checks.check_documents(None, documents, pelican.settings)]


def test_two_files_whose_paths_slugify_alike_are_refused_at_each_event(tmp_path: Path) -> None:
    for folder in ("Ēkas", "ekas"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "svetki.md").write_text(ARTICLE, encoding="utf-8")
    problems = _problems(tmp_path)
    assert len(problems) == 2
    for here, other in (("Ēkas", "ekas"), ("ekas", "Ēkas")):
        [problem] = [p for p in problems if p.startswith(f"{here}/svetki.md:5: events[1].id:")]
        assert f"same UID as an event in {other}/svetki.md" in problem
        assert "tāds pats UID" in problem and "'id:'" in problem


def test_a_distinct_id_settles_it(tmp_path: Path) -> None:
    for folder, text in (("Ēkas", ARTICLE), ("ekas", ARTICLE.replace(
            "  - title: Koncerts", "  - title: Koncerts\n    id: koncerts-2"))):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "svetki.md").write_text(text, encoding="utf-8")
    assert _problems(tmp_path) == []
