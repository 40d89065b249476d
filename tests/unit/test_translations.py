"""The UI catalogs are complete: every string the templates use has a Latvian and an English text."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

THEME = Path(__file__).resolve().parents[2] / "theme"


def template_msgids(tmp_path: Path) -> set[str]:
    pot = tmp_path / "messages.pot"
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", "--quiet", "extract",
                    "-F", str(THEME / "translations/babel.cfg"), "-o", str(pot), str(THEME / "templates")],
                   check=True, cwd=THEME)
    with pot.open("rb") as source:
        return {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(source) if m.id}


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_catalog_translates_every_template_string(lang: str, tmp_path: Path) -> None:
    with (THEME / f"translations/{lang}/LC_MESSAGES/messages.po").open("rb") as source:
        catalog = read_po(source, locale=lang)
    used = template_msgids(tmp_path)
    assert len(used) > 20
    translated = {(m.id if isinstance(m.id, str) else m.id[0]) for m in catalog
                  if m.id and m.string and (m.string if isinstance(m.string, str) else all(m.string))
                  and not m.fuzzy}
    assert sorted(used - translated) == []


def test_english_catalog_is_really_english(tmp_path: Path) -> None:
    with (THEME / "translations/en/LC_MESSAGES/messages.po").open("rb") as source:
        catalog = read_po(source, locale="en")
    singles = [m for m in catalog if m.id and isinstance(m.id, str)]
    same = [m.id for m in singles if m.string == m.id and any(c in m.id for c in "āčēģīķļņšūž")]
    assert same == []


def test_an_edited_catalog_is_read_again(tmp_path: Path) -> None:
    """`make serve` rebuilds in one process: a changed .po file must show in the next build."""
    from kopienu_zinas.common.i18n import load_catalog

    po = tmp_path / "en/LC_MESSAGES/messages.po"
    po.parent.mkdir(parents=True)
    entry = 'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\nmsgid "Sākums"\n'
    po.write_text(entry + 'msgstr "Home"\n', encoding="utf-8")
    assert load_catalog(str(tmp_path), "en").gettext("Sākums") == "Home"
    po.write_text(entry + 'msgstr "Front page"\n', encoding="utf-8")
    assert load_catalog(str(tmp_path), "en").gettext("Sākums") == "Front page"
