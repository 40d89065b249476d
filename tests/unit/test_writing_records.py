"""Per-page dependency records (writing/records.py, docs/building.md "Caches: writing"): what
a key read, and when a page is placed from its previous key without computing it."""

from __future__ import annotations

import copy
import datetime as dt
import hashlib
from pathlib import Path
from typing import Any

import pytest
from jinja2 import DictLoader, Environment, Template
from pelican.contents import Article
from pelican.settings import DEFAULT_CONFIG

from kopienu_zinas.common.build import Build
from kopienu_zinas.writing import Writing
from kopienu_zinas.writing.manifest import Manifest, load, save
from kopienu_zinas.writing.output import OutputFiles
from kopienu_zinas.writing.records import (
    DependencyRecords,
    PageRecord,
    PreviousRecords,
    Structure,
    front_matter_digest,
)
from kopienu_zinas.writing.render import RenderCache
from kopienu_zinas.writing.values import UNREPEATABLE, Fingerprinter
from tests.sitebuild import ROOT


def _article(slug: str, related: tuple[Article, ...] = ()) -> Article:
    article = Article(f"<p>{slug}</p>", metadata={"title": slug.title(), "slug": slug,
                                                  "date": dt.datetime(2026, 11, 23, 12)},
                      settings=copy.deepcopy(DEFAULT_CONFIG), source_path=f"{slug}.md",
                      context={})
    article.relative_source_path = f"{slug}.md"
    article.related = related
    return article


def _settings(tmp_path: Path) -> dict[str, Any]:
    return {**DEFAULT_CONFIG, "CACHE_PATH": str(tmp_path / "cache" / "pelican"),
            "THEME": str(ROOT / "theme")}


def test_a_key_records_the_content_it_read_also_through_kept_parts(tmp_path: Path) -> None:
    """A shared value's part is worked out once per build, with the content it read: a later
    page reusing it has that content in its record, as a fresh cache's key has; content
    reached through content counts at any level, by its address too."""
    env = Environment(loader=DictLoader({"page.html": (
        "{% for a in menu.latest %}{{ a.title }}{% endfor %}{{ article.title }}"
        "{% for r in article.related %}{{ r.title }}{% endfor %}")}))
    template = env.get_template("page.html")
    menu = {"latest": [_article("jaunakais")]}
    far = _article("tals")
    pages = [{"menu": menu, "article": _article(f"raksts-{n}", (_article("tuvs", (far,)),))}
             for n in range(3)]
    cache = RenderCache(_settings(tmp_path))
    records = [cache.keyed(template, page)[1] for page in pages]
    assert records[2] == {"jaunakais.md", "raksts-2.md", "tuvs.md", "tals.md"}
    assert [RenderCache(_settings(tmp_path)).keyed(template, page) for page in pages] == \
        [cache.keyed(template, page) for page in pages], "as a fresh cache's, whatever came first"


def test_a_record_holds_for_a_page_whose_content_did_not_change_only() -> None:
    records = DependencyRecords(previous=PreviousRecords("s", {}, {
        "a.html": PageRecord("ka", frozenset({"a.md"})),
        "b.html": PageRecord("kb", frozenset({"b.md"})),
        "c.html": PageRecord("kc", frozenset())}))
    changed = frozenset({"b.md"})
    assert records.page_record(["a.html"], changed) == PageRecord("ka", frozenset({"a.md"}))
    assert records.page_record(["b.html"], changed) is None
    assert records.page_record(["d.html"], changed) is None, "no record"
    assert records.page_record(["a.html", "c.html"], changed) is None, "two keys"


def test_the_records_survive_the_manifest(tmp_path: Path) -> None:
    touched = {"a.html": frozenset({"a.md", "b.md"}), "b.html": frozenset()}
    save(tmp_path, tmp_path / "output", Manifest(
        "inputs", {"a.html": "1", "b.html": "2"}, [], {"a.html": "ka", "b.html": "kb"},
        touched, "structure", {"a.md": "x", "b.md": "y"}))
    loaded = load(tmp_path, tmp_path / "output")
    assert loaded is not None
    assert loaded.previous_records() == PreviousRecords("structure", {"a.md": "x", "b.md": "y"}, {
        "a.html": PageRecord("ka", frozenset({"a.md", "b.md"})),
        "b.html": PageRecord("kb", frozenset())})


