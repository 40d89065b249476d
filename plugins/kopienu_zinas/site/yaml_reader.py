"""pelican-yaml-metadata's Markdown reader, reading text our way and parsing headers with libyaml.

- Text comes from `common.sourcetext.read_source`, like the content check's: a UTF-8 BOM and
  Windows line ends read as usual, characters XML 1.0 forbids are dropped and other encodings
  decoded by their best guess. The content check reports all of these (and publishing builds
  stop on them); the preview (PREVIEW) still shows the page, with the problem above it.
- Any error while reading one file becomes a `SourceFailed` naming that file, which Pelican's
  generators log and skip (the rest of the build goes on), and our build prints in the
  editors' format.
- The plugin parses with pure-Python PyYAML; libyaml's parser gives the same values (the
  constructor is the same SafeConstructor) about nine times faster, which is most of the YAML
  cost of a large build. Anything it cannot read goes to the plugin's own code, which reports
  the error its usual way.
- Header and body HTML (common/sourcereader.py) come from the reading plugin's cache when it
  holds them (docs/building.md, "Caches: reading"); Pelican's metadata is made afresh. When
  the reading plugin keyed the source at `initialized` (from the bytes the content check
  read), the file is not read again.
- The plugin parses `date:` and `modified:` with Pelican's `get_date` (dateutil's guessing
  parser, about 25 µs a date: most of making the metadata). A plain ISO date or date and time
  needs no guessing: :func:`get_date` makes the same value directly, and hands every other
  string to Pelican's.
"""

from __future__ import annotations

import datetime
import html
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pelican.utils
import yaml
from pelican.plugins.yaml_metadata import yaml_metadata
from pelican.plugins.yaml_metadata.yaml_metadata import YAMLMetadataReader
from pelican.utils import SafeDatetime

from ..common.problems import SourceFailed, failure_problem, relative_source
from ..common.sourcereader import (
    ConvertedSource,
    Markdowns,
    convert_cached,
    markdown_arguments,
    prepared,
)
from ..common.sourcetext import read_source
from ..common.yamlnodes import AliasRefused, compose
from ..common.yamlproblems import syntax_problem

#: Pelican's date parser, which the YAML plugin imported (:func:`use_libyaml_reader` replaces
#: the plugin's name for it, never Pelican's).
ORIGINAL_GET_DATE: Callable[[str], datetime.datetime] = pelican.utils.get_date
#: A date Pelican's parser reads without guessing: YYYY-MM-DD, then optionally HH:MM or
#: HH:MM:SS after a space or "T" (what YAML dates, `isoformat()` and editors write); no
#: fraction of a second, no time zone.
PLAIN_ISO_DATE = re.compile(
    r"([1-9][0-9]{3})-([0-9]{2})-([0-9]{2})(?:[T ]([0-9]{2}):([0-9]{2})(?::([0-9]{2}))?)?")


