"""Make Pagefind's filter files (and so its metadata file) the same on every build.

Pagefind 1.5.2 writes page fragments and word-index chunks deterministically, but it writes the
values of each filter (region, kind) in hash-map order, which changes from run to run; the
filter file's name is a hash of its content, the metadata file lists those names and is itself
named by a hash that pagefind-entry.json gives (upstream: Pagefind/pagefind#638, "other files
will still change, such as the filter/metadata indexes"). This module sorts each filter's
values, renames the filter files after their new content and rewrites the metadata file and
pagefind-entry.json to match; the metadata file's list of filters is sorted too. The browser
only follows the names; it never checks the hashes.

File format (Pagefind's own): gzip of b"pagefind_dcd" + CBOR (RFC 8949). A filter file is
[name, [[value, [pages…]], …]]; we reorder the inner entries by their encoded bytes. The
layout was read from Pagefind's output (1.5.2, the pinned version); a change of layout raises
ValueError, so a Pagefind upgrade cannot silently break the index.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path

SIGNATURE = b"pagefind_dcd"


def _head(data: bytes, at: int) -> tuple[int, int, int]:
    """(major type, argument, offset after the head) of the CBOR item at `at` (RFC 8949 §3)."""
    initial = data[at]
    major, info = initial >> 5, initial & 0x1F
    if info < 24:
        return major, info, at + 1
    size = {24: 1, 25: 2, 26: 4, 27: 8}.get(info)
    if size is None:
        raise ValueError(f"unsupported CBOR item (initial byte {initial:#x}) at {at}")
    return major, int.from_bytes(data[at + 1:at + 1 + size], "big"), at + 1 + size


def _skip(data: bytes, at: int) -> int:
    """Offset just after the CBOR item that starts at `at` (ints, strings, arrays, maps)."""
    major, argument, at = _head(data, at)
    if major in (0, 1, 7):
        return at
    if major in (2, 3):
        return at + argument
    if major in (4, 5):
        for _ in range(argument * (2 if major == 5 else 1)):
            at = _skip(data, at)
        return at
    raise ValueError(f"unsupported CBOR major type {major}")


def _items(data: bytes, at: int) -> tuple[list[tuple[int, int]], int]:
    """The (start, end) spans of the items of the CBOR array at `at`, and the offset after it."""
    major, count, at = _head(data, at)
    if major != 4:
        raise ValueError("unexpected Pagefind file layout: an array was expected")
    spans = []
    for _ in range(count):
        end = _skip(data, at)
        spans.append((at, end))
        at = end
    return spans, at


def _sort_array(data: bytes, at: int) -> bytes:
    """`data` with the items of the CBOR array at `at` in the order of their encoded bytes."""
    spans, after = _items(data, at)
    if not spans:
        return data
    items = sorted(data[start:end] for start, end in spans)
    return data[:spans[0][0]] + b"".join(items) + data[after:]


def _payload(content: bytes) -> bytes:
    if not content.startswith(SIGNATURE):
        raise ValueError("not a Pagefind index file")
    return content[len(SIGNATURE):]


def sorted_filter(content: bytes) -> bytes:
    """A decompressed filter file, [name, [[value, pages], …]], with its values in byte order."""
    data = _payload(content)
    (_name, values), _ = _items(data, 0)
    return SIGNATURE + _sort_array(data, values[0])


#: Position of the filter list ([[name, file], …]) in the metadata file's top-level array.
META_FILTERS = 3


def sorted_meta(content: bytes) -> bytes:
    """A decompressed metadata file with its list of filter files in byte order."""
    data = _payload(content)
    spans, _ = _items(data, 0)
    if len(spans) <= META_FILTERS:
        raise ValueError("unexpected Pagefind metadata layout: too few parts")
    return SIGNATURE + _sort_array(data, spans[META_FILTERS][0])


def _gzip(content: bytes) -> bytes:
    return gzip.compress(content, compresslevel=9, mtime=0)


def _digest(content: bytes, length: int) -> str:
    return hashlib.sha256(content).hexdigest()[:length]


def stabilise(bundle: Path) -> None:
    """Rewrite bundle/filter/*.pf_filter, the .pf_meta file and pagefind-entry.json in place."""
    entry_file = bundle / "pagefind-entry.json"
    entry = json.loads(entry_file.read_text(encoding="utf-8"))
    for language in entry["languages"].values():
        meta_file = bundle / f"pagefind.{language['hash']}.pf_meta"
        meta = gzip.decompress(meta_file.read_bytes())
        for filter_file in sorted((bundle / "filter").glob("*.pf_filter")):
            old_name = filter_file.stem
            prefix, _, old_hash = old_name.rpartition("_")
            if old_name.encode() not in meta:
                continue
            content = sorted_filter(gzip.decompress(filter_file.read_bytes()))
            new_name = f"{prefix}_{_digest(content, len(old_hash))}"
            filter_file.unlink()
            (filter_file.parent / f"{new_name}.pf_filter").write_bytes(_gzip(content))
            # Same length, so the CBOR around the name stays valid.
            meta = meta.replace(old_name.encode(), new_name.encode())
        meta = sorted_meta(meta)
        prefix, _, old_hash = language["hash"].rpartition("_")
        language["hash"] = f"{prefix}_{_digest(meta, len(old_hash))}"
        meta_file.unlink()
        (bundle / f"pagefind.{language['hash']}.pf_meta").write_bytes(_gzip(meta))
    entry_file.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")),
                          encoding="utf-8")
