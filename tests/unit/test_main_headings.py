"""A body's own level-1 heading would be a second `<h1>` under the title the page shows:
each is a warning at its line, saying to delete a repeated title or to write `##`."""

from pathlib import Path

import pytest

from kopienu_zinas.site import register
from tests.signals import registered
from tests.sitebuild import problems_in_file

SETTINGS = {"REGIONS": ["Latgale"], "BUILD_DATE": "2026-11-23"}
HEADER = ("---\ntitle: Jauna lasītava Rēzeknē\ndate: 2024-05-20\nregion: Latgale\n"
          "summary: Īsi.\n---\n\n")
BODY_LINE = 8  # the file line of the body's first line after HEADER


def headings(tmp_path: Path, body: str, header: str = HEADER, name: str = "raksts.md"
             ) -> list[tuple[int, str, str, str]]:
    """(line, severity, what_lv, fix) of each heading problem."""
    with registered(register):
        found = problems_in_file(tmp_path, name, header + body, SETTINGS)
    return [(p.line, p.severity, p.what_lv, p.fix) for p in found if p.field == "heading"]


def repeated(line: int) -> tuple[int, str, str, str]:
    return (line, "warning", "virsraksts tekstā atkārto raksta virsrakstu, ko lapa jau rāda "
            "(divi galvenie virsraksti)", "izdzēs šo virsraksta rindu (un === rindu zem tās, "
            "ja ir): lapā virsrakstu rāda no 'title:'")


SECOND = "virsraksts ar vienu # ir otrs galvenais virsraksts lapā (pirmais ir 'title:')"


@pytest.mark.parametrize("body", [
    "# Jauna lasītava Rēzeknē\n\nTeksts.\n",
    "Jauna lasītava Rēzeknē\n======================\n\nTeksts.\n",  # pandoc's setext form
    "# JAUNA LASĪTAVA REZEKNĒ!\n\nTeksts.\n",  # case, an accent and punctuation aside
    "# Jauna lasitava Rezekne\n\nTeksts.\n",
])
def test_a_word_title_repeated_in_the_text_is_to_be_deleted(tmp_path: Path, body: str) -> None:
    """QA: a Word document converted with pandoc starts with its title: the page showed it
    twice, as two <h1>."""
    assert headings(tmp_path, body) == [repeated(BODY_LINE)]


def test_another_main_heading_is_to_be_written_with_two_hashes(tmp_path: Path) -> None:
    body = ("Ievads.\n\n# Darba laiks\n\nTeksts.\n\nPasākumi\n========\n\n> # Citāta virsraksts\n"
            "\n<h1>HTML virsraksts</h1>\n")
    assert [(line, severity, what, fix) for line, severity, what, fix
            in headings(tmp_path, body)] == [
        (BODY_LINE + 2, "warning", SECOND, "raksti ## Darba laiks (starpvirsraksts); ja tas "
         "nav virsraksts, bet teksts ar # sākumā (#birka), raksti \\# (ar slīpsvītru priekšā)"),
        (BODY_LINE + 6, "warning", SECOND,
         "raksti ## Pasākumi un izdzēs === rindu zem tā (starpvirsraksts)"),
        (BODY_LINE + 9, "warning", SECOND, "raksti ## Citāta virsraksts (starpvirsraksts); ja "
         "tas nav virsraksts, bet teksts ar # sākumā (#birka), raksti \\# (ar slīpsvītru "
         "priekšā)"),
        (BODY_LINE + 11, "warning", SECOND,
         "raksti <h2>HTML virsraksts</h2>, vai Markdown: ## HTML virsraksts"),
    ]


def test_a_hashtag_at_a_line_start_is_a_heading_to_markdown(tmp_path: Path) -> None:
    [(line, _severity, what, fix)] = headings(tmp_path, "Teksts.\n\n#bibliotekas\n")
    assert (line, what) == (BODY_LINE + 2, SECOND)
    assert "\\#" in fix


def test_code_comments_subheadings_and_escapes_are_no_main_heading(tmp_path: Path) -> None:
    body = ("## Starpvirsraksts\n\n```\n# komentārs kodā\n```\n\n    # atkāpts kods\n\n"
            "<!--\n# paslēpts\n-->\n\n\\#birka un `# kods`\n\nTeksts # ar restīti.\n"
            "Vienādības\n\n===\n")
    assert headings(tmp_path, body) == []


def test_pages_and_newsletter_introductions_are_checked_too(tmp_path: Path) -> None:
    page = "---\ntitle: Par mums\n---\n\n# Par mums\n\n# Kontakti\n"
    assert [(line, what) for line, _s, what, _f in headings(tmp_path, page, "",
                                                           "pages/par-mums.md")] == [
        (5, repeated(5)[2]), (7, SECOND)]
    intro = "---\ntitle: Maija izdevums\n---\n\n# Maija izdevums\n"
    assert headings(tmp_path, intro, "", "newsletter/2024-05.md") == [repeated(5)]


def test_no_problem_lists_the_same_heading_twice(tmp_path: Path) -> None:
    """Two headings with the same words are two places: each at its own line."""
    body = "# Darba laiks\n\nTeksts.\n\n# Darba laiks\n"
    assert [line for line, *_rest in headings(tmp_path, body)] == [BODY_LINE, BODY_LINE + 4]

