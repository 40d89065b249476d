"""The files of the pinned `decap-cms` npm package that /admin/ serves.

The package's `dist/` holds the main script, its lazily loaded chunks (`<n>.decap-cms.js`, found
by the main script beside itself), two WebAssembly files and the licence notice; the source maps
(about 25 MB) and the second, identical `cms.js` build are left out.
"""

from __future__ import annotations

from pathlib import Path

MAIN = "decap-cms.js"


class BundleMissing(Exception):
    """The npm package is not installed where the settings say (`make html` installs it)."""


def bundle_files(dist: Path | None) -> list[Path]:
    """The files to publish, sorted by name; BundleMissing when `dist/decap-cms.js` is absent."""
    if dist is None or not (dist / MAIN).is_file():
        raise BundleMissing(
            f"Decap CMS nav instalēts (not installed) {dist}: palaid 'make html', kas to "
            "instalē ar npm (the Makefile installs the pinned decap-cms package)")
    return sorted(p for p in dist.iterdir() if p.is_file() and _published(p.name))


def _published(name: str) -> bool:
    return name in (MAIN, f"{MAIN}.LICENSE.txt") or name.endswith((".decap-cms.js", ".wasm"))
