"""The preview's live reload: where the script goes into a page, and the build IDs pages get."""

from __future__ import annotations

from kopienu_zinas.tools.live_reload import BuildSignal, with_reload_script

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
