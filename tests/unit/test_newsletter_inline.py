"""The e-mail edition's inline styles on HTML it did not write (an introduction's Markdown)."""

from __future__ import annotations

from kopienu_zinas.common.mailpictures import fit_pictures
from kopienu_zinas.newsletter.inline import inline_styles

LINK = "color:#0b5394;"
PICTURE = "display:block;max-width:100%;height:auto;"


def test_links_and_pictures_get_the_editions_styles_and_the_rest_stays_byte_for_byte() -> None:
    html = ('<p>Raksti <a href="https://x.lv/par-mums/">redakcijai</a> &amp; <em>lasi</em>.</p>\n'
            "<p><img alt='Ainava' src=\"https://x.lv/a.jpg\" width=\"800\" height=\"600\"></p>")
    assert inline_styles(html, {"a": LINK, "img": PICTURE}) == (
        '<p>Raksti <a href="https://x.lv/par-mums/" style="color:#0b5394;">redakcijai</a> '
        "&amp; <em>lasi</em>.</p>\n"
        '<p><img alt="Ainava" src="https://x.lv/a.jpg" width="800" height="600" '
        'style="display:block;max-width:100%;height:auto;"></p>')


def test_an_elements_own_style_comes_after_ours_so_it_still_wins() -> None:
    html = '<a href="#" style="font-weight:bold">x</a>'
    assert inline_styles(html, {"a": LINK}) == \
        '<a href="#" style="color:#0b5394;font-weight:bold">x</a>'


def test_pictures_without_a_size_get_the_published_size_within_the_column() -> None:
    big, small = "https://x.lv/atteli/ainava.jpg", "https://x.lv/atteli/maza.png"
    sizes = {big: (1200, 800), small: (300, 200)}
    html = (f'<img src="{big}" alt="A"><img src="{small}" alt="B">'
            f'<img src="https://cits.lv/x.jpg" alt="C"><img src="{big}" width="10" height="5">')
    assert fit_pictures(html, 552, sizes.get) == (
        f'<img src="{big}" alt="A" width="552" height="368">'
        f'<img src="{small}" alt="B" width="300" height="200">'
        f'<img src="https://cits.lv/x.jpg" alt="C"><img src="{big}" width="10" height="5">')


def test_pictures_wider_than_the_column_by_attribute_are_scaled_down() -> None:
    """QA s9 F9: Outlook lays pictures out by attribute; a 960 px rendition is given 552 px
    and the height in proportion, from its own attributes (no size look-up), same file."""
    html = ('<p><img src="https://x.lv/bildes/a-960.jpg" width="960" height="640" alt="A">'
            '<img width="100%" height="50" src="https://x.lv/b.jpg">'
            '<img src="https://x.lv/c.jpg" width="552" height="1"></p>')
    assert fit_pictures(html, 552) == (
        '<p><img src="https://x.lv/bildes/a-960.jpg" alt="A" width="552" height="368">'
        '<img width="100%" height="50" src="https://x.lv/b.jpg">'
        '<img src="https://x.lv/c.jpg" width="552" height="1"></p>')
