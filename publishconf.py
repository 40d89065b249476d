"""Settings for the public site: pelicanconf.py plus what only the published site needs."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from pelicanconf import *  # noqa: F403
from pelicanconf import PLUGINS

SITEURL = "https://kopienuzinas.lv"
FEED_DOMAIN = SITEURL
DELETE_OUTPUT_DIRECTORY = True

# Drafts (`status: draft`) are previewed locally but never published.
DRAFT_SAVE_AS = DRAFT_LANG_SAVE_AS = DRAFT_PAGE_SAVE_AS = DRAFT_PAGE_LANG_SAVE_AS = ""

# Pre-compressed copies (page.html.gz, page.html.br) that static hosts serve directly.
# pelican-precompress writes gzip with zlib (header time stamp 0) and Brotli, both
# deterministic; zopfli and zstandard are off so the output does not depend on what else
# happens to be installed.
PLUGINS = [*PLUGINS, "pelican.plugins.precompress"]
PRECOMPRESS_GZIP = True
PRECOMPRESS_BROTLI = True
PRECOMPRESS_ZOPFLI = False
PRECOMPRESS_ZSTANDARD = False
