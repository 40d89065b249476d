"""THE DIFFERENTIAL TEST of incremental builds (docs/building.md, "Caches: writing").

A small synthetic site is edited by seeded random sequences of what editors and maintainers do
(an article's body, title, date, region, tags or events; a template; a setting; the build
date; a deleted and an added article; then everything reverted). After every step the
incremental build (warm cache, previous output) must equal a cold build (no cache, no earlier
output) byte for byte. The caches are then emptied, corrupted, truncated, taken from another
code version: the output stays the same bytes.

A cold build is a function of the sources, theme, settings and build date, so each state's cold
build is made once (`Site.cold`, keyed by a digest of that state): the reverted state is the
first one, whose build was cold (no cache, no output), and the damaged-cache tests compare with
it too.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from bench.synthetic import write_site
from tests.sitebuild import ROOT, run_build

ARTICLES = 14
#: The article given events, the one given an English translation, and the translation.
EVENTED, TRANSLATED, TRANSLATION = "raksts-00003.md", "raksts-00002.md", "raksts-00002-en.md"
EVENT = ("events:\n  - title: Kopienas talka\n    start: 2026-12-0{day} 10:00\n"
         "    end: 2026-12-0{day} 12:00\n    location: Tautas nams\n")


class Site:
    """A content folder, a copy of the theme, the settings given on the command line, and two
    output folders: one built incrementally, one always from nothing."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.content = root / "content"
        self.theme = root / "theme"
        self.cache = root / "cache"
        self.output = root / "output"
        # the search index is Pagefind's work on the written pages, not the writer's: left out
        self.settings: dict[str, object] = {"SEARCH": {"index": False}}
        self.build_date = "2026-11-23T12:00:00+02:00"
        write_site(self.content, ARTICLES, seed=7)
        self._add_events_and_a_translation()
        shutil.copytree(ROOT / "theme", self.theme)
        #: cold builds by the state they were built from (`state()`)
        self.colds: dict[str, Path] = {}

    def build(self, output: Path, cache: Path) -> str:
        extra = [f"-e{key}={json.dumps(value)}" for key, value in sorted(self.settings.items())]
        result = run_build(output, "--build-date", self.build_date,
                           f"-eCACHE_PATH={json.dumps(str(cache / 'pelican'))}",
                           f"-eTHEME={json.dumps(str(self.theme))}", *extra,
                           content=self.content)
        assert result.returncode == 0, result.stderr[-3000:]
        return result.stderr

    def _add_events_and_a_translation(self) -> None:
        """An article with events (EVENTED) and an English translation of another
        (TRANSLATED, same title: the same slug), so that their bodies are edited too."""
        evented = self.content / EVENTED
        evented.write_text(evented.read_text(encoding="utf-8").replace(
            "\n---\n", "\n" + EVENT.format(day=3) + "---\n", 1), encoding="utf-8")
        original = (self.content / TRANSLATED).read_text(encoding="utf-8")
        (self.content / TRANSLATION).write_text(original.replace(
            "\n---\n", "\nlang: en\n---\n", 1), encoding="utf-8")

    def incremental(self) -> str:
        return self.build(self.output, self.cache)

    def state(self) -> str:
        """A digest of what a build reads that the tests change: content, theme, settings, date."""
        hasher = hashlib.sha256(json.dumps([self.settings, self.build_date], sort_keys=True)
                                .encode())
        for folder in (self.content, self.theme):
            for path in sorted(folder.rglob("*")):
                if path.is_file():
                    hasher.update(path.relative_to(self.root).as_posix().encode() + b"\0")
                    hasher.update(hashlib.sha256(path.read_bytes()).digest())
        return hasher.hexdigest()

    def first_build(self) -> None:
        """The first incremental build, which is a cold one (no cache, no output): kept as the
        cold build of the first state."""
        state = self.state()
        self.incremental()
        shutil.copytree(self.output, self.root / "cold-0")
        self.colds[state] = self.root / "cold-0"

    def cold(self) -> Path:
        """The cold build (no cache, no earlier output) of the current state, built once."""
        state = self.state()
        if state not in self.colds:
            output = self.root / f"cold-{len(self.colds)}"
            self.build(output, self.root / f"cold-{len(self.colds)}-cache")
            self.colds[state] = output
        return self.colds[state]

    def articles(self) -> list[Path]:
        return sorted(self.content.glob("*.md"))


