"""Every enabled plugin's settings read once, before any content is: a wrong setting is named
at the line of the settings file that gives it, never against an article.

A plugin reads its settings dict (EVENTS, IMAGES, …) the first time it needs it, which may be
while one article is being built; an unknown key then stopped the build with the error named
against that article. The build tool calls :func:`settings_problems` first and stops with
``pelicanconf.py:57: EVENTS['bogus']: nezināma atslēga … (… unknown EVENTS setting(s) …) — …``.
"""

from __future__ import annotations

import ast
import os
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from ..cms.settings import CmsSettings
from ..common.problems import ContentProblem
from ..common.settings import SettingsError
from ..events.settings import EventsSettings
from ..galleries.settings import from_pelican as galleries_settings
from ..images.settings import from_pelican as images_settings
from ..newsletter.settings import NewsletterSettings
from ..reading.settings import from_pelican as reading_settings
from ..search.settings import SearchSettings
from ..site.settings import (
    SiteSettings,
    check_markdown_by_lang,
    check_site_description,
    feed_id_date,
)

#: (plugin's name in PLUGINS, a setting it reads, its reader) for every enabled plugin's
#: settings; each reader raises SettingsError.
READERS: tuple[tuple[str, str, Callable[[Mapping[str, Any]], object]], ...] = (
    ("kopienu_zinas.site", "REGIONS", SiteSettings.from_pelican),
    ("kopienu_zinas.site", "MARKDOWN_BY_LANG", check_markdown_by_lang),
    ("kopienu_zinas.site", "FEED_ID_DATE", feed_id_date),
    ("kopienu_zinas.site", "SITE_DESCRIPTION_BY_LANG", check_site_description),
    ("kopienu_zinas.reading", "READING", reading_settings),
    ("kopienu_zinas.events", "EVENTS", EventsSettings.from_pelican),
    ("kopienu_zinas.images", "IMAGES", images_settings),
    ("kopienu_zinas.galleries", "GALLERIES", galleries_settings),
    ("kopienu_zinas.newsletter", "NEWSLETTER", NewsletterSettings.from_pelican),
    ("kopienu_zinas.search", "SEARCH", SearchSettings.from_pelican),
    ("kopienu_zinas.cms", "CMS", CmsSettings.from_pelican),
)

FIX = ("izlabo šo iestatījumu un būvē vēlreiz; zināmās atslēgas un vērtības: docs/settings.md "
       "(fix this setting and build again; the keys and values: docs/settings.md)")


def settings_problems(settings: Mapping[str, Any], settings_file: Path,
                      command_line: Mapping[str, str] | None = None) -> list[ContentProblem]:
    """One problem per setting an enabled plugin refuses, at the line of
    `settings_file` (or of a file it star-imports, e.g. publishconf.py → pelicanconf.py) that
    assigns the setting, or its key inside a dict literal; line 0 when no assignment is found.
    A setting given on the command line is named by the option that gave it (`command_line`:
    setting → option, e.g. "EVENTS" → "-e EVENTS"), never at a line of the file it replaced.
    A reader failing otherwise than with SettingsError (a value of a kind it did not foresee)
    is reported the same way against the plugin, never as a crash."""
    enabled = {str(name) for name in settings.get("PLUGINS") or ()}
    given = command_line or {}
    problems = []
    for plugin, setting, read in READERS:
        if plugin not in enabled:
            continue
        try:
            read(settings)
        except SettingsError as error:
            refused = error
        except Exception as error:  # any other refusal is the setting's problem too
            refused = SettingsError(setting, None, "nevar nolasīt", f"{plugin}: cannot be read",
                                    f"{type(error).__name__}: {error}")
        else:
            continue
        problem = _problem(refused, settings_file, given)
        if problem not in problems:  # one setting two plugins read (BUILD_DATE)
            problems.append(problem)
    return problems


def _problem(error: SettingsError, settings_file: Path,
             command_line: Mapping[str, str]) -> ContentProblem:
    option = command_line.get(error.setting)
    if option is not None:
        shown, line = option, 0
    else:
        path, line = assignment(settings_file, error.setting, error.key)
        shown = _shown(path)
    return ContentProblem(shown, line, error.field, error.what_lv, error.what_en, FIX,
                          error.detail)


def assignment(settings_file: Path, name: str, key: str | None,
               seen: frozenset[Path] = frozenset()) -> tuple[Path, int]:
    """Where `name` (and `key` inside its dict literal) is last assigned at the top level of
    `settings_file`, else in the files it star-imports from its own folder; (settings_file, 0)
    when nowhere (a default, or set in a way not written out)."""
    try:
        tree = ast.parse(settings_file.read_text(encoding="utf-8"))
    except (OSError, SyntaxError, ValueError):
        return settings_file, 0
    found = 0
    imported: list[Path] = []
    for node in tree.body:
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0 \
                and any(alias.name == "*" for alias in node.names):
            imported.append(settings_file.parent / f"{node.module.replace('.', '/')}.py")
        line = _assigned_line(node, name, key)
        if line:
            found = line
    if found:
        return settings_file, found
    for module in reversed(imported):  # the last star import wins, as in Python
        if module.is_file() and module.resolve() not in seen:
            path, line = assignment(module, name, key, seen | {settings_file.resolve()})
            if line:
                return path, line
    return settings_file, 0


def _assigned_line(node: ast.stmt, name: str, key: str | None) -> int:
    """The line `node` assigns `name` (its `key`'s line when the value is a dict literal that
    gives it), or 0."""
    value: ast.expr | None
    if isinstance(node, ast.Assign):
        targets, value = node.targets, node.value
    elif isinstance(node, (ast.AnnAssign, ast.AugAssign)):
        targets, value = [node.target], node.value
    else:
        return 0
    for target in targets:
        if isinstance(target, ast.Name) and target.id == name:
            if key is not None and isinstance(value, ast.Dict):
                for item in value.keys:
                    if isinstance(item, ast.Constant) and item.value == key:
                        return item.lineno
            return node.lineno
        if isinstance(target, ast.Subscript) and isinstance(target.value, ast.Name) \
                and target.value.id == name and isinstance(target.slice, ast.Constant) \
                and target.slice.value == key:
            return node.lineno
    return 0


def _shown(path: Path) -> str:
    """`path` as the editor typed it: relative to the working folder when inside it."""
    relative = os.path.relpath(path.resolve(), Path.cwd())
    return path.name if relative.startswith("..") else relative
