"""An article's `region` is its Pelican category, so every region gets a page and feeds."""

from __future__ import annotations

from typing import Any

from pelican.contents import Category


def assign_category(generator: Any, metadata: dict[str, Any]) -> None:
    region = metadata.get("region")
    if isinstance(region, str) and region.strip():
        metadata["category"] = Category(region.strip(), generator.settings)
