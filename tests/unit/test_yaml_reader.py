"""The libyaml reader reads every real content file exactly as pelican-yaml-metadata's does."""

from __future__ import annotations

import copy
import datetime
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace

import pytest
from pelican.plugins.yaml_metadata import yaml_metadata
from pelican.plugins.yaml_metadata.yaml_metadata import YAMLMetadataReader
from pelican.settings import DEFAULT_CONFIG

from kopienu_zinas.site.yaml_reader import (
    ORIGINAL_GET_DATE,
    LibyamlMetadataReader,
    get_date,
    use_libyaml_reader,
)
from tests.sources import CONTENT

FILES = sorted(CONTENT.rglob("*.md"))


@pytest.mark.parametrize("file", FILES, ids=[f.name for f in FILES])
def test_same_content_and_metadata_as_the_plugins_reader(file: Path) -> None:
    """The same as the plugin's reader given our extensions (which ours always adds: no
    comments published, headings with ids)."""
    settings = copy.deepcopy(DEFAULT_CONFIG)
    plugins = copy.deepcopy(DEFAULT_CONFIG)
    plugins["MARKDOWN"]["extensions"] = [*plugins["MARKDOWN"].get("extensions", []),
                                         "kopienu_zinas.common.nocomments",
                                         "kopienu_zinas.common.headingids"]
    assert LibyamlMetadataReader(settings).read(str(file)) == YAMLMetadataReader(plugins).read(str(file))


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
    assert markdown_arguments(settings).of("en")["extensions"] == [
        "markdown.extensions.extra", "kopienu_zinas.common.nocomments",
        "kopienu_zinas.common.headingids"]  # ours, always last
    english_site = {**settings, "DEFAULT_LANG": "en"}
    assert backlink("", Markdowns(markdown_arguments(english_site))) == "Back 1"
    keys = {shared_key(s) for s in (settings, english_site, {**settings, "MARKDOWN_BY_LANG": {}},
                                    {"MARKDOWN": FOOTNOTES, "MARKDOWN_BY_LANG": IN_ENGLISH})}
    assert len(keys) == 4
    assert FOOTNOTES["extension_configs"]["markdown.extensions.extra"] == {
        "footnotes": {"BACKLINK_TITLE": "Atpakaļ {}"}}, "the setting is left as it was"


def answer(parse: Callable[[str], datetime.datetime], string: str) -> object:
    """`parse`'s date for `string` (its type, value, zone and fold), or the error it raises
    (type and message)."""
    try:
        date = parse(string)
    except ValueError as error:
        return ("ValueError", str(error))
    return (type(date), date, date.tzinfo, date.fold)


ODD_DATES = ["2019-02-29", "2020-02-29", "2019-13-01", "2019-00-10", "2019-01-00", "2019-01-32",
             "0999-01-01", "1000-01-01", "9999-12-31 23:59:59", "2019-07-29 24:00",
             "2019-07-29 12:60", "2019-07-29T10:00:60", "2019-07-29 10:00:00.5",
             "2019-07-29T10:00:00.123456", "2019-07-29T10:00:00+02:00", "2019-07-29 10:00 Z",
             "2019-7-29", "2019-07-29  10:00", "2019-07-29t10:00", "2019-07-29 10", "29.07.2019",
             "\u0662\u0660\u0661\u0669-07-29", "2019-07-29\n", " 2019-07-29", "2019-07-29 10:00:5",
             "July 29, 2019", "2019", "x"]


def test_dates_are_pelicans_to_the_type_zone_and_error() -> None:
    """Every day of a leap year and of a common one, at the times editors write, and strings
    that are no plain ISO date (Pelican's parser reads or rejects them)."""
    days = [datetime.date(2023, 1, 1) + datetime.timedelta(days=n) for n in range(731)]
    times = ["", " 00:00", "T23:59", " 10:00:05", "T07:30:00", " 24:00", " 12:61"]
    for string in [f"{day.isoformat()}{time}" for day in days for time in times] + ODD_DATES:
        assert answer(get_date, string) == answer(ORIGINAL_GET_DATE, string), string


def test_the_reader_parses_header_dates_as_the_plugin_does(tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    source = tmp_path / "x.md"
    source.write_text('---\ntitle: Talka\ndate: 2019-07-29\nmodified: "2019-07-30 10:15"\n---\n'
                      "Teksts\n", encoding="utf-8")
    settings = copy.deepcopy(DEFAULT_CONFIG)
    monkeypatch.setattr(yaml_metadata, "get_date", ORIGINAL_GET_DATE)
    expected = YAMLMetadataReader(settings).read(str(source))
    use_libyaml_reader(SimpleNamespace(reader_classes={"md": YAMLMetadataReader}))
    assert yaml_metadata.get_date is get_date
    assert LibyamlMetadataReader(settings).read(str(source)) == expected
    assert expected[1]["modified"] == datetime.datetime(2019, 7, 30, 10, 15)


def test_every_text_value_is_published_in_nfc(tmp_path: Path) -> None:
    """A file saved on macOS (letters decomposed, NFD) gives the title, summary, tags and event
    fields as typed on a keyboard (NFC): what <title>, <h1>, search and sorting see."""
    import unicodedata

    source = tmp_path / "x.md"
    header = ("---\ntitle: Ēkas Ārpusē\nsummary: Ķekava\ntags: [Ūdens]\n"
              "events:\n  - title: Talka Ļaudonā\n---\nTeksts\n")
    source.write_text(unicodedata.normalize("NFD", header), encoding="utf-8")
    metadata = LibyamlMetadataReader(copy.deepcopy(DEFAULT_CONFIG)).read(str(source))[1]
    assert metadata["title"] == unicodedata.normalize("NFC", "Ēkas Ārpusē") == "Ēkas Ārpusē"
    assert metadata["summary"] == "<p>Ķekava</p>"  # FORMATTED_FIELDS: Markdown, as ever
    assert [tag.name for tag in metadata["tags"]] == ["Ūdens"]
    assert metadata["events"] == [{"title": "Talka Ļaudonā"}]


def test_a_header_with_yaml_aliases_is_refused_not_expanded(tmp_path: Path) -> None:
    """The plugin's own parser (the reader's fallback for a header libyaml cannot load) would
    expand nested aliases: gigabytes for a few lines (tests/unit/test_front_matter_yaml.py's
    ALIAS_BOMB)."""
    from kopienu_zinas.common.problems import SourceFailed
    from tests.unit.test_front_matter_yaml import ALIAS_BOMB

    source = tmp_path / "x.md"
    source.write_text("---\ntitle: X\n" + "\n".join(ALIAS_BOMB) + "\n---\nTeksts\n",
                      encoding="utf-8")
    settings = {**copy.deepcopy(DEFAULT_CONFIG), "PATH": str(tmp_path)}
    with pytest.raises(SourceFailed) as failed:
        LibyamlMetadataReader(settings).read(str(source))
    assert (failed.value.problem.path, failed.value.problem.line) == ("x.md", 4)
