"""In one process, as the preview's build child and resident run (tools/warm_builder.py,
tools/fast_render.py), an article whose slug and date change between builds and fast renders
has its new address on every page: no URL remembered while a build wrote its pages
(reading/urlmemo.py) outlives that build. The second build's site is byte for byte a cold
build's in a fresh process."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pelican import signals

from kopienu_zinas.tools import build
from kopienu_zinas.tools.fast_render import Resident
from tests.functional.test_reading_cache import files
from tests.sitebuild import BUILD_DATE, ROOT, run_build

ARTICLE = """---
title: {title}
slug: {slug}
date: {date}
region: Latgale
tags: [kultūra]
summary: Par talku parkā.
---
Nāciet visi.
"""
OTHER = """---
title: Bibliotēku nakts
date: 2024-04-01
region: Latgale
tags: [kultūra]
summary: Lasījumi visu nakti.
---
Sk. arī [talku]({filename}/talka.md).
"""
OLD, NEW = "zinas/2024/talka/", "zinas/2025/talka-parka/"
#: The pages that show the article's address wherever it is: the other article (its
#: `{filename}` link), the lists, the feeds, the sitemap.
LISTING = ("zinas/2024/biblioteku-nakts/index.html", "index.html", "arhivs/index.html",
           "regioni/latgale/index.html", "temas/kultura/index.html", "atom.xml", "rss.xml",
           "regioni/latgale/atom.xml", "regioni/latgale/rss.xml", "sitemap.xml")


def settings_args(folder: Path) -> list[str]:
    return ["--settings", str(ROOT / "pelicanconf.py"), "--content", str(folder / "content"),
            "--build-date", BUILD_DATE, "--preview",
            "-e", f"CACHE_PATH={json.dumps(str(folder / 'cache' / 'pelican'))}",
            "-e", 'READING={"workers": 0}', "-e", 'SEARCH={"index": false}']


def in_process_build(folder: Path, output: Path, generators: list[Any]) -> int:
    """One preview build in this process; `generators` gets its generators, as the preview's
    build child keeps them for its resident."""

    def keep(sender: Any) -> None:
        generators[:] = sender

    signals.all_generators_finalized.connect(keep, weak=False)
    try:
        return build.main([*settings_args(folder), "--output", str(output)])
    finally:
        signals.all_generators_finalized.disconnect(keep)


def pages_naming(output: Path, address: str) -> list[str]:
    return sorted(name for name, data in files(output).items()
                  if name.endswith((".html", ".xml", ".json", ".ics"))
                  and address.encode() in data)


def test_a_moved_article_has_its_new_address_on_every_page_of_the_next_build(
        tmp_path: Path) -> None:
    content = tmp_path / "content"
    content.mkdir()
    source = content / "talka.md"
    source.write_text(ARTICLE.format(title="Talka", slug="talka", date="2024-04-03"),
                      encoding="utf-8")
    (content / "nakts.md").write_text(OTHER, encoding="utf-8")
    output = tmp_path / "output"
    generators: list[Any] = []
    assert in_process_build(tmp_path, output, generators) == 0
    assert set(LISTING) | {f"{OLD}index.html"} <= set(pages_naming(output, OLD))

    resident = Resident(generators, output.resolve())
    source.write_text(ARTICLE.format(title="Talka parkā", slug="talka", date="2024-04-03"),
                      encoding="utf-8")
    assert resident.render(source) == f"{OLD}index.html"  # a title: its own page at once
    assert "Talka parkā" in (output / OLD / "index.html").read_text("utf-8")
    source.write_text(ARTICLE.format(title="Talka parkā", slug="talka-parka",
                                     date="2025-02-01"), encoding="utf-8")
    assert resident.render(source) is None  # a new address: for the full build

    assert in_process_build(tmp_path, output, generators) == 0
    assert pages_naming(output, OLD) == []
    assert set(LISTING) | {f"{NEW}index.html"} <= set(pages_naming(output, NEW))
    cold = tmp_path / "cold"
    result = run_build(cold, "--preview", "-e", 'SEARCH={"index": false}', content=content)
    assert result.returncode == 0, result.stderr
    assert files(output) == files(cold)

    article = next(a for a in generators[0].articles if a.slug == "talka-parka")
    article.slug = "pec-buves"  # after the build: formatted afresh, as the resident needs
    assert article.url == "zinas/2025/pec-buves/"
