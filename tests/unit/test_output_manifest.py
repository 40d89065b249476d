"""A "nothing changed" build (tools/build.py `unchanged`) trusts the published output folder only
when it holds exactly what the manifest recorded, as a cold build would write it: regular
files with the recorded bytes and the usual permissions, and nothing else — no symbolic link in
a file's place (its target can change or vanish), no link to a folder and no folder without a
recorded file in it (a cold build writes neither)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kopienu_zinas.common.atomicfile import usual_mode
from kopienu_zinas.writing import manifest


def _published(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    root = tmp_path / "output"
    (root / "zinas").mkdir(parents=True)
    (root / "index.html").write_bytes(b"<p>Sveiki</p>")
    (root / "zinas" / "raksts.html").write_bytes(b"<p>Raksts</p>")
    return root, manifest.scan_output(root)[0]


def test_the_output_as_recorded_matches(tmp_path: Path) -> None:
    root, files = _published(tmp_path)
    assert manifest.matches(root, files)


def test_a_file_replaced_by_a_link_to_the_same_bytes_does_not_match(tmp_path: Path) -> None:
    root, files = _published(tmp_path)
    elsewhere = tmp_path / "elsewhere.html"
    elsewhere.write_bytes((root / "index.html").read_bytes())
    (root / "index.html").unlink()
    (root / "index.html").symlink_to(elsewhere)
    assert not manifest.matches(root, files)


def test_a_link_to_a_folder_put_in_the_output_does_not_match(tmp_path: Path) -> None:
    root, files = _published(tmp_path)
    private = tmp_path / "private"
    private.mkdir()
    (private / "secret.txt").write_text("parole", encoding="utf-8")
    (root / "faili").symlink_to(private, target_is_directory=True)
    assert not manifest.matches(root, files)


def test_an_empty_folder_put_in_the_output_does_not_match(tmp_path: Path) -> None:
    root, files = _published(tmp_path)
    (root / "tukss" / "dziļāk").mkdir(parents=True)
    assert not manifest.matches(root, files)


def test_a_file_or_folder_whose_permissions_changed_does_not_match(tmp_path: Path) -> None:
    """chmod 600 by hand: a web server that is not the owner could not read the page, and a
    cold build writes it readable (QA of issue 5: "nothing changed" kept it)."""
    root, files = _published(tmp_path)
    (root / "index.html").chmod(0o600)
    assert not manifest.matches(root, files)
    (root / "index.html").chmod(usual_mode())
    assert manifest.matches(root, files)
    (root / "zinas").chmod(0o700)
    assert not manifest.matches(root, files)


@pytest.mark.parametrize("damage", [
    {"sources": {"index.html": ["a render key in a list"]}},
    {"files": {"index.html": None}},
    {"files": [["index.html", "0" * 64]]},
    {"inputs": {"digest": "x"}},
])
def test_a_manifest_that_parses_but_has_other_shapes_is_no_manifest(tmp_path: Path,
                                                                   damage: dict) -> None:
    """A manifest edited or damaged so that it is still JSON stopped the next build with a
    TypeError when a render key was not text (QA of issue 5): it is no manifest, as one that
    does not parse."""
    root, files = _published(tmp_path)
    cache = tmp_path / "cache"
    manifest.save(cache, root, manifest.Manifest("inputs", files, [], {}))
    assert manifest.load(cache, root) is not None
    path = manifest.manifest_path(cache, root)
    path.write_text(json.dumps({**json.loads(path.read_text(encoding="utf-8")), **damage}),
                    encoding="utf-8")
    assert manifest.load(cache, root) is None
