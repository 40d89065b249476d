"""Where the newsletter's files live (site-relative URLs).

Their HTML is made absolute by common/absolute_urls.py, against the issue's own URL.
"""

from __future__ import annotations

from dataclasses import dataclass

from .issues import Issue, Month


@dataclass(frozen=True)
class Layout:
    """Site-relative URLs (directory style) and the files behind them."""

    path: str

    @property
    def archive(self) -> str:
        return f"{self.path}/"

    @property
    def preview(self) -> str:
        return f"{self.path}/prieksskatijums/"

    @property
    def rss(self) -> str:
        return f"{self.path}/rss.xml"

    @property
    def atom(self) -> str:
        return f"{self.path}/atom.xml"

    def issue(self, issue: Issue) -> str:
        if issue.preview:
            return self.preview
        return self.month(issue.month)

    def month(self, month: Month) -> str:
        """The page of the (published) issue for `month`."""
        return f"{self.path}/{month.year:04d}/{month.month:02d}/"

    def email_html(self, issue: Issue) -> str:
        return f"{self.issue(issue)}epasts.html"

    def email_text(self, issue: Issue) -> str:
        return f"{self.issue(issue)}epasts.txt"

    @staticmethod
    def save_as(url: str) -> str:
        return f"{url}index.html" if url.endswith("/") else url
