"""The NEWSLETTER settings dict, validated once into a frozen dataclass."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..common.settings import merged, positive_int

PLUGIN = "kopienu_zinas.newsletter"

DEFAULTS: dict[str, Any] = {
    "path": "izdevums",
    "issue_time": "08:00",
    "feed_items": 12,
    "ttl": 1440,
    "editor": "Kopienu ziņu redakcija",
    "editor_email": None,
    "logo": "theme/newsletter/logo.png",
    "subscribe_page": "abonet/",
    "description": "Reizi mēnesī: mēneša ziņas no Sēlijas, Latgales un Rēzeknes, "
                   "nākamā mēneša pasākumi un foto galerijas.",
}

_EMAIL = re.compile(r"^[A-Za-z0-9_.+-]+@([A-Za-z0-9-]+\.)+[A-Za-z]{2,}$")


@dataclass(frozen=True)
class NewsletterSettings:
    """What the newsletter needs to know; see docs/newsletter.md."""

    path: str
    issue_time: dt.time
    feed_items: int
    ttl: int
    editor: str
    editor_email: str | None
    logo: str | None
    subscribe_page: str
    description: str

    @classmethod
    def from_pelican(cls, settings: Mapping[str, Any]) -> NewsletterSettings:
        values = merged(settings, "NEWSLETTER", PLUGIN, DEFAULTS)
        try:
            issue_time = dt.time.fromisoformat(str(values["issue_time"]))
        except ValueError as error:
            raise ValueError(f"{PLUGIN}: NEWSLETTER['issue_time'] must be HH:MM") from error
        for name in ("feed_items", "ttl"):
            positive_int(PLUGIN, "NEWSLETTER", name, values[name])
        email = values["editor_email"]
        if email is not None and not _EMAIL.match(str(email)):
            raise ValueError(f"{PLUGIN}: NEWSLETTER['editor_email'] is not an e-mail address")
        path = str(values["path"]).strip("/")
        if not path:
            raise ValueError(f"{PLUGIN}: NEWSLETTER['path'] must not be empty")
        return cls(path=path, issue_time=issue_time, feed_items=values["feed_items"],
                   ttl=values["ttl"], editor=str(values["editor"]), editor_email=email,
                   logo=values["logo"] or None,
                   subscribe_page=str(values["subscribe_page"]).lstrip("/"),
                   description=str(values["description"]))

