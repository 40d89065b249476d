"""The content check with each document's results cached (common/checkcache.py): the same
problems as the check without a cache, cold or warm, and a cached result follows what it
depends on besides the file (another file appearing, the settings)."""

from __future__ import annotations

from pathlib import Path

import pytest
from pelican.settings import read_settings

from kopienu_zinas.common import checkcache
from kopienu_zinas.common.cachestore import CacheStore
from kopienu_zinas.common.frontmatter import SourceDocument
from kopienu_zinas.common.problems import ContentProblem
from kopienu_zinas.site import register
from tests.signals import registered
from tests.sitebuild import ROOT

ARTICLE = """---
title: Raksts
date: 2024-05-21
region: {region}
summary: Īsi.
image: atteli/foto.jpg
---
Teksts ar [saiti]({{filename}}/cits.md) un ![]({{static}}/atteli/nav.jpg).
"""


def check(content: Path, settings: dict, store: CacheStore | None
          ) -> tuple[list[ContentProblem], list[str]]:
    """The problems, and which files were parsed (not taken from the cache)."""
    parsed: list[str] = []
    read_document = checkcache.read_document

    def counted(root: Path, file: Path, data: bytes | None = None
                ) -> tuple[SourceDocument, list[ContentProblem]]:
        parsed.append(file.name)
        return read_document(root, file, data)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(checkcache, "read_document", counted)
        _switch = checkcache.use_store(settings, store) if store else None
        problems = checkcache.check_content(content, settings)[1]
    return problems, parsed


def test_cached_problems_equal_fresh_ones_and_follow_other_files(tmp_path: Path) -> None:
    content = tmp_path / "content"
    content.mkdir()
    (content / "raksts.md").write_text(ARTICLE.format(region="Nekur"), encoding="utf-8")
    (content / "otrs.md").write_text(ARTICLE.format(region="Latgale"), encoding="utf-8")
    settings = {**read_settings(str(ROOT / "pelicanconf.py")), "PATH": str(content),
                "BUILD_DATE": "2026-11-23"}
    store = CacheStore(tmp_path / "cache", "checks")
    with registered(register):
        fresh, _ = check(content, settings, None)
        assert {p.field for p in fresh} >= {"region", "link", "image", "alt"}, fresh
        cold, parsed = check(content, settings, store)
        assert cold == fresh and len(parsed) == 2
        warm, parsed = check(content, settings, store)
        assert warm == fresh and parsed == []
        # the linked file appears: every document is checked again, the link is no problem
        (content / "cits.md").write_text(ARTICLE.format(region="Latgale"), encoding="utf-8")
        after, parsed = check(content, {**settings}, store)
        assert len(parsed) == 3
        assert after == check(content, settings, None)[0]
        assert not [p for p in after if p.field == "link" and p.value == "{filename}/cits.md"]
        # another setting (Nekur becomes a region): checked again
        regions = {**settings, "REGIONS": [*settings["REGIONS"], "Nekur"]}
        widened, parsed = check(content, regions, store)
        assert len(parsed) == 3
        assert not [p for p in widened if p.field == "region"]


@pytest.mark.parametrize("ending", ["md", "markdown", "mkd", "mdown"])
def test_every_file_the_markdown_reader_reads_gets_the_content_check(tmp_path: Path,
                                                                      ending: str) -> None:
    """`raksts.markdown` was built but checked by no rule: its missing title and unknown region
    reached the site without a word. Every ending of the site's reader (Pelican's Markdown
    reader's) is a source, cached or not; `newsletter/` reads `.md` only, so an introduction
    under another ending is named once, by the unread-file rule."""
    content = tmp_path / "content"
    (content / "newsletter").mkdir(parents=True)
    (content / f"raksts.{ending}").write_text(ARTICLE.format(region="Nekur").replace(
        "title: Raksts\n", ""), encoding="utf-8")
    (content / f"newsletter/2024-05.{ending}").write_text("---\ntitle: Maijs\n---\nT\n",
                                                           encoding="utf-8")
    settings = {**read_settings(str(ROOT / "pelicanconf.py")), "PATH": str(content),
                "BUILD_DATE": "2026-11-23"}
    with registered(register):
        for store in (None, CacheStore(tmp_path / "cache", "checks")):
            found = check(content, settings, store)[0]
            assert [p.format() for p in found if p.field in ("title", "region")] == [
                f"raksts.{ending}:1: title: trūkst virsraksta (title is missing or empty) — "
                "pievieno rindu 'title: Raksta virsraksts'",
                f"raksts.{ending}:3: region: nezināms reģions (unknown region): Nekur — "
                "izvēlies vienu no: Sēlija, Latgale, Rēzekne, Vidzeme"], found
            assert [p.path for p in found if p.path.startswith("newsletter/")] == (
                [] if ending == "md" else [f"newsletter/2024-05.{ending}"])