class LibyamlMetadataReader(YAMLMetadataReader):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        #: each language's converter (MARKDOWN_BY_LANG): the body in its `lang:`'s words
        self.markdowns = Markdowns(markdown_arguments(self.settings))

    def read(self, source_path: str) -> tuple[str, dict[str, Any]]:
        try:
            converted = prepared(source_path, self.settings)
            if converted is not None:  # keyed from the bytes the content check read
                content, metadata = converted.html, self.metadata_of(converted, source_path)
            else:  # the text's problems are the content check's to report
                content, metadata = self._read_text(
                    read_source(Path(source_path), source_path).text, source_path)
            if "summary" not in self.settings.get("FORMATTED_FIELDS", ()):
                summary_as_html(metadata)
            return content, metadata
        except SourceFailed:
            raise
        except Exception as error:
            path = relative_source(source_path, self.settings.get("PATH") or ".")
            raise SourceFailed(failure_problem(path, error, "reading")) from error

    def _read_text(self, text: str, source_path: str) -> tuple[str, dict[str, Any]]:
        """The plugin's `read`, on text already read."""
        converted = self.convert(text)
        if converted is not None:
            return converted.html, self.metadata_of(converted, source_path)
        match = yaml_metadata.HEADER_RE.fullmatch(text)
        if not match:
            # the plugin's fallback: Markdown's own "key: value" metadata
            return super(YAMLMetadataReader, self).read(source_path)
        # a header libyaml cannot read as a mapping: the plugin's parser reports it its usual
        # way (and gives what it can); never one with an alias, whose values it would walk
        refuse_alias(match.group("metadata"), text[:match.start("metadata")].count("\n") + 1,
                     source_path, self.settings)
        metadata = self._load_yaml_metadata(match.group("metadata"), source_path)
        self._set_meta(metadata)
        md = self.markdowns.of(metadata.get("lang"))
        return md.reset().convert(match.group("content")), metadata

    def convert(self, text: str) -> ConvertedSource | None:
        """The costly half of reading (common/sourcereader.py), from the build's cache when
        the reading plugin keeps one."""
        return convert_cached(text, self.markdowns, self.settings)

    def metadata_of(self, converted: ConvertedSource, source_path: str) -> dict[str, Any]:
        """Pelican's metadata from a converted source's header (dates, tags, authors and the
        category made into Pelican's objects): a fresh result on every call."""
        metadata = self._parse_yaml_metadata(converted.metadata, source_path)
        self._set_meta(metadata)
        return metadata

    def _set_meta(self, metadata: dict[str, Any]) -> None:
        self._md.Meta = {  # as markdown.extensions.meta does
            key: yaml_metadata._convert_py_to_meta(value) for key, value in metadata.items()
        }


def refuse_alias(header: str, first_line: int, source_path: str, settings: dict[str, Any]
                 ) -> None:
    """Raise SourceFailed, naming the field and its line, when the YAML `header` (its first
    line the file's line `first_line`) of the source at `source_path` holds an alias
    (yamlnodes.AliasRefused: the plugin's parser would expand nested ones, gigabytes for a
    few lines); nothing for any other header, readable or not."""
    try:
        compose(header)
    except AliasRefused as refused:
        path = relative_source(source_path, settings.get("PATH") or ".")
        raise SourceFailed(syntax_problem(path, header, refused, first_line)) from refused
    except yaml.YAMLError:
        pass  # the plugin's parser reports it


def summary_as_html(metadata: dict[str, Any]) -> None:
    """Make a plain-text `summary` (editors write it so: FORMATTED_FIELDS is empty) HTML, in
    place. Pelican, the templates and the feeds treat a summary as HTML, so unescaped,
    "Cena < 5 eiro, 3 > 2" lost "< 5 eiro, 3 >" as a broken tag. Escaped once here, it shows as
    written everywhere (plain-text readers decode it: common/plaintext)."""
    summary = metadata.get("summary")
    if isinstance(summary, str):
        metadata["summary"] = html.escape(summary, quote=False)


def get_date(string: str) -> datetime.datetime:
    """Pelican's `get_date` (a naive `SafeDatetime`, the missing time midnight), made directly
    for a plain ISO date (`PLAIN_ISO_DATE`): the value dateutil gives, its default's date
    replaced whole. Any other string, or a date no calendar has (2019-02-30, 24:00), goes to
    Pelican's parser, which reads it or raises its own ValueError."""
    match = PLAIN_ISO_DATE.fullmatch(string)
    if match is not None:
        try:
            return SafeDatetime(*(int(part) for part in match.groups() if part is not None))
        except ValueError:
            pass
    return ORIGINAL_GET_DATE(string)


def use_libyaml_reader(readers: Any) -> None:
    """Replace the YAML reader (registered just before us, PLUGINS order) with ours, and the
    date parser it calls with :func:`get_date` (the same values; idempotent)."""
    yaml_metadata.get_date = get_date
    for extension, reader in list(readers.reader_classes.items()):
        if reader is YAMLMetadataReader:
            readers.reader_classes[extension] = LibyamlMetadataReader
