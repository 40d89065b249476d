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
from kopienu_zinas.common.problems import (
    ContentProblem,
    content_check,
    content_rules,
    front_matter_inputs,
    front_matter_rule,
)
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


def counting_slug_rule(patch: pytest.MonkeyPatch) -> list[int]:
    """Count the runs of the duplicate-address rule (a front-matter rule) in `check`."""
    from kopienu_zinas.site import slugs

    runs: list[int] = []
    rule = slugs.check_documents

    @front_matter_rule()
    def counted(sender: object, documents: list[SourceDocument], settings: dict
                ) -> list[ContentProblem]:
        runs.append(len(documents))
        return rule(sender, documents=documents, settings=settings)

    content_check.disconnect(rule)
    content_check.connect(counted)
    patch.setattr(slugs, "check_documents", counted)  # held, so the weak reference lives
    return runs


def test_rules_over_fronts_keep_their_problems_while_no_front_changes(tmp_path: Path) -> None:
    """A body edit ran every rule across files over all documents again (0.7 s at 4,000
    articles). A rule reading only fronts now keeps its problems; a changed title, a removed
    file or a damaged entry runs it again, and the problems are always those found afresh."""
    content = tmp_path / "content"
    content.mkdir()
    (content / "raksts.md").write_text(ARTICLE.format(region="Latgale"), encoding="utf-8")
    (content / "otrs.md").write_text(ARTICLE.format(region="Latgale").replace(
        "title: Raksts", "title: Otrs"), encoding="utf-8")
    (content / "cits.md").write_text(ARTICLE.format(region="Latgale").replace(
        "title: Raksts", "title: Cits"), encoding="utf-8")
    settings = {**read_settings(str(ROOT / "pelicanconf.py")), "PATH": str(content),
                "BUILD_DATE": "2026-11-23"}
    store = CacheStore(tmp_path / "cache", "checks")

    def same_as_fresh() -> list[ContentProblem]:
        cached = check(content, settings, store)[0]
        assert [p.format() for p in cached] == [
            p.format() for p in check(content, settings, None)[0]]
        return cached

    with registered(register), pytest.MonkeyPatch.context() as patch:
        runs = counting_slug_rule(patch)
        same_as_fresh()
        runs.clear()
        with (content / "raksts.md").open("a", encoding="utf-8") as file:
            file.write("\nVēl viena rindkopa.\n")
        assert check(content, settings, store)[0] == check(content, settings, None)[0]
        assert runs == [3], "the body edit ran the rule (once for the check without a cache)"
        runs.clear()
        # a title made the same as another's: run again, and the clash reported
        (content / "otrs.md").write_text(ARTICLE.format(region="Latgale"), encoding="utf-8")
        found = same_as_fresh()
        assert runs == [3, 3]
        assert [p.path for p in found if p.what_en.startswith("same address")] == ["raksts.md"]
        # a removed file: its link reported, the rule run again
        runs.clear()
        (content / "cits.md").unlink()
        found = same_as_fresh()
        assert runs == [2, 2]
        assert [p.path for p in found if p.value == "{filename}/cits.md"] == [
            "otrs.md", "raksts.md"]
        # the kept problems damaged (cut short, or another value): not used, run again
        check(content, settings, store)
        for damage in (lambda data: data[:len(data) // 2], lambda data: b"\0" * len(data)):
            for entry in (tmp_path / "cache" / "checks").glob("*/*"):
                entry.write_bytes(damage(entry.read_bytes()))
            runs.clear()
            same_as_fresh()
            assert runs == [2, 2]


def test_rules_over_fronts_read_no_body(tmp_path: Path) -> None:
    """Every rule marked as reading fronts only gives its problems without a document's body
    (which is no part of the key it is kept under)."""
    content = tmp_path / "content"
    content.mkdir()
    for name, title in (("a.md", "Raksts"), ("b.md", "Raksts"), ("c.md", "🎉")):
        (content / name).write_text(ARTICLE.format(region="Nekur").replace(
            "title: Raksts", f"title: {title}"), encoding="utf-8")
    settings = {**read_settings(str(ROOT / "pelicanconf.py")), "PATH": str(content),
                "BUILD_DATE": "2026-11-23"}

    class Bodiless(SourceDocument):
        @property
        def body(self) -> str:  # type: ignore[override]
            raise AssertionError("a front-matter rule read a body")

        @property
        def with_comments(self) -> str:  # type: ignore[override]
            raise AssertionError("a front-matter rule read a body")

    with registered(register):
        documents = checkcache.check_content(content, settings)[0]
        bodiless = []
        for document in documents:
            copy = object.__new__(Bodiless)
            copy.__dict__.update(vars(document))
            bodiless.append(copy)
        rules = [rule for rule in content_rules() if front_matter_inputs(rule) is not None]
        assert len(rules) >= 3
        for rule in rules:
            assert set(rule(None, documents=bodiless, settings=settings) or ()) == set(
                rule(None, documents=documents, settings=settings) or ())
