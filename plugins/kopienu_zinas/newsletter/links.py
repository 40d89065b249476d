"""Where the newsletter's files live, and absolute links inside its HTML."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .issues import Issue, absolute

_URL_ATTRIBUTE = re.compile(r'(\s(?:href|src)=")([^"#][^"]*)"')


def absolutize(markup: str, siteurl: str) -> str:
    """Make every href/src in HTML absolute (feeds and e-mail have no base URL)."""
    return _URL_ATTRIBUTE.sub(lambda m: f'{m.group(1)}{absolute(siteurl, m.group(2))}"', markup)


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

    @property
    def stylesheet(self) -> str:
        return f"{self.path}/feed.css"

    def issue(self, issue: Issue) -> str:
        if issue.preview:
            return self.preview
        return f"{self.path}/{issue.month.year:04d}/{issue.month.month:02d}/"

    def email_html(self, issue: Issue) -> str:
        return f"{self.issue(issue)}epasts.html"

    def email_text(self, issue: Issue) -> str:
        return f"{self.issue(issue)}epasts.txt"

    @staticmethod
    def save_as(url: str) -> str:
        return f"{url}index.html" if url.endswith("/") else url
