"""What the preview serves at an address with no file: the problems that left it without a page.

A source whose front matter cannot be read (an unclosed quote, a file saved empty) gives no
page, so the address of the article an editor has open disappears with the next build. The
preview server answers every address it has no file for (and every folder without an
`index.html`, as the published site does) with the site's own "not found" page (`404.html`,
from the theme), status 404, and the reload script (tools/live_reload.py); on that page, in the
place of the preview's problem banner:

- when the address was a page of a source, in any build of this preview, and that source has
  problems and no page in the build being served: the banner of its problems, headed by a line
  saying so; saving the fix builds the page again, and the open page reloads to it;
- else, when sources with problems have no page in that build (an article broken before the
  preview started, whose address it never saw): the banner of all of them;
- else no banner.

The facts come with each swapped-in build from the warm build process (`unbuilt` line,
site/preview_missing.py); a theme without `404.html` gets a short page of the same shape.
"""

from __future__ import annotations

import html
import threading
import urllib.parse
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..site.preview_links import MARKER

#: The page served when the output has no `404.html` (a theme without the template).
FALLBACK = f"""<!doctype html>
<html lang="lv">
<head><meta charset="utf-8"><title>Lapa nav atrasta (page not found)</title></head>
<body>
{MARKER}
<h1>Lapa nav atrasta (page not found)</h1>
</body>
</html>
""".encode()

#: Heads the banner of the source that had the address (Latvian, then English).
OWN_SOURCE = ("Šīs adreses lapa netika uzbūvēta: failā <code>{source}</code> ir kļūda. "
              "Izlabo failu un saglabā — lapa ielādējas no jauna. (This address's page was not "
              "built: <code>{source}</code> has a problem. Fix the file and save — the page "
              "reloads by itself.)")
#: Heads the banner of every source without a page (the address's source is not known).
ANY_SOURCE = ("Šo failu lapas netika uzbūvētas; šī adrese var būt kādas no tām. Izlabo failu un "
              "saglabā — lapa ielādējas no jauna. (These files' pages were not built; this "
              "address may be one of theirs. Fix the file and save — the page reloads by "
              "itself.)")


class MissingPages:
    """The facts of the builds served so far; `page()` answers a missing address. Updated by
    the thread that reads the warm build process's replies, read by the server's threads."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        #: output file → its source, in every build of this preview (the latest wins)
        self.sources: dict[str, str] = {}
        self.banners: dict[str, str] = {}
        self.all_banners = ""

    def update(self, unbuilt: Mapping[str, Any]) -> None:
        """Take a swapped-in build's facts (site/preview_missing.py `Unbuilt.as_json`)."""
        with self.lock:
            self.sources.update(unbuilt["pages"])
            self.banners = dict(unbuilt["banners"])
            self.all_banners = unbuilt["all_banners"]

    def banner(self, address: str) -> str:
        """The banner for a missing address (the path of the request, its query ignored)."""
        with self.lock:
            source = next((self.sources[file] for file in output_files(address)
                           if file in self.sources), None)
            if source is not None and source in self.banners:
                return headed(self.banners[source], OWN_SOURCE.format(source=html.escape(source)))
            return headed(self.all_banners, ANY_SOURCE) if self.all_banners else ""

    def page(self, address: str, output: Path) -> bytes:
        """The "not found" page for `address`: the output's `404.html` (else FALLBACK), with
        the banner, if any, in the place of its banner marker (FALLBACK's when it has none)."""
        banner = self.banner(address).rstrip("\n").encode()
        try:
            page = (output / "404.html").read_bytes()
        except OSError:
            page = FALLBACK
        if not banner:
            return page
        if MARKER.encode() not in page:
            page = FALLBACK
        return page.replace(MARKER.encode(), banner, 1)


def output_files(address: str) -> list[str]:
    """The output files (relative, `/`-separated) an address can name: a folder's
    `index.html`, or the file itself and, without the closing `/`, the folder's."""
    path = urllib.parse.unquote(urllib.parse.urlsplit(address).path).lstrip("/")
    if not path or path.endswith("/"):
        return [f"{path}index.html"]
    return [path, f"{path}/index.html"]


def headed(banner: str, heading: str) -> str:
    """The banner with one paragraph under its title."""
    return banner.replace("</h2>", f"</h2>\n  <p>{heading}</p>", 1)
