"""One way to read a plugin's settings dict (EVENTS, IMAGES, GALLERIES, NEWSLETTER, SEARCH,
CMS): merged over its defaults, lower-case keys, unknown keys and wrong types refused.

Errors are ValueError naming the plugin and the key (Pelican then reports the plugin as failed
and our build tool stops). A key renamed in a release keeps working for one more with a warning
that names its new spelling.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

logger = logging.getLogger(__name__)


def merged(settings: Mapping[str, Any], setting: str, plugin: str, defaults: Mapping[str, Any],
           renamed: Mapping[str, str] | None = None) -> dict[str, Any]:
    """`settings[setting]` (a dict, or absent) over `defaults`.

    `renamed` maps old keys to their new names: an old key is used under its new name with a
    warning; both given is an error. Unknown keys raise ValueError listing the known ones.
    """
    given = settings.get(setting) or {}
    if not isinstance(given, Mapping):
        raise ValueError(f"{plugin}: {setting} must be a dict, not {type(given).__name__}")
    values: dict[str, Any] = {}
    for key, value in given.items():
        new = (renamed or {}).get(key)
        if new is None:
            values[key] = value
            continue
        if new in given:
            raise ValueError(f"{plugin}: {setting} gives both {key!r} and {new!r}; keep {new!r}")
        logger.warning("%s: %s[%r] is now %s[%r]; the old name stops working in the next "
                       "release", plugin, setting, key, setting, new)
        values[new] = value
    unknown = sorted(str(key) for key in set(values) - set(defaults))
    if unknown:
        raise ValueError(f"{plugin}: unknown {setting} setting(s) {', '.join(unknown)}; "
                         f"known: {', '.join(sorted(defaults))}")
    return {**defaults, **values}


def whole_number(plugin: str, setting: str, name: str, value: Any, minimum: int = 0) -> int:
    """An int ≥ `minimum`; True and False are refused (Python counts them as 1 and 0)."""
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise ValueError(f"{plugin}: {setting}['{name}'] must be a whole number ≥ {minimum}, "
                         f"not {value!r}")
    return value


def positive_int(plugin: str, setting: str, name: str, value: Any) -> int:
    """A whole number ≥ 1 (True refused)."""
    return whole_number(plugin, setting, name, value, minimum=1)


def flag(plugin: str, setting: str, name: str, value: Any) -> bool:
    """True or False, nothing else (1, "yes" refused)."""
    if not isinstance(value, bool):
        raise ValueError(f"{plugin}: {setting}['{name}'] must be True or False, not {value!r}")
    return value
