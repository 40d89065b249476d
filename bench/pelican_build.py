"""Plain Pelican on the same synthetic articles: the floor of what Pelican itself costs.

The same installed Pelican and Python-Markdown as our build, Pelican's default theme, no plugins
(`PLUGINS = []`: otherwise Pelican loads every namespace plugin installed beside it), one
process. Pelican's MarkdownReader reads front matter with Python-Markdown's meta extension:
`---` delimited `key: value` lines whose values it keeps as written text, except that it splits
`tags:` and `authors:` at commas and parses `date:` itself (`2024-03-05 14:15` and `2024-03-05`
both, in `TIMEZONE`). Our files' YAML values written in JSON (quoted titles and summaries,
`["a", "b"]` lists) would reach it with their quotes and brackets (a tag named `["sports"`), so
they are changed in one way only: those values are unquoted and lists become Pelican's
`a, b`. Dates, regions, bodies and `{filename}` links stay as they are.

Only what the comparison needs is set beyond Pelican's defaults: the content folder, Riga's
time zone, our article addresses (`zinas/<year>/<slug>/`, so that the benchmark finds and
counts the article pages as it does ours) and Pelican's documented content caching
("Reading only modified content"), so that a rebuild after one edit is Pelican's best:
`CACHE_CONTENT` and `LOAD_CONTENT_CACHE` on, `CONTENT_CACHING_LAYER = "generator"` (whole
article objects are cached, not only what the reader returned), `GZIP_CACHE` off (the cache
file is not compressed and decompressed), modification checked by file time
(`CHECK_MODIFIED_METHOD`'s default). Pelican has no incremental writing: every page is written
again.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

#: Where the converted articles go inside the plain Pelican site.
CONTENT = "content"
#: Plain Pelican's settings; everything not named here is Pelican's default.
SETTINGS = '''"""Plain Pelican for the benchmark (written by bench.pelican_build; not part of the site)."""
PATH = {content!r}
TIMEZONE = "Europe/Riga"
PLUGINS = []
ARTICLE_URL = "zinas/{{date:%Y}}/{{slug}}/"
ARTICLE_SAVE_AS = ARTICLE_URL + "index.html"
CACHE_PATH = {cache!r}
CACHE_CONTENT = True
LOAD_CONTENT_CACHE = True
CONTENT_CACHING_LAYER = "generator"
GZIP_CACHE = False
'''
#: Front-matter keys whose lists Pelican splits at commas.
_LIST_SEPARATOR = ", "


def _meta_value(key: str, value: str) -> str:
    """One front-matter value as the meta extension should read it (see the module docstring);
    ValueError for a list item Pelican would split or a value on more than one line."""
    if not value.startswith(('"', "[")):
        return value
    decoded = json.loads(value)
    items = decoded if isinstance(decoded, list) else [decoded]
    if any("\n" in item for item in items):
        raise ValueError(f"{key}: a value on more than one line: {value}")
    if isinstance(decoded, list):
        if any("," in item for item in items):
            raise ValueError(f"{key}: Pelican would split an item at its comma: {value}")
        return _LIST_SEPARATOR.join(items)
    return str(decoded)


def meta_front_matter(text: str) -> str:
    """An article's text with its front matter in the meta extension's terms, the rest (from
    the closing `---` on) unchanged; ValueError for a value it cannot express."""
    opening, _, rest = text.partition("\n")
    head, separator, body = rest.partition("\n---\n")
    if opening != "---" or not separator:
        raise ValueError("no front matter between '---' lines")
    lines = []
    for line in head.split("\n"):
        key, colon, value = line.partition(": ")
        lines.append(f"{key}: {_meta_value(key, value)}" if colon else line)
    return "\n".join([opening, *lines]) + separator + body


def write_site(articles: list[Path], site: Path) -> list[Path]:
    """Each article converted into `site`/content (created); returns their paths, in order."""
    content = site / CONTENT
    content.mkdir(parents=True)
    written = []
    for article in articles:
        path = content / article.name
        path.write_text(meta_front_matter(article.read_text(encoding="utf-8")), encoding="utf-8")
        written.append(path)
    return written


def write_settings(settings: Path, site: Path, cache: Path) -> None:
    """Plain Pelican's settings file at `settings`, reading `site`/content, caching in `cache`."""
    settings.write_text(SETTINGS.format(content=str(site / CONTENT), cache=str(cache)),
                        encoding="utf-8")


def build_command(settings: Path, output: Path) -> list[str]:
    """Pelican's own command line (`pelican -s … -o …`) in a fresh interpreter."""
    return [sys.executable, "-m", "pelican", "--settings", str(settings), "--output", str(output)]
