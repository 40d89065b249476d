"""Make every URL in an HTML fragment absolute, for readers that have no base URL.

Feed readers, RSS-to-e-mail services and mail programs show an item's HTML away from the site,
so `<img src="/atteli/karte.jpg">` or `<a href="../par-mums/">` load nothing there. Every feed
(site, region, newsletter RSS/Atom) and the newsletter's e-mail edition pass their HTML through
:func:`absolutise_html`, resolved against the item's own absolute URL, as a browser showing the
item's page would (RFC 3986 §5.2, ``urllib.parse.urljoin``).

Only the start tags that hold a relative URL are rewritten, everything else stays byte for byte
(common/starttags.py).
"""

from __future__ import annotations

import re
from urllib.parse import urljoin

from .starttags import rewrite_start_tags

#: Attributes whose whole value is one URL (HTML's URL-valued attributes that feeds may carry).
URL_ATTRIBUTES = frozenset({"href", "src", "poster", "cite", "action", "formaction", "data",
                            "background", "longdesc", "usemap"})
#: Attributes whose value is a list of image candidates (`url [descriptor], …`).
SRCSET_ATTRIBUTES = frozenset({"srcset", "imagesrcset"})
_SPACE = " \t\n\r\f"


_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:", re.I)


def on_site(siteurl: str, path: str) -> str:
    """A site-relative path ('zinas/2024/x/', '/par-mums/') as an absolute URL under SITEURL;
    a URL that has a scheme (https:, mailto:, webcal:) is returned as it is.

    Models and contexts hold site-relative paths; pages, feeds, e-mail and .ics files make
    them absolute here, in one way."""
    if _SCHEME.match(path):
        return path
    return f"{siteurl.rstrip('/')}/{path.lstrip('/')}"


def absolute_url(value: str, base_url: str) -> str:
    """`value` resolved against `base_url`; already absolute URLs (any scheme) are unchanged."""
    return urljoin(base_url, value.strip(_SPACE))


def srcset_candidates(value: str) -> list[tuple[str, str]]:
    """(URL, descriptor) of each image candidate in a `srcset` (HTML's srcset parsing rules,
    simplified: a URL runs to the next whitespace; trailing commas end a candidate without
    descriptors). The descriptor is "" when none is given."""
    candidates: list[tuple[str, str]] = []
    position, length = 0, len(value)
    while position < length:
        while position < length and (value[position] in _SPACE or value[position] == ","):
            position += 1
        start = position
        while position < length and value[position] not in _SPACE:
            position += 1
        url = value[start:position]
        if not url:
            break
        descriptor = ""
        if url.endswith(","):
            url = url.rstrip(",")
        else:
            end = value.find(",", position)
            end = length if end < 0 else end
            descriptor = " ".join(value[position:end].split())
            position = end + 1
        candidates.append((url, descriptor))
    return candidates


def absolute_srcset(value: str, base_url: str) -> str:
    """A `srcset` with every candidate's URL resolved."""
    return ", ".join(f"{absolute_url(url, base_url)} {descriptor}".rstrip()
                     for url, descriptor in srcset_candidates(value))


def _absolute(name: str, value: str | None, base_url: str) -> str | None:
    if value is None:
        return None
    if name in URL_ATTRIBUTES:
        return absolute_url(value, base_url)
    if name in SRCSET_ATTRIBUTES:
        return absolute_srcset(value, base_url)
    return value


def absolutise_html(markup: str, base_url: str) -> str:
    """`markup` with every URL attribute (href, src, srcset, poster, …) made absolute.

    ``base_url`` is the absolute URL of the page the HTML belongs to (an article's or issue's
    own URL), so `foto.jpg`, `../x/` and `/atteli/x.jpg` resolve exactly as on that page.
    Raises ValueError when ``base_url`` is not absolute (it would leave relative URLs behind).
    """
    if "://" not in base_url:
        raise ValueError(f"base URL must be absolute, not {base_url!r}")
    return rewrite_start_tags(markup, lambda _tag, attrs: [
        (name, _absolute(name, value, base_url)) for name, value in attrs])
