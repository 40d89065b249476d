"""Reading editors' introductions (newsletter/intros.py): which files make an issue's intro."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from kopienu_zinas.newsletter.intros import read_intros
from kopienu_zinas.newsletter.issues import Month


def _read(path: str, month: Month) -> tuple[str, dict[str, Any]]:
    """Pelican's YAML reader as it reads any of these files: the body, and no usable title."""
    return f"<p>{Path(path).stem}</p>", {"title": "  "}


def test_only_introductions_whose_front_matter_can_be_read_are_in_the_issue(
        tmp_path: Path) -> None:
    """QA s10: an unclosed quote in the header (an error the content check reports) left the
    issue showing the introduction's body under the default heading, its title, summary and
    authors dropped; a file without a header likewise. The preview shows the issue without
    it (and its problems in the banner)."""
    folder = tmp_path / "newsletter"
    folder.mkdir()
    (folder / "2024-04.md").write_text("---\ntitle: '  '\n---\nLabs.\n", "utf-8")
    (folder / "2024-05.md").write_text('---\ntitle: "Maijs kopienās\n---\nTeksts.\n', "utf-8")
    (folder / "2024-06.md").write_text("Tikai teksts, bez galvenes.\n", "utf-8")
    (folder / "2024-07.md").write_text("---\n- title\n---\nTeksts.\n", "utf-8")
    (folder / "maijs.md").write_text("---\ntitle: Maijs\n---\nTeksts.\n", "utf-8")
    [intro] = read_intros(folder, _read)
    assert (intro.month.key, intro.html) == ("2024-04", "<p>2024-04</p>")
    assert intro.title == "", "a blank title is none: the issue's default heading"
