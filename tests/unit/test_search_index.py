"""The Pagefind step on tiny hand-written sites: what it indexes, its report, its determinism
(also when Pagefind numbers the pages in another order, as on another file system)."""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import shutil
import subprocess
from pathlib import Path
from random import Random
from typing import Any

import cbor2
import pytest

from kopienu_zinas.search import stable
from kopienu_zinas.search.indexing import BUNDLE, SearchIndexError, build_index, pagefind_executable
from kopienu_zinas.search.settings import SearchSettings
from kopienu_zinas.search.stable import (
    SIGNATURE,
    decode,
    encode,
    full_hash,
    renumbered_filter,
    renumbered_sort,
    renumbered_words,
    short_names,
    stabilise,
)

KINDS = ["ziņa", "pasākums"]
REGIONS = ["Sēlija", "Latgale", "Rēzekne", "Vidzeme", "Kurzeme", "Zemgale", "Rīga"]


def write_site(root: Path, pages: int = len(REGIONS)) -> Path:
    """Pages with a searchable body, a region and a kind each, plus a list page without one."""
    for number in range(pages):
        region = REGIONS[number % len(REGIONS)]
        folder = root / f"zinas/{number}"
        folder.mkdir(parents=True)
        (folder / "index.html").write_text(
            f'<!DOCTYPE html><html lang="lv"><head><title>Ziņa {number}</title></head><body>'
            f'<main><article data-pagefind-body><h1>Ziņa {number} no {region}</h1>'
            f'<span hidden data-pagefind-filter="region:{region}"></span>'
            f'<span hidden data-pagefind-filter="kind:{KINDS[number % 2]}"></span>'
            f'<p>Krāslavas bibliotēkā notiks tikšanās numur {number}.</p></article></main>'
            f'</body></html>', encoding="utf-8")
    (root / "index.html").write_text(
        '<!DOCTYPE html><html lang="lv"><head><title>Saraksts</title></head><body>'
        '<p>Visas ziņas: Krāslavas bibliotēka</p></body></html>', encoding="utf-8")
    return root


