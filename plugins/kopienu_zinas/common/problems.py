"""Content problems: one type, one format, one place that collects them.

Every rule (ours and each plugin's) reports a :class:`ContentProblem`. Editors read them as
``path:line: field: what is wrong (in English) — how to fix it``. Rules are receivers of one of
two signals: :data:`document_check` (one document at a time, from that document, the settings
and which files exist; never the build date: its results are cached, common/checkcache.py) or
:data:`content_check` (all documents at once: rules across files, rules that depend on the
build date, and rules that read other files). :func:`run_content_checks` asks all of them and
returns the problems in file order.
"""

from __future__ import annotations

import errno
import logging
import os
import re
import stat
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from blinker import signal

if TYPE_CHECKING:
    from .frontmatter import SourceDocument

logger = logging.getLogger(__name__)
#: How many characters of one word (a run without spaces) and of a whole value a message
#: shows: a `data:` picture's address (464 KB for a photo from Google Docs) or a 1 MB line is
#: shortened to its start; a list of known names, a path or a sentence is shown whole.
WORD_SHOWN = 80
VALUE_SHOWN = 400
_LONG_WORD = re.compile(rf"\S{{{WORD_SHOWN + 1},}}")

#: Sent once per build with ``documents=[SourceDocument, ...]`` and ``settings``; each
#: receiver returns an iterable of ContentProblem.
content_check = signal("kopienu_zinas.content_check")

#: Sent once per document with ``document=SourceDocument`` and ``settings``; each receiver
#: returns an iterable of ContentProblem about that document only, computed from nothing but
#: its text, the settings (BUILD_DATE left out) and which files exist under content/: the
#: reading plugin caches the results under those keys (common/checkcache.py).
document_check = signal("kopienu_zinas.document_check")

#: A content_check receiver: (sender, documents=..., settings=...) → problems.
ContentRule = Callable[..., Iterable["ContentProblem"] | None]


@dataclass(frozen=True, order=True)
class ContentProblem:
    """One thing an editor must fix. A "warning" (`severity`) leaves the page as it would be
    without it and fails only strict builds (`make check`); an "error" fails every build."""

    path: str
    line: int
    field: str
    what_lv: str
    what_en: str
    fix: str
    value: str = ""
    severity: Literal["error", "warning"] = "error"

    def format(self) -> str:
        """The one line editors read (terminal, preview banner): the value :func:`shortened`."""
        where = f"{self.path}:{self.line}" if self.line else self.path
        value = f": {shortened(self.value)}" if self.value else ""
        return f"{where}: {self.field}: {self.what_lv} ({self.what_en}){value} — {self.fix}"

    def placed(self, path: str, line: int = 0, field: str | None = None) -> ContentProblem:
        """The same problem at a file (and line, and field) once the caller knows where:
        parsers of one value (an event, a picture) report with an empty path."""
        return replace(self, path=path, line=line, field=self.field if field is None else field)


def shortened(value: str) -> str:
    """A value as every message shows it: each word longer than :data:`WORD_SHOWN` characters
    cut there with "…" (its start names it: `data:image/jpeg;base64,/9j/4AAQ…`), then the
    whole cut at :data:`VALUE_SHOWN` the same way."""
    if len(value) <= WORD_SHOWN:
        return value  # nearly every value
    value = _LONG_WORD.sub(lambda word: f"{word.group()[:WORD_SHOWN]}…", value)
    return value if len(value) <= VALUE_SHOWN else f"{value[:VALUE_SHOWN]}…"


class ProblemError(Exception):
    """Raised with the ContentProblem that stops one value or file; picklable (the image
    workers return and raise these across processes)."""

    def __init__(self, problem: ContentProblem) -> None:
        super().__init__(problem.format())
        self.problem = problem

    def __reduce__(self) -> tuple[type[ProblemError], tuple[ContentProblem]]:
        return type(self), (self.problem,)


class SourceFailed(ProblemError):
    """Processing one whole source file failed; `problem` says which file and why."""


