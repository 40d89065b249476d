"""Inline styles for the e-mail edition's HTML from elsewhere (an introduction's Markdown).

Mail programs often drop <style> and never see the site's stylesheet, so every element that
needs a look carries it in its own `style` attribute (as the edition's templates write theirs).
Pictures get their width and height from common/mailpictures.py (filter `fit_pictures`).
"""

from __future__ import annotations

from collections.abc import Mapping

from ..common.starttags import Attributes, rewrite_start_tags


def inline_styles(markup: str, styles: Mapping[str, str]) -> str:
    """`markup` with `styles[tag]` (CSS declarations, `;`-terminated) put in front of the
    `style` of every start tag named in `styles`; a style the element already has comes after
    ours, so it still wins. Other tags and all text stay byte for byte."""

    def styled(tag: str, attrs: Attributes) -> Attributes:
        ours = styles.get(tag)
        if not ours:
            return attrs
        own = next((value or "" for name, value in attrs if name == "style"), "")
        rest = [(name, value) for name, value in attrs if name != "style"]
        return [*rest, ("style", f"{ours}{own}")]

    return rewrite_start_tags(markup, styled)