def first_difference(left: Path, right: Path) -> str | None:
    """The first file that differs between two folders (or is in one only), or None."""
    names = {p.relative_to(left).as_posix() for p in left.rglob("*") if p.is_file()}
    others = {p.relative_to(right).as_posix() for p in right.rglob("*") if p.is_file()}
    for name in sorted(names ^ others):
        return f"{name}: only in {'incremental' if name in names else 'cold'} output"
    for name in sorted(names):
        if (left / name).read_bytes() != (right / name).read_bytes():
            return f"{name}: bytes differ"
    return None


def assert_same_as_cold(site: Site, step: str) -> None:
    site.incremental()
    difference = first_difference(site.output, site.cold())
    assert difference is None, f"after {step}: {difference}"


def _front(path: Path, field: str, value: str) -> None:
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(rf"^{field}: .*$", f"{field}: {value}", text, count=1,
                           flags=re.MULTILINE), encoding="utf-8")


def edit_body(site: Site, rng: random.Random) -> None:
    path = rng.choice(site.articles())
    path.write_text(path.read_text(encoding="utf-8") + f"\nJauna rindkopa {rng.random()}.\n",
                    encoding="utf-8")


def _append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def edit_linked_body(site: Site, rng: random.Random) -> None:
    """A body edit of an article another links to: a new section, and a link to it (with its
    `#anchor`) in the body of an article that links to it already."""
    linked = {match for path in site.articles() for match in re.findall(
        r"\{filename\}([\w.-]+\.md)", path.read_text(encoding="utf-8"))}
    target = rng.choice(sorted(linked))
    number = rng.randrange(999)
    _append(site.content / target, f"\n## Sadaļa {number}\n\nJauns teksts.\n")
    linking = [path for path in site.articles()
               if f"{{filename}}{target}" in path.read_text(encoding="utf-8")]
    _append(rng.choice(linking),
            f"\nSkat. [sadaļu]({{filename}}{target}#sadala-{number}).\n")


def edit_events_body(site: Site, rng: random.Random) -> None:
    _append(site.content / EVENTED, f"\nPar talku: {rng.random()}.\n")


def edit_translation_body(site: Site, rng: random.Random) -> None:
    _append(site.content / TRANSLATION, f"\nIn English: {rng.random()}.\n")


def edit_related_body(site: Site, rng: random.Random) -> None:
    """A body edit of a region's newest article, which the region's other articles show as
    `related` (site/related.py): their digests, which the whole-list pages read, hold it."""
    fronts = [(re.search(r"^region: (.*)$", text, re.MULTILINE),
               re.search(r"^date: (.*)$", text, re.MULTILINE), path)
              for path in site.articles() for text in [path.read_text(encoding="utf-8")]]
    dated = [(region.group(1), date.group(1), path) for region, date, path in fronts
             if region is not None and date is not None]
    region = rng.choice(sorted({region for region, _, _ in dated}))
    newest = max((date, path) for listed, date, path in dated if listed == region)[1]
    _append(newest, f"\nReģiona jaunums {rng.random()}.\n")


def edit_body_with_a_warning(site: Site, rng: random.Random) -> None:
    """A body edit that adds a problem (a warning: an invisible character) or takes it away."""
    path = rng.choice(site.articles())
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("\u200b", "") if "\u200b" in text
                    else text + f"\nNeredzams\u200bburts {rng.random()}.\n", encoding="utf-8")