def relative_source(source: str | Path, content_root: str | Path) -> str:
    """A source path as editors see it: relative to content/ (both with symbolic links
    resolved), with forward slashes; a path outside content/ stays absolute. What
    `Path.resolve` and `relative_to` give, on strings. Raises RuntimeError on a symbolic-link
    loop, as `resolve` does. For many sources against one root: :class:`ContentRoot`."""
    return ContentRoot(content_root).relative(source)


class ContentRoot:
    """content/ resolved once, naming any number of sources as :func:`relative_source` does
    (the safety net asks for every page it writes, the events for every article).

    A source inside the root as given (an absolute, normalised root), or a relative one, whose
    path below the root has no symbolic link and no `.`, `..` or empty part, is named by that
    path after one `lstat` per part: resolving it could change nothing. Any other source is
    resolved whole (`os.path.realpath`), as before. Raises RuntimeError on a symbolic-link loop
    in the root (when made) or in a source (when named)."""

    def __init__(self, content_root: str | Path) -> None:
        self.given = os.fspath(content_root)
        self.real = _resolved(self.given)
        #: The prefix of an absolute source inside the root as given; "" when the root is not
        #: an absolute, normalised path other than "/" (then only relative sources are fast).
        self.prefix = (self.given + "/" if os.path.isabs(self.given) and self.given != "/"
                       and os.path.normpath(self.given) == self.given else "")

    def relative(self, source: str | Path) -> str:
        """`source` relative to content/ with symbolic links resolved (:func:`relative_source`)."""
        text = os.fspath(source)
        below = (text[len(self.prefix):] if self.prefix and text.startswith(self.prefix)
                 else None if os.path.isabs(text) else text)
        if below is not None and self._plain(below):
            return below
        path = _resolved(os.path.join(self.real, text))  # an absolute `source` stays as it is
        if path == self.real:
            return "."
        inside = self.real if self.real.endswith("/") else self.real + "/"
        return path[len(inside):] if path.startswith(inside) else path

    def _plain(self, below: str) -> bool:
        """Whether the path `below` the root names itself when resolved: every part a name
        (no `.`, `..`, empty part) and none a symbolic link (a part that cannot be asked
        about is none, as for `os.path.realpath`)."""
        folder = self.real
        for part in below.split("/"):
            if part in ("", ".", ".."):
                return False
            folder = os.path.join(folder, part)
            try:
                if stat.S_ISLNK(os.lstat(folder).st_mode):
                    return False
            except OSError:
                pass
        return True


def _resolved(path: str) -> str:
    """`str(Path(path).resolve())` on POSIX: `os.path.realpath`, and a symbolic-link loop
    raised as RuntimeError."""
    real = os.path.realpath(path)
    try:
        os.stat(real)
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise RuntimeError(f"Symlink loop from {error.filename!r}") from error
    return real


#: The errors of a full disk (or a used-up quota): no file's problem.
DISK_FULL = frozenset({errno.ENOSPC, errno.EDQUOT})


class DiskFull(OSError):
    """A write failed because the disk is full: the build stops and says so once
    (tools/build.report_crash), instead of each file that could not be written being named
    as an editor's problem (QA: "check the odd characters, tables and links" of a generated
    calendar page)."""


def failure_problem(path: str, error: BaseException | None, stage: str, *,
                    title_line: int = 1) -> ContentProblem:
    """The safety net's report: an unexpected error (None: not known) while `stage`
    ("reading", "writing …") one source file, with what is known about it (the line of its
    title, when known). Raises DiskFull for an error of a full disk (:data:`DISK_FULL`):
    that is no file's problem."""
    if isinstance(error, OSError) and error.errno in DISK_FULL:
        raise DiskFull(error.errno, error.strerror, error.filename) from error
    what = f"{type(error).__name__}: {error}" if error is not None else "kļūda nav zināma"
    if isinstance(error, OSError) and error.errno == errno.ENAMETOOLONG:
        return ContentProblem(
            path, title_line, "title", "adrese (faila nosaukums) ir par garu",
            "the address made from the title is too long for a file name",
            "saīsini virsrakstu vai pieraksti īsāku adresi: 'slug: isa-adrese'")
    return ContentProblem(
        path, 1, "file", f"šo failu neizdevās apstrādāt ({what})",
        f"this file could not be processed while {stage}",
        "pārbaudi neparastas vietas šajā failā (rakstzīmes, tabulas, saites); ja nevari atrast, "
        "sūti šo ziņu izstrādātājiem")