@pytest.mark.parametrize("page", ["---\ntitle: A\n---\n\nTeksts.\n",
                                  "\n---\r\ntitle: A\r\n...\r\nTeksts.\r\n"])
def test_the_front_matter_is_the_text_before_the_body(page: str) -> None:
    assert front_matter_digest(page.encode()) == front_matter_digest(
        (page + "Vēl teksts.\n---\n").encode())
    assert front_matter_digest(page.encode()) != front_matter_digest(
        page.replace("title: A", "title: B").encode())


@pytest.mark.parametrize("text", [
    "Title: A\n\nTeksts.\n",  # no YAML header: Markdown's metadata is in the body
    "\ufeff---\ntitle: A\n---\nTeksts.\n",  # a BOM, lone CR: counted whole
    "---\rtitle: A\r---\rTeksts.\r"])
def test_a_source_whose_header_the_bytes_do_not_show_counts_whole(text: str) -> None:
    assert front_matter_digest(text.encode()) != front_matter_digest((text + "Vēl.").encode())


class Site:
    """A published page `a.html` (template `{{ article.title }}`) of article `a.md`, with its
    record in the previous build's manifest, and a next build that writes it again."""

    def __init__(self, tmp_path: Path) -> None:
        self.settings = _settings(tmp_path)
        self.template: Template = Environment(loader=DictLoader(
            {"page.html": "{{ article.title }}"})).get_template("page.html")
        self.article = _article("a")
        self.contents = {"a.md": self.article, "b.md": _article("b")}
        previous = RenderCache(self.settings)
        self.key, touched = previous.keyed(self.template, {"article": self.article})
        self.published = tmp_path / "output"
        self.published.mkdir()
        (self.published / "a.html").write_text("A", encoding="utf-8")
        self.manifest = Manifest(None, {"a.html": hashlib.sha256(b"A").hexdigest()}, [],
                                 {"a.html": self.key}, {"a.html": touched})
        self.staging = tmp_path / "staging"
        self.bodies = {"a.md": "1", "b.md": "1"}
        #: the previous build's structure digest
        self.structure = self._records(Structure("base", self.bodies), None).digest

    def _records(self, structure: Structure, previous: PreviousRecords | None
                 ) -> DependencyRecords:
        records = DependencyRecords(structure, previous)
        records.settle({"generated_content": self.contents}, self.settings, [])
        return records

    def build(self, structure: Structure, monkeypatch: pytest.MonkeyPatch) -> Writing:
        """A build of `structure` after the published one; keys are counted
        (`writing.render.keys`)."""
        files = OutputFiles()
        files.use_previous(self.published, self.manifest)
        render = RenderCache(self.settings)
        render.queue = []
        writing = Writing(render, files, DependencyRecords(structure, PreviousRecords(
            self.structure, self.bodies, {"a.html": PageRecord(
                self.key, self.manifest.touched["a.html"])})))
        keyed: list[str] = []
        keyed_of = RenderCache.keyed

        def counted(cache: RenderCache, template: Template,
                    context: dict[str, Any]) -> tuple[str, frozenset[str]]:
            keyed.append(context["article"].slug)
            return keyed_of(cache, template, context)

        monkeypatch.setattr(RenderCache, "keyed", counted)
        text = writing.render.wrap(self.template).render({"article": self.article})
        with writing.outputs.open(str(self.staging), str(self.staging / "a.html"),
                                  "utf-8") as file:
            file.write(text)
        writing.flush({"generated_content": self.contents},
                      Build(self.settings, dt.datetime(2026, 11, 23), reported=list))
        self.keyed = keyed
        return writing


