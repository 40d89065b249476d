"""One way to read a plugin's settings dict (EVENTS, IMAGES, GALLERIES, NEWSLETTER, SEARCH,
CMS): merged over its defaults, lower-case keys, unknown keys and wrong types refused.

Errors are :class:`SettingsError` (a ValueError) naming the setting and the key, in Latvian and
English. The build tool reads every enabled plugin's settings before it reads any content
(tools/settings_check.py) and reports such an error at the line of the settings file that
assigns it. A key renamed in a release keeps working for one more with a warning that names
its new spelling.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

logger = logging.getLogger(__name__)


class SettingsError(ValueError):
    """A setting the site cannot be built with: `setting` (e.g. "EVENTS"), the `key` inside it
    (None: the setting as a whole), and what is wrong in Latvian and English. Its text is
    ``EVENTS['key']: latviski (in English): detail``, `detail` (e.g. the value refused) being
    the same in both; tools/settings_check.py adds where it is set."""

    def __init__(self, setting: str, key: str | None, what_lv: str, what_en: str,
                 detail: str = "") -> None:
        self.setting = setting
        self.key = key
        self.what_lv = what_lv
        self.what_en = what_en
        self.detail = detail
        super().__init__(f"{self.field}: {what_lv} ({what_en})" + (f": {detail}" if detail else ""))

    @property
    def field(self) -> str:
        return self.setting if self.key is None else f"{self.setting}[{self.key!r}]"


def merged(settings: Mapping[str, Any], setting: str, plugin: str, defaults: Mapping[str, Any],
           renamed: Mapping[str, str] | None = None) -> dict[str, Any]:
    """`settings[setting]` (a dict, or absent) over `defaults`.

    `renamed` maps old keys to their new names: an old key is used under its new name with a
    warning; both given is an error. Unknown keys raise SettingsError listing the known ones.
    """
    given = settings.get(setting) or {}
    if not isinstance(given, Mapping):
        raise SettingsError(setting, None, "jābūt vārdnīcai {…}", f"{plugin}: must be a dict",
                            type(given).__name__)
    values: dict[str, Any] = {}
    for key, value in given.items():
        new = (renamed or {}).get(key)
        if new is None:
            values[key] = value
            continue
        if new in given:
            raise SettingsError(setting, str(key), f"dots gan {key!r}, gan {new!r}; atstāj {new!r}",
                                f"{plugin}: gives both {key!r} and {new!r}; keep {new!r}")
        logger.warning("%s: %s[%r] is now %s[%r]; the old name stops working in the next "
                       "release", plugin, setting, key, setting, new)
        values[new] = value
    unknown = sorted(str(key) for key in set(values) - set(defaults))
    if unknown:
        known = ", ".join(sorted(defaults))
        raise SettingsError(setting, unknown[0], "nezināma atslēga",
                            f"{plugin}: unknown {setting} setting(s)",
                            f"{', '.join(unknown)}; zināmās (known): {known}")
    return {**defaults, **values}


def whole_number(plugin: str, setting: str, name: str, value: Any, minimum: int = 0) -> int:
    """An int ≥ `minimum`; True and False are refused (Python counts them as 1 and 0)."""
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise SettingsError(setting, name, f"jābūt veselam skaitlim ≥ {minimum}",
                            f"{plugin}: must be a whole number ≥ {minimum}", repr(value))
    return value


def positive_int(plugin: str, setting: str, name: str, value: Any) -> int:
    """A whole number ≥ 1 (True refused)."""
    return whole_number(plugin, setting, name, value, minimum=1)


def flag(plugin: str, setting: str, name: str, value: Any) -> bool:
    """True or False, nothing else (1, "yes" refused)."""
    if not isinstance(value, bool):
        raise SettingsError(setting, name, "jābūt True vai False",
                            f"{plugin}: must be True or False", repr(value))
    return value
