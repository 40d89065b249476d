"""Read the real content/ independently of the plugins, to derive what the site must show."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import yaml
from pelican.settings import read_settings
from pelican.utils import slugify

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
#: The site's settings, for the slugs Pelican itself makes from titles.
SETTINGS = read_settings(str(ROOT / "pelicanconf.py"))


@dataclass(frozen=True)
class SourceArticle:
    file: Path
    title: str
    date: dt.date
    region: str
    lang: str

    @property
    def url_path(self) -> str:
        prefix = "" if self.lang == "lv" else f"{self.lang}/"
        return f"{prefix}zinas/{self.date.year}/{slug(self.title)}/"


def slug(text: str) -> str:
    """The slug Pelican makes of a title with the site's settings."""
    return slugify(text, regex_subs=SETTINGS["SLUG_REGEX_SUBSTITUTIONS"],
                   preserve_case=SETTINGS["SLUGIFY_PRESERVE_CASE"],
                   use_unicode=SETTINGS["SLUGIFY_USE_UNICODE"])


def front_matter(file: Path) -> dict:
    text = file.read_text(encoding="utf-8")
    return yaml.safe_load(text.split("---", 2)[1])


def articles() -> list[SourceArticle]:
    found = []
    for file in sorted(CONTENT.glob("*.md")):
        meta = front_matter(file)
        date = meta["date"]
        if isinstance(date, str):
            date = dt.date.fromisoformat(date[:10])
        if isinstance(date, dt.datetime):
            date = date.date()
        found.append(SourceArticle(file, meta["title"], date, meta["region"], meta.get("lang", "lv")))
    return found
