"""The Pagefind step on tiny hand-written sites: what it indexes, its report, its determinism."""

from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path

import pytest

from kopienu_zinas.search.indexing import BUNDLE, SearchIndexError, build_index
from kopienu_zinas.search.settings import SearchSettings
from kopienu_zinas.search.stable import SIGNATURE, sorted_filter, sorted_meta

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


def bundle_digest(site: Path) -> dict[str, str]:
    bundle = site / BUNDLE
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


def cbor_text(text: str) -> bytes:
    raw = text.encode()
    assert len(raw) < 24
    return bytes([0x60 | len(raw)]) + raw


def cbor_array(*items: bytes) -> bytes:
    return bytes([0x80 | len(items)]) + b"".join(items)


def test_filter_values_are_sorted_whatever_order_they_came_in() -> None:
    entries = [cbor_array(cbor_text(name), cbor_array(bytes([n]))) for n, name in
               enumerate(["Sēlija", "Latgale", "Rēzekne"])]
    forward = SIGNATURE + cbor_array(cbor_text("region"), cbor_array(*entries))
    backward = SIGNATURE + cbor_array(cbor_text("region"), cbor_array(*reversed(entries)))
    assert sorted_filter(forward) == sorted_filter(backward)
    result = sorted_filter(forward)
    assert result.index(b"Latgale") < result.index("Sēlija".encode())


def test_an_unknown_file_layout_is_refused_not_rewritten() -> None:
    with pytest.raises(ValueError):
        sorted_filter(b"something else")
    with pytest.raises(ValueError):
        sorted_meta(SIGNATURE + cbor_array(cbor_text("1.5.2")))


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
