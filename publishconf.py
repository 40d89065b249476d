"""Settings for the public site: pelicanconf.py plus the public address."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from pelicanconf import *  # noqa: E402,F403

SITEURL = "https://kopienuzinas.lv"
FEED_DOMAIN = SITEURL
DELETE_OUTPUT_DIRECTORY = True