def test_a_page_whose_content_did_not_change_is_placed_without_its_key(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = Site(tmp_path)
    writing = site.build(Structure("base", {"a.md": "1", "b.md": "2"}), monkeypatch)
    assert site.keyed == [], "b.md changed: a.html did not read it (nor is it keyed first)"
    assert (writing.render.recorded, writing.render.reused) == (1, 1)
    placed = writing.outputs.placed[str(site.staging.resolve() / "a.html")]
    assert (placed.source, placed.touched) == (site.key, frozenset({"a.md"}))
    assert site.key in writing.render.store.used


@pytest.mark.parametrize(("structure", "why"), [
    (Structure("base", {"a.md": "2", "b.md": "1"}), "the content it read changed"),
    (Structure("another", {"a.md": "1", "b.md": "1"}), "another structure"),
])
def test_a_page_whose_content_or_structure_changed_is_keyed(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, structure: Structure,
        why: str) -> None:
    site = Site(tmp_path)
    writing = site.build(structure, monkeypatch)
    assert set(site.keyed) == {"a"}, why
    assert writing.render.recorded == 0


def test_a_page_edited_by_hand_is_keyed_although_its_record_holds(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = Site(tmp_path)
    (site.published / "a.html").write_text("B", encoding="utf-8")
    writing = site.build(Structure("base", {"a.md": "1", "b.md": "2"}), monkeypatch)
    assert set(site.keyed) == {"a"}
    assert (site.staging / "a.html").read_text(encoding="utf-8") == "A"
    assert writing.render.recorded == 0


def test_a_warning_while_pages_are_keyed_leaves_no_records_for_the_next_build() -> None:
    reported: list[str] = []
    records = DependencyRecords(Structure("base", {}), None)
    records.settle({"generated_content": {}}, {}, reported)
    assert records.digest is not None
    reported.append("pelican.contents: Unable to find 'x.md'")
    records.close(reported)
    assert records.digest is None


class DigestBuilds:
    """Builds of one list page (`{% for a in articles %}`, as the archives count every
    article) of articles a, b (which shows a as `related`) and c, each in a fresh
    RenderCache with the same cache folder: the articles whose digests each build computed
    (`resolved`: it asked for their `content`), not took from a kept one."""

    template = Environment(loader=DictLoader({"list.html": (
        "{% for a in articles %}{{ a.title }}{% endfor %}")})).get_template("list.html")

    def __init__(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        self.settings = _settings(tmp_path)
        self.resolved: set[str] = set()
        asked = Fingerprinter._property

        def counted(fingerprints: Fingerprinter, item: Any, name: str) -> Any:
            if name == "content":
                self.resolved.add(item.slug)
            return asked(fingerprints, item, name)

        monkeypatch.setattr(Fingerprinter, "_property", counted)

    @staticmethod
    def articles(bodies: dict[str, str]) -> dict[str, Article]:
        a = _article("a")
        contents = {"a.md": a, "b.md": _article("b", (a,)), "c.md": _article("c")}
        for path, body in bodies.items():
            contents[path]._content = f"<p>{body}</p>"
        return contents

    def build(self, bodies: dict[str, str], base: str = "base", saved: bool = True,
              reported: tuple[str, ...] = ()) -> tuple[str, frozenset[str]]:
        """A build whose Markdown sources have `bodies`: its list page's key and set.
        `saved`: no source was saved since the build tool read them; `reported`: warnings
        logged while the pages were keyed."""
        self.resolved.clear()
        contents = self.articles(bodies)
        cache = RenderCache(self.settings)
        records = DependencyRecords(Structure(base, dict(bodies), changed=lambda: not saved))
        logged: list[str] = []
        records.settle({"generated_content": contents}, self.settings, logged)
        cache.keep_digests(records, contents)
        keyed = cache.keyed(self.template, {"articles": list(contents.values())})
        logged.extend(reported)
        records.close(logged)
        cache.save_digests(records)
        return keyed

    def cold(self, bodies: dict[str, str]) -> tuple[str, frozenset[str]]:
        """The key and set a build without kept digests gives."""
        contents = self.articles(bodies)
        return RenderCache(self.settings).keyed(self.template,
                                                {"articles": list(contents.values())})


BODIES = {"a.md": "1", "b.md": "1", "c.md": "1"}


def test_kept_digests_are_taken_where_the_content_they_read_did_not_change(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    builds = DigestBuilds(tmp_path, monkeypatch)
    first = builds.build(BODIES)
    assert builds.resolved == {"a", "b", "c"}
    assert builds.build(BODIES) == first and not builds.resolved, "every digest kept"
    edited = {**BODIES, "a.md": "2"}
    keyed = builds.build(edited)
    assert builds.resolved == {"a", "b"}, "a changed, and b shows it (related)"
    assert keyed == builds.cold(edited) != first
    assert builds.build(BODIES) == first, "the edit reverted"
    assert builds.resolved == {"a", "b"}


@pytest.mark.parametrize("damage", [
    pytest.param(lambda data: data[: len(data) // 2], id="truncated"),
    pytest.param(lambda data: data[:-9] + b"\x00" * 9, id="corrupted"),
    pytest.param(lambda data: b"", id="empty")])
def test_a_damaged_digest_store_is_ignored_and_rebuilt(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, damage: Any) -> None:
    builds = DigestBuilds(tmp_path, monkeypatch)
    first = builds.build(BODIES)
    entries = [path for path in (tmp_path / "cache" / "writing" / "digests").rglob("*")
               if path.is_file() and path.name != "previous-build"]
    assert len(entries) == 1
    entries[0].write_bytes(damage(entries[0].read_bytes()))
    assert builds.build(BODIES) == first
    assert builds.resolved == {"a", "b", "c"}, "nothing taken from a damaged entry"
    assert builds.build(BODIES) == first and not builds.resolved, "rebuilt"


@pytest.mark.parametrize(("build", "why"), [
    ({"base": "another"}, "another structure"),
    ({"saved": False}, "a source saved during the previous build: its bodies are unknown"),
    ({"reported": ("pelican.contents: Unable to find 'x.md'",)},
     "a warning while the previous build's pages were keyed"),
])
def test_no_digest_is_taken_from_another_structure_or_a_build_that_cannot_record(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, build: dict[str, Any],
        why: str) -> None:
    builds = DigestBuilds(tmp_path, monkeypatch)
    if "base" in build:
        builds.build(BODIES)
        builds.build(BODIES, **build)
    else:
        builds.build(BODIES, **build)
        builds.build(BODIES)
    assert builds.resolved == {"a", "b", "c"}, why


def test_only_the_content_object_pelican_holds_at_its_path_takes_a_kept_digest(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    builds = DigestBuilds(tmp_path, monkeypatch)
    builds.build(BODIES)
    contents = builds.articles(BODIES)
    other = _article("a")  # another object of the same source path, another text
    other._content = "<p>cits</p>"
    cache = RenderCache(builds.settings)
    records = DependencyRecords(Structure("base", dict(BODIES), changed=lambda: False))
    records.settle({"generated_content": contents}, builds.settings, [])
    cache.keep_digests(records, contents)
    builds.resolved.clear()
    assert cache.fingerprints.of(other) == RenderCache(builds.settings).fingerprints.of(other)
    assert builds.resolved == {"a"}
    builds.resolved.clear()
    assert cache.fingerprints.of(contents["a.md"]) != cache.fingerprints.of(other)
    assert not builds.resolved, "Pelican's object at a.md: its kept digest"


def test_a_value_digested_by_its_memory_address_is_never_kept_nor_recorded(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    builds = DigestBuilds(tmp_path, monkeypatch)
    unrepeatable = builds.articles
    monkeypatch.setattr(builds, "articles", lambda bodies: {
        **(found := unrepeatable(bodies)),
        "c.md": _with(found["c.md"], "waiting", (n for n in range(2)))})
    key, touched = builds.build(BODIES)
    assert UNREPEATABLE in touched
    assert builds.build(BODIES)[0] != key, "its digest differs in every build"
    assert builds.resolved == {"c"}, "not kept"
    records = DependencyRecords(previous=PreviousRecords("s", {}, {
        "list.html": PageRecord(key, touched)}))
    assert records.page_record(["list.html"], frozenset()) is None, "the page is keyed"


def _with(item: Article, name: str, value: Any) -> Article:
    setattr(item, name, value)
    return item
