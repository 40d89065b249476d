"""One build's own state, kept on the Pelican instance that runs it — never in its settings.

Pelican gives generators and most signal receivers the settings dict (``generator.settings`` is
the instance's ``settings``) but not the instance, so :func:`build_of` finds the build from that
dict's identity (a weak registry: the instance owns the build, the registry only points at it).
A build holds:

- ``now``: BUILD_DATE resolved once (common/isodates.parse_build_date), so every plugin and
  template agrees on "now" even when the real clock is used;
- ``problems``: the content check's problems;
- ``reported``: what the build has reported so far, when the build tool runs it (its problem
  collector's, tools/build.py): every warning and error in order, a ContentProblem when it
  concerns one source, else the message's text. The preview shows all of them on the pages
  (site/preview.py); without the tool, only the content check's;
- what one stage prepares for a later one (``sitemap_dates``, ``link_plan``/``link_files``,
  ``banner_template``), from ``all_generators_finalized`` to ``finalized``;
- ``banner_pages``: content path → output file of a page that shows the problems of a source
  it was not written from as a document (a newsletter introduction → its issue's page,
  newsletter/generator.py), for the preview's banners (site/preview_links.py);
- parse results shared by the content check and the generators (:meth:`Build.once`: each
  article's events, the galleries), so each is parsed once per build;
- ``unwritten``: the output names (relative to the output folder, `/`-separated) of pages
  whose writing failed and was reported against their source (site/safety.py), so that the
  link check does not report links to them again as links to an unpublished page;
- ``unpublished_pictures``: the site paths (NFC: `atteli/foto.jpg`) of originals the images
  pipeline could not take (truncated, unsupported, too large), each with the problem reported
  at the picture (images/generator.py), so that the link check points a link to one at that
  problem, never at where to put a file that is there;
- ``writing``: the writing plugin's render cache and output files (writing/__init__.py
  ``Writing``), which the site's writer renders and writes through when it is set;
- ``claimed``: every output file claimed so far (relative to the output folder, `/`-separated)
  → who writes it (a document's source, or "" for the site): one file, one writer
  (common/claims.py).
"""

from __future__ import annotations

import datetime as dt
import weakref
from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

from .isodates import parse_build_date
from .problems import ContentProblem

T = TypeVar("T")

#: The attribute of the Pelican instance that owns its build.
ATTRIBUTE = "kopienu_build"


@dataclass(eq=False)
class Build:
    settings: dict[str, Any]
    now: dt.datetime
    problems: tuple[ContentProblem, ...] = ()
    reported: Callable[[], list[ContentProblem | str]] | None = None
    sitemap_dates: dict[str, dt.date | dt.datetime | None] = field(default_factory=dict)
    link_plan: tuple[Any, ...] = ()
    link_files: dict[str, str] = field(default_factory=dict)
    banner_pages: dict[str, str] = field(default_factory=dict)
    banner_template: Any | None = None
    parsed: dict[Hashable, Any] = field(default_factory=dict)
    writing: Any | None = None
    unwritten: set[str] = field(default_factory=set)
    unpublished_pictures: dict[str, ContentProblem] = field(default_factory=dict)
    claimed: dict[str, str] = field(default_factory=dict)

    def once(self, key: Hashable, compute: Callable[[], T]) -> T:
        """compute()'s result, computed the first time `key` is asked for in this build."""
        if key not in self.parsed:
            self.parsed[key] = compute()
        result: T = self.parsed[key]
        return result


_BUILDS: weakref.WeakValueDictionary[int, Build] = weakref.WeakValueDictionary()


def open_build(pelican: Any) -> Build:
    """A new build for this Pelican instance, with its "now" (call once, at `initialized`)."""
    build = Build(pelican.settings, parse_build_date(pelican.settings.get("BUILD_DATE")))
    setattr(pelican, ATTRIBUTE, build)
    _BUILDS[id(pelican.settings)] = build
    return build


def build_of(settings: Mapping[str, Any]) -> Build | None:
    """The build whose settings these are; None outside a Pelican run (unit tests, tools)."""
    build = _BUILDS.get(id(settings))
    return build if build is not None and build.settings is settings else None


def once(settings: Mapping[str, Any], key: Hashable, compute: Callable[[], T]) -> T:
    """Build.once for the build of these settings; outside a build, simply compute()."""
    build = build_of(settings)
    return compute() if build is None else build.once(key, compute)
