"""`make strip-location`: remove GPS position and camera data from the pictures in content/.

The only command that changes editors' files, and only when run by hand. Pixels are not
re-encoded (images/privacy.py); the orientation is kept. A picture with nothing to remove (no
location, camera or other metadata beyond its orientation) is left byte for byte and not named.
Prints each file it changed, with what it removed, and each it could not change (with how to
fix it), named relative to content/, and exits 1 when any could not be changed.

    .venv/bin/python -m kopienu_zinas.tools.strip_location [--content content]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..images.kinds import is_picture
from ..images.paths import content_path
from ..images.privacy import EXPORT_FIX, CannotStrip, has_location, strip_location


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--content", type=Path, default=Path("content"))
    args = parser.parse_args(argv)
    failed = 0
    for path in sorted(p for p in args.content.rglob("*")
                       if p.is_file() and is_picture(p)):
        name = content_path(path, args.content)
        try:
            removed = strip_location(path)
            if removed is not None:
                print(f"{name}: {removed.removed()}")
        except CannotStrip as error:
            if has_location(path):
                failed += 1
                print(f"{name}: location: atrašanās vietu nevar izņemt šim failam "
                      f"(cannot remove the location from this file): {error} — {EXPORT_FIX}",
                      file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