def bundle_digest(site: Path, name: str = BUNDLE) -> dict[str, str]:
    bundle = site / name
    return {str(p.relative_to(bundle)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(bundle.rglob("*")) if p.is_file()}


def test_only_pages_with_a_searchable_body_are_indexed(tmp_path: Path) -> None:
    site = write_site(tmp_path / "site", pages=3)
    report = build_index(site, "lv")
    entry = json.loads((site / BUNDLE / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert report.pages == 3 == entry["languages"]["lv"]["page_count"]
    assert report.bytes == sum(p.stat().st_size for p in (site / BUNDLE).rglob("*") if p.is_file())
    scripts = sorted(p.name for p in (site / BUNDLE).glob("*.js"))
    assert scripts == ["pagefind-worker.js", "pagefind.js"], "Pagefind's unused UIs are published"


def test_a_site_without_marked_pages_is_an_error_not_a_whole_page_index(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    page = "<!DOCTYPE html><html lang=lv><body><p>Sveiki</p></body></html>"
    (site / "index.html").write_text(page, encoding="utf-8")
    with pytest.raises(SearchIndexError, match="data-pagefind-body"):
        build_index(site, "lv")


def test_three_indexings_of_the_same_site_are_byte_identical(tmp_path: Path) -> None:
    # Seven regions: Pagefind alone writes them in a different order almost every run.
    digests = []
    for run in range(3):
        site = write_site(tmp_path / f"site{run}")
        build_index(site, "lv")
        digests.append(bundle_digest(site))
    assert any(name.startswith("filter/") for name in digests[0])
    assert digests[0] == digests[1] == digests[2]


def test_metadata_names_exactly_the_filter_files_written(tmp_path: Path) -> None:
    site = write_site(tmp_path / "site")
    build_index(site, "lv")
    bundle = site / BUNDLE
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    meta_file = bundle / f"pagefind.{entry['languages']['lv']['hash']}.pf_meta"
    meta = gzip.decompress(meta_file.read_bytes())
    written = sorted(p.stem for p in (bundle / "filter").glob("*.pf_filter"))
    assert len(written) == 2
    assert all(name.encode() in meta for name in written)


# -- Page order. Pagefind numbers pages in the order its directory walk lists the files, which
# -- differs between file systems (QA, session 11: the same build on ext4 and on tmpfs gave other
# -- index, filter and metadata files). stabilise() renumbers the pages by URL.

DATES = ["2024-05-21", "2024-05-17", "2024-06-02", "2024-05-17"]  # equal dates: sort ties
FORMS = ["Rēzekne", "Rezekne", "Rēzeknē", "rēzeknes"]  # one word, several diacritic variants


def write_dated_site(root: Path, pages: int = 14) -> Path:
    """Pages with what makes Pagefind's index depend on page numbers: words in many pages, each
    word's diacritic variants (in the body, in metadata only, or both), filters, and two sorts
    with equal values (a date, as the theme writes it, and a number)."""
    for number in range(pages):
        region, date, form = (REGIONS[number % 7], DATES[number % 4], FORMS[number % 4])
        place = ("Līvāni", "Livani", "Līvānos")[number % 3]
        folder = root / f"zinas/{(number * 5) % pages:02d}-{region}"
        folder.mkdir(parents=True)
        (folder / "index.html").write_text(
            f'<!DOCTYPE html><html lang="lv"><head><title>Ziņa {number}</title></head><body>'
            f'<main><article data-pagefind-body><h1>Ziņa {number} no {region}</h1>'
            f'<span hidden data-pagefind-meta="date:{date}" data-pagefind-sort="date:{date}">'
            f'</span><span hidden data-pagefind-meta="place:{place}"></span>'
            f'<span hidden data-pagefind-meta="rank:{number % 3}" '
            f'data-pagefind-sort="rank:{number % 3}"></span>'
            f'<span hidden data-pagefind-filter="region:{region}"></span>'
            f'<span hidden data-pagefind-filter="kind:{KINDS[number % 2]}"></span>'
            f'<p>{form}: {"Krāslavas bibliotēkā" if number % 2 else "kraslavas biblioteka"} '
            f'notiks tikšanās numur {number}{" Līvānos" if number % 5 == 0 else ""}.</p>'
            f'</article></main></body></html>', encoding="utf-8")
    return root


def pagefind_alone(site: Path, chunk_size: int | None = None) -> Path:
    """Pagefind's own bundle for `site`, as build_index runs it but not made stable.
    `chunk_size` (Pagefind's PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE) splits the word index."""
    environment = {k: v for k, v in os.environ.items() if not k.startswith("PAGEFIND_")}
    if chunk_size is not None:
        environment["PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE"] = str(chunk_size)
    subprocess.run([str(pagefind_executable()), "--site", ".", "--output-subdir", BUNDLE,
                    "--force-language", "lv", "--quiet"], cwd=site, env=environment, check=True,
                   capture_output=True)
    return site / BUNDLE


def read(path: Path) -> Any:
    content = gzip.decompress(path.read_bytes())
    assert content.startswith(SIGNATURE)
    return cbor2.loads(content[len(SIGNATURE):])


def write(path: Path, value: Any) -> None:
    path.write_bytes(gzip.compress(SIGNATURE + cbor2.dumps(value), mtime=0))


def meta_file(bundle: Path) -> Path:
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    return bundle / f"pagefind.{entry['languages']['lv']['hash']}.pf_meta"


def fragment(bundle: Path, name: str) -> dict[str, Any]:
    content = gzip.decompress((bundle / f"fragment/{name}.pf_fragment").read_bytes())
    return json.loads(content[len(SIGNATURE):])  # type: ignore[no-any-return]


def meaning(bundle: Path) -> dict[str, Any]:
    """What the browser reads from a bundle, with pages named by URL instead of number: words
    (and their variants) with their pages and positions, chunk ranges, filters, the values in
    each sort's order, word counts. Also checks each page list is ascending (delta-encoded)."""
    meta = read(meta_file(bundle))
    version, pages, chunks, filters, sorts, meta_fields = meta
    urls = [fragment(bundle, name)["url"] for name, _ in pages]
    fields = {url: fragment(bundle, name)["meta"] for url, (name, _) in zip(urls, pages, strict=True)}

    def located(entries: list[Any]) -> dict[str, Any]:
        found, page = {}, 0
        for index, (delta, locs, meta_locs) in enumerate(entries):
            assert delta > 0 or (index == 0 and delta == 0), "page list not ascending"
            page += delta
            found[urls[page]] = (locs, meta_locs)
        return found

    words = {word: (located(word_pages), {form: located(p) for form, p in variants})
             for _, _, name in chunks for word, word_pages, variants in
             read(bundle / f"index/{name}.pf_index")[0]}
    return {"version": version, "meta_fields": meta_fields, "words": words,
            "word_counts": {url: count for url, (_, count) in zip(urls, pages, strict=True)},
            "chunks": [(first, last) for first, last, _ in chunks],
            "filters": {name: {value: sorted(urls[p] for p in pages)
                               for value, pages in read(bundle / f"filter/{file}.pf_filter")[1]}
                        for name, file in filters},
            "sorts": {key: ([fields[urls[p]][key] for p in pages], sorted(urls[p] for p in pages))
                      for key, pages in sorts}}


def renumber_as_another_walk(bundle: Path, random: Random) -> None:
    """Rewrite `bundle` in place as if Pagefind had listed the pages in a shuffled order (our
    own rewrite, independent of stable.py): page list, word and variant pages, filters, sorts,
    and the order of variants, filter values, filters and sorts shuffled too. Names are kept."""
    path = meta_file(bundle)
    meta = read(path)
    count = len(meta[1])
    order = random.sample(range(count), count)  # order[new] = old
    new = {old: number for number, old in enumerate(order)}
    meta[1] = [meta[1][old] for old in order]

    def renumbered(entries: list[Any]) -> list[Any]:
        absolute, page = [], 0
        for delta, locs, meta_locs in entries:
            page += delta
            absolute.append([new[page], locs, meta_locs])
        packed, last = [], 0
        for number, locs, meta_locs in sorted(absolute, key=lambda entry: entry[0]):
            packed.append([number - last, locs, meta_locs])
            last = number
        return packed

    for _, _, name in meta[2]:
        chunk = bundle / f"index/{name}.pf_index"
        words = [[word, renumbered(pages), random.sample(
            [[form, renumbered(p)] for form, p in variants], len(variants))]
            for word, pages, variants in read(chunk)[0]]
        write(chunk, [words])
    for _, name in meta[3]:
        file = bundle / f"filter/{name}.pf_filter"
        filter_name, values = read(file)
        write(file, [filter_name, random.sample(
            [[value, sorted(new[p] for p in pages)] for value, pages in values], len(values))])
    meta[3] = random.sample(meta[3], len(meta[3]))
    meta[4] = random.sample([[key, [new[p] for p in pages]] for key, pages in meta[4]],
                            len(meta[4]))
    write(path, meta)


def test_an_index_numbered_in_another_page_order_is_made_the_same_bytes(tmp_path: Path) -> None:
    site = write_dated_site(tmp_path / "site")
    walked = pagefind_alone(site, chunk_size=40)
    meant = meaning(walked)
    assert len(meant["chunks"]) > 2 and len(meant["sorts"]) == 2
    assert any(len(variants) > 1 for _, variants in meant["words"].values())
    copies = [tmp_path / "as-walked"]
    shutil.copytree(walked, copies[0])
    for seed in (1, 2, 3):
        copy = tmp_path / f"shuffled{seed}"
        shutil.copytree(walked, copy)
        renumber_as_another_walk(copy, Random(seed))
        assert meaning(copy) == meant, "the test's own renumbering changed what is indexed"
        assert read(meta_file(copy))[1] != read(meta_file(walked))[1]
        copies.append(copy)
    for copy in copies:
        stabilise(copy)
    digests = [bundle_digest(copy.parent, copy.name) for copy in copies]
    assert digests[0] == digests[1] == digests[2] == digests[3]
    assert meaning(copies[0]) == meant
    stabilise(copies[0])
    assert bundle_digest(tmp_path, copies[0].name) == digests[0], "a second pass changed it"


def test_pages_are_numbered_by_url_and_equal_sort_values_by_page(tmp_path: Path) -> None:
    bundle = pagefind_alone(write_dated_site(tmp_path / "site"))
    stabilise(bundle)
    meta = read(meta_file(bundle))
    urls = [fragment(bundle, name)["url"] for name, _ in meta[1]]
    assert urls == sorted(urls)
    assert [key for key, _ in meta[4]] == ["date", "rank"]
    for key, pages in meta[4]:
        values = [fragment(bundle, meta[1][page][0])["meta"][key] for page in pages]
        ties = [[page for page, value in zip(pages, values, strict=True) if value == tied]
                for tied in dict.fromkeys(values)]
        assert any(len(tie) > 1 for tie in ties)
        assert all(tie == sorted(tie) for tie in ties), key
    assert [name for name, _ in meta[3]] == ["kind", "region"]
    for _, name in meta[3]:
        values = read(bundle / f"filter/{name}.pf_filter")[1]
        assert [value for value, _ in values] == sorted(value for value, _ in values)
        assert all(pages == sorted(pages) for _, pages in values)


def test_cbor2_writes_pagefinds_files_byte_for_byte(tmp_path: Path) -> None:
    bundle = pagefind_alone(write_dated_site(tmp_path / "site"), chunk_size=40)
    files = [meta_file(bundle), *bundle.glob("index/*.pf_index"), *bundle.glob("filter/*")]
    assert len(files) > 4
    for file in files:
        content = gzip.decompress(file.read_bytes())
        assert encode(decode(content, file.name)) == content, file.name


def names_follow_content(bundle: Path) -> None:
    meta = gzip.decompress(meta_file(bundle).read_bytes())[len(SIGNATURE):]
    assert meta_file(bundle).name == f"pagefind.lv_{full_hash(meta)[:10]}.pf_meta"
    for folder, suffix in (("index", "pf_index"), ("filter", "pf_filter"),
                           ("fragment", "pf_fragment")):
        for file in bundle.glob(f"{folder}/*.{suffix}"):
            content = gzip.decompress(file.read_bytes())[len(SIGNATURE):]
            assert file.stem == f"lv_{full_hash(content)[:7]}", file


def test_files_are_named_after_their_content_as_pagefind_names_them(tmp_path: Path) -> None:
    bundle = pagefind_alone(write_dated_site(tmp_path / "site"), chunk_size=40)
    names_follow_content(bundle)  # full_hash and the name lengths are Pagefind's
    stabilise(bundle)
    names_follow_content(bundle)


def test_a_fragment_named_after_a_collision_gets_the_name_of_the_new_order(tmp_path: Path) -> None:
    """Pagefind names a fragment with 7 hex digits of its hash, one more for each earlier page
    whose name collided; the renumbered index names them as Pagefind would in its order."""
    bundle = pagefind_alone(write_dated_site(tmp_path / "site", pages=3))
    path = meta_file(bundle)
    meta = read(path)
    name = meta[1][1][0]
    written = (bundle / f"fragment/{name}.pf_fragment").read_bytes()
    longer = f"lv_{full_hash(gzip.decompress(written)[len(SIGNATURE):])[:8]}"
    (bundle / f"fragment/{name}.pf_fragment").rename(bundle / f"fragment/{longer}.pf_fragment")
    meta[1][1][0] = longer
    write(path, meta)
    stabilise(bundle)
    assert (bundle / f"fragment/{name}.pf_fragment").read_bytes() == written
    assert not (bundle / f"fragment/{longer}.pf_fragment").exists()
    assert name in [page for page, _ in read(meta_file(bundle))[1]]
    assert short_names(["lv_1234567aa", "lv_1234567bb", "lv_1234567ab"], 10, 1) == \
        ["lv_1234567", "lv_1234567b", "lv_1234567a"]
    assert short_names(["lv_1234567aa", "lv_1234567bb"], 10, 2) == ["lv_1234567", "lv_1234567bb"]
    with pytest.raises(ValueError, match="same content hash"):
        short_names(["lv_1234567aa", "lv_1234567aa"], 10, 1)


def test_filter_values_are_sorted_and_pages_renumbered_in_ascending_order() -> None:
    file = ["region", [["Sēlija", [0, 2]], ["Latgale", [1]], ["Rīga", [2, 0]]]]
    assert renumbered_filter(file, [2, 0, 1], "region") == \
        ["region", [["Latgale", [0]], ["Rīga", [1, 2]], ["Sēlija", [1, 2]]]]


def test_equal_sort_values_are_ordered_by_their_new_page_numbers() -> None:
    values = {0: "2024-05-17", 1: "2024-05-17", 2: "2024-05-21", 3: "2024-05-17"}
    assert renumbered_sort("date", [0, 1, 3, 2], [3, 1, 0, 2], values.get) == [1, 2, 3, 0]
    with pytest.raises(ValueError, match="no metadata field 'date'"):
        renumbered_sort("date", [0, 1], [1, 0], {0: "x"}.get)
    with pytest.raises(ValueError, match="not in the sort's order"):
        renumbered_sort("date", [0, 2, 1], [0, 1, 2], {0: "a", 1: "a", 2: "b"}.get)


def test_a_word_index_of_another_layout_is_refused(tmp_path: Path) -> None:
    word = ["kraslava", [[0, [5], []], [2, [1], []]], [["krāslava", [[1, [3], []]]]]]
    assert renumbered_words([[word]], [1, 0, 2]) == \
        [[["kraslava", [[1, [5], []], [1, [1], []]], [["krāslava", [[0, [3], []]]]]]]]
    for changed in ([[["kraslava", [[0, [5]]], []]]],  # a page without meta positions
                    [[["kraslava", [[0, [5], [], 7]], []]]],  # a page with one more field
                    [[["kraslava", [[0, [5], []]]]]],  # a word without variants
                    [[["kraslava", [[1, [5], []], [0, [1], []]], []]]],  # a page listed twice
                    [[["kraslava", [[0.0, [5], []]], []]]],  # a page number not an integer
                    [[["kraslava", [[9, [5], []]], []]]]):  # a page that is not there
        with pytest.raises(ValueError):
            renumbered_words(changed, [1, 0, 2])
    with pytest.raises(ValueError, match="unreadable CBOR"):
        decode(SIGNATURE + bytes([0x82, 0x01]), "x")  # an array of two with one item
    with pytest.raises(ValueError, match="more than one CBOR item"):
        decode(SIGNATURE + bytes([0x81, 0x01, 0x02]), "x")
    with pytest.raises(ValueError, match="not a Pagefind"):
        decode(b"something else", "x")


def test_an_index_of_another_pagefind_version_fails_the_build(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(stable, "LAYOUT_VERSIONS", frozenset({"1.4.0"}))
    with pytest.raises(SearchIndexError, match=r"Pagefind '1\.5\.2' wrote the index.*1\.4\.0"):
        build_index(write_site(tmp_path / "site", pages=2), "lv")


def test_search_settings_are_checked_and_name_the_plugin() -> None:
    with pytest.raises(ValueError, match=r"kopienu_zinas\.search.*unknown SEARCH setting.*indx"):
        SearchSettings.from_pelican({"SEARCH": {"indx": False}, "DEFAULT_LANG": "lv"})
    with pytest.raises(ValueError, match="True or False"):
        SearchSettings.from_pelican({"SEARCH": {"index": "no"}, "DEFAULT_LANG": "lv"})
    options = SearchSettings.from_pelican({"DEFAULT_LANG": "lv"})
    assert options.index is True
    assert options.page_url("en") == "en/search/"
    assert options.page_url("de") == options.page_url("lv") == "meklet/"
    with pytest.raises(ValueError, match="True or False"):
        SearchSettings.from_pelican({"SEARCH": {"preview_index": 1}, "DEFAULT_LANG": "lv"})


@pytest.mark.parametrize(("search", "preview", "indexed"), [
    ({}, False, True), ({}, True, False), ({"preview_index": True}, True, True),
    ({"index": False}, False, False), ({"index": False, "preview_index": True}, True, False)])
def test_the_preview_indexes_only_when_asked(search: dict[str, bool], preview: bool,
                                             indexed: bool) -> None:
    settings = {"SEARCH": search, "PREVIEW": preview, "DEFAULT_LANG": "lv"}
    assert SearchSettings.from_pelican(settings).index is indexed
