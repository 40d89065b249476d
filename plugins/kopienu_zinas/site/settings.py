"""The site's own settings, validated once: REGIONS, and MARKDOWN_BY_LANG (the words Markdown's
extensions write, per language: common/sourcereader.py), which the site's reader uses."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from markdown import Markdown

from ..common.clock import build_now
from ..common.dates import SUPPORTED_LANGUAGES
from ..common.settings import SettingsError
from ..common.sourcereader import markdown_arguments

#: What `Markdown(**…)` takes, so what MARKDOWN_BY_LANG may give for one language.
MARKDOWN_KEYS = ("extension_configs", "extensions", "output_format", "tab_length")


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
