"""Pelican glue: writes /admin/ (the page, our script, the Decap bundle).

Our script carries the generated configuration (so no config.yml is fetched: static hosts serve
.yml with varying content types, which Decap then refuses) and the Latvian locale.

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
from .config import decap_config
from .settings import CmsSettings

log = logging.getLogger(__name__)
#: Our Latvian UI strings for Decap, kept with the theme's other translations.
LOCALE_FILE = Path("translations") / "lv" / "decap-cms.yml"
SCRIPT = "kopienu-zinas-cms.js"


def admin_script(config: dict[str, Any], locale: dict[str, Any], preview_css: str) -> str:
    """Registers the `lv` locale and the site CSS for the preview pane, then starts Decap.

    On localhost Decap talks to `decap-server` (config `local_backend`), and saves commit
    straight to the local clone (`publish_mode: simple`); online, drafts are pull requests."""
    def js(value: Any) -> str:
        return json.dumps(value, ensure_ascii=False, indent=1)
    return (f"CMS.registerLocale(\"lv\", {js(locale)});\n"
            f"CMS.registerPreviewStyle(new URL({js(preview_css)}, document.baseURI).href);\n"
            f"var config = {js(config)};\n"
            "if ([\"localhost\", \"127.0.0.1\"].indexOf(location.hostname) !== -1) {\n"
            "  config.publish_mode = \"simple\";\n}\n"
            "CMS.init({config: config});\n")


class AdminGenerator(Generator):
    """Writes CMS['url'] (default admin/): index.html, our script, the bundle."""

    def generate_output(self, writer: Any) -> None:
        try:
            cms = CmsSettings.from_pelican(self.settings)
            files = bundle_files(cms.bundle)
        except (ValueError, BundleMissing) as refused:
            log.error("%s", refused)
            return
        target = Path(self.output_path) / cms.url
        target.mkdir(parents=True, exist_ok=True)
        for file in files:
            shutil.copyfile(file, target / file.name)
        locale_path = Path(self.settings["THEME"]) / LOCALE_FILE
        locale = yaml.safe_load(locale_path.read_text(encoding="utf-8"))
        up = "../" * cms.url.count("/")  # from the admin page to the site root
        css = f"{up}{self.settings['THEME_STATIC_DIR']}/css/site.css"
        script = admin_script(decap_config(self.settings, cms), locale, css)
        (target / SCRIPT).write_text(script, encoding="utf-8")
        writer.write_file(f"{cms.url}index.html", self.get_template("admin"), self.context,
                          cms_script=SCRIPT, relative_urls=False)


def get_generators(pelican: Any) -> type[Generator]:
    return AdminGenerator
