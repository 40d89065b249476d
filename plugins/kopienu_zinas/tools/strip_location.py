"""`make strip-location`: remove GPS position and camera data from the pictures in content/.

The only command that changes editors' files, and only when run by hand. Pixels are not
re-encoded (images/privacy.py); the orientation is kept. Prints each file it changed and each
it could not change (with how to fix it), and exits 1 when any could not be changed.

    .venv/bin/python -m kopienu_zinas.tools.strip_location [--content content]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..images.kinds import is_picture
from ..images.privacy import CannotStrip, has_location, strip_location


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--content", type=Path, default=Path("content"))
    args = parser.parse_args(argv)
    failed = 0
    for path in sorted(p for p in args.content.rglob("*")
                       if p.is_file() and is_picture(p)):
        name = path.as_posix()
        try:
            if strip_location(path):
                print(f"{name}: notīrīta atrašanās vieta un kameras dati "
                      f"(location and camera data removed)")
        except CannotStrip as error:
            if has_location(path):
                failed += 1
                print(f"{name}: location: atrašanās vietu nevar izņemt šim formātam "
                      f"(cannot remove the location from this format): {error} — eksportē "
                      f"attēlu no jauna kā JPEG bez atrašanās vietas", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
