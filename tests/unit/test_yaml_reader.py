"""The libyaml reader reads every real content file exactly as pelican-yaml-metadata's does."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
from pelican.plugins.yaml_metadata.yaml_metadata import YAMLMetadataReader
from pelican.settings import DEFAULT_CONFIG

from kopienu_zinas.site.yaml_reader import LibyamlMetadataReader
from tests.sources import CONTENT

FILES = sorted(CONTENT.rglob("*.md"))


@pytest.mark.parametrize("file", FILES, ids=[f.name for f in FILES])
def test_same_content_and_metadata_as_the_plugins_reader(file: Path) -> None:
    settings = copy.deepcopy(DEFAULT_CONFIG)
    assert LibyamlMetadataReader(settings).read(str(file)) == YAMLMetadataReader(settings).read(str(file))


def test_unreadable_yaml_falls_back_to_the_plugins_error(tmp_path: Path) -> None:
    broken = tmp_path / "x.md"
    broken.write_text("---\ntitle: [x\n---\nTeksts\n", encoding="utf-8")
    settings = copy.deepcopy(DEFAULT_CONFIG)
    assert LibyamlMetadataReader(settings).read(str(broken))[1] == {}


def test_a_plain_text_summary_keeps_every_character_as_html(tmp_path: Path) -> None:
    source = tmp_path / "cena.md"
    source.write_text('---\ntitle: Tirgus\nsummary: Cena < 5 eiro, 3 > 2 & "lēti"\n---\nTeksts\n',
                      encoding="utf-8")
    settings = {**copy.deepcopy(DEFAULT_CONFIG), "FORMATTED_FIELDS": []}
    summary = LibyamlMetadataReader(settings).read(str(source))[1]["summary"]
    assert summary == 'Cena &lt; 5 eiro, 3 &gt; 2 &amp; "lēti"'
