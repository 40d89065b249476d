"""Pelican glue: the newsletter's pages, e-mail editions and feeds."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from pelican.generators import Generator
from PIL import Image

from ..common.absolute_urls import absolutise_html
from ..common.absolute_urls import on_site as absolute
from ..common.build import build_of
from ..common.claims import site_file
from ..common.clock import build_now
from ..common.dates import month_year
from ..common.feedview import stylesheet_url
from ..common.mailpictures import EMAIL_COLUMN, fit_pictures
from .feed import FeedInfo, FeedItem, render_feeds
from .inline import inline_styles
from .intros import intro_files, read_intros
from .issues import Archive, Issue, Month, assemble, galleries_of
from .links import Layout
from .settings import NewsletterSettings

logger = logging.getLogger(__name__)

INTRO_FOLDER = "newsletter"


class NewsletterGenerator(Generator):
    """Assembles the issues once the articles are read; writes them after all contexts."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.options = NewsletterSettings.from_pelican(self.settings)
        self.layout = Layout(self.options.path)
        self.siteurl = str(self.settings.get("SITEURL", "")).rstrip("/")
        self.env.filters["inline_styles"] = inline_styles
        # every picture of the e-mail edition and the feed item within the e-mail's column
        self.env.filters["fit_pictures"] = lambda markup, sizes: fit_pictures(
            markup, EMAIL_COLUMN, sizes.get)
        self.env.globals["email_column"] = EMAIL_COLUMN
        self.env.filters["absolute_for"] = lambda markup, issue: absolutise_html(
            markup, self._url(issue))

    def _archive(self) -> Archive:
        articles = list(self.context.get("articles", []))
        intros = read_intros(Path(self.path) / INTRO_FOLDER, self._read_markdown)
        return assemble(articles, intros, galleries_of(articles, self.context.get("galleries")),
                        build_now(self.settings), siteurl=self.siteurl,
                        regions=list(self.settings.get("REGIONS") or []),
                        issue_time=self.options.issue_time)

    def _read_markdown(self, path: str, month: Month) -> tuple[str, dict[str, Any]]:
        """An introduction's HTML, its URLs resolved against its issue's page (the text
        e-mail edition prints them)."""
        html, metadata = self.readers.readers["md"].read(path)
        return absolutise_html(html, absolute(self.siteurl, self.layout.month(month))), metadata

    def _view(self, archive: Archive) -> dict[str, Any]:
        return {"archive": archive, "layout": self.layout, "options": self.options,
                "title": self.title}

    def title(self, issue: Issue) -> str:
        return f"{self.settings['SITENAME']} — {month_year(issue.month.first_day)}"

    def summary(self, issue: Issue, view: dict[str, Any]) -> str:
        """The feed item's description: the introduction's `summary:` when the editor wrote
        one, else the list the `newsletter_summary.txt` template makes."""
        if issue.intro is not None and issue.intro.summary:
            return issue.intro.summary
        return self._render("newsletter_summary.txt", view, issue=issue).strip()

    def generate_context(self) -> None:
        """Assemble the archive once. Pelican runs the plugins' generators in PLUGINS order, so
        the images, events and galleries plugins (listed before this one) have already put
        covers, events and galleries on the articles and in the context. Templates of other
        pages (home, head links) read context `newsletter`."""
        self.archive = self._archive()
        self.context["newsletter"] = self._view(self.archive)
        build = build_of(self.settings)
        if build is not None:
            build.banner_pages.update(self._intro_pages())

    def _intro_pages(self) -> dict[str, str]:
        """Each introduction file (content path) → the output file of its month's issue page,
        where the preview shows its problems (site/preview_links.py): also one whose front
        matter cannot be read, which the issue is built without (intros.read_intros)."""
        pages = {issue.month: issue for issue in self.archive.pages}
        return {f"{INTRO_FOLDER}/{file.name}": Layout.save_as(self.layout.issue(pages[month]))
                for file, month in intro_files(Path(self.path) / INTRO_FOLDER)
                if month in pages}

    def generate_output(self, writer: Any) -> None:
        archive = self.archive
        view = self.context["newsletter"]
        self._write_page(writer, self.layout.archive, "newsletter_archive", view)
        for issue in archive.pages:
            older, newer = archive.neighbours(issue) if not issue.preview else (None, None)
            self._write_page(writer, self.layout.issue(issue), "newsletter_issue", view,
                             issue=issue, older=older, newer=newer)
        for issue in archive.issues:
            self._write_email(writer, self.layout.email_html(issue), "newsletter_email.html",
                              view, issue=issue, picture_sizes=self._picture_sizes(issue))
            self._write_email(writer, self.layout.email_text(issue), "newsletter_email.txt",
                              view, issue=issue)
        self._write_feeds(archive, view)

    def _render(self, template: str, view: dict[str, Any], **extra: Any) -> str:
        return self.env.get_template(template).render({**self.context, "newsletter": view, **extra})

    def _write_page(self, writer: Any, url: str, template: str, view: dict[str, Any],
                    **extra: Any) -> None:
        writer.write_file(Layout.save_as(url), self.get_template(template), self.context,
                          relative_urls=self.settings.get("RELATIVE_URLS", False),
                          newsletter=view, canonical_url=url, **extra)

    def _write_email(self, writer: Any, url: str, template: str, view: dict[str, Any],
                     **extra: Any) -> None:
        """An e-mail edition, through the writer like every page: rendered only when what its
        template reads changed (docs/building.md, "Caches: writing"). Its URLs are absolute
        (filter absolute_for), so it is written as if it were at the site's root."""
        writer.write_file(url, self.env.get_template(template), self.context, newsletter=view,
                          **extra)

    def _picture_sizes(self, issue: Issue) -> dict[str, tuple[int, int]]:
        """(width, height) of each picture of the issue's introduction that has no size of its
        own, by its URL, for filter fit_pictures: given to the e-mail edition's template (so the
        page is rendered again when a picture's size changes) and to the feed item's."""
        if issue.intro is None:
            return {}
        wanted: list[str] = []
        fit_pictures(issue.intro.html, EMAIL_COLUMN, lambda src: wanted.append(src))
        return {src: size for src in wanted if (size := self._published_size(src))}

    def _write_feeds(self, archive: Archive, view: dict[str, Any]) -> None:
        items = [FeedItem(issue=issue, title=self.title(issue), url=self._url(issue),
                          summary=self.summary(issue, view),
                          content_html=self._render("newsletter_feed_content.html", view,
                                                    issue=issue,
                                                    picture_sizes=self._picture_sizes(issue)))
                 for issue in archive.issues[: self.options.feed_items]]
        logo = self.options.logo
        info = FeedInfo(
            title=f"{self.settings['SITENAME']} — ikmēneša izdevums",
            description=self.options.description,
            site_url=f"{self.siteurl}/", rss_url=absolute(self.siteurl, self.layout.rss),
            atom_url=absolute(self.siteurl, self.layout.atom),
            stylesheet_url=stylesheet_url(self.settings),
            editor=self.options.editor, editor_email=self.options.editor_email,
            logo_url=absolute(self.siteurl, logo) if logo else None, ttl=self.options.ttl)
        rss, atom = render_feeds(info, items, build_now(self.settings))
        self._write_bytes(self.layout.rss, rss)
        self._write_bytes(self.layout.atom, atom)

    def _published_size(self, url: str) -> tuple[int, int] | None:
        """(width, height) in px of a picture this build published at `url` (an absolute URL
        on this site), read from the output folder: the images plugin's generator, earlier in
        PLUGINS, has written it there (the processed picture, EXIF orientation applied). None
        for another site's picture or a file that is not a picture."""
        prefix = f"{self.siteurl}/"
        if not url.startswith(prefix):
            return None
        output = Path(self.output_path).resolve()
        file = (output / unquote(urlsplit(url).path[len(urlsplit(prefix).path):])).resolve()
        if not file.is_relative_to(output) or not file.is_file():
            return None
        try:
            with Image.open(file) as picture:
                return picture.size
        except (OSError, Image.DecompressionBombError):
            return None

    def _url(self, issue: Issue) -> str:
        """The issue page's absolute URL: the base its feed item and e-mail HTML resolve to."""
        return absolute(self.siteurl, self.layout.issue(issue))

    def _write_bytes(self, url: str, data: bytes) -> None:
        target = site_file(self.settings, self.output_path, url)
        if target is not None:
            target.write_bytes(data)
            logger.debug("wrote %s", target)


def get_generators(pelican: Any) -> type[Generator]:
    return NewsletterGenerator
