"""Pelican settings for local builds and preview (publishconf.py adds what only the public site needs)."""

from pathlib import Path

from kopienu_zinas.common import leftbehind

# The project folder (lower case: not a setting, so no cache key holds where the clone is).
here = Path(__file__).resolve().parent

SITENAME = "Kopienu ziņas"
# Who answers for the site: the feeds' <author> (articles without authors) and the newsletter.
EDITOR = "Kopienu ziņu redakcija"
SITE_DESCRIPTION = "Sēlijas, Latgales un Rēzeknes kopienu ziņas: pasākumi, projekti un cilvēki."
# The same in every other language of the site (its pages and feeds in that language show it).
SITE_DESCRIPTION_BY_LANG = {
    "en": "Community news of Sēlija, Latgale and Rēzekne: events, projects and people.",
}
# Local preview address (make serve); publishconf.py sets the public one.
SITEURL = "http://localhost:8000"
FEED_DOMAIN = SITEURL
# Addresses under which the site is published: links written with them (https://…, webcal://…)
# are checked as internal links, like /par-mums/ (docs/building.md, "Links").
SITE_ADDRESSES = ["https://kopienuzinas.lv"]
PORT = 8000
BIND = "127.0.0.1"

PATH = str(here / "content")
OUTPUT_PATH = str(here / "output")
THEME = str(here / "theme")
CACHE_PATH = str(here / ".cache" / "pelican")

TIMEZONE = "Europe/Riga"
DEFAULT_LANG = "lv"
# The build's "now": None means the real time. Tests and reproducible builds pass an ISO date
# (make html BUILD_DATE=2026-11-23).
BUILD_DATE = None
# The preview build (`make serve` sets it True for its own builds): articles and pages dated
# after the build's "now" are shown, marked as scheduled (every other build leaves them out
# until their date), and content problems are shown on the pages they concern instead of
# stopping the build. Other plugins may show more in it.
PREVIEW = False

# Regions are Pelican categories (front matter `region:`). The first three are ours; the others
# are for articles about elsewhere.
REGIONS = ["Sēlija", "Latgale", "Rēzekne", "Vidzeme"]

PLUGIN_PATHS = [str(here / "plugins")]
# kopienu_zinas.reading before kopienu_zinas.site: its caches are on before the content check.
PLUGINS = ["pelican.plugins.yaml_metadata", "kopienu_zinas.reading", "kopienu_zinas.site",
           "kopienu_zinas.images", "kopienu_zinas.events", "kopienu_zinas.galleries",
           "kopienu_zinas.newsletter", "kopienu_zinas.search", "kopienu_zinas.cms",
           "kopienu_zinas.icons", "kopienu_zinas.writing"]

# The events plugin (docs/events.md): calendar pages under /kalendars/, .ics files.
EVENTS = {
    "calendar_url": "kalendars/",
    "refresh_hours": 12,
}

# The browser editor at /admin/ (docs/cms.md): the Decap CMS bundle the Makefile installs.
CMS = {"bundle": str(here / ".cache" / "decap-cms" / "package" / "dist")}

ARTICLE_PATHS = [""]
ARTICLE_EXCLUDES = ["pages", "galleries", "newsletter"]
PAGE_PATHS = ["pages"]
# Pictures for articles (`image: atteli/foto.jpg`, `![apraksts]({static}/atteli/foto.jpg)`).
STATIC_PATHS = ["atteli"]  # never "galleries": originals are not published (docs/galleries.md)
# What editors' tools and operating systems leave behind (.DS_Store, ._foto.png, Thumbs.db,
# desktop.ini, .#raksts.md, raksts.md~ …; kopienu_zinas/common/leftbehind.py): never read,
# published or reported. Pelican matches each pattern against every file's and folder's name
# (its default, "**/.*", matches no name: it holds a "/").
IGNORE_FILES = list(leftbehind.LEFT_BEHIND)

# Every other editor picture (STATIC_PATHS, `image:` covers, `{static}` in the text) goes through
# the same pipeline as gallery photos: docs/galleries.md, "Article pictures and covers".
IMAGES: dict = {}
# Photo galleries (content/galleries/<name>/): see docs/galleries.md for every key.
GALLERIES = {"widths": [480, 960, 1600]}
READERS = {"html": None}

