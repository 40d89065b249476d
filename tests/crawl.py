"""A crawl of a built site's output, as a visitor's browser or a feed reader follows it: every
internal link and picture source that the pages, feeds and sitemaps write (the templates' and
plugins' own, which the build's link check of the sources never sees) must lead to a file."""

from __future__ import annotations

import html
import re
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

#: Attributes that carry one address; `srcset` carries several (`a.jpg 480w, b.jpg 960w`).
_ADDRESS = re.compile(r'\b(?:href|src|url|action|poster)\s*=\s*"([^"]*)"')
_SRCSET = re.compile(r'\bsrcset\s*=\s*"([^"]*)"')
#: Addresses written as element text: sitemap <loc>, RSS <link>.
_ELEMENT = re.compile(r"<(?:loc|link)>([^<]+)</(?:loc|link)>")
#: Output files whose text holds addresses.
SUFFIXES = {".html", ".xml", ".xsl", ".css", ".txt"}


def _addresses(text: str) -> dict[str, None]:
    """Every address `text` writes, once; a feed's escaped HTML (`&lt;a href=…`) is read too."""
    found: list[str] = []
    for source in (text, html.unescape(text)):
        found += [html.unescape(value) for value in _ADDRESS.findall(source)]
        found += [part.split()[0] for value in _SRCSET.findall(source)
                  for part in html.unescape(value).split(",") if part.strip()]
        found += [html.unescape(value).strip() for value in _ELEMENT.findall(source)]
    return dict.fromkeys(found)


def _page_url(output: Path, file: Path, siteurl: str) -> str:
    """The URL a file is served at (`x/index.html` → `…/x/index.html`)."""
    return f"{siteurl.rstrip('/')}/{file.relative_to(output).as_posix()}"


def _target(output: Path, address: str) -> Path:
    """The output file a site path is served from (a folder: its index.html)."""
    path = output / unquote(address).lstrip("/")
    return path / "index.html" if address.endswith("/") or path.is_dir() else path


def dead_links(output: Path, siteurl: str) -> list[tuple[str, str]]:
    """(file, address) for each internal address in the output that leads to no file. Internal:
    on SITEURL's host (http, https, or the same path as webcal://) or relative; fragments and
    queries are ignored (they select within a file)."""
    site = urlsplit(siteurl)
    dead = []
    for file in sorted(output.rglob("*")):
        if file.suffix not in SUFFIXES or not file.is_file():
            continue
        base = _page_url(output, file, siteurl)
        for address in _addresses(file.read_text(encoding="utf-8", errors="replace")):
            if not address or address.startswith(("#", "data:", "mailto:", "tel:", "javascript:")):
                continue
            absolute = urlsplit(urljoin(base, address.replace("webcal://", f"{site.scheme}://")))
            if absolute.netloc != site.netloc or not absolute.path.startswith(site.path or "/"):
                continue
            if not _target(output, absolute.path[len(site.path.rstrip("/")):]).is_file():
                dead.append((file.relative_to(output).as_posix(), address))
    return dead