def edit_title(site: Site, rng: random.Random) -> None:
    _front(rng.choice(site.articles()), "title", f'"Jauns virsraksts {rng.randrange(999)}"')


def edit_date(site: Site, rng: random.Random) -> None:
    when = f"202{rng.randrange(3, 6)}-0{rng.randrange(1, 9)}-1{rng.randrange(9)} 09:00"
    _front(rng.choice(site.articles()), "date", when)


def edit_region(site: Site, rng: random.Random) -> None:
    _front(rng.choice(site.articles()), "region", rng.choice(["Sēlija", "Latgale", "Rēzekne"]))


def edit_tags(site: Site, rng: random.Random) -> None:
    _front(rng.choice(site.articles()), "tags", json.dumps(rng.sample(
        ["kultūra", "sports", "izglītība", "jaunieši"], 2), ensure_ascii=False))


def edit_events(site: Site, rng: random.Random) -> None:
    path = rng.choice(site.articles())
    text = path.read_text(encoding="utf-8")
    if "events:" not in text:
        path.write_text(text.replace("\n---\n", "\n" + EVENT.format(day=rng.randrange(1, 9))
                                     + "---\n", 1), encoding="utf-8")


def edit_template(site: Site, rng: random.Random) -> None:
    footer = site.theme / "templates" / "partials" / "footer.html"
    footer.write_text(footer.read_text(encoding="utf-8").replace(
        "</footer>", f"<!-- {rng.randrange(999)} --></footer>"), encoding="utf-8")


def edit_setting(site: Site, rng: random.Random) -> None:
    site.settings["SITE_DESCRIPTION"] = f"Apraksts {rng.randrange(999)}"


def edit_build_date(site: Site, rng: random.Random) -> None:
    site.build_date = f"2026-12-{rng.randrange(10, 28)}T12:00:00+02:00"


def delete_article(site: Site, rng: random.Random) -> None:
    """Delete an article, and the links to it as an editor would (else the build fails)."""
    gone = rng.choice(site.articles())
    gone.unlink()
    link = re.compile(r"\[([^\]]*)\]\(\{filename\}" + re.escape(gone.name) + r"\)")
    for path in site.articles():
        text = path.read_text(encoding="utf-8")
        if gone.name in text:
            path.write_text(link.sub(r"\1", text), encoding="utf-8")


def add_article(site: Site, rng: random.Random) -> None:
    """Add an article; its link to another article is kept where that one exists (as an
    editor would, else the build fails)."""
    new = site.root / f"new-{rng.randrange(9999)}"
    write_site(new, 1, seed=rng.randrange(9999))
    link = re.compile(r"\[([^\]]*)\]\(\{filename\}([^)]+)\)")
    for path in new.glob("*.md"):
        text = link.sub(lambda match: match.group(0) if (site.content / match.group(2)).exists()
                        else match.group(1), path.read_text(encoding="utf-8"))
        (site.content / f"papildu-{rng.randrange(9999)}.md").write_text(text, encoding="utf-8")


EDITS: list[Callable[[Site, random.Random], None]] = [
    edit_body, edit_linked_body, edit_related_body, edit_events_body, edit_translation_body,
    edit_body_with_a_warning, edit_title, edit_date, edit_region, edit_tags, edit_events, edit_template,
    edit_setting, edit_build_date, delete_article, add_article]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    site = Site(tmp_path_factory.mktemp("incremental"))
    site.first_build()
    return site


def test_the_second_build_reuses_every_page_and_changes_nothing(site: Site) -> None:
    before = {p: p.read_bytes() for p in site.output.rglob("*") if p.is_file()}
    report = site.incremental()
    assert "nothing changed" in report
    assert before == {p: p.read_bytes() for p in site.output.rglob("*") if p.is_file()}


