"""Names in content/ that differ only in capital letters: one is lost on Windows and macOS."""

from __future__ import annotations

from pathlib import Path

from kopienu_zinas.site.casenames import case_clashes, check_documents


def test_two_articles_differing_only_in_case_are_named() -> None:
    """QA: `Raksts.md` and `raksts.md` were both published without a word."""
    [problem] = case_clashes(["Raksts.md", "raksts.md", "cits.md"])
    assert (problem.path, problem.field) == ("raksts.md", "file")
    assert "only in capital letters" in problem.what_en and "Raksts.md" in problem.what_en


def test_folders_and_decomposed_letters_are_compared_as_those_systems_do() -> None:
    found = case_clashes(["Galerija/a.jpg", "galerija/b.jpg", "Ēkas.md", "e\u0304kas.md"])
    assert sorted(p.path for p in found) == ["galerija", "Ēkas.md"]  # "e" + U+0304 first


def test_names_that_differ_otherwise_are_left_alone(tmp_path: Path) -> None:
    for name in ("raksts.md", "raksts-2.md", "atteli/foto.jpg", "atteli/foto.png"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).touch()
    assert check_documents(None, [], {"PATH": str(tmp_path)}) == []


def test_two_pictures_are_left_to_the_pictures_own_rule() -> None:
    """images/rules.py names them already ("the same published name"): one message each."""
    assert list(case_clashes(["atteli/Foto.JPG", "atteli/foto.jpg"])) == []


def test_a_clashing_folder_is_named_once_with_commands_that_keep_it_where_it_is() -> None:
    """QA re-test: `galleries/Gramatas-Plaukta` beside `galleries/gramatas-plaukta` was named
    for the folder and again for its captions.yml, and `git mv "pages/par-mums.md"
    jauns-nosaukums` moved a file out of its folder, without its ending, from the wrong folder."""
    found = list(case_clashes(["galleries/Gramatas-Plaukta/captions.yml",
                               "galleries/gramatas-plaukta/captions.yml",
                               "pages/Par-Mums.md", "pages/par-mums.md"]))
    assert [p.path for p in found] == ["galleries/gramatas-plaukta", "pages/par-mums.md"]
    assert 'git mv "content/pages/par-mums.md" "content/pages/par-mums-2.md"' in found[1].fix
    assert 'git mv "content/galleries/gramatas-plaukta" "content/galleries/gramatas-plaukta-2"' \
        in found[0].fix