# Clean, directory-style Latvian URLs; slugs are transliterated to ASCII.
ARTICLE_URL = "zinas/{date:%Y}/{slug}/"
ARTICLE_SAVE_AS = ARTICLE_URL + "index.html"
ARTICLE_LANG_URL = "{lang}/zinas/{date:%Y}/{slug}/"
ARTICLE_LANG_SAVE_AS = ARTICLE_LANG_URL + "index.html"
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = PAGE_URL + "index.html"
PAGE_LANG_URL = "{lang}/{slug}/"
PAGE_LANG_SAVE_AS = PAGE_LANG_URL + "index.html"
CATEGORY_URL = "regioni/{slug}/"
CATEGORY_SAVE_AS = CATEGORY_URL + "index.html"
CATEGORIES_URL = "regioni/"
CATEGORIES_SAVE_AS = CATEGORIES_URL + "index.html"
TAG_URL = "temas/{slug}/"
TAG_SAVE_AS = TAG_URL + "index.html"
TAGS_URL = "temas/"
TAGS_SAVE_AS = TAGS_URL + "index.html"
AUTHOR_URL = "autori/{slug}/"
AUTHOR_SAVE_AS = AUTHOR_URL + "index.html"
AUTHORS_URL = "autori/"
AUTHORS_SAVE_AS = AUTHORS_URL + "index.html"
ARCHIVES_URL = "arhivs/"
ARCHIVES_SAVE_AS = ARCHIVES_URL + "index.html"
DIRECT_TEMPLATES = ["index", "categories", "tags", "authors", "archives", "404"]
YEAR_ARCHIVE_SAVE_AS = MONTH_ARCHIVE_SAVE_AS = DAY_ARCHIVE_SAVE_AS = ""
# Drafts (`status: draft`) are built for preview under /melnraksti/ and linked from nowhere;
# publishconf.py never writes them.
DRAFT_URL = "melnraksti/{slug}/"
DRAFT_SAVE_AS = DRAFT_URL + "index.html"
DRAFT_LANG_URL = "melnraksti/{slug}/{lang}/"
DRAFT_LANG_SAVE_AS = DRAFT_LANG_URL + "index.html"
DRAFT_PAGE_URL = "melnraksti/lapas/{slug}/"
DRAFT_PAGE_SAVE_AS = DRAFT_PAGE_URL + "index.html"
DRAFT_PAGE_LANG_URL = "melnraksti/lapas/{slug}/{lang}/"
DRAFT_PAGE_LANG_SAVE_AS = DRAFT_PAGE_LANG_URL + "index.html"
SLUGIFY_SOURCE = "title"
# Summaries are plain text editors write (Markdown would turn "16. maijā …" into a list).
FORMATTED_FIELDS: list[str] = []

DEFAULT_PAGINATION = 10
PAGINATION_PATTERNS = (
    (1, "{url}", "{save_as}"),
    (2, "{base_name}/lapa/{number}/", "{base_name}/lapa/{number}/index.html"),
)

# Pelican's own feeds: site-wide and per region, written by the site plugin's FeedWriter
# (site/feeds.py: tag: ids with isPermaLink="false", absolute URLs, no empty authors).
FEED_ALL_ATOM = "atom.xml"
FEED_ALL_RSS = "rss.xml"
CATEGORY_FEED_ATOM = "regioni/{slug}/atom.xml"
CATEGORY_FEED_RSS = "regioni/{slug}/rss.xml"
FEED_ATOM = FEED_RSS = None
AUTHOR_FEED_ATOM = AUTHOR_FEED_RSS = None
TAG_FEED_ATOM = TAG_FEED_RSS = None
# One feed per language (site/feeds.py): the site and region feeds carry the Latvian articles,
# en/atom.xml and en/rss.xml the English ones (linked by the English pages); no lv/ copy.
TRANSLATION_FEED_ATOM = "{lang}/atom.xml"
TRANSLATION_FEED_RSS = "{lang}/rss.xml"
FEED_MAX_ITEMS = 20
# The date in every feed item's id, tag:<host>,<FEED_ID_DATE>:<source file> (docs/building.md,
# "Feeds"): a day on which the site owned its host (RFC 4151). Never change it: a new id makes
# feed readers and RSS-to-e-mail services take every article for a new one.
FEED_ID_DATE = "2026-12-01"
RSS_FEED_SUMMARY_ONLY = False

# The words Markdown's extensions write into pages are in the default language (DEFAULT_LANG)
# here, and in each other language in MARKDOWN_BY_LANG, merged into MARKDOWN for the articles and
# pages with that `lang:` (docs/building.md, "Caches: reading"). Only the footnotes' back-link
# title is such a word among the extensions used ("extra": footnotes, tables, abbreviations…):
# an extension added here that writes words (toc's `permalink_title`…) needs them in both.
MARKDOWN = {
    "extension_configs": {
        "markdown.extensions.extra": {
            "footnotes": {"BACKLINK_TITLE": "Atpakaļ uz {}. zemsvītras piezīmes vietu tekstā"},
        },
        "markdown.extensions.sane_lists": {},
    },
    "output_format": "html5",
}
MARKDOWN_BY_LANG = {
    "en": {"extension_configs": {"markdown.extensions.extra": {
        "footnotes": {"BACKLINK_TITLE": "Jump back to footnote {} in the text"},
    }}},
}

# Templates do not change during a build: no file-date check on every template lookup.
JINJA_ENVIRONMENT = {"trim_blocks": True, "lstrip_blocks": True, "extensions": [], "auto_reload": False}

# Pelican's own reader cache stays off: it keys by file times and loads one pickle for all files.
# The reading plugin caches by content hashes instead (docs/building.md, "Caches: reading").
LOAD_CONTENT_CACHE = False
CACHE_CONTENT = False
# The reading plugin: "cache" False reads everything afresh; "workers" caps the processes that
# read uncached sources (None: one per core; 0: only the build process).
READING = {"cache": True, "workers": None}
DELETE_OUTPUT_DIRECTORY = True
TYPOGRIFY = False

# The monthly newsletter (docs/newsletter.md); the other keys keep their defaults.
NEWSLETTER = {"editor": EDITOR}
