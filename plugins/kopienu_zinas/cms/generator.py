"""Pelican glue: writes /admin/ (page, generated config, our Latvian locale, the Decap bundle).

Nothing here touches the public pages: only /admin/index.html loads the CMS, and it is
`noindex` (so the sitemap leaves it out) and has no `data-pagefind-body` (so search does too).
"""

from __future__ import annotations

import json
import logging
import shutil
from pathlib import Path
from typing import Any

import yaml
from pelican.generators import Generator

from .bundle import BundleMissing, bundle_files
from .config import config_yaml, decap_config
from .settings import CmsSettings

log = logging.getLogger(__name__)
#: Our Latvian UI strings for Decap, kept with the theme's other translations.
LOCALE_FILE = Path("translations") / "lv" / "decap-cms.yml"
SCRIPT = "kopienu-zinas-cms.js"


def locale_script(locale: dict[str, Any], preview_css: str) -> str:
    """Registers the `lv` locale and the site CSS for the preview pane, then starts Decap.

    On localhost Decap talks to `decap-server` (config `local_backend`), and saves commit
    straight to the local clone (`publish_mode: simple`); online, drafts are pull requests."""
    strings = json.dumps(locale, ensure_ascii=False, sort_keys=True, indent=1)
    return (f"CMS.registerLocale(\"lv\", {strings});\n"
            f"CMS.registerPreviewStyle({json.dumps(preview_css)});\n"
            "var local = [\"localhost\", \"127.0.0.1\"].indexOf(location.hostname) !== -1;\n"
            "CMS.init(local ? {config: {publish_mode: \"simple\"}} : {});\n")


class AdminGenerator(Generator):
    """Writes CMS['url'] (default admin/): index.html, config.yml, our script, the bundle."""

    def generate_output(self, writer: Any) -> None:
        cms = CmsSettings.from_pelican(self.settings)
        try:
            files = bundle_files(cms.bundle)
        except BundleMissing as missing:
            log.error("%s", missing)
            return
        target = Path(self.output_path) / cms.url
        target.mkdir(parents=True, exist_ok=True)
        for file in files:
            shutil.copyfile(file, target / file.name)
        (target / "config.yml").write_text(config_yaml(decap_config(self.settings, cms)),
                                           encoding="utf-8")
        locale_path = Path(self.settings["THEME"]) / LOCALE_FILE
        locale = yaml.safe_load(locale_path.read_text(encoding="utf-8"))
        css = f"{self.settings['SITEURL']}/{self.settings['THEME_STATIC_DIR']}/css/site.css"
        (target / SCRIPT).write_text(locale_script(locale, css), encoding="utf-8")
        writer.write_file(f"{cms.url}index.html", self.get_template("admin"), self.context,
                          cms_script=SCRIPT, relative_urls=False)


def get_generators(pelican: Any) -> type[Generator]:
    return AdminGenerator
