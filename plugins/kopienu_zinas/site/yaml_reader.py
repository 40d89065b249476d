"""pelican-yaml-metadata's Markdown reader, parsing headers with libyaml (C) when it is there.

The plugin parses with pure-Python PyYAML; libyaml's parser gives the same values (the
constructor is the same SafeConstructor) about nine times faster, which is most of the YAML
cost of a large build. Anything it cannot read goes to the plugin's own code, which reports
the error its usual way.
"""

from __future__ import annotations

from typing import Any

import yaml
from pelican.plugins.yaml_metadata.yaml_metadata import YAMLMetadataReader


class LibyamlMetadataReader(YAMLMetadataReader):
    def _load_yaml_metadata(self, text: str, source_path: str) -> dict[str, Any]:
        try:
            metadata = yaml.load(text, Loader=yaml.CSafeLoader)  # noqa: S506 - the safe loader
        except Exception:  # noqa: BLE001 - the plugin's own path reports it
            return super()._load_yaml_metadata(text, source_path)
        if not isinstance(metadata, dict):
            return super()._load_yaml_metadata(text, source_path)
        return self._parse_yaml_metadata(metadata, source_path)


def use_libyaml_reader(readers: Any) -> None:
    """Replace the YAML reader (registered just before us, PLUGINS order) with the fast one."""
    if not getattr(yaml, "__with_libyaml__", False):
        return
    for extension, reader in list(readers.reader_classes.items()):
        if reader is YAMLMetadataReader:
            readers.reader_classes[extension] = LibyamlMetadataReader