def _steps(rng: random.Random, edits: int) -> list[list[Callable[[Site, random.Random], None]]]:
    """`edits` edits of random kinds (every kind once before any repeats), in steps of 4."""
    kinds = rng.sample(EDITS, len(EDITS))
    chosen = (kinds * 2)[:edits]
    return [chosen[start:start + 4] for start in range(0, edits, 4)]


@pytest.mark.parametrize(("seed", "edits"), [(1, len(EDITS)), (2, 4)])
def test_random_edits_then_revert_build_what_a_cold_build_builds(site: Site, seed: int,
                                                                 edits: int) -> None:
    rng = random.Random(seed)
    saved = site.root / f"saved-{seed}"
    shutil.copytree(site.content, saved / "content")
    shutil.copytree(site.theme, saved / "theme")
    settings, build_date = dict(site.settings), site.build_date
    for step in _steps(rng, edits):
        for edit in step:
            edit(site, rng)
        assert_same_as_cold(site, f"seed {seed}: {', '.join(e.__name__ for e in step)}")
    for folder in ("content", "theme"):
        shutil.rmtree(getattr(site, folder))
        shutil.copytree(saved / folder, getattr(site, folder))
    site.settings, site.build_date = settings, build_date
    assert_same_as_cold(site, f"seed {seed}: revert")


#: Edits of bodies only: the build's structure stays, so pages are placed by their records.
BODY_EDITS: list[Callable[[Site, random.Random], None]] = [
    edit_body, edit_linked_body, edit_related_body, edit_events_body, edit_translation_body,
    edit_body_with_a_warning]


def test_body_edits_alone_build_what_a_cold_build_builds(site: Site) -> None:
    """One body edit per build, each kind twice: most pages are placed by their dependency
    records (no key computed), the pages that read the edited content are keyed, and the
    output is a cold build's."""
    rng = random.Random(3)
    saved = site.root / "saved-bodies"
    shutil.copytree(site.content, saved)
    for edit in BODY_EDITS * 2:
        edit(site, rng)
        report = site.incremental()
        difference = first_difference(site.output, site.cold())
        assert difference is None, f"after {edit.__name__}: {difference}"
        counts = re.search(r"(\d+) reused \((\d+) by their records\)", report)
        assert counts is not None, report[-500:]
        if edit is not edit_body_with_a_warning:  # a new problem: another structure
            assert int(counts.group(2)) > 10, f"{edit.__name__}: {report[-500:]}"
    shutil.rmtree(site.content)
    shutil.copytree(saved, site.content)
    assert_same_as_cold(site, "bodies: revert")


def _edit_then_revert(site: Site, what: str) -> None:
    """One body edit built and compared with a cold build, then the edit undone, built and
    compared again (the digests kept by the edited build must not stand for the old text)."""
    path = site.articles()[0]
    text = path.read_text(encoding="utf-8")
    _append(path, "\nLabots teksts.\n")
    assert_same_as_cold(site, f"{what}: a body edit")
    path.write_text(text, encoding="utf-8")
    assert_same_as_cold(site, f"{what}: the edit reverted")


def test_a_reverted_body_edit_builds_what_a_cold_build_builds(site: Site) -> None:
    _edit_then_revert(site, "reverted")


