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


FOOTNOTES = {"extension_configs": {"markdown.extensions.extra": {
    "footnotes": {"BACKLINK_TITLE": "Atpakaļ {}"}}}, "output_format": "html5"}
IN_ENGLISH = {"en": {"extension_configs": {"markdown.extensions.extra": {
    "footnotes": {"BACKLINK_TITLE": "Back {}"}}}}}


def test_each_language_gets_its_markdown_words_and_the_cache_key_follows_them() -> None:
    """A source is converted with MARKDOWN_BY_LANG[its `lang:`, else DEFAULT_LANG] merged into
    MARKDOWN (the other extension settings kept); every setting that chooses is in the key."""
    from kopienu_zinas.common.sourcereader import (
        Markdowns,
        convert_source,
        markdown_arguments,
        shared_key,
    )

    settings = {"MARKDOWN": FOOTNOTES, "MARKDOWN_BY_LANG": IN_ENGLISH, "DEFAULT_LANG": "lv"}
    markdowns = Markdowns(markdown_arguments(settings))
    body = "---\ntitle: T\n{lang}---\nTeksts.[^1]\n\n[^1]: Avots.\n"

    def backlink(lang: str, converters: Markdowns = markdowns) -> str:
        converted = convert_source(body.format(lang=lang), converters)
        assert converted is not None
        return converted.html.split('title="')[1].split('"')[0]

    assert backlink("") == backlink("lang: lv\n") == backlink("lang: de\n") == "Atpakaļ 1"
    assert backlink("lang: en\n") == "Back 1"
    assert markdown_arguments(settings).of("en")["extensions"] == ["markdown.extensions.extra"]
    english_site = {**settings, "DEFAULT_LANG": "en"}
    assert backlink("", Markdowns(markdown_arguments(english_site))) == "Back 1"
    keys = {shared_key(s) for s in (settings, english_site, {**settings, "MARKDOWN_BY_LANG": {}},
                                    {"MARKDOWN": FOOTNOTES, "MARKDOWN_BY_LANG": IN_ENGLISH})}
    assert len(keys) == 4
    assert FOOTNOTES["extension_configs"]["markdown.extensions.extra"] == {
        "footnotes": {"BACKLINK_TITLE": "Atpakaļ {}"}}, "the setting is left as it was"
