"""Links to headings: every heading has an id, and a `#fragment` that finds no id on its page
is named with the id meant (QA: every heading link from Google Docs, pandoc, Obsidian or
Typora was dead, and fragments were not checked)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from kopienu_zinas.common.headingids import RESERVED_PREFIX, THEME_ID_PREFIXES, THEME_IDS
from tests.sitebuild import ROOT, BuiltSite, run_build

HEADER = "---\ntitle: {title}\ndate: 2024-05-20\nregion: Latgale\nsummary: Īsi.\n---\n\n"
TARGET = (HEADER.format(title="Mērķis") + "Teksts.\n\n## Starpvirsraksts ar garumzīmēm\n\n"
          "Teksts.\n\n## Saturs\n\n## Cits {#_Toc12}\n")
LINKS = (HEADER.format(title="Saites") + "## Augša\n\n"  # line 8
         "[uz augšu](#augsa) [nav](#augsha)\n\n"  # line 10
         "[citā]({filename}/merkis.md#starpvirsraksts-ar-garumzimem)\n\n"  # line 12
         "[latviski]({filename}/merkis.md#starpvirsraksts-ar-garumzīmēm)\n\n"  # line 14
         "[word]({filename}/merkis.md#_Toc12) [saturs]({filename}/merkis.md#virsraksts-saturs)\n")


def test_headings_have_ids_and_dead_fragments_are_named_with_the_id_meant(
        tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    (content / "merkis.md").write_text(TARGET, encoding="utf-8")
    (content / "saites.md").write_text(LINKS, encoding="utf-8")
    result = run_build(tmp_path / "output", "--strict", content=content)
    assert result.returncode != 0
    named = [line for line in result.stderr.splitlines() if "saites.md" in line]
    assert named == [
        "error: saites.md:10: link: lapā nav vietas ar šādu id (virsraksta vai enkura) (the page "
        "has no heading or anchor with this id): #augsha — vai domāts #augsa? Raksti saitē "
        "#augsa",
        "error: saites.md:14: link: lapā nav vietas ar šādu id (virsraksta vai enkura) (the page "
        "has no heading or anchor with this id): {filename}/merkis.md#starpvirsraksts-ar-"
        "garumzīmēm — vai domāts #starpvirsraksts-ar-garumzimem? Raksti saitē "
        "#starpvirsraksts-ar-garumzimem",
    ], result.stderr

    (content / "saites.md").write_text(LINKS.replace("#augsha", "#augsa").replace(
        "#starpvirsraksts-ar-garumzīmēm", "#starpvirsraksts-ar-garumzimem"), encoding="utf-8")
    result = run_build(tmp_path / "output", "--strict", content=content)
    assert result.returncode == 0, result.stderr
    page = BuiltSite(tmp_path / "output", "").page("/zinas/2024/merkis/")
    assert '<h2 id="starpvirsraksts-ar-garumzimem">' in page
    assert '<h2 id="virsraksts-saturs">Saturs</h2>' in page  # the theme's #saturs is the page's
    assert '<h2 id="_Toc12">' in page
    ids = re.findall(r'\sid="([^"]+)"', page)
    assert len(ids) == len(set(ids)), "no id twice on a page"


def test_every_id_the_theme_writes_is_one_headings_avoid() -> None:
    """A heading "Saturs" must not take the page's own `#saturs`: every literal id in the
    theme's templates is reserved (or starts as a reserved data-made one does)."""
    written = set()
    for template in (ROOT / "theme" / "templates").rglob("*.html"):
        written.update(re.findall(r'\sid="([^"{]*)', template.read_text(encoding="utf-8")))
    for theme_id in written - {""}:
        assert theme_id in THEME_IDS or theme_id.startswith(THEME_ID_PREFIXES) or \
            theme_id.startswith(RESERVED_PREFIX), theme_id
