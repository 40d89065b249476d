"""The compressed copies `make publish` writes (`.gz`, `.br`: pelican-precompress) are whole.

pelican-precompress compresses in a process pool whose results it never asks for
(`Pool.apply_async` without a callback), so a worker's error is lost: on a nearly full disk
(QA) each copy was created, its write failed with ENOSPC, and the build reported success with
244 empty `.gz` and `.br` files, which hosts that serve precompressed copies (nginx
`gzip_static`, Caddy `precompressed`) would send as the page. After the plugin has run
(pelican-granular-signals' `deploy` signal, which follows `compress`), every copy is
decompressed with the plugin's own decompressor and compared with its source; a copy that is
not its source whole fails the build, which then leaves the published folder as it was.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

logger = logging.getLogger(__name__)

#: (setting, ending, name of the plugin's decompressor) of each copy pelican-precompress makes.
FORMATS = (("PRECOMPRESS_BROTLI", ".br", "decompress_with_brotli"),
           ("PRECOMPRESS_GZIP", ".gz", "decompress_with_gzip"),
           ("PRECOMPRESS_ZOPFLI", ".gz", "decompress_with_gzip"),
           ("PRECOMPRESS_ZSTANDARD", ".zst", "decompress_with_zstandard"))


def broken_copies(pelican: Any) -> list[Path]:
    """The compressed copies under the output folder that do not decompress to their source
    (empty, cut short, or of another text), in path order; [] without pelican-precompress
    or with every copy whole. A copy the plugin left out (it would be larger) is no fault."""
    try:
        from pelican.plugins import precompress
    except ImportError:
        return []
    settings = precompress.get_settings(pelican)
    checks: list[tuple[str, Callable[[Path], bytes | None]]] = [
        (ending, getattr(precompress, decompressor)) for setting, ending, decompressor
        in FORMATS if settings.get(setting) and hasattr(precompress, decompressor)]
    broken = []
    for source in sorted(precompress.get_paths_to_compress(settings)):
        data: bytes | None = None
        for ending, decompress in checks:
            copy = source.with_name(source.name + ending)
            if not copy.is_file():
                continue
            data = source.read_bytes() if data is None else data
            if decompress(copy) != data:
                broken.append(copy)
    return broken


def check_copies(pelican: Any) -> None:
    """`deploy` receiver: one error naming the copies that are not whole (the first few) and
    the likely cause, a full disk."""
    broken = broken_copies(pelican)
    if not broken:
        return
    output = Path(pelican.settings["OUTPUT_PATH"])
    named = ", ".join(path.relative_to(output).as_posix() for path in broken[:3])
    more = f" un vēl {len(broken) - 3} (and {len(broken) - 3} more)" if len(broken) > 3 else ""
    logger.error("saspiestās kopijas nav pilnīgas (the compressed copies are not whole): %s%s"
                 " — visticamāk diskā nav vietas: atbrīvo vietu un palaid būvēšanu vēlreiz "
                 "(most likely the disk is full)", named, more, extra={"plain": True})