@pytest.mark.parametrize("damage", [
    pytest.param(lambda entry: entry.write_bytes(entry.read_bytes()[: len(entry.read_bytes()) // 2]),
                 id="truncated"),
    pytest.param(lambda entry: entry.write_bytes(b"\x00garbage" * 7), id="corrupted"),
])
def test_a_damaged_digest_store_changes_nothing(site: Site, damage: Callable[[Path], None]
                                               ) -> None:
    """The content digests kept across builds (writing/digests.py), damaged: ignored (every
    digest computed) and kept again, the output a cold build's."""
    site.incremental()
    entries = [entry for entry in (site.cache / "writing" / "digests").rglob("*")
               if entry.is_file() and entry.name != "previous-build"]
    assert entries, "no digests kept"
    for entry in entries:
        damage(entry)
    damaged = {entry: entry.read_bytes() for entry in entries}
    _edit_then_revert(site, "damaged digests")
    assert all(not entry.exists() or entry.read_bytes() != data
               for entry, data in damaged.items()), "kept again"


@pytest.fixture(scope="module")
def cold(site: Site) -> Path:
    """A cold build of the site as the tests above leave it (the first state, reverted to)."""
    return site.cold()


def _rebuild_and_compare(site: Site, cold: Path, what: str) -> None:
    shutil.rmtree(site.cache / "writing" / "manifests")  # no "nothing changed" shortcut
    site.incremental()
    difference = first_difference(site.output, cold)
    assert difference is None, f"{what}: {difference}"


def _damage(cache: Path, damage: Callable[[Path], None]) -> None:
    for entry in (cache / "writing" / "pages").rglob("*"):
        if entry.is_file():
            damage(entry)


@pytest.mark.parametrize("damage", [
    pytest.param(lambda entry: entry.write_bytes(entry.read_bytes()[: len(entry.read_bytes()) // 2]),
                 id="truncated"),
    pytest.param(lambda entry: entry.write_bytes(b"\x00garbage" * 7), id="corrupted"),
    pytest.param(lambda entry: entry.unlink(), id="empty"),
])
def test_a_damaged_cache_changes_nothing(site: Site, cold: Path,
                                         damage: Callable[[Path], None]) -> None:
    site.incremental()
    _damage(site.cache, damage)
    shutil.rmtree(site.output)  # and no previous output to link from
    _rebuild_and_compare(site, cold, "damaged cache")


def test_a_cache_from_another_code_version_changes_nothing(site: Site, cold: Path) -> None:
    """Another version of the code has other keys (its code digest differs): its entries, here
    pages with other bytes under other keys, are never read."""
    pages = site.cache / "writing" / "pages"
    for entry in list(pages.rglob("*")):
        if entry.is_file() and not entry.name.startswith("."):
            entry.rename(entry.parent / ("0" * 8 + entry.name[8:]))
    _rebuild_and_compare(site, cold, "a cache from another version")


def test_a_hand_edited_output_file_is_rewritten(site: Site, cold: Path) -> None:
    """The output folder is checked against the manifest, never trusted: a file changed by
    hand (also through a hardlink) is written again, not linked and not left."""
    site.incremental()
    page = site.output / "index.html"
    page.write_text("sabojāts", encoding="utf-8")
    site.incremental()
    difference = first_difference(site.output, cold)
    assert difference is None, f"editing an output file by hand: {difference}"


def test_pages_proven_from_the_published_output_need_no_render_cache(site: Site,
                                                                     cold: Path) -> None:
    """A reused page whose published file still holds its text (the manifest's `sources`, the
    file's bytes digested) is linked without reading the render cache: with every cached page
    gone, only the page edited by hand (its size and times kept) is rendered again."""
    site.incremental()
    _damage(site.cache, lambda entry: entry.unlink())
    page = site.output / "index.html"
    before, data = page.stat(), page.read_bytes()
    page.write_bytes(data.replace(b"<html", b"<HTML", 1))
    os.utime(page, ns=(before.st_atime_ns, before.st_mtime_ns))
    for manifest in (site.cache / "writing" / "manifests").glob("*.json"):
        recorded = json.loads(manifest.read_text(encoding="utf-8"))
        manifest.write_text(json.dumps({**recorded, "inputs": None}), encoding="utf-8")
    report = site.incremental()  # a build, not "nothing changed"
    difference = first_difference(site.output, cold)
    assert difference is None, f"pages proven from the output: {difference}"
    rendered = re.search(r"Lapas \(pages\): (\d+) rendered, (\d+) reused", report)
    assert rendered is not None and rendered.group(1) == "1" and int(rendered.group(2)) > 10, \
        report[-500:]
