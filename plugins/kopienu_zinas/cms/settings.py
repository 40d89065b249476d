"""The CMS plugin's settings (the CMS dict), validated once into a frozen dataclass.

Keys (all optional):
- `url`: where the editor is published, site-relative (default `admin/`).
- `bundle`: folder of the pinned `decap-cms` npm package's `dist/` (the Makefile installs it
  into `.cache/decap-cms/`); the build fails with a clear error when it is missing.
- `local_backend`: the address of `decap-server` that `make cms` starts (default
  `http://localhost:8081/api/v1`); used only when /admin/ is opened on localhost.
- `repo`, `branch`, `base_url`: the GitHub repository the online editor commits to, its branch,
  and the OAuth provider's address (docs/cms.md, "Online editing").
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..common.settings import SettingsError, merged

PLUGIN = "kopienu_zinas.cms"

DEFAULTS: dict[str, Any] = {
    "url": "admin/",
    "bundle": None,
    "local_backend": "http://localhost:8081/api/v1",
    "repo": "kopienu-zinas/kopienu-zinas",
    "branch": "main",
    "base_url": None,
}


@dataclass(frozen=True)
class CmsSettings:
    url: str
    bundle: Path | None
    local_backend: str
    repo: str
    branch: str
    base_url: str | None

    @classmethod
    def from_pelican(cls, settings: Mapping[str, Any]) -> CmsSettings:
        """Raises SettingsError naming the key for an unknown key or a URL not ending in '/'."""
        values = merged(settings, "CMS", PLUGIN, DEFAULTS)
        url = str(values["url"])
        if not url.endswith("/") or url.startswith("/") or ".." in url.split("/"):
            raise SettingsError("CMS", "url", "jābūt mapei vietnes iekšienē, kas beidzas ar '/', "
                                "piemēram, 'admin/'", "must be a site-relative folder ending "
                                "with '/', e.g. 'admin/'")
        bundle = values["bundle"]
        return cls(url=url, bundle=Path(bundle) if bundle else None,
                   local_backend=values["local_backend"], repo=values["repo"],
                   branch=values["branch"], base_url=values["base_url"])
