"""Per-page dependency records across builds (docs/building.md, "Caches: writing").

A page's render key reads values of the build's *structure* — everything but the Markdown
bodies of content files — and of content objects (articles, pages, drafts, translations),
whose bodies give their `content` and `summary`. Each key notes every content object it read
(writing/values.py `Touches`), and the manifest keeps that set beside the page file's key. The
rule this relies on: a page's values are a function of the structure and of the content
objects its key read. So when the next build has the same structure digest
(:meth:`DependencyRecords.settle`), a page whose record meets no source whose body changed is
placed from the published file of its previous key without computing its key.

The structure digest (:class:`Structure`, completed at :meth:`DependencyRecords.settle`):
our code and libraries, the settings with BUILD_DATE, the build mode, the theme, every file of
the content folder by its bytes but Markdown sources by their front matter (the text before the
body, :func:`front_matter_digest`) and their paths; then, once the generators are done, every
problem reported so far (a body can change another document's problems) and what plugins
derive from a content object and show elsewhere without it (:data:`DERIVED_ATTRIBUTES`: an
event's summary is its article's). A body that changes anything else — a Markdown file that
is no content object (a newsletter introduction) — keys every page, as does a build in which
any content has an `{attach}` link (resolving it moves the attached file) or in which a
warning was logged while the pages were keyed (the next build keys every page again, so the
warning is logged again).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from pelican.contents import Content

from ..common.fingerprint import digest
from ..common.problems import ContentProblem
from .values import UNREPEATABLE, Fingerprinter

#: Attributes plugins set on content objects from what the content says (its body included)
#: and show on other pages without the content object: `events` (events/attach.py: an
#: event's summary is its article's, in the calendar, on the home page, in the newsletter).
#: Their digest is part of the structure.
DERIVED_ATTRIBUTES = ("events",)

#: An `{attach}` link (Pelican's intrasite link syntax, `{attach}` or `|attach|`).
ATTACH = re.compile(r"[{|]attach[}|]")
#: The YAML plugin's header (pelican.plugins.yaml_metadata HEADER_RE) in a file's bytes, with
#: CR LF line ends too: a `---` line, text, a `---` or `...` line.
HEADER = re.compile(rb"\s*^---\r?$.+?^(?:---|\.\.\.)\r?$", re.MULTILINE | re.DOTALL)


def front_matter_digest(data: bytes) -> str:
    """The digest of a Markdown source's front matter: its bytes up to the end of the YAML
    header's closing line (HEADER), or all of them when there is none such. It holds all the
    reader's header: the reader's text (no BOM, LF line ends, forbidden characters removed,
    common/sourcetext) ends its header at the first `---`/`...` line, and each such line of
    the bytes is one of the text (a file the bytes pattern does not open — a BOM, lone CR
    line ends, UTF-16 — counts whole, as one without a header, whose Markdown metadata is in
    the body)."""
    match = HEADER.match(data)
    return digest("front matter", data if match is None else data[:match.end()])


@dataclass(frozen=True)
class PageRecord:
    """A page file's previous render key and the source paths of the content it read."""

    key: str
    touched: frozenset[str]


@dataclass(frozen=True)
class Structure:
    """What the build tool read before Pelican ran: `base`, the digest of everything but the
    Markdown bodies (module docstring), and `bodies`, each Markdown source's whole-file
    SHA-256 hex by path under the content folder; `changed` says whether a source was saved,
    added or removed since the build tool read them (None: unknown)."""

    base: str
    bodies: dict[str, str]
    changed: Callable[[], bool] | None = field(default=None, compare=False)


@dataclass(frozen=True)
class PreviousRecords:
    """The previous build's structure digest (None: its records are not to be used), its
    Markdown sources' digests and its page files' records by output path."""

    structure: str | None
    bodies: dict[str, str]
    pages: dict[str, PageRecord]


def problem_texts(reported: Iterable[ContentProblem | str]) -> list[str]:
    return [item.format() if isinstance(item, ContentProblem) else str(item)
            for item in reported]


@dataclass
class DependencyRecords:
    """One build's use of the dependency records: `structure` and `previous` are given by the
    build tool; `digest` is this build's structure digest once settled (None: this build's
    records are not to be used by the next one)."""

    structure: Structure | None = None
    previous: PreviousRecords | None = None
    digest: str | None = None
    #: how many problems had been reported when the pages' keys began (None: unknown)
    _reported: int | None = field(default=None, repr=False)

    def settle(self, context: Mapping[str, Any], settings: Mapping[str, Any],
               reported: Sequence[ContentProblem | str] | None) -> frozenset[str] | None:
        """Complete this build's structure digest, once every generator's context is final
        (`context`: Pelican's, with `generated_content`; `reported`: every problem reported so
        far, None when unknown), and say which content sources' bodies changed since the
        previous build; None when the records cannot be used (no previous records, another
        structure, a changed Markdown file that is no content object)."""
        self._reported = None if reported is None else len(reported)
        contents: Mapping[str, Content] = context.get("generated_content", {})
        if self.structure is None or reported is None or any(
                ATTACH.search(getattr(item, "_content", None) or "")
                for item in contents.values()):
            self.digest = None
            return None
        self.digest = digest(self.structure.base, *problem_texts(reported),
                             derived_digest(contents, settings))
        previous = self.previous
        if previous is None or previous.structure != self.digest:
            return None
        bodies = self.structure.bodies
        changed = frozenset(path for path, body in bodies.items()
                            if previous.bodies.get(path) != body)
        return changed if changed <= contents.keys() else None

    def page_record(self, files: Sequence[str], changed: frozenset[str]) -> PageRecord | None:
        """The previous record of the page written to `files` (output paths), when every one
        has a record of one key, none read a source in `changed` and none digested a value
        by its memory address (`values.UNREPEATABLE`: such a page is keyed every build)."""
        pages = self.previous.pages if self.previous is not None else {}
        records = [pages.get(relative) for relative in files]
        first = records[0] if records else None
        if first is None or any(record != first for record in records) \
                or not first.touched.isdisjoint(changed) or UNREPEATABLE in first.touched:
            return None
        return first

    def close(self, reported: Sequence[ContentProblem | str] | None) -> None:
        """The pages are done: when anything was reported while they were keyed (a warning of
        Pelican's resolving an article's links), the next build keys every page again."""
        if reported is None or self._reported is None or len(reported) != self._reported:
            self.digest = None


def derived_digest(contents: Mapping[str, Content], settings: Mapping[str, Any]) -> str:
    """The digest of every content object's :data:`DERIVED_ATTRIBUTES`, in source order."""
    values = [(path, name, getattr(contents[path], name, None))
              for path in sorted(contents) for name in DERIVED_ATTRIBUTES]
    return Fingerprinter(settings).of(values)
