"""Make Pagefind's index the same bytes on every build, on every machine and file system.

Pagefind 1.5.2 numbers the pages of an index in the order its directory walk returns the files
(pagefind/src/lib.rs `walk_for_files`: a wax glob walk, unsorted, so the order in which the
file system lists a folder), and every part of the index that names a page names it by that
number: the metadata file's page list and sort orders, each word-index chunk and each filter
file (pagefind/src/index/mod.rs `build_indexes`). A folder is listed in another order on
another file system (ext4 orders names by a hash seeded per file system, tmpfs by creation),
so the same site indexed in output/ on ext4 and on tmpfs gave other index, filter and metadata
files and another pagefind-entry.json (QA report, session 11); only fragments, one per page and
named after their content, were the same. Pagefind 1.5.2 also writes the values of each filter
and the list of sorts in hash-map order, which changes from run to run (upstream:
Pagefind/pagefind#638; fixed after 1.5.2 by #1124, which does not touch the page order).

`stabilise` rewrites the bundle as Pagefind would have written it had its walk returned the
pages in the order of their URLs (then of their fragment's content hash): pages renumbered,
each word's and each variant's page list in ascending page order again (Pagefind delta-encodes
them), a word's diacritic variants in the order Pagefind appends them, filter pages ascending,
filter values and the lists of filters and sorts by name (as Pagefind after #1124), pages with
equal sort values in page order (Pagefind's sort is stable). Every index, filter and metadata
file is re-encoded, gzipped with mtime 0 and named after its content as Pagefind names it;
fragments keep their bytes (a fragment is renamed only when a 7-digit hash prefix collides,
whose longer name Pagefind gives to the later page). The browser follows the names only.

File format, read from Pagefind 1.5.2's source (pagefind/src/index/index_metadata.rs,
index_words.rs, index_filter.rs, and the reader pagefind_web/src/metadata.rs, index.rs,
filter_index.rs): gzip of b"pagefind_dcd" + CBOR (RFC 8949), every struct an array of its
fields; cbor2 reads it and writes it back byte for byte. An index of another Pagefind version,
a file of another shape (arrays of other lengths, other types where page numbers are, page
lists not ascending, pages that are not in the page list) or a fragment named otherwise than
its content raises ValueError: a Pagefind upgrade cannot silently produce an index the browser
misreads. Word positions are copied as they are, unread.

Sort values are not in the index; equal ones are told apart by the page's metadata field of
the sort's name (the theme writes `data-pagefind-sort="date:…"` and `data-pagefind-meta="date:…"`
on one element, theme/templates/macros/search.html). A sorted page without that field, or
field values out of the sort's order, raise ValueError.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from operator import itemgetter
from pathlib import Path
from typing import Any

import cbor2

SIGNATURE = b"pagefind_dcd"
#: Pagefind versions whose index layout and numbering this module was written against.
LAYOUT_VERSIONS = frozenset({"1.5.2"})
#: Fields of the metadata file's top-level array (index_metadata.rs `MetaIndex`).
META_FIELDS = 6


def full_hash(data: bytes) -> str:
    """Pagefind's content hash (pagefind/src/utils.rs `full_hash`): SHA-1, each byte in lower
    hex without a leading zero (Rust's `{:x?}`), so 27–40 characters."""
    return "".join(format(byte, "x") for byte in hashlib.sha1(data, usedforsecurity=False).digest())


def short_names(full_names: list[str], length: int, grow: int) -> list[str]:
    """Each name cut to `length` characters, longer by `grow` while it collides with an earlier
    one: Pagefind's rule (index/mod.rs: fragments grow by 1, word and filter chunks by 2).
    Raises ValueError for two equal full names (Pagefind would loop or overwrite a file)."""
    if len(set(full_names)) != len(full_names):
        raise ValueError("two index files have the same content hash")
    taken: set[str] = set()
    names = []
    for name in full_names:
        short = name[:length]
        while short in taken:
            if short == name:
                raise ValueError(f"{name}: no unique prefix (another name begins with it)")
            short = name[:len(short) + grow]
        taken.add(short)
        names.append(short)
    return names


def gunzipped(path: Path) -> bytes:
    """The decompressed content of a gzip file; ValueError if it is not gzip."""
    try:
        return gzip.decompress(path.read_bytes())
    except (zlib.error, EOFError, gzip.BadGzipFile) as error:
        raise ValueError(f"{path.name}: not gzip: {error}") from error


def gzipped(content: bytes) -> bytes:
    """gzip with mtime 0, so equal content gives equal bytes. Level 6, not Pagefind's 9:
    zlib's 9 took 5 CPU s on the word index of 4,000 articles for files 3% smaller."""
    return gzip.compress(content, compresslevel=6, mtime=0)


def decode(content: bytes, what: str) -> Any:
    """The CBOR value of a decompressed Pagefind file. Raises ValueError for another signature,
    unreadable CBOR or bytes after the one item. (cbor2 re-encodes Pagefind's files byte for
    byte, tests/unit/test_search_index.py; the shapes are checked where the parts are read.)"""
    if not content.startswith(SIGNATURE):
        raise ValueError(f"{what}: not a Pagefind index file")
    data = io.BytesIO(content)
    data.seek(len(SIGNATURE))
    try:
        value = cbor2.CBORDecoder(data).decode()
    except cbor2.CBORError as error:
        raise ValueError(f"{what}: unreadable CBOR: {error}") from error
    if data.tell() != len(content):
        raise ValueError(f"{what}: more than one CBOR item (not Pagefind 1.5.2's layout)")
    return value


def encode(value: Any) -> bytes:
    """A decompressed Pagefind file: the signature and the CBOR of `value`."""
    return SIGNATURE + cbor2.dumps(value)


# -- Shapes. Each returns its value when it has the expected shape, else raises ValueError. --

def _array(value: Any, what: str, length: int | None = None) -> list[Any]:
    if type(value) is not list or (length is not None and len(value) != length):
        size = f" of {length}" if length is not None else ""
        raise ValueError(f"{what}: an array{size} was expected, found {_brief(value)}")
    return value


def _text(value: Any, what: str) -> str:
    if type(value) is not str:
        raise ValueError(f"{what}: a text string was expected, found {_brief(value)}")
    return value


def _count(value: Any, what: str) -> int:
    if type(value) is not int or value < 0:
        raise ValueError(f"{what}: an unsigned integer was expected, found {_brief(value)}")
    return value


def _integers(value: Any, what: str) -> list[int]:
    for item in _array(value, what):
        if type(item) is not int:
            raise ValueError(f"{what}: integers were expected, found {_brief(item)}")
    return value


def _brief(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else f"{text[:57]}..."


# -- Renumbering. `new[old]` is a page's new number. --

def _renumber(number: int, new: list[int], what: str) -> int:
    if number >= len(new):
        raise ValueError(f"{what}: page {number} of {len(new)}")
    return new[number]


def _renumbered_pages(value: Any, new: list[int], what: str) -> list[list[Any]]:
    """A word's or variant's pages (index_words.rs `PackedPage`: [page, [positions],
    [positions in metadata]], the page as a delta from the one before, pagefind_web/src/index.rs
    `decode_pages`) renumbered, in ascending new page order, delta-encoded again; the lists are
    changed in place. Positions are copied as they are: they do not depend on page numbers.
    (The hot loop of stabilise: about 1.3 million pages at 4,000 articles.)"""
    pages = _array(value, what)
    try:
        deltas = [delta for delta, _, _ in pages]
        if deltas and (min(deltas) < 0 or 0 in deltas[1:]):
            raise ValueError(f"{what}: page list not ascending")
        page = 0
        for entry in pages:
            page += entry[0]
            entry[0] = new[page]
    except (TypeError, IndexError) as error:
        raise ValueError(f"{what}: [page, [positions], [positions]] with pages below "
                         f"{len(new)} expected: {error}") from error
    pages.sort(key=itemgetter(0))
    last = 0
    for entry in pages:
        entry[0], last = entry[0] - last, entry[0]
    return pages


def renumbered_words(value: Any, new: list[int]) -> list[Any]:
    """A word-index chunk, [[[word, pages, [[form, pages], …]], …]] (index_words.rs
    `WordIndex`), renumbered. A word's variants come in the order Pagefind appends them
    (index/mod.rs, merging pages in page order): by the first page that has the variant, on
    that page first those found in the body, then those found in metadata only, each by form."""
    words = _array(_array(value, "word index", 1)[0], "word index: words")
    for entry in words:
        word, pages, variants = _array(entry, "word index: word", 3)
        what = f"word index: {_text(word, 'word index: word')!r}"
        _renumbered_pages(pages, new, what)
        if not variants:
            continue
        order = []
        for variant in _array(variants, f"{what}: variants"):
            form, variant_pages = _array(variant, f"{what}: variant", 2)
            form_what = f"{what}: variant {_text(form, what)!r}"
            first = _renumbered_pages(variant_pages, new, form_what)
            if not first:
                raise ValueError(f"{form_what}: on no page")
            # First page: its number is the first delta; positions in the body or none.
            order.append(((first[0][0], not first[0][1], form.encode()), variant))
        entry[2] = [variant for _, variant in sorted(order, key=itemgetter(0))]
    return [words]


def renumbered_filter(value: Any, new: list[int], name: str) -> list[Any]:
    """A filter file, [name, [[value, [page, …]], …]] (index_filter.rs `FilterIndex`),
    renumbered: pages ascending, values by their UTF-8 bytes (as Pagefind after #1124)."""
    filter_name, values = _array(value, "filter", 2)
    if _text(filter_name, "filter: name") != name:
        raise ValueError(f"filter: the metadata file calls {filter_name!r} {name!r}")
    entries = []
    for entry in _array(values, f"filter {name!r}: values"):
        text, pages = _array(entry, f"filter {name!r}: value", 2)
        what = f"filter {name!r}: value {_text(text, f'filter {name!r}: value')!r}"
        entries.append([text, sorted(_renumber(_count(page, what), new, what)
                                     for page in _array(pages, what))])
    return [name, sorted(entries, key=lambda e: str(e[0]))]


def renumbered_sort(key: str, pages: list[int], new: list[int],
                    field: Callable[[int], str | None]) -> list[int]:
    """A sort's page list (index_metadata.rs `MetaSort`: pages by value, equal values in page
    order) renumbered, equal values in new page order. `field(old page)` is the page's
    metadata field of the sort's name, which stands for the sort value."""
    runs: list[tuple[str, list[int]]] = []
    seen: set[str] = set()
    what = f"sort {key!r}"
    for page in pages:
        number = _renumber(_count(page, what), new, what)
        value = field(page)
        if value is None:
            raise ValueError(f"{what}: a sorted page has no metadata field {key!r} to tell equal "
                             f"values apart (data-pagefind-meta beside data-pagefind-sort)")
        if runs and runs[-1][0] == value:
            runs[-1][1].append(number)
            continue
        if value in seen:
            raise ValueError(f"{what}: the metadata field {key!r} is not in the sort's order: "
                             f"it must have the data-pagefind-sort value")
        seen.add(value)
        runs.append((value, [number]))
    return [page for _, run in runs for page in sorted(run)]


# -- The bundle. --

@dataclass(frozen=True)
class _Fragment:
    name: str  # file name without .pf_fragment, as the metadata file gives it
    full_name: str  # language, "_" and full_hash of the fragment's JSON
    url: str
    meta: dict[str, str]


def _fragment(bundle: Path, language: str, name: str) -> _Fragment:
    content = gunzipped(bundle / "fragment" / f"{name}.pf_fragment")
    if not content.startswith(SIGNATURE):
        raise ValueError(f"fragment {name}: not a Pagefind fragment")
    data = content[len(SIGNATURE):]
    full_name = f"{language}_{full_hash(data)}"
    if not full_name.startswith(name):
        raise ValueError(f"fragment {name}: named otherwise than its content ({full_name})")
    page = json.loads(data)
    meta = page.get("meta") if isinstance(page, dict) else None
    if not isinstance(meta, dict) or not isinstance(page.get("url"), str):
        raise ValueError(f"fragment {name}: no url and meta")
    return _Fragment(name, full_name, page["url"], {str(k): str(v) for k, v in meta.items()})


class _Writes:
    """Files to replace: all are read before any is removed or written (new names may be old
    names of other files, e.g. two fragments whose colliding names swap)."""

    def __init__(self) -> None:
        self.remove: list[Path] = []
        self.write: dict[Path, bytes] = {}

    def apply(self) -> None:
        for path in self.remove:
            path.unlink()
        for path, content in sorted(self.write.items()):
            path.write_bytes(content)


def _names(contents: list[bytes], language: str, length: int) -> list[str]:
    """Names of word-index or filter files with these contents (signature and CBOR), in this
    order, as Pagefind names them (index/mod.rs: the CBOR's full_hash, collisions growing by 2)."""
    return short_names([f"{language}_{full_hash(content[len(SIGNATURE):])}"
                        for content in contents], length, grow=2)


def _stabilise_language(bundle: Path, language: str, meta_name: str, writes: _Writes) -> str:
    """Rewrite one language's index; returns the new name of its metadata file."""
    meta_file = bundle / f"pagefind.{meta_name}.pf_meta"
    meta = _array(decode(gunzipped(meta_file), meta_file.name), "metadata",
                  META_FIELDS)
    version, pages, chunks, filters, sorts, meta_fields = meta
    if version not in LAYOUT_VERSIONS:
        raise ValueError(f"Pagefind {version!r} wrote the index; stable.py knows the layout of "
                         f"{', '.join(sorted(LAYOUT_VERSIONS))} (read the new version's "
                         f"pagefind/src/index/ and update it)")
    fragments = []
    for page in _array(pages, "metadata: pages"):
        name, word_count = _array(page, "metadata: page", 2)
        fragments.append((_fragment(bundle, language, _text(name, "metadata: page")),
                          _count(word_count, "metadata: page")))
    order = sorted(range(len(fragments)),
                   key=lambda old: (fragments[old][0].url.encode(), fragments[old][0].full_name))
    new = [0] * len(order)
    for number, old in enumerate(order):
        new[old] = number
    length = len(language) + 8  # Pagefind: the language, "_" and 7 hex digits

    names = short_names([fragments[old][0].full_name for old in order], length, grow=1)
    new_pages = []
    for name, old in zip(names, order, strict=True):
        fragment, word_count = fragments[old]
        new_pages.append([name, word_count])
        if name != fragment.name:
            path = bundle / "fragment" / f"{fragment.name}.pf_fragment"
            writes.remove.append(path)
            writes.write[path.with_name(f"{name}.pf_fragment")] = path.read_bytes()

    ranges, contents = [], []
    for chunk in _array(chunks, "metadata: index chunks"):
        first, last, name = (_text(part, "metadata: index chunk")
                             for part in _array(chunk, "metadata: index chunk", 3))
        path = bundle / "index" / f"{name}.pf_index"
        contents.append(encode(renumbered_words(decode(gunzipped(path), path.name), new)))
        ranges.append((first, last))
        writes.remove.append(path)
    new_chunks = []
    for (first, last), content, name in zip(ranges, contents,
                                            _names(contents, language, length), strict=True):
        writes.write[bundle / "index" / f"{name}.pf_index"] = gzipped(content)
        new_chunks.append([first, last, name])

    named_filters = []
    for entry in _array(filters, "metadata: filters"):
        filter_name, name = (_text(part, "metadata: filter")
                             for part in _array(entry, "metadata: filter", 2))
        path = bundle / "filter" / f"{name}.pf_filter"
        named_filters.append((filter_name, encode(renumbered_filter(
            decode(gunzipped(path), path.name), new, filter_name))))
        writes.remove.append(path)
    named_filters.sort()
    contents = [content for _, content in named_filters]
    new_filters = []
    for (filter_name, content), name in zip(named_filters, _names(contents, language, length),
                                            strict=True):
        writes.write[bundle / "filter" / f"{name}.pf_filter"] = gzipped(content)
        new_filters.append([filter_name, name])

    new_sorts = []
    for entry in _array(sorts, "metadata: sorts"):
        key, sorted_pages = _array(entry, "metadata: sort", 2)
        key = _text(key, "metadata: sort")

        def field(old: int, key: str = key) -> str | None:
            return fragments[old][0].meta.get(key)

        new_sorts.append([key, renumbered_sort(key, _integers(sorted_pages, "metadata: sort"),
                                               new, field)])
    new_sorts.sort(key=lambda entry: str(entry[0]))
    for field_name in _array(meta_fields, "metadata: meta fields"):
        _text(field_name, "metadata: meta field")

    content = encode([version, new_pages, new_chunks, new_filters, new_sorts, meta_fields])
    name = f"{language}_{full_hash(content[len(SIGNATURE):])[:length]}"
    writes.remove.append(meta_file)
    writes.write[bundle / f"pagefind.{name}.pf_meta"] = gzipped(content)
    return name


def stabilise(bundle: Path) -> None:
    """Rewrite the Pagefind bundle at `bundle` (…/pagefind/) in place: pages renumbered by URL,
    index, filter and metadata files re-encoded and renamed, pagefind-entry.json updated.
    Raises ValueError for a layout other than Pagefind 1.5.2's (see the module docstring) and
    OSError for a missing or unreadable file; on an error nothing has been changed."""
    entry_file = bundle / "pagefind-entry.json"
    entry = json.loads(entry_file.read_text(encoding="utf-8"))
    writes = _Writes()
    for language, about in entry["languages"].items():
        about["hash"] = _stabilise_language(bundle, language, about["hash"], writes)
    writes.apply()
    entry_file.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")),
                          encoding="utf-8")
