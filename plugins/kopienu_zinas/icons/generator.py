"""Pelican glue: render the theme's icons/favicon.svg into the site's root and put the list of
icons into the context (`site_icons`, read by base.html's <head>)."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from pelican.generators import Generator

from ..common.claims import site_file
from ..common.problems import ContentProblem, log_problem
from .render import Icon, IconError, render

logger = logging.getLogger(__name__)

#: The one drawing every icon comes from, inside the theme.
SOURCE = Path("icons") / "favicon.svg"

#: The theme's accent colour (site.css --accent): the touch icon's corners, which iOS would
#: otherwise fill with black.
TOUCH_BACKGROUND = "#9e3039"

#: What browsers and phones ask for. /favicon.ico is requested by every browser even without a
#: link; the SVG is the sharpest where supported; 180 px is iOS's home-screen size; 192 and
#: 512 px are Android's home-screen and splash sizes.
ICONS = (
    Icon("favicon.ico", "image/x-icon"),
    Icon("favicon.svg", "image/svg+xml"),
    Icon("icon-192.png", "image/png", 192),
    Icon("icon-512.png", "image/png", 512),
    Icon("apple-touch-icon.png", "image/png", 180, rel="apple-touch-icon",
         background=TOUCH_BACKGROUND),
)


class IconsGenerator(Generator):
    """Context `site_icons` (tuple of `Icon`); writes each icon file at the site's root."""

    def generate_context(self) -> None:
        self.context["site_icons"] = ICONS

    def generate_output(self, writer: Any) -> None:
        source = Path(self.theme) / SOURCE
        try:
            files = render(source.read_text(encoding="utf-8"), ICONS)
        except (OSError, IconError) as error:
            log_problem(ContentProblem(
                f"{Path(self.theme).name}/{SOURCE}", 0, "favicon.svg", "vietnes ikonu nevar uzzīmēt",
                "the site's icon cannot be rendered", "pārbaudi, vai tēmā ir derīgs "
                f"{SOURCE} (SVG): {error}"))
            return
        for path, data in files.items():
            target = site_file(self.settings, self.output_path, path)
            if target is not None:
                target.write_bytes(data)
                logger.debug("wrote %s", target)


def get_generators(pelican: Any) -> type[Generator]:
    return IconsGenerator
