"""Read the real content/ independently of the plugins, to derive what the site must show."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

import yaml
from unidecode import unidecode

CONTENT = Path(__file__).resolve().parent.parent / "content"


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
    return re.sub(r"[^a-z0-9]+", "-", unidecode(text).lower()).strip("-")


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
