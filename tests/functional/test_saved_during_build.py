"""A source saved while a build reads it: the build's manifest must not vouch for the sources as
they were before (QA of issue 5). The inputs are digested before the build reads anything; an
editor saving during the build makes the output show the newer text under the older digest, and
saving the older text again (an undo) then found "nothing changed" and kept the newer page.
After the build each file's identity is asked (common/fingerprint.TreeRead.changed), not its
bytes, except for files changed just before they were read."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from kopienu_zinas.common import fingerprint
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


class Site:
    """One article in a content folder, built by the build tool in this process."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.content, self.output = root / "content", root / "out"
        self.content.mkdir()
        self.source = self.content / "talka.md"

    def save(self, body: str) -> None:
        self.source.write_text(ARTICLE.format(body=body), encoding="utf-8")

    def run(self) -> int:
        return build.main(["--content", str(self.content), "--output", str(self.output),
                           "--build-date", BUILD_DATE,
                           f"-eCACHE_PATH={json.dumps(str(self.root / 'cache'))}",
                           '-eSEARCH={"index": false}'])

    def page(self) -> str:
        return (self.output / "zinas" / "2024" / "talka" / "index.html").read_text(
            encoding="utf-8")

    def run_saving_meanwhile(self, monkeypatch: pytest.MonkeyPatch,
                             save: Callable[[], None]) -> int:
        """A build during which `save` runs once its inputs are digested (before Pelican
        reads any source)."""
        digest_inputs = build.manifests.build_inputs

        def saved_meanwhile(*args: object, **kwargs: object) -> str | None:
            inputs = digest_inputs(*args, **kwargs)  # type: ignore[arg-type]
            save()
            monkeypatch.setattr(build.manifests, "build_inputs", digest_inputs)
            return inputs

        monkeypatch.setattr(build.manifests, "build_inputs", saved_meanwhile)
        return self.run()


def test_a_source_saved_during_a_build_is_built_again_when_saved_back(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = Site(tmp_path)
    site.save("Pirmā versija.")
    assert site.run() == 0
    site.save("Otrā versija.")
    # the editor saves again while the build goes on
    assert site.run_saving_meanwhile(monkeypatch, lambda: site.save("Trešā versija.")) == 0
    assert "Trešā versija." in site.page()
    site.save("Otrā versija.")  # and undoes it
    assert site.run() == 0
    assert "Otrā versija." in site.page() and "Trešā versija." not in site.page()


def test_a_save_that_keeps_the_size_and_the_modification_time_is_seen(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The text saved during the build has the old one's length and a tool sets the
    modification time back: the change time still moved. No file counts as just changed
    here (RECENT_NS 0), as for a file saved long before the build: the identities alone
    tell."""
    monkeypatch.setattr(fingerprint, "RECENT_NS", 0)
    site = Site(tmp_path)
    site.save("Versija A.")
    assert site.run() == 0
    site.save("Versija B.")

    def same_size_and_time() -> None:
        before = site.source.stat()
        next_tick(site.source, tmp_path / "probe")
        site.save("Versija C.")
        os.utime(site.source, ns=(before.st_atime_ns, before.st_mtime_ns))
        after = site.source.stat()
        assert (after.st_size, after.st_mtime_ns) == (before.st_size, before.st_mtime_ns)

    assert site.run_saving_meanwhile(monkeypatch, same_size_and_time) == 0
    assert "Versija C." in site.page()
    site.save("Versija B.")
    assert site.run() == 0
    assert "Versija B." in site.page()


def next_tick(path: Path, probe: Path) -> None:
    """Wait until a file written now gets a later change time than `path` has (the file
    system's clock moves in ticks of a few milliseconds)."""
    while True:
        probe.write_bytes(b"")
        if probe.stat().st_ctime_ns > path.stat().st_ctime_ns:
            return
