"""The preview's live reload: where the script goes into a page, the build IDs pages get, and
what an address with no file shows."""

from __future__ import annotations

from pathlib import Path

from kopienu_zinas.tools.live_reload import BuildSignal, with_reload_script
from kopienu_zinas.tools.missing_pages import MissingPages

TAG = b'<script src="/__preview__/reload.js" data-build="7" defer></script>'


def test_the_script_goes_before_the_last_closing_body_tag_in_any_case() -> None:
    page = b"<html><body><script>let end = '</body>';</script></BODY></html>"
    assert with_reload_script(page, "7") == (
        b"<html><body><script>let end = '</body>';</script>" + TAG + b"</BODY></html>")


def test_a_page_without_a_closing_body_tag_gets_the_script_at_its_end() -> None:
    assert with_reload_script(b"<!doctype html><title>x</title><p>x", "7").endswith(TAG)


def test_each_swap_gives_a_new_id_and_waiting_pages_get_it() -> None:
    signal = BuildSignal()
    first = signal.current
    assert signal.wait_for_next(first, timeout=0) == first, "nothing new: the same ID"
    signal.swapped_in()
    second = signal.wait_for_next(first, timeout=0)
    assert second != first
    signal.swapped_in()
    assert signal.wait_for_next(second, timeout=0) not in (first, second)
    assert BuildSignal().current != first, "a restarted preview's pages reload too"


BANNER = ('<section class="preview-problems">\n  <h2>Jāizlabo: 1</h2>\n'
          '  <ul><li><code>{}</code></li></ul>\n</section>\n')
THEME_404 = b"<html><body><!-- problems-banner --><h1>Lapa nav atrasta</h1></body></html>"


def missing_after_two_builds() -> MissingPages:
    """The first build wrote a.md's and b.md's pages; in the second a.md has no page."""
    missing = MissingPages()
    missing.update({"pages": {"zinas/a/index.html": "a.md", "zinas/b/index.html": "b.md"},
                    "banners": {}, "all_banners": ""})
    missing.update({"pages": {"zinas/b/index.html": "b.md"},
                    "banners": {"a.md": BANNER.format("a.md:2: title: …")},
                    "all_banners": BANNER.format("a.md:2: title: …")})
    return missing


def test_an_address_an_earlier_build_wrote_shows_its_sources_problems(tmp_path: Path) -> None:
    (tmp_path / "404.html").write_bytes(THEME_404)
    missing = missing_after_two_builds()
    for address in ("/zinas/a/", "/zinas/a", "/zinas/a/index.html?x=1"):
        page = missing.page(address, tmp_path).decode()
        assert "a.md:2: title: …" in page and "Lapa nav atrasta" in page, address
        assert "<code>a.md</code>" in page, "headed by the source whose page it was"
        assert "<!-- problems-banner -->" not in page


def test_an_unknown_address_lists_every_source_without_a_page_or_nothing(tmp_path: Path) -> None:
    (tmp_path / "404.html").write_bytes(THEME_404)
    missing = missing_after_two_builds()
    page = missing.page("/nav-tadas/", tmp_path).decode()
    assert "a.md:2: title: …" in page and "may be one of theirs" in page
    missing.update({"pages": {"zinas/a/index.html": "a.md"}, "banners": {}, "all_banners": ""})
    assert missing.page("/zinas/a/", tmp_path) == THEME_404, "the site's own 404 page"


def test_without_the_themes_404_page_a_short_one_shows_the_problems(tmp_path: Path) -> None:
    page = missing_after_two_builds().page("/zinas/a/", tmp_path).decode()
    assert "Lapa nav atrasta (page not found)" in page and "a.md:2: title: …" in page
