"""Content problems: one type, one format, one place that collects them.

Every rule (ours and each plugin's) reports a :class:`ContentProblem`. Editors read them as
``path:line: field: what is wrong (in English) — how to fix it``. Rules are receivers of the
:data:`content_check` signal; :func:`run_content_checks` asks all of them and returns the
problems in file order.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from blinker import signal

if TYPE_CHECKING:
    from .frontmatter import SourceDocument

logger = logging.getLogger(__name__)

#: Sent once per build with ``documents=[SourceDocument, ...]`` and ``settings``; each
#: receiver returns an iterable of ContentProblem.
content_check = signal("kopienu_zinas.content_check")


@dataclass(frozen=True, order=True)
class ContentProblem:
    """One thing an editor must fix."""

    path: str
    line: int
    field: str
    what_lv: str
    what_en: str
    fix: str
    value: str = ""

    def format(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        value = f": {self.value}" if self.value else ""
        return f"{where}: {self.field}: {self.what_lv} ({self.what_en}){value} — {self.fix}"


def log_problem(problem: ContentProblem) -> None:
    """Report a problem through logging, so that both `pelican` and our build see it."""
    logger.error("%s", problem.format(), extra={"content_problem": problem})


def run_content_checks(
    documents: Sequence[SourceDocument], settings: dict[str, Any]
) -> list[ContentProblem]:
    """Ask every registered rule about the documents; sorted, each problem once."""
    found: set[ContentProblem] = set()
    for _receiver, problems in content_check.send(documents=documents, settings=settings):
        found.update(problems or ())
    return sorted(found)


def log_all(problems: Iterable[ContentProblem]) -> None:
    for problem in problems:
        log_problem(problem)