def log_problem(problem: ContentProblem) -> None:
    """Report a problem through logging (at its severity), so that both `pelican` and our
    build see it."""
    level = logging.WARNING if problem.severity == "warning" else logging.ERROR
    logger.log(level, "%s", problem.format(), extra={"content_problem": problem})


def document_problems(document: SourceDocument, settings: dict[str, Any]
                      ) -> list[ContentProblem]:
    """What the per-document rules (:data:`document_check`) find in one document, but nothing
    about a field whose lines YAML could not read (already an error:
    SourceDocument.concerns_unread_field); sorted."""
    found: set[ContentProblem] = set()
    for _receiver, problems in document_check.send(document=document, settings=settings):
        found.update(problem for problem in problems or ()
                     if not document.concerns_unread_field(problem))
    return sorted(found)


#: The attribute that marks a :data:`content_check` receiver as one of :func:`front_matter_rule`.
_FRONT_MATTER = "kopienu_zinas_front_matter"
#: What such a rule reads besides the documents' fronts and the settings without BUILD_DATE.
AlsoReads = Callable[[Mapping[str, Any]], str]


def front_matter_rule(also: AlsoReads | None = None
                      ) -> Callable[[ContentRule], ContentRule]:
    """Mark a :data:`content_check` receiver as reading of each document only its *front*:
    its path, kind, whether it has a header, the header's values (`metadata`), YAML nodes and
    the line its body starts at (never `body`, `with_comments` or `written_body`), and
    besides the documents only the settings (BUILD_DATE left out) and what `also(settings)`
    names (the build's day, say), never another file, the clock or the listing. Such a rule's
    problems are a function of those inputs, so the content check may take them from the
    last build that had the same (common/checkcache.py); a rule not marked runs every build."""
    def mark(rule: ContentRule) -> ContentRule:
        setattr(rule, _FRONT_MATTER, also or _nothing_else)
        return rule
    return mark


def _nothing_else(settings: Mapping[str, Any]) -> str:
    return ""


def front_matter_inputs(rule: Callable[..., Any]) -> AlsoReads | None:
    """What a :func:`front_matter_rule` reads besides the fronts and the settings (a function
    of the settings); None for any other rule."""
    return getattr(rule, _FRONT_MATTER, None)


def content_rules() -> list[ContentRule]:
    """The :data:`content_check` receivers connected now (each called as blinker's `send`
    would: the sender None, `documents` and `settings` by name)."""
    return list(content_check.receivers_for(None))


def cross_file_problems(documents: Sequence[SourceDocument], settings: dict[str, Any]
                        ) -> list[ContentProblem]:
    """What the rules over all documents (:data:`content_check`) find (:func:`of_read_fields`);
    sorted."""
    found: set[ContentProblem] = set()
    for _receiver, problems in content_check.send(documents=documents, settings=settings):
        found.update(problems or ())
    return sorted(of_read_fields(found, documents))


def of_read_fields(problems: Iterable[ContentProblem], documents: Sequence[SourceDocument]
                   ) -> list[ContentProblem]:
    """`problems` without those about a field whose lines YAML could not read
    (SourceDocument.concerns_unread_field): that field is already an error of its own."""
    partly_read = {document.path: document for document in documents if document.unread_fields}
    return [problem for problem in problems if problem.path not in partly_read
            or not partly_read[problem.path].concerns_unread_field(problem)]


def run_content_checks(
    documents: Sequence[SourceDocument], settings: dict[str, Any]
) -> list[ContentProblem]:
    """Ask every registered rule about the documents; sorted, each problem once."""
    found = set(cross_file_problems(documents, settings))
    for document in documents:
        found.update(document_problems(document, settings))
    return sorted(found)


def log_all(problems: Iterable[ContentProblem]) -> None:
    for problem in problems:
        log_problem(problem)
