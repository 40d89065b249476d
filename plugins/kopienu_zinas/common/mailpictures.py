"""Pictures at most the e-mail's text column wide by their `width` and `height` attributes.

Mail programs that lay out by attributes and ignore CSS (Outlook for Windows) show an
`<img width="960">` 960 px wide inside a 600 px message. The newsletter's e-mail edition and
every feed's content (what RSS-to-e-mail services send: docs/newsletter.md) therefore give each
picture at most :data:`EMAIL_COLUMN` px by attribute, the height in proportion; the picture
file stays the one published (a 960 px JPEG shown at 552 px is sharp on 2× screens).
"""

from __future__ import annotations

from collections.abc import Callable

from .starttags import Attributes, rewrite_start_tags

#: The e-mail's text column in px: the e-mail edition's 600 px table less 2 × 24 px padding.
EMAIL_COLUMN = 552

#: An absolute picture URL → its (width, height) in px, or None when it is not known.
SizeOf = Callable[[str], "tuple[int, int] | None"]


def _unknown(_src: str) -> None:
    return None


def _pixels(value: str | None) -> int | None:
    """An attribute's whole number of pixels ("960"), else None ("100%", "", absent)."""
    return int(value) if value and value.isdigit() and int(value) > 0 else None


def _size(attrs: dict[str, str | None], size_of: SizeOf) -> tuple[int, int] | None:
    """A picture's (width, height) in px: its attributes when it has both (None unless both
    are whole numbers), else `size_of(src)`."""
    if "width" in attrs and "height" in attrs:
        width, height = _pixels(attrs["width"]), _pixels(attrs["height"])
        return (width, height) if width and height else None
    src = attrs.get("src")
    size = size_of(src) if src else None
    return size if size and all(size) else None


def fit_pictures(markup: str, column: int, size_of: SizeOf = _unknown) -> str:
    """`markup` with every `<img>` at most `column` px wide by its attributes, the height in
    proportion: one with a whole-number `width` and `height` is scaled down when wider; one
    that lacks either gets them from `size_of(src)` (its pixels) when that knows it, likewise
    within `column`. Pictures of unknown size and attributes that are not whole numbers stay
    as they are; the rest of the markup is kept byte for byte (common/starttags.py)."""

    def fitted(tag: str, attrs: Attributes) -> Attributes:
        if tag != "img":
            return attrs
        found = dict(attrs)
        size = _size(found, size_of)
        if size is None or ("width" in found and "height" in found and size[0] <= column):
            return attrs
        width, height = size
        shown = min(width, column)
        rest = [(name, value) for name, value in attrs if name not in ("width", "height")]
        return [*rest, ("width", str(shown)), ("height", str(round(height * shown / width)))]

    return rewrite_start_tags(markup, fitted)
