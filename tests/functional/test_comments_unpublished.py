"""An HTML comment in an article reaches no output (page, site and region feeds, summaries,
the home page), while `<!--` shown as code stays visible; and a reading cache filled by a
Markdown that still published comments never serves its HTML (the comment-dropping extension
is part of the Markdown arguments, which the cache key digests: docs/building.md, "Caches:
reading").

One tiny site, built in-process twice with one cache folder: first with Markdown arguments
without the extension (the code before it: the comment is published), then as the site
builds now.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kopienu_zinas.common import sourcereader
from kopienu_zinas.common.nocomments import NAME
from kopienu_zinas.tools import build
from tests.sitebuild import BUILD_DATE, ROOT

SECRETS = ("SLEPENA-PIEZIME", "29999999", "IEKŠĒJS-KOMENTĀRS", "VAIRĀKRINDU")
ARTICLE = """---
title: Kopienas sapulce
date: 2026-05-16
region: Latgale
summary: Sapulcē runāja par bibliotēku.
---
Redzams teksts par sapulci.

<!-- SLEPENA-PIEZIME: avota tālrunis 29999999 -->

Sapulce sākās <!-- IEKŠĒJS-KOMENTĀRS --> laikā, kods `<!-- kods -->` paliek redzams.

<!--
VAIRĀKRINDU piezīme
-->

Beigas.
"""


def run(site: Path, output: str) -> int:
    return build.main([
        "--settings", str(ROOT / "pelicanconf.py"), "--content", str(site / "content"),
        "--output", str(site / output), "--build-date", BUILD_DATE,
        "-e", f"CACHE_PATH={json.dumps(str(site / 'cache' / 'pelican'))}",
        "-e", 'READING={"workers": 0, "cache": true}', "-e", 'SEARCH={"index": false}'])


def leaks(output: Path) -> dict[str, list[str]]:
    """Each written text file holding a secret, with the secrets it holds."""
    found = {}
    for path in sorted(output.rglob("*")):
        if path.is_file() and path.suffix in (".html", ".xml", ".json", ".txt", ".ics"):
            text = path.read_text(encoding="utf-8")
            held = [secret for secret in SECRETS if secret in text]
            if held:
                found[path.relative_to(output).as_posix()] = held
    return found


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("comments")
    (site / "content").mkdir()
    (site / "content" / "sapulce.md").write_text(ARTICLE, encoding="utf-8")
    complete = sourcereader.complete_arguments
    with pytest.MonkeyPatch.context() as before:
        before.setattr(sourcereader, "complete_arguments", lambda markdown: {
            **complete(markdown), "extensions": [
                e for e in complete(markdown)["extensions"] if e != NAME]})
        assert run(site, "before") == 0
    assert run(site, "now") == 0
    return site


def test_the_markdown_of_before_published_the_comments(site: Path) -> None:
    published = leaks(site / "before")
    assert {"atom.xml", "rss.xml", "regioni/latgale/atom.xml"} <= set(published)
    assert any(name.endswith("kopienas-sapulce/index.html") for name in published)


def test_no_comment_reaches_any_output_though_the_cache_holds_the_old_html(site: Path) -> None:
    output = site / "now"
    assert leaks(output) == {}
    page = next(output.rglob("kopienas-sapulce/index.html")).read_text(encoding="utf-8")
    assert "Redzams teksts par sapulci." in page and "Beigas." in page
    assert "<code>&lt;!-- kods --&gt;</code>" in page
    for feed in ("atom.xml", "rss.xml", "regioni/latgale/atom.xml"):
        assert "Redzams teksts par sapulci." in (output / feed).read_text(encoding="utf-8")
