"""A source saved while a build reads it: the build's manifest must not vouch for the sources as
they were before (QA of issue 5). The inputs are digested before the build reads anything; an
editor saving during the build makes the output show the newer text under the older digest, and
saving the older text again (an undo) then found "nothing changed" and kept the newer page."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kopienu_zinas.tools import build
from tests.sitebuild import BUILD_DATE

ARTICLE = """---
title: Talka
slug: talka
date: 2024-04-01
region: Latgale
summary: Īss kopsavilkums.
---
{body}
"""


def test_a_source_saved_during_a_build_is_built_again_when_saved_back(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    content, output = tmp_path / "content", tmp_path / "out"
    content.mkdir()
    source = content / "talka.md"

    def save(body: str) -> None:
        source.write_text(ARTICLE.format(body=body), encoding="utf-8")

    def run() -> int:
        return build.main(["--content", str(content), "--output", str(output), "--build-date",
                           BUILD_DATE, f"-eCACHE_PATH={json.dumps(str(tmp_path / 'cache'))}",
                           '-eSEARCH={"index": false}'])

    def page() -> str:
        return (output / "zinas" / "2024" / "talka" / "index.html").read_text(encoding="utf-8")

    save("Pirmā versija.")
    assert run() == 0
    save("Otrā versija.")
    digest_inputs = build.manifests.build_inputs

    def saved_again_meanwhile(*args: object, **kwargs: object) -> str | None:
        inputs = digest_inputs(*args, **kwargs)  # type: ignore[arg-type]
        save("Trešā versija.")  # the editor saves again while the build goes on
        monkeypatch.undo()
        return inputs

    monkeypatch.setattr(build.manifests, "build_inputs", saved_again_meanwhile)
    assert run() == 0
    assert "Trešā versija." in page()
    save("Otrā versija.")  # and undoes it
    assert run() == 0
    assert "Otrā versija." in page() and "Trešā versija." not in page()
