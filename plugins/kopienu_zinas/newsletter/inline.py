"""Inline styles and picture sizes for the e-mail edition's HTML from elsewhere (an
introduction's Markdown).

Mail programs often drop <style> and never see the site's stylesheet, so every element that
needs a look carries it in its own `style` attribute (as the edition's templates write theirs),
and every picture its width and height (programs that ignore CSS lay out by them; the others
keep its place while it loads or when pictures are blocked).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

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


#: An absolute picture URL → its (width, height) in px, or None when it is not known.
SizeOf = Callable[[str], "tuple[int, int] | None"]


def with_sizes(markup: str, size_of: SizeOf, column: int) -> str:
    """`markup` with `width` and `height` on every `<img>` that lacks either and whose size
    `size_of(src)` knows: at most `column` px wide (the e-mail's text column), the height in
    proportion. Pictures of unknown size are left as they are."""

    def sized(tag: str, attrs: Attributes) -> Attributes:
        names = {name for name, _value in attrs}
        if tag != "img" or {"width", "height"} <= names:
            return attrs
        src = next((value for name, value in attrs if name == "src" and value), None)
        size = size_of(src) if src else None
        if not size or not all(size):
            return attrs
        width = min(size[0], column)
        rest = [(name, value) for name, value in attrs if name not in ("width", "height")]
        return [*rest, ("width", str(width)), ("height", str(round(size[1] * width / size[0])))]

    return rewrite_start_tags(markup, sized)
