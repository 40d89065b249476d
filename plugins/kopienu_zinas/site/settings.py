"""The site's own settings, validated once: REGIONS, and MARKDOWN_BY_LANG (the words Markdown's
extensions write, per language: common/sourcereader.py), which the site's reader uses."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from markdown import Extension, Markdown

from ..common.clock import build_now
from ..common.dates import SUPPORTED_LANGUAGES
from ..common.settings import SettingsError
from ..common.sourcereader import markdown_arguments

#: What `Markdown(**…)` takes, so what MARKDOWN_BY_LANG may give for one language.
MARKDOWN_KEYS = ("extension_configs", "extensions", "output_format", "tab_length")


def _extension_names(value: object) -> bool:
    return isinstance(value, (list, tuple)) and all(
        isinstance(item, (str, Extension)) for item in value)


def _extension_settings(value: object) -> bool:
    return isinstance(value, Mapping) and all(isinstance(c, Mapping) for c in value.values())


def _positive_whole(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value > 0


#: What a MARKDOWN_BY_LANG value must be, by key: (test, Latvian, English). Markdown itself
#: says it in Python's words ("'str' object has no attribute 'append'") or not at all
#: (`tab_length: True` or -1 are taken).
MARKDOWN_VALUES: dict[str, tuple[Callable[[object], bool], str, str]] = {
    "extensions": (_extension_names, "jābūt sarakstam ar paplašinājumu nosaukumiem, piemēram, "
                   "[\"markdown.extensions.extra\"]", "must be a list of extension names"),
    "extension_configs": (_extension_settings,
                          "jābūt vārdnīcai {paplašinājums: {iestatījums: vērtība}}",
                          "must be a dict of extension name → its settings"),
    "tab_length": (_positive_whole, "jābūt pozitīvam veselam skaitlim, piemēram, 4",
                   "must be a positive whole number"),
}


@dataclass(frozen=True)
class SiteSettings:
    regions: tuple[str, ...]
    now: dt.datetime
    languages: tuple[str, ...] = SUPPORTED_LANGUAGES

    @classmethod
    def from_pelican(cls, settings: Mapping[str, Any]) -> SiteSettings:
        regions = settings.get("REGIONS")
        if not regions or isinstance(regions, str) \
                or not all(isinstance(r, str) and r for r in regions):
            raise SettingsError("REGIONS", None, "jābūt sarakstam ar novadu nosaukumiem",
                                "must be a non-empty list of region names")
        return cls(regions=tuple(regions), now=build_now(settings))


def check_markdown_by_lang(settings: Mapping[str, Any]) -> None:
    """Raise SettingsError (setting MARKDOWN_BY_LANG, key: the language) unless the setting is
    absent or a dict of SUPPORTED_LANGUAGES, each a dict of `Markdown(**…)` arguments
    (:data:`MARKDOWN_KEYS`) with which Markdown, MARKDOWN merged with it, can be set up (its
    extensions found, their configuration keys known); at MARKDOWN when MARKDOWN itself
    cannot be."""
    given = settings.get("MARKDOWN_BY_LANG")
    if given is None:
        return
    if not isinstance(given, Mapping):
        raise SettingsError("MARKDOWN_BY_LANG", None, "jābūt vārdnīcai {valoda: {…}}",
                            "must be a dict of language → Markdown settings",
                            type(given).__name__)
    for lang, over in given.items():
        _check_language(str(lang), over)
    arguments = markdown_arguments(settings)
    _set_up(arguments.common, "MARKDOWN", None)  # not to blame a language for MARKDOWN's fault
    for lang in given:
        _set_up(arguments.of(arguments.language(lang)), "MARKDOWN_BY_LANG", str(lang))


def _set_up(markdown: dict[str, Any], setting: str, key: str | None) -> None:
    """Set up Markdown with these arguments; SettingsError at `setting` (`key`) if it fails."""
    try:
        Markdown(**markdown)
    except Exception as error:  # whatever an extension raises on its configuration
        raise SettingsError(setting, key, "Markdown ar šiem iestatījumiem nevar sagatavot",
                            "Markdown cannot be set up with these settings",
                            f"{type(error).__name__}: {error}") from error


def _check_language(lang: str, over: Any) -> None:
    """One entry of MARKDOWN_BY_LANG: a supported language, a dict of known arguments."""
    if lang not in SUPPORTED_LANGUAGES:
        raise SettingsError("MARKDOWN_BY_LANG", lang, "neatbalstīta valoda",
                            "unsupported language",
                            f"{lang}; zināmās (known): {', '.join(SUPPORTED_LANGUAGES)}")
    if not isinstance(over, Mapping):
        raise SettingsError("MARKDOWN_BY_LANG", lang, "jābūt vārdnīcai ar Markdown iestatījumiem",
                            "must be a dict of Markdown settings, as MARKDOWN",
                            type(over).__name__)
    unknown = sorted(str(key) for key in over if key not in MARKDOWN_KEYS)
    if unknown:
        raise SettingsError("MARKDOWN_BY_LANG", lang, "nezināma Markdown atslēga",
                            "unknown Markdown setting(s)",
                            f"{', '.join(unknown)}; zināmās (known): {', '.join(MARKDOWN_KEYS)}")
    for key, (valid, lv, en) in MARKDOWN_VALUES.items():
        if key in over and not valid(over[key]):
            raise SettingsError("MARKDOWN_BY_LANG", lang, f"{key}: {lv}", f"{key} {en}",
                                repr(over[key]))


def feed_id_date(settings: Mapping[str, Any]) -> str:
    """FEED_ID_DATE: the date of the site's feed item ids (``tag:<host>,<date>:<source>``,
    site/feeds.item_id), a real ``YYYY-MM-DD`` on which the site owned its host (RFC 4151 §2.1),
    fixed for good. Raises SettingsError when it is absent or not such a date."""
    value = settings.get("FEED_ID_DATE")
    try:
        if isinstance(value, str) and dt.date.fromisoformat(value).isoformat() == value:
            return value
    except ValueError:
        pass
    raise SettingsError("FEED_ID_DATE", None,
                        "jābūt datumam GGGG-MM-DD, kad vietnei jau piederēja tās domēns; "
                        "to vairs nemaina", "must be a YYYY-MM-DD date on which the site "
                        "owned its host; never changed afterwards", repr(value))


def site_description(settings: Mapping[str, Any], lang: str) -> str:
    """The site's one-line description (plain text) in `lang`: SITE_DESCRIPTION for
    DEFAULT_LANG, SITE_DESCRIPTION_BY_LANG[lang] for another language; "" when the site has
    none (SITE_DESCRIPTION absent or empty). The pages' meta description and footer, and every
    feed's RSS ``<description>``/Atom ``<subtitle>``, of that language. Never another
    language's text: "" for a language SITE_DESCRIPTION_BY_LANG lacks (the settings check
    refuses that when the site has a description, :func:`check_site_description`)."""
    if lang == settings.get("DEFAULT_LANG"):
        return str(settings.get("SITE_DESCRIPTION") or "")
    return str((settings.get("SITE_DESCRIPTION_BY_LANG") or {}).get(lang) or "")


def check_site_description(settings: Mapping[str, Any]) -> None:
    """Raise SettingsError unless SITE_DESCRIPTION (DEFAULT_LANG's) is absent or text and
    SITE_DESCRIPTION_BY_LANG gives, as non-empty text, the description in every other of
    SUPPORTED_LANGUAGES when the site has one: the English pages (the search page at least)
    and the English feeds are always written, and a missing one showed them the Latvian
    text. At the language's key (SITE_DESCRIPTION_BY_LANG['en'])."""
    default = settings.get("SITE_DESCRIPTION")
    if default is not None and not isinstance(default, str):
        raise SettingsError("SITE_DESCRIPTION", None, "jābūt tekstam", "must be text",
                            repr(default))
    given = settings.get("SITE_DESCRIPTION_BY_LANG")
    if given is None:
        given = {}
    if not isinstance(given, Mapping):
        raise SettingsError("SITE_DESCRIPTION_BY_LANG", None, "jābūt vārdnīcai {valoda: teksts}",
                            "must be a dict of language → description", type(given).__name__)
    others = [lang for lang in SUPPORTED_LANGUAGES if lang != settings.get("DEFAULT_LANG")]
    for lang, text in given.items():
        if lang not in others:
            raise SettingsError(
                "SITE_DESCRIPTION_BY_LANG", str(lang), "neatbalstīta valoda (noklusētās valodas "
                "aprakstu dod SITE_DESCRIPTION)", "unsupported language (the default "
                "language's description is SITE_DESCRIPTION)",
                f"{lang}; zināmās (known): {', '.join(others)}")
        if not isinstance(text, str) or not text.strip():
            raise SettingsError("SITE_DESCRIPTION_BY_LANG", str(lang), "jābūt tekstam",
                                "must be text", repr(text))
    missing = [lang for lang in others if lang not in given]
    if default and missing:
        raise SettingsError(
            "SITE_DESCRIPTION_BY_LANG", missing[0], "trūkst vietnes apraksta šajā valodā: tās "
            "lapas un plūsmas rādītu SITE_DESCRIPTION latviski", "the site's description in "
            "this language is missing: its pages and feeds would show SITE_DESCRIPTION, in "
            "Latvian", f"{missing[0]}; SITE_DESCRIPTION: {default}")
